import { describe, it, expect, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LAYER_FILES } from '../../src/domain/facilities/model.ts';
import { loadDistrictCatalog } from './district-catalog.ts';

const dataFolder = resolve(import.meta.dirname, '..', '..', 'data');
const temporaryFolders: string[] = [];
afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

function featureIds(folder: string, file: string): string[] {
  const collection = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { features: { properties: { id: string } }[] };
  return collection.features.map((feature) => feature.properties.id);
}

describe('loadDistrictCatalog', () => {
  it('offers every district folder of data/ and every facility of its four layers', async () => {
    const { catalog, problems } = await loadDistrictCatalog(dataFolder);
    const folders = readdirSync(dataFolder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(dataFolder, entry.name, 'district.json')));
    expect(catalog.districts.length).toBe(folders.length);
    expect(problems).toEqual([]);
    const sample = join(dataFolder, 'sample');
    for (const [category, file] of [['ramp', LAYER_FILES.ramp], ['toilet', LAYER_FILES.toilet], ['elevator', LAYER_FILES.elevator], ['tactile_paving', LAYER_FILES.tactile_paving]] as const) {
      const ids = featureIds(sample, file);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(catalog.findFacility('sample', id)?.category, id).toBe(category);
    }
    expect(catalog.hasDistrict('sample')).toBe(true);
    expect(catalog.findFacility('sample', 'sample:elevator:none')).toBeNull();
    expect(catalog.findFacility('atlantis', featureIds(sample, LAYER_FILES.elevator)[0] ?? '')).toBeNull();
  });

  it('names a broken layer and a folder without a manifest, and keeps the rest', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bfmap-catalog-'));
    temporaryFolders.push(folder);
    cpSync(join(dataFolder, 'sample'), join(folder, 'sample'), { recursive: true });
    cpSync(join(dataFolder, 'sample'), join(folder, 'assets'), { recursive: true });
    rmSync(join(folder, 'assets', 'district.json'));
    writeFileSync(join(folder, 'sample', LAYER_FILES.toilet), '{"type": "FeatureCollection", "features": [');
    const { catalog, problems } = await loadDistrictCatalog(folder);
    expect(catalog.districts.map((district) => district.id)).toEqual(['sample']);
    expect(problems.some((problem) => problem.includes(join(folder, 'assets', 'district.json')))).toBe(true);
    expect(problems.some((problem) => problem.includes(LAYER_FILES.toilet) && problem.includes('toilet'))).toBe(true);
    const toiletId = featureIds(join(dataFolder, 'sample'), LAYER_FILES.toilet)[0] ?? '';
    expect(catalog.findFacility('sample', toiletId)).toBeNull();
    const elevatorId = featureIds(join(dataFolder, 'sample'), LAYER_FILES.elevator)[0] ?? '';
    expect(catalog.findFacility('sample', elevatorId)?.id).toBe(elevatorId);
  });

  it('refuses to start from a folder that does not exist, naming it', async () => {
    const missing = join(tmpdir(), 'bfmap-no-such-districts-folder');
    await expect(loadDistrictCatalog(missing)).rejects.toThrow(missing);
  });
});
