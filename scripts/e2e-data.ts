// Imports real OpenStreetMap data from ../shared/data into test-results/e2e-data/, a folder of
// districts the e2e build adds to the sample (BFMAP_EXTRA_DATA). The real data stays out of the
// repository and out of `npm start`; the e2e suite still drives the app over an imported district.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importOsmFile } from '../bin/commands/import-osm.ts';
import { writeBasemapDistricts } from './e2e-basemap-data.ts';

const projectRoot = resolve(import.meta.dirname, '..');
export const E2E_DATA_DIRECTORY = join(projectRoot, 'test-results', 'e2e-data');
/** The e2e server's SQLite folder (playwright.config.ts sets DATA_DIR to it): emptied here, so every run starts with no reports or accounts. */
export const E2E_STORAGE_DIRECTORY = join(projectRoot, 'test-results', 'e2e-var');
const sharedData = resolve(projectRoot, '..', 'shared', 'data');

/** The imported districts the e2e specs use, by id. The ids sort after "sample", which stays the default district. */
export const E2E_DISTRICTS = {
  'test-paris-marais': { file: join(sharedData, 'osm', 'paris-marais.osm'), nameZh: '巴黎玛黑区（OpenStreetMap）', nameEn: 'Paris Marais (OpenStreetMap)' },
} as const;

async function main(): Promise<void> {
  rmSync(E2E_DATA_DIRECTORY, { recursive: true, force: true });
  rmSync(E2E_STORAGE_DIRECTORY, { recursive: true, force: true });
  for (const [id, district] of Object.entries(E2E_DISTRICTS)) {
    if (!existsSync(district.file)) {
      throw new Error(`${district.file} is missing: the e2e suite imports it (../shared/data must sit beside the project)`);
    }
    const summary = await importOsmFile(district.file, join(E2E_DATA_DIRECTORY, id), { id, nameZh: district.nameZh, nameEn: district.nameEn });
    console.log(`e2e data: ${id} from ${district.file}: ${summary.counts.network} network edges, ${summary.counts.ramps} ramps, ${summary.counts.places} places`);
  }
  // Copies of the sample with a real basemap named in district.json (PMTiles, a style, broken ones).
  const basemapDistricts = writeBasemapDistricts(E2E_DATA_DIRECTORY);
  console.log(`e2e data: ${basemapDistricts.join(', ')} (basemap cases)`);
}

await main();
