import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { writeDistrictFolder } from './district-writer.ts';
import { buildDistrictFiles, emptyDistrictLayers } from '../src/domain/import/district-files.ts';

const toilet: Feature = {
  type: 'Feature',
  properties: { id: 't:1', category: 'toilet', status: 'unknown', source: 'test', name_zh: '人民广场无障碍卫生间' },
  geometry: { type: 'Point', coordinates: [121.47, 31.23] },
};
const files = buildDistrictFiles(
  { id: 'written', name: { zh: '写入', en: 'Written' }, source: 'test', licence: 'CC0-1.0', attribution: 'test' },
  { ...emptyDistrictLayers(), toilets: [toilet] },
);

describe('writeDistrictFolder', () => {
  it('writes every file plus search.json, replaces the old layers, and keeps files the contract does not cover', () => {
    const parent = mkdtempSync(join(tmpdir(), 'bfmap-writer-'));
    const target = join(parent, 'written');
    mkdirSync(target);
    writeFileSync(join(target, 'stale.geojson'), '{}');
    writeFileSync(join(target, 'basemap.pmtiles'), 'tiles');
    writeDistrictFolder(target, files);
    expect(readdirSync(target).sort()).toEqual([...Object.keys(files), 'search.json', 'basemap.pmtiles'].sort());
    expect(readFileSync(join(target, 'basemap.pmtiles'), 'utf8')).toBe('tiles');
    expect(readFileSync(join(target, 'search.json'), 'utf8')).toContain('ren min guang chang');
    expect(readdirSync(parent)).toEqual(['written']);
  });

  it('leaves the old folder untouched and no temporary folder when writing fails', () => {
    const parent = mkdtempSync(join(tmpdir(), 'bfmap-writer-'));
    const target = join(parent, 'written');
    writeDistrictFolder(target, files);
    const before = readFileSync(join(target, 'toilets.geojson'), 'utf8');
    // A BigInt cannot be written as JSON, so the write throws after some files are out.
    expect(() => writeDistrictFolder(target, { ...files, 'zz-broken.geojson': { value: 1n } })).toThrow();
    expect(readFileSync(join(target, 'toilets.geojson'), 'utf8')).toBe(before);
    expect(existsSync(join(target, 'zz-broken.geojson'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['written']);
  });
});
