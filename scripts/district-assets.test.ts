import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { dataRoots, districtFile, districtFileNames, listDistricts } from './district-assets.ts';

function writeDistrict(root: string, id: string, files: Record<string, string> = {}): void {
  mkdirSync(join(root, id), { recursive: true });
  writeFileSync(join(root, id, 'district.json'), JSON.stringify({ id, name: { zh: id, en: id } }));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(root, id, file), content);
}

describe('district assets', () => {
  it('list data/ first, then extra roots, and skip an id listed twice', () => {
    const project = mkdtempSync(join(tmpdir(), 'bfmap-assets-'));
    const extra = mkdtempSync(join(tmpdir(), 'bfmap-assets-extra-'));
    writeDistrict(join(project, 'data'), 'sample');
    writeDistrict(extra, 'test-real');
    writeDistrict(extra, 'sample');
    const roots = dataRoots(project, ['', extra].join(delimiter));
    expect(roots).toEqual([join(project, 'data'), extra]);
    const { districts, skipped } = listDistricts(roots);
    expect(districts.map((district) => district.entry.id)).toEqual(['sample', 'test-real']);
    expect(districts[0]?.directory).toBe(join(project, 'data', 'sample'));
    expect(skipped).toEqual([{ folder: join(extra, 'sample'), reason: 'district id "sample" is already listed from another folder' }]);
  });

  it("serve a folder's own file before a derived one, compute a missing derived one, and nothing outside the folder", () => {
    const root = mkdtempSync(join(tmpdir(), 'bfmap-assets-'));
    writeDistrict(root, 'own', { 'search.json': '"own"', 'notes.txt': 'x' });
    writeDistrict(root, 'bare');
    const { districts } = listDistricts([root]);
    const own = districts.find((district) => district.entry.id === 'own');
    const bare = districts.find((district) => district.entry.id === 'bare');
    if (!own || !bare) throw new Error('both districts should be listed');
    const derived = { 'search.json': (directory: string) => `"made for ${directory.endsWith('bare') ? 'bare' : 'other'}"` };
    expect(String(districtFile(bare, 'search.json', derived))).toBe('"made for bare"');
    expect(String(districtFile(own, 'search.json', derived))).toBe('"own"');
    expect(districtFile(own, 'notes.txt', derived)).toBeNull();
    expect(districtFile(own, '../bare/district.json', derived)).toBeNull();
    expect(districtFile(bare, 'network.bin', derived)).toBeNull();
    expect(districtFileNames(own.directory)).toEqual(['district.json', 'search.json']);
  });
});

describe('a PMTiles basemap in a district folder', () => {
  it('is listed, so the build copies it, and served as it is', () => {
    const root = mkdtempSync(join(tmpdir(), 'bfmap-assets-'));
    const archive = Buffer.from([0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73, 3, 0xff, 0x00]);
    mkdirSync(join(root, 'huangpu'), { recursive: true });
    writeFileSync(join(root, 'huangpu', 'district.json'), JSON.stringify({ id: 'huangpu', name: { zh: '黄浦', en: 'Huangpu' } }));
    writeFileSync(join(root, 'huangpu', 'basemap.pmtiles'), archive);
    writeFileSync(join(root, 'huangpu', 'basemap.mbtiles'), archive);
    const [district] = listDistricts([root]).districts;
    if (!district) throw new Error('the district should be listed');
    expect(districtFileNames(district.directory)).toEqual(['basemap.pmtiles', 'district.json']);
    const served = districtFile(district, 'basemap.pmtiles', {});
    expect(served && Buffer.from(served).equals(archive)).toBe(true);
    expect(districtFile(district, 'basemap.mbtiles', {})).toBeNull();
  });
});
