import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDistrictIndex } from './district-index.ts';

describe('buildDistrictIndex', () => {
  let dataDirectory = '';
  beforeEach(() => { dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-index-')); });
  afterEach(() => rmSync(dataDirectory, { recursive: true, force: true }));

  function writeDistrict(folder: string, manifest: unknown): void {
    mkdirSync(join(dataDirectory, folder));
    writeFileSync(join(dataDirectory, folder, 'district.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }

  it('lists every folder with a valid district.json, sorted by id', () => {
    writeDistrict('zhabei', { id: 'zhabei', name: { zh: '闸北', en: 'Zhabei' } });
    writeDistrict('anting', { id: 'anting', name: { zh: '安亭', en: 'Anting' }, sample: true });
    const index = buildDistrictIndex(dataDirectory);
    expect(index.districts.map((district) => district.id)).toEqual(['anting', 'zhabei']);
    expect(index.districts[0]?.sample).toBe(true);
    expect(index.districts[1]?.sample).toBe(false);
  });

  it('skips, with a reason, folders whose manifest is broken or names another id', () => {
    writeDistrict('broken', '{ "id": "broken", ');
    writeDistrict('renamed', { id: 'other', name: { zh: '甲', en: 'A' } });
    mkdirSync(join(dataDirectory, 'empty'));
    const index = buildDistrictIndex(dataDirectory);
    expect(index.districts).toEqual([]);
    expect(index.skipped.map((entry) => entry.folder)).toEqual(['broken', 'empty', 'renamed']);
    expect(index.skipped[0]?.reason).toMatch(/not valid JSON/);
  });
});
