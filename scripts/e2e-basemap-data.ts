// Districts for the external-basemap e2e specs (tests/basemap.spec.ts): copies of the sample with a
// new id and name, each naming a basemap in its district.json. Written into the e2e data folder
// (BFMAP_EXTRA_DATA) by scripts/e2e-data.ts, never into data/.
//   npx tsx scripts/e2e-basemap-data.ts [folder]   (default test-results/e2e-data)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundingBox, DistrictManifest, ExternalBasemapReference } from '../src/domain/facilities/model.ts';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';
import { rasterBasemapArchive } from '../tests/support/pmtiles-fixture.ts';

const projectRoot = resolve(import.meta.dirname, '..');
const sampleFolder = join(projectRoot, 'data', 'sample');

/** Ids sort after "sample", which stays the default district. */
export const BASEMAP_E2E_DISTRICTS = {
  pmtiles: 'test-basemap-pmtiles',
  style: 'test-basemap-style',
  broken: 'test-basemap-broken',
  noTiles: 'test-basemap-no-tiles',
} as const;

export const BASEMAP_ARCHIVE_FILE = 'basemap.pmtiles';
export const BASEMAP_STYLE_FILE = 'style.json';
/** Named by the broken district and never written: the style request answers 404. */
export const MISSING_STYLE_FILE = 'no-such-style.json';
/** Named by the style of the no-tiles district and never written: the style loads, its tiles do not. */
const MISSING_ARCHIVE_FILE = 'no-such-basemap.pmtiles';
export const BASEMAP_ATTRIBUTION = 'Test tiles (generated)';
/** Zooms of the archive's tiles; the map overzooms the last one when the user zooms in further. */
const ARCHIVE_MIN_ZOOM = 11;
const ARCHIVE_MAX_ZOOM = 14;

/** The district box grown by its own size on every side: as far as the map lets the user pan. */
function panningBox(bbox: BoundingBox): BoundingBox {
  const width = bbox[2] - bbox[0];
  const height = bbox[3] - bbox[1];
  return [bbox[0] - width, bbox[1] - height, bbox[2] + width, bbox[3] + height];
}

function copySample(outDirectory: string, id: string, name: DistrictManifest['name'], basemap: ExternalBasemapReference): { folder: string; manifest: DistrictManifest } {
  const folder = join(outDirectory, id);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(outDirectory, { recursive: true });
  cpSync(sampleFolder, folder, { recursive: true });
  const sample = JSON.parse(readFileSync(join(sampleFolder, 'district.json'), 'utf8')) as DistrictManifest;
  const manifest: DistrictManifest = { ...sample, id, name, basemap };
  writeFileSync(join(folder, 'district.json'), formatJsonFile(manifest));
  return { folder, manifest };
}

/** Writes the districts into `outDirectory` and returns their ids. */
export function writeBasemapDistricts(outDirectory: string): string[] {
  const archived = copySample(outDirectory, BASEMAP_E2E_DISTRICTS.pmtiles, { zh: '底图测试：PMTiles', en: 'Basemap test: PMTiles' }, { style: null, pmtiles: BASEMAP_ARCHIVE_FILE });
  const archive = rasterBasemapArchive(panningBox(archived.manifest.bbox), ARCHIVE_MIN_ZOOM, ARCHIVE_MAX_ZOOM, BASEMAP_ATTRIBUTION);
  writeFileSync(join(archived.folder, BASEMAP_ARCHIVE_FILE), archive);

  // A style that reads the same archive through the pmtiles:// protocol, by a path relative to itself.
  const styled = copySample(outDirectory, BASEMAP_E2E_DISTRICTS.style, { zh: '底图测试：样式', en: 'Basemap test: style' }, { style: BASEMAP_STYLE_FILE, pmtiles: null });
  writeFileSync(join(styled.folder, BASEMAP_ARCHIVE_FILE), archive);
  const rasterStyle = (archiveFile: string) => ({
    version: 8,
    name: 'test raster style',
    sources: { raster: { type: 'raster', url: `pmtiles://${archiveFile}`, tileSize: 256, attribution: BASEMAP_ATTRIBUTION } },
    layers: [{ id: 'raster', type: 'raster', source: 'raster' }],
  });
  writeFileSync(join(styled.folder, BASEMAP_STYLE_FILE), formatJsonFile(rasterStyle(BASEMAP_ARCHIVE_FILE)));

  const tileless = copySample(outDirectory, BASEMAP_E2E_DISTRICTS.noTiles, { zh: '底图测试：缺瓦片', en: 'Basemap test: no tiles' }, { style: BASEMAP_STYLE_FILE, pmtiles: null });
  writeFileSync(join(tileless.folder, BASEMAP_STYLE_FILE), formatJsonFile(rasterStyle(MISSING_ARCHIVE_FILE)));

  copySample(outDirectory, BASEMAP_E2E_DISTRICTS.broken, { zh: '底图测试：无法加载', en: 'Basemap test: broken' }, { style: MISSING_STYLE_FILE, pmtiles: null });
  return Object.values(BASEMAP_E2E_DISTRICTS);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDirectory = resolve(process.argv[2] ?? join(projectRoot, 'test-results', 'e2e-data'));
  for (const id of writeBasemapDistricts(outDirectory)) console.log(`e2e data: ${id} in ${join(outDirectory, id)}`);
}
