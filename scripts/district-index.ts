// Builds data/index.json from the district folders. The index is generated at build (and on every
// dev request), never hand-edited, so adding a folder under data/ is all it takes to list a district.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DistrictIndexEntry } from '../src/domain/facilities/model.ts';

export interface DistrictIndexBuild {
  districts: DistrictIndexEntry[];
  /** Folders that look like districts but could not be listed, with the reason. */
  skipped: { folder: string; reason: string }[];
}

export function buildDistrictIndex(dataDirectory: string): DistrictIndexBuild {
  const districts: DistrictIndexEntry[] = [];
  const skipped: DistrictIndexBuild['skipped'] = [];
  if (!existsSync(dataDirectory)) return { districts, skipped };
  for (const folder of readdirSync(dataDirectory).sort()) {
    const folderPath = join(dataDirectory, folder);
    if (!statSync(folderPath).isDirectory()) continue;
    const manifestPath = join(folderPath, 'district.json');
    if (!existsSync(manifestPath)) {
      skipped.push({ folder, reason: 'no district.json' });
      continue;
    }
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      const name = manifest.name as { zh?: unknown; en?: unknown } | undefined;
      if (manifest.id !== folder) {
        skipped.push({ folder, reason: `district.json id "${String(manifest.id)}" differs from the folder name` });
        continue;
      }
      if (typeof name?.zh !== 'string' || typeof name.en !== 'string') {
        skipped.push({ folder, reason: 'district.json has no name.zh and name.en' });
        continue;
      }
      districts.push({ id: folder, name: { zh: name.zh, en: name.en }, sample: manifest.sample === true });
    } catch (error) {
      skipped.push({ folder, reason: `district.json is not valid JSON: ${(error as Error).message}` });
    }
  }
  return { districts, skipped };
}
