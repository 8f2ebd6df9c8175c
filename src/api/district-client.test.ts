import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDistrict, DistrictLoadError } from './district-client.ts';

// Serves a copy of data/ from disk, as the static server would: the client under test is real,
// only the transport is the file system instead of HTTP.
let dataRoot = '';
const fromDisk = async (url: string) => {
  const path = join(dataRoot, url.replace(/^\/data\//, ''));
  if (!existsSync(path)) return { ok: false, status: 404, text: '' };
  return { ok: true, status: 200, text: readFileSync(path, 'utf8') };
};

beforeAll(() => {
  dataRoot = mkdtempSync(join(tmpdir(), 'bfmap-client-'));
  cpSync(join(import.meta.dirname, '../../data/sample'), join(dataRoot, 'sample'), { recursive: true });
  cpSync(join(dataRoot, 'sample'), join(dataRoot, 'broken'), { recursive: true });
  writeFileSync(join(dataRoot, 'broken', 'tactile-paving.geojson'), '{"type":"FeatureCollection","features":[{"type":');
  rmSync(join(dataRoot, 'broken', 'elevators.geojson'));
  rmSync(join(dataRoot, 'broken', 'basemap.geojson'));
});
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

describe('loadDistrict', () => {
  it('loads every layer of the sample district without problems', async () => {
    const district = await loadDistrict('/', 'sample', fromDisk);
    expect(district.problems).toEqual([]);
    expect(district.facilities.length).toBe(district.manifest.counts.ramps + district.manifest.counts.toilets + district.manifest.counts.elevators + district.manifest.counts.tactilePaving);
    expect(Object.values(district.layers).every((layer) => layer.status === 'ok')).toBe(true);
  });

  it('with a broken and a missing layer, fails those two alone and names the files', async () => {
    const district = await loadDistrict('/', 'broken', fromDisk);
    expect(district.layers.tactile_paving.status).toBe('failed');
    expect(district.layers.elevator.status).toBe('failed');
    expect(district.layers.basemap.status).toBe('absent');
    expect(district.layers.ramp.status).toBe('ok');
    expect(district.problems.map((problem) => problem.file).sort()).toEqual(['broken/elevators.geojson', 'broken/tactile-paving.geojson']);
    expect(district.facilities.some((facility) => facility.category === 'ramp')).toBe(true);
    expect(district.facilities.some((facility) => facility.category === 'tactile_paving' || facility.category === 'elevator')).toBe(false);
  });

  it('refuses a district without a manifest with a clear error', async () => {
    await expect(loadDistrict('/', 'nowhere', fromDisk)).rejects.toThrow(DistrictLoadError);
    await expect(loadDistrict('/', 'nowhere', fromDisk)).rejects.toThrow(/nowhere\/district\.json/);
  });
});
