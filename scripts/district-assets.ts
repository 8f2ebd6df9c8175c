// The district files the app fetches, as the build emits them and the dev server serves them:
// every listed district's own files, plus derived files (search.json, network.bin) computed from
// its layers when the folder has none. Districts come from data/ and from the folders named in
// BFMAP_EXTRA_DATA (path-separated), which the e2e suite uses for real imported districts that
// must never be committed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { DistrictIndexEntry } from '../src/domain/facilities/model.ts';
import { buildDistrictIndex } from './district-index.ts';

/** Computes a derived file for a district folder; null when it cannot be made from that folder. */
export type DerivedFile = (districtDirectory: string) => string | Uint8Array | null;

export interface DistrictSource {
  entry: DistrictIndexEntry;
  directory: string;
}

export interface DistrictAssets {
  districts: DistrictSource[];
  /** Folders that look like districts but are not listed, and why; ids listed twice, and where. */
  skipped: { folder: string; reason: string }[];
}

/** data/ first, then each extra root; the first folder with an id wins. */
export function dataRoots(projectRoot: string, extra = process.env.BFMAP_EXTRA_DATA ?? ''): string[] {
  const extras = extra.split(delimiter).map((path) => path.trim()).filter((path) => path !== '').map((path) => resolve(projectRoot, path));
  return [resolve(projectRoot, 'data'), ...extras];
}

export function listDistricts(roots: readonly string[]): DistrictAssets {
  const districts: DistrictSource[] = [];
  const skipped: DistrictAssets['skipped'] = [];
  for (const root of roots) {
    const index = buildDistrictIndex(root);
    skipped.push(...index.skipped.map((entry) => ({ ...entry, folder: join(root, entry.folder) })));
    for (const entry of index.districts) {
      const directory = join(root, entry.id);
      if (districts.some((district) => district.entry.id === entry.id)) {
        skipped.push({ folder: directory, reason: `district id "${entry.id}" is already listed from another folder` });
        continue;
      }
      districts.push({ entry, directory });
    }
  }
  return { districts, skipped };
}

/** Data files, derived files, and a PMTiles basemap the district's manifest may name (data/README.md, "Real basemap"). */
const SERVED_FILE = /\.(json|geojson|bin|pmtiles)$/;

/** The district's own files that the app may fetch, by file name. */
export function districtFileNames(directory: string): string[] {
  return readdirSync(directory).filter((file) => SERVED_FILE.test(file)).sort();
}

/**
 * The content of `data/<id>/<file>`: the folder's own file, or the derived one computed when the
 * folder lacks it; null when neither exists.
 */
export function districtFile(
  district: DistrictSource,
  file: string,
  derived: Readonly<Record<string, DerivedFile>>,
): string | Uint8Array | null {
  if (!SERVED_FILE.test(file) || file.includes('/') || file.includes('\\') || file.startsWith('.')) return null;
  const path = join(district.directory, file);
  if (existsSync(path)) return readFileSync(path);
  const make = derived[file];
  return make ? make(district.directory) : null;
}
