import { afterAll, describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { importTableCommand, decodeTableBytes, TableDecodeError } from '../bin/commands/import-table.ts';
import type { CommandOutput } from '../bin/commands/command.ts';
import { validateCommand } from '../bin/commands/validate.ts';
import type { LngLat } from '../src/domain/facilities/model.ts';
import { parseFacilityLayer } from '../src/domain/facilities/parse.ts';
import { distanceMeters } from '../src/domain/geo/index.ts';
import { gcj02ToWgs84 } from '../src/domain/import/coordinates.ts';
import { parseCsv } from '../src/domain/import/csv.ts';

const root = resolve(import.meta.dirname, '..');
const sharedData = resolve(root, '..', 'shared', 'data');
const fixtures = resolve(root, 'tests', 'fixtures', 'import');
const utf8Table = join(fixtures, 'facilities-utf8.csv');
const gbkTable = join(fixtures, 'facilities-gbk.csv');
const districtsGcj = join(sharedData, 'shanghai', 'districts-gcj02.geojson');
const districtsWgs = join(sharedData, 'shanghai', 'districts-wgs84.geojson');

async function importTable(...argumentsGiven: string[]): Promise<{ status: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const output: CommandOutput = { out: (line) => lines.push(line), error: (line) => errors.push(line) };
  const status = await importTableCommand.run(argumentsGiven, output);
  return { status, lines, errors };
}

const temporaryFolders: string[] = [];
const temporaryParent = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-table-'));
  temporaryFolders.push(folder);
  return folder;
};
afterAll(() => { for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true }); });
const readLayer = (directory: string, file: string): FeatureCollection<Point, Record<string, unknown>> =>
  JSON.parse(readFileSync(join(directory, file), 'utf8')) as FeatureCollection<Point, Record<string, unknown>>;

type Boundaries = { features: { properties: { name: string }; geometry: { coordinates: number[][][][] } }[] };
const readBoundaries = (path: string): Boundaries => JSON.parse(readFileSync(path, 'utf8')) as Boundaries;

describe('reading table files', () => {
  it('decodes the GBK fixture to exactly the text of the UTF-8 one, and says which encoding it used', () => {
    const gbkBytes = readFileSync(gbkTable);
    // The GBK file is not valid UTF-8, so the fallback is what read it.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkBytes)).toThrow();
    const gbk = decodeTableBytes(gbkBytes, 'facilities-gbk.csv');
    const utf8 = decodeTableBytes(readFileSync(utf8Table), 'facilities-utf8.csv');
    expect([gbk.encoding, utf8.encoding]).toEqual(['GBK', 'UTF-8']);
    expect(gbk.text).toBe(utf8.text);
  });

  it('reads a UTF-8 file with a byte order mark and a UTF-16 one', () => {
    const text = '名称,类别\r\n甲,卫生间\r\n';
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeTableBytes(withMark, 'a.csv')).toEqual({ text, encoding: 'UTF-8 with BOM' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeTableBytes(utf16, 'a.csv')).toEqual({ text, encoding: 'UTF-16LE' });
  });

  it('refuses bytes that are neither UTF-8 nor GBK, saying where the first bad byte is', () => {
    const bytes = Buffer.concat([Buffer.from('名称,类别\n甲,', 'utf8'), Buffer.from([0xff, 0xff, 0x80, 0x0a])]);
    const badOffset = Buffer.from('名称,类别\n甲,', 'utf8').length;
    expect(() => decodeTableBytes(bytes, 'bad.csv')).toThrow(TableDecodeError);
    expect(() => decodeTableBytes(bytes, 'bad.csv')).toThrow(`the byte 0xff at offset ${badOffset} (line 2) is not valid UTF-8`);
  });

  it('recognises an Excel workbook and a binary file', () => {
    expect(() => decodeTableBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'list.xlsx')).toThrow(/Excel workbook \(\.xlsx\)/);
    expect(() => decodeTableBytes(Buffer.from('a,b\nc\u0000d\n', 'utf8'), 'odd.csv')).toThrow(/control character \(U\+0000\) on line 2/);
  });
});

describe('bfmap import-table into a new district', () => {
  it('imports the GBK fixture as users run it, reports the rows it could not place, and the folder validates', () => {
    const out = join(temporaryParent(), 'huangpu-facilities');
    const run = spawnSync(process.execPath, [
      'bin/bfmap.js', 'import-table', gbkTable, '--out', out, '--crs', 'gcj02',
      '--name-zh', '黄浦区无障碍设施', '--name-en', 'Huangpu facilities', '--boundary', districtsWgs, '--boundary-name', '黄浦区',
    ], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('facilities-gbk.csv: read as GBK, 10 rows below the header on line 1');
    // The fixture README lists the rows that cannot be placed, and why.
    const notPlaced = run.stderr.split('\n').filter((line) => line.includes(': not placed: ')).map((line) => Number(line.split(':')[1]));
    expect(notPlaced).toEqual([7, 8, 9, 10, 11]);
    expect(run.stderr).toMatch(/facilities-gbk\.csv:10: not placed: .* m outside the district boundary/);

    const table = parseCsv(readFileSync(utf8Table, 'utf8')).rows;
    const placedRows = table.slice(1).filter((row) => !notPlaced.includes(row.lineNumber));
    const toilets = readLayer(out, 'toilets.geojson');
    const elevators = readLayer(out, 'elevators.geojson');
    const ramps = readLayer(out, 'ramps.geojson');
    expect(toilets.features.length + elevators.features.length + ramps.features.length).toBe(placedRows.length);
    expect(parseFacilityLayer('toilet', 'toilets.geojson', toilets).problems).toEqual([]);
    // Each placed facility sits on the WGS84 conversion of its row's GCJ-02 position.
    for (const feature of [...toilets.features, ...elevators.features, ...ramps.features]) {
      const line = Number(String(feature.properties.source).split(':').pop());
      const row = table.find((candidate) => candidate.lineNumber === line);
      const expected = gcj02ToWgs84([Number(row?.cells[3]), Number(row?.cells[4])]);
      expect(distanceMeters(feature.geometry.coordinates as LngLat, expected)).toBeLessThan(0.02);
      expect(feature.properties.name_zh).toBe(row?.cells[1]);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'district.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ id: 'huangpu-facilities', name: { zh: '黄浦区无障碍设施', en: 'Huangpu facilities' }, licence: 'NOASSERTION' });

    const validate = spawnSync(process.execPath, ['bin/bfmap.js', 'validate', out], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/valid \(0 errors/);
  });

  it('treats an empty folder made ahead of time as a new district', async () => {
    const out = join(temporaryParent(), 'made-ahead');
    mkdirSync(out);
    const result = await importTable(utf8Table, '--out', out, '--crs', 'gcj02');
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'district.json'), 'utf8'))).toMatchObject({ id: 'made-ahead', source: 'Facility table facilities-utf8.csv' });
  });

  it('gives a district of a single row an area 25 m around it, and it validates', async () => {
    const parent = temporaryParent();
    const path = join(parent, 'one.csv');
    writeFileSync(path, '名称,类别,经度,纬度\n甲,卫生间,121.47,31.23\n');
    expect((await importTable(path, '--out', join(parent, 'one'), '--crs', 'wgs84')).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(parent, 'one', 'district.json'), 'utf8')) as { bbox: [number, number, number, number] };
    const [west, south, east, north] = manifest.bbox;
    expect(distanceMeters([west, 31.23], [121.47, 31.23])).toBeCloseTo(25, 0);
    expect(distanceMeters([121.47, north], [121.47, south])).toBeCloseTo(50, 0);
    expect(east).toBeGreaterThan(121.47);
    const validation: string[] = [];
    expect(await validateCommand.run([join(parent, 'one')], { out: (line) => validation.push(line), error: (line) => validation.push(line) })).toBe(0);
  });

  it('places every GCJ-02 vertex of the real Huangpu boundary inside the WGS84 Huangpu boundary, and none of Chongming', async () => {
    // A table built from the shared GCJ-02 district file: half the vertices of 黄浦区, all of 崇明区.
    const gcj = readBoundaries(districtsGcj);
    const vertices = (name: string): number[][] => gcj.features.find((feature) => feature.properties.name === name)?.geometry.coordinates.flat(2) ?? [];
    const huangpu = vertices('黄浦区').filter((_, index) => index % 2 === 0);
    const chongming = vertices('崇明区').filter((_, index) => index % 10 === 0);
    const rows = [...huangpu.map((vertex, index) => `HP${index},无障碍卫生间,${vertex[0]},${vertex[1]}`), ...chongming.map((vertex, index) => `CM${index},无障碍卫生间,${vertex[0]},${vertex[1]}`)];
    const parent = temporaryParent();
    const table = join(parent, 'vertices.csv');
    writeFileSync(table, ['编号,类别,经度,纬度', ...rows].join('\n'));
    const out = join(parent, 'huangpu');
    const result = await importTable(table, '--out', out, '--crs', 'gcj02', '--boundary', districtsWgs, '--boundary-name', '黄浦区');
    expect(result.status).toBe(0);
    expect(readLayer(out, 'toilets.geojson').features).toHaveLength(huangpu.length);
    const outside = result.errors.filter((line) => /not placed: .* outside the district boundary/.test(line));
    expect(outside).toHaveLength(chongming.length);
  });

  it('lands every vertex of the 16 Shanghai district boundaries in GCJ-02 on the WGS84 version within 5 cm', () => {
    // The shared README: districts-wgs84 was converted from districts-gcj02 with the usual iterative inverse.
    const gcj = readBoundaries(districtsGcj);
    const wgs = readBoundaries(districtsWgs);
    expect(gcj.features.map((feature) => feature.properties.name)).toEqual(wgs.features.map((feature) => feature.properties.name));
    let vertexCount = 0;
    let worstMeters = 0;
    let nearestUnconvertedMeters = Infinity;
    gcj.features.forEach((feature, featureIndex) => {
      const gcjVertices = feature.geometry.coordinates.flat(2) as LngLat[];
      const wgsVertices = (wgs.features[featureIndex]?.geometry.coordinates.flat(2) ?? []) as LngLat[];
      expect(wgsVertices).toHaveLength(gcjVertices.length);
      gcjVertices.forEach((vertex, vertexIndex) => {
        const expected = wgsVertices[vertexIndex] as LngLat;
        worstMeters = Math.max(worstMeters, distanceMeters(gcj02ToWgs84(vertex), expected));
        nearestUnconvertedMeters = Math.min(nearestUnconvertedMeters, distanceMeters(vertex, expected));
        vertexCount += 1;
      });
    });
    expect(vertexCount).toBeGreaterThan(1000);
    // Unconverted, every vertex is hundreds of metres off, so this check can fail.
    expect(nearestUnconvertedMeters).toBeGreaterThan(100);
    expect(worstMeters).toBeLessThan(0.05);
  });
});

describe('bfmap import-table into an existing district', () => {
  /** A copy of the sample district that is not marked as sample data, so tables may be merged into it. */
  function districtCopy(): string {
    const directory = join(temporaryParent(), 'sample');
    cpSync(resolve(root, 'data', 'sample'), directory, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(directory, 'district.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(directory, 'district.json'), `${JSON.stringify({ ...manifest, sample: false, basemapStyle: 'https://example.org/style.json' }, null, 2)}\n`);
    return directory;
  }
  const table = (rows: string[]): string => {
    const path = join(temporaryParent(), '设施.csv');
    writeFileSync(path, ['编号,名称,类别,经度,纬度', ...rows].join('\n'));
    return path;
  };
  // Inside the sample district's boundary (bbox 121.459–121.481 E, 31.2226–31.2373 N).
  const rows = ['T1,示例无障碍卫生间,卫生间,121.465,31.228', 'T2,示例电梯,电梯,121.47,31.23', 'T3,示例坡道,坡道,121.475,31.233'];

  it('adds the rows, keeps every other feature and the manifest fields it does not compute, and recounts', async () => {
    const directory = districtCopy();
    const before = Object.fromEntries(['toilets', 'elevators', 'ramps', 'network', 'places'].map((layer) => [layer, readLayer(directory, `${layer}.geojson`)]));
    const result = await importTable(table(rows), '--out', directory, '--crs', 'wgs84');
    expect(result.status).toBe(0);
    const after = Object.fromEntries(['toilets', 'elevators', 'ramps', 'network', 'places'].map((layer) => [layer, readLayer(directory, `${layer}.geojson`)]));
    for (const layer of ['toilets', 'elevators', 'ramps'] as const) {
      expect(after[layer]?.features.slice(0, before[layer]?.features.length)).toEqual(before[layer]?.features);
      expect(after[layer]?.features.length).toBe((before[layer]?.features.length ?? 0) + 1);
    }
    expect(after.network).toEqual(before.network);
    expect(after.places).toEqual(before.places);
    const manifest = JSON.parse(readFileSync(join(directory, 'district.json'), 'utf8')) as { counts: Record<string, number>; basemapStyle: string; source: string; id: string };
    expect(manifest.counts.toilets).toBe(after.toilets?.features.length);
    expect(manifest.basemapStyle).toBe('https://example.org/style.json');
    expect(manifest.source).toMatch(/; facility table 设施\.csv$/);
    expect(manifest.id).toBe('sample');
  });

  it('replaces what the same file brought on a re-import, keeping the ids of rows that stayed', async () => {
    const directory = districtCopy();
    const path = table(rows);
    await importTable(path, '--out', directory, '--crs', 'wgs84');
    const toiletsBefore = readLayer(directory, 'toilets.geojson').features;
    const importedToilet = toiletsBefore.at(-1);
    writeFileSync(path, ['编号,名称,类别,经度,纬度', rows[0] as string].join('\n'));
    const again = await importTable(path, '--out', directory, '--crs', 'wgs84');
    expect(again.status).toBe(0);
    expect(again.lines).toContain('replaced 3 facilities from an earlier import of 设施.csv');
    expect(readLayer(directory, 'toilets.geojson').features).toEqual(toiletsBefore);
    expect(readLayer(directory, 'toilets.geojson').features.at(-1)?.properties.id).toBe(importedToilet?.properties.id);
    expect(readLayer(directory, 'elevators.geojson').features.some((feature) => String(feature.properties.source).startsWith('table:'))).toBe(false);
  });

  it('refuses the generated sample district itself', async () => {
    const directory = join(temporaryParent(), 'sample');
    cpSync(resolve(root, 'data', 'sample'), directory, { recursive: true });
    const result = await importTable(table(rows), '--out', directory, '--crs', 'wgs84');
    expect(result.status).toBe(1);
    expect(result.errors.join('\n')).toMatch(/generated sample data/);
  });
});

describe('bfmap import-table on bad input', () => {
  it('names the missing columns and the headers it found, and writes nothing', async () => {
    const parent = temporaryParent();
    const path = join(parent, 'no-coordinates.csv');
    writeFileSync(path, '名称,类别,地址\n甲,卫生间,某路1号\n');
    const result = await importTable(path, '--out', join(parent, 'x'), '--crs', 'wgs84');
    expect(result.status).toBe(1);
    expect(result.errors.join('\n')).toContain('no column for longitude (经度/lng/lon/longitude/x) and latitude (纬度/lat/latitude/y); the headers on line 1 are: 名称, 类别, 地址');
    expect(readdirSync(parent)).toEqual(['no-coordinates.csv']);
  });

  it('exits 1 and leaves the folder alone when no row can be placed', async () => {
    const parent = temporaryParent();
    const path = join(parent, 'unusable.csv');
    writeFileSync(path, '名称,类别,经度,纬度\n甲,盲道,121.47,31.23\n乙,卫生间,,\n');
    const result = await importTable(path, '--out', join(parent, 'x'), '--crs', 'gcj02');
    expect(result.status).toBe(1);
    expect(result.errors.at(-1)).toMatch(/nothing usable: no row of unusable\.csv could be placed; .* was not created/);
    expect(existsSync(join(parent, 'x'))).toBe(false);
  });

  it.each([
    [['--out', 'x'], /--crs is required/],
    [['--out', 'x', '--crs', 'wgs-84'], /--crs must be one of wgs84, gcj02, bd09/],
    [['--crs', 'wgs84'], /--out <district folder> is required/],
    [['--out', 'x', '--crs', 'wgs84', '--columns', 'longitude=经度'], /unknown field "longitude"/],
    [['--out', 'x', '--crs', 'wgs84', '--id', 'Not An Id'], /must be lower-case letters/],
  ])('stops with exit 2 for wrong usage %j', async (argumentsGiven, message) => {
    const result = await importTable(utf8Table, ...argumentsGiven.map((argument) => (argument === 'x' ? join(temporaryParent(), 'x') : argument)));
    expect(result.status).toBe(2);
    expect(result.errors.join('\n')).toMatch(message);
  });
});
