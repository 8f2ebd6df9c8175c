// Reads what search needs from a district folder on disk, with the project's parsers: the four
// facility layers, the places, the manifest's centre and the derived search.json when present.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FACILITY_CATEGORIES, LAYER_FILES, type Facility, type LngLat, type Place } from '../src/domain/facilities/model.ts';
import { parseDistrictManifest, parseFacilityLayer, parseJsonText, parsePlacesLayer, type DataProblem } from '../src/domain/facilities/parse.ts';
import { parseSearchData, SEARCH_DATA_FILE, type SearchData } from '../src/domain/search/search-data.ts';
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { parseBasemapLayer, parseBoundaryLayer, parseNetworkLayer } from '../src/domain/facilities/parse.ts';
import type { DistrictLayers } from '../src/domain/import/district-files.ts';

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

// ---------------------------------------------------------------------------------------------
// Whole folders: for bfmap validate, and for imports that merge into an existing district.

/** The files of the data contract, in the order validate reports them. */
export const DISTRICT_FOLDER_FILES = ['district.json', ...Object.values(LAYER_FILES), SEARCH_DATA_FILE] as const;

/** The text of each contract file in the folder, null for one that is absent. */
export function readDistrictFolderTexts(directory: string): Record<string, string | null> {
  assertDistrictFolder(directory);
  return Object.fromEntries(DISTRICT_FOLDER_FILES.map((file) => {
    const path = join(directory, file);
    return [file, existsSync(path) ? readFileSync(path, 'utf8') : null];
  }));
}

export interface DistrictForMerge {
  /** district.json as written, unknown fields included, so a merge keeps them. */
  manifest: Record<string, unknown>;
  /** The features of every layer as they are on disk (snake_case properties). */
  layers: DistrictLayers;
  /** Files in the folder that are not part of the contract; a rewrite of the folder does not carry them over. */
  otherFiles: string[];
  /** Warnings of the parsers (bad optional values, read as unknown); the features stay. */
  problems: DataProblem[];
}

/**
 * An existing district folder, read to merge an import into it. Every file goes through the
 * parsers first; a folder with errors (features the app would leave out) is refused with the
 * first of them, so a merge never silently drops or spreads bad data.
 */
export function readDistrictForMerge(directory: string): DistrictForMerge {
  assertDistrictFolder(directory);
  const problems: DataProblem[] = [];
  const manifestJson = readJson(directory, 'district.json', problems);
  problems.push(...parseDistrictManifest('district.json', manifestJson).problems);
  const layerJson = (file: string, required: boolean): unknown =>
    (required || existsSync(join(directory, file)) ? readJson(directory, file, problems) : null);
  const features = (json: unknown): Feature[] => ((json as { features?: Feature[] } | null)?.features ?? []);
  const checked = (json: unknown, result: { problems: DataProblem[] }): Feature[] => {
    problems.push(...result.problems);
    return features(json);
  };
  const facility = (category: 'ramp' | 'toilet' | 'elevator' | 'tactile_paving'): Feature[] => {
    const json = layerJson(LAYER_FILES[category], true);
    return checked(json, parseFacilityLayer(category, LAYER_FILES[category], json));
  };
  const boundaryJson = layerJson(LAYER_FILES.boundary, true);
  const networkJson = layerJson(LAYER_FILES.network, true);
  const placesJson = layerJson(LAYER_FILES.places, true);
  const basemapJson = layerJson(LAYER_FILES.basemap, false);
  const layers: DistrictLayers = {
    boundary: checked(boundaryJson, parseBoundaryLayer(LAYER_FILES.boundary, boundaryJson)),
    ramps: facility('ramp'),
    toilets: facility('toilet'),
    elevators: facility('elevator'),
    tactilePaving: facility('tactile_paving'),
    network: checked(networkJson, parseNetworkLayer(LAYER_FILES.network, networkJson)),
    places: checked(placesJson, parsePlacesLayer(LAYER_FILES.places, placesJson)),
    basemap: basemapJson === null ? null : checked(basemapJson, parseBasemapLayer(LAYER_FILES.basemap, basemapJson)),
  };
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new DistrictFolderError(
      `${directory} has ${errors.length} data error${errors.length === 1 ? '' : 's'} (first: ${errors[0]?.detail}); fix them before importing into it (bfmap validate ${directory} lists them all)`,
    );
  }
  const known = new Set<string>(DISTRICT_FOLDER_FILES);
  const otherFiles = readdirSync(directory).filter((file) => !known.has(file) && !file.startsWith('.')).sort();
  return { manifest: manifestJson as Record<string, unknown>, layers, otherFiles, problems };
}

/**
 * The Polygon and MultiPolygon features of a GeoJSON file given as a district boundary (WGS84),
 * optionally only those whose name, name_zh, name:zh or name_en equals `name`. Throws
 * DistrictFolderError saying what is wrong.
 */
export function readBoundaryFile(path: string, name: string | null): Feature[] {
  if (!existsSync(path)) throw new DistrictFolderError(`the boundary file ${path} does not exist`);
  const file = basename(path);
  const { json, problem } = parseJsonText(file, readFileSync(path, 'utf8'));
  if (problem) throw new DistrictFolderError(problem.detail);
  const candidates = (json as { type?: unknown; features?: unknown; geometry?: unknown } | null);
  const list: unknown[] = candidates?.type === 'FeatureCollection' && Array.isArray(candidates.features) ? candidates.features
    : candidates?.type === 'Feature' ? [candidates]
      : candidates?.type === 'Polygon' || candidates?.type === 'MultiPolygon' ? [{ type: 'Feature', properties: {}, geometry: candidates }] : [];
  const polygons = list.filter((feature): feature is Feature => {
    const type = (feature as Feature | null)?.geometry?.type;
    return type === 'Polygon' || type === 'MultiPolygon';
  });
  const names = (feature: Feature): string[] => ['name', 'name_zh', 'name:zh', 'name_en', 'name:en']
    .map((key) => feature.properties?.[key]).filter((value): value is string => typeof value === 'string');
  const chosen = name === null ? polygons : polygons.filter((feature) => names(feature).includes(name));
  if (chosen.length === 0) {
    const available = polygons.flatMap((feature) => names(feature).slice(0, 1)).slice(0, 20).join(', ');
    throw new DistrictFolderError(name === null
      ? `${file} has no Polygon or MultiPolygon feature to use as the boundary`
      : `${file} has no polygon named "${name}"${available ? `; its names include ${available}` : ''}`);
  }
  const result = parseBoundaryLayer(file, { type: 'FeatureCollection', features: chosen.map((feature) => ({ ...feature, properties: { name_zh: null, name_en: null, ...feature.properties } })) });
  const error = result.problems.find((entry) => entry.severity === 'error');
  if (error) throw new DistrictFolderError(error.detail);
  return chosen.map((feature) => {
    const featureNames = names(feature);
    const nameZh = featureNames.find((text) => /\p{Script=Han}/u.test(text)) ?? null;
    const nameEn = (typeof feature.properties?.name_en === 'string' ? feature.properties.name_en : null)
      ?? (typeof feature.properties?.['name:en'] === 'string' ? feature.properties['name:en'] as string : null)
      ?? featureNames.find((text) => !/\p{Script=Han}/u.test(text)) ?? null;
    return { type: 'Feature', properties: { name_zh: nameZh, name_en: nameEn }, geometry: counterClockwise(feature.geometry as Polygon | MultiPolygon) };
  });
}

/** Twice the signed area of a ring (shoelace formula); positive when it runs counter-clockwise. */
function ringArea(ring: readonly Position[]): number {
  let area = 0;
  for (let index = 1; index < ring.length; index += 1) {
    const [startX = 0, startY = 0] = ring[index - 1] as Position;
    const [endX = 0, endY = 0] = ring[index] as Position;
    area += startX * endY - endX * startY;
  }
  return area;
}

/** The polygon with exterior rings counter-clockwise and holes clockwise, as RFC 7946 §3.1.6 asks. */
function counterClockwise(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const orient = (rings: Position[][]): Position[][] => rings.map((ring, index) => ((ringArea(ring) > 0) === (index === 0) ? ring : [...ring].reverse()));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: orient(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(orient) };
}

