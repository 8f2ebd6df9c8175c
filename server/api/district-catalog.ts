// The districts and facilities a report may name, read once when the server starts from the same
// district folders the app serves (dist/data, or data/ in development), through the project's own
// parsers, so the API accepts exactly what the map shows.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FACILITY_CATEGORIES, LAYER_FILES, type BoundingBox, type DistrictManifest, type Facility } from '../../src/domain/facilities/model.ts';
import { parseDistrictManifest, parseFacilityLayer, parseJsonText } from '../../src/domain/facilities/parse.ts';

export const MANIFEST_FILE = 'district.json';

export interface CatalogDistrict {
  id: string;
  bbox: BoundingBox;
  manifest: DistrictManifest;
  facilities: ReadonlyMap<string, Facility>;
}

export interface DistrictCatalog {
  /** In folder-name order; the shape validateNewReport's context asks for. */
  readonly districts: readonly CatalogDistrict[];
  hasDistrict(districtId: string): boolean;
  findFacility(districtId: string, facilityId: string): Facility | null;
}

export interface CatalogLoad {
  catalog: DistrictCatalog;
  /** What was left out and why, one line each, naming the file: for the start-up log. */
  problems: string[];
}

export function createDistrictCatalog(districts: readonly CatalogDistrict[]): DistrictCatalog {
  const byId = new Map(districts.map((district) => [district.id, district]));
  return {
    districts,
    hasDistrict: (districtId) => byId.has(districtId),
    findFacility: (districtId, facilityId) => byId.get(districtId)?.facilities.get(facilityId) ?? null,
  };
}

async function readJson(path: string): Promise<{ json: unknown; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { json: null, problem: `${path} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const parsed = parseJsonText(path, text);
  return { json: parsed.json, problem: parsed.problem?.detail ?? null };
}

/**
 * Reads every sub-folder of `directory` that holds a district.json: its manifest and its four
 * facility layers. A folder without a manifest (assets, a half-copied district) is skipped and
 * named in `problems`; a missing or broken layer leaves that category empty, so reports naming its
 * facilities are refused as unknown rather than accepted unchecked. Throws when `directory`
 * itself cannot be read: a server that accepts reports for no district is misconfigured.
 */
export async function loadDistrictCatalog(directory: string): Promise<CatalogLoad> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new Error(`The districts folder ${directory} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); build the app (npm run build) or set DISTRICTS_DIR.`, { cause: error });
  }
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const problems: string[] = [];
  const districts: CatalogDistrict[] = [];
  for (const folder of folders) {
    const manifestPath = join(directory, folder, MANIFEST_FILE);
    const manifestJson = await readJson(manifestPath);
    if (manifestJson.problem !== null) {
      problems.push(`${manifestPath}: skipped, ${manifestJson.problem}`);
      continue;
    }
    const { manifest, problems: manifestProblems } = parseDistrictManifest(manifestPath, manifestJson.json);
    if (manifest === null) {
      problems.push(...manifestProblems.map((problem) => `${problem.detail}; the district is skipped`));
      continue;
    }
    if (districts.some((district) => district.id === manifest.id)) {
      problems.push(`${manifestPath}: district id ${manifest.id} is already used by another folder; this one is skipped`);
      continue;
    }
    const facilities = new Map<string, Facility>();
    for (const category of FACILITY_CATEGORIES) {
      const layerPath = join(directory, folder, LAYER_FILES[category]);
      const layer = await readJson(layerPath);
      if (layer.problem !== null) {
        problems.push(`${layer.problem}: district ${manifest.id} has no ${category} facilities to report on`);
        continue;
      }
      const parsed = parseFacilityLayer(category, layerPath, layer.json);
      const errors = parsed.problems.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) problems.push(`${layerPath}: ${errors.length} problem(s) left features out, first: ${errors[0]?.detail ?? ''}`);
      for (const facility of parsed.items) {
        if (facilities.has(facility.id)) {
          problems.push(`${layerPath}: facility id ${facility.id} is also used in another layer of district ${manifest.id}; the first one is kept`);
          continue;
        }
        facilities.set(facility.id, facility);
      }
    }
    districts.push({ id: manifest.id, bbox: manifest.bbox, manifest, facilities });
  }
  return { catalog: createDistrictCatalog(districts), problems };
}
