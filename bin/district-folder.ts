// Reads what search needs from a district folder on disk, with the project's parsers: the four
// facility layers, the places, the manifest's centre and the derived search.json when present.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FACILITY_CATEGORIES, LAYER_FILES, type Facility, type LngLat, type Place } from '../src/domain/facilities/model.ts';
import { parseDistrictManifest, parseFacilityLayer, parseJsonText, parsePlacesLayer, type DataProblem } from '../src/domain/facilities/parse.ts';
import { parseSearchData, SEARCH_DATA_FILE, type SearchData } from '../src/domain/search/search-data.ts';

export interface DistrictForSearch {
  facilities: Facility[];
  places: Place[];
  /** Problems of the layers read, as the parsers report them; errors mean features were left out. */
  problems: DataProblem[];
}

/** Thrown for a folder that cannot be read as a district; its message says which file and why. */
export class DistrictFolderError extends Error {}

function readJson(directory: string, file: string, problems: DataProblem[]): unknown {
  const path = join(directory, file);
  if (!existsSync(path)) throw new DistrictFolderError(`${path} is missing: a district folder needs ${file}`);
  const { json, problem } = parseJsonText(file, readFileSync(path, 'utf8'));
  if (problem) problems.push(problem);
  return json;
}

export function assertDistrictFolder(directory: string): void {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new DistrictFolderError(`${directory} is not a folder`);
}

/** The facility layers and the places of a district folder; throws DistrictFolderError when one is missing. */
export function readDistrictForSearch(directory: string): DistrictForSearch {
  assertDistrictFolder(directory);
  const problems: DataProblem[] = [];
  const facilities = FACILITY_CATEGORIES.flatMap((category) => {
    const result = parseFacilityLayer(category, LAYER_FILES[category], readJson(directory, LAYER_FILES[category], problems));
    problems.push(...result.problems);
    return result.items;
  });
  const placesResult = parsePlacesLayer(LAYER_FILES.places, readJson(directory, LAYER_FILES.places, problems));
  problems.push(...placesResult.problems);
  return { facilities, places: placesResult.items, problems };
}

/** The map centre of district.json, or null when the manifest is missing or invalid. */
export function readDistrictCenter(directory: string): LngLat | null {
  const path = join(directory, 'district.json');
  if (!existsSync(path)) return null;
  const { json } = parseJsonText('district.json', readFileSync(path, 'utf8'));
  return parseDistrictManifest('district.json', json).manifest?.center ?? null;
}

/** The folder's search.json, parsed; null when absent. A file that cannot be used is reported in `problem`. */
export function readSearchData(directory: string): { data: SearchData | null; problem: string | null } {
  const path = join(directory, SEARCH_DATA_FILE);
  if (!existsSync(path)) return { data: null, problem: null };
  const { json, problem } = parseJsonText(SEARCH_DATA_FILE, readFileSync(path, 'utf8'));
  if (problem) return { data: null, problem: problem.detail };
  return parseSearchData(json);
}
