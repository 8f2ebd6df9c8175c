import { describe, it, expect } from 'vitest';
import type { Feature, Point } from 'geojson';
import type { LngLat } from '../facilities/model.ts';
import { parseFacilityLayer } from '../facilities/parse.ts';
import { offsetLngLat } from '../geo/index.ts';
import { bd09ToWgs84, gcj02ToWgs84, wgs84ToGcj02 } from './coordinates.ts';
import { parseCsv } from './csv.ts';
import { emptyDistrictLayers } from './district-files.ts';
import {
  TableColumnsError, importTable, isFromTable, mergeTableImport, parseColumnOverrides, readCategory, readDate, readLength, readOpeningHours,
  readSlopePercent, readStatus, stableHash, type TableImportOptions,
} from './table.ts';
import { boundaryPolygons } from './validate-district.ts';

const options: TableImportOptions = { districtId: 'huangpu', sourceName: '设施.csv', coordinateSystem: 'wgs84' };
const run = (text: string, overrides: Partial<TableImportOptions> = {}) => importTable(parseCsv(text).rows, { ...options, ...overrides });
const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;
const coordinatesOf = (feature: Feature | undefined): number[] => (feature?.geometry as Point | undefined)?.coordinates ?? [];

const chineseTable = [
  '名称,类别,经度,纬度,地址,状态',
  '人民广场无障碍卫生间,无障碍卫生间,121.4737,31.2304,人民大道120号,正常',
  '南京东路站无障碍电梯,无障碍电梯,121.4785,31.2381,南京东路站2号口,维修中',
  '外滩轮椅坡道,轮椅坡道,121.4903,31.2400,中山东一路,',
  'Platform lift east,升降平台,121.4800,31.2350,,',
].join('\r\n');

describe('importTable', () => {
  it('reads a Chinese table into toilets, elevators and ramps that the parser accepts', () => {
    const result = run(chineseTable);
    expect([result.toilets.length, result.elevators.length, result.ramps.length, result.unplaced.length]).toEqual([1, 2, 1, 0]);
    for (const [category, features] of [['toilet', result.toilets], ['elevator', result.elevators], ['ramp', result.ramps]] as const) {
      const parsed = parseFacilityLayer(category, 'test.geojson', { type: 'FeatureCollection', features });
      expect(parsed.problems).toEqual([]);
      expect(parsed.items).toHaveLength(features.length);
    }
    const toilet = result.toilets[0]?.properties ?? {};
    expect(toilet).toMatchObject({ category: 'toilet', name_zh: '人民广场无障碍卫生间', name_en: null, address_zh: '人民大道120号', status: 'working', source: 'table:设施.csv:2' });
    expect(coordinatesOf(result.toilets[0])).toEqual([121.4737, 31.2304]);
    expect(result.elevators.map((feature) => [feature.properties?.elevator_type, feature.properties?.status, feature.properties?.status_note])).toEqual([
      ['elevator', 'out_of_service', '维修中'], ['platform_lift', 'unknown', null],
    ]);
    // A name without Chinese characters is the English name.
    expect(result.elevators[1]?.properties).toMatchObject({ name_zh: null, name_en: 'Platform lift east' });
    expect(result.ramps[0]?.properties).toMatchObject({ ramp_type: 'wheelchair_ramp', status: 'unknown', slope_percent: null, handrail: null });
  });

  it('reads English headers, converts GCJ-02 to WGS84 and keeps 7 decimals', () => {
    const gcj = wgs84ToGcj02([121.4737, 31.2304]);
    const result = run(`Name,Type,Longitude,Latitude\nPeople's Square toilet,accessible toilet,${gcj[0]},${gcj[1]}\n`, { coordinateSystem: 'gcj02' });
    const expected = gcj02ToWgs84(gcj);
    expect(coordinatesOf(result.toilets[0])).toEqual([round7(expected[0]), round7(expected[1])]);
    expect(Math.abs((coordinatesOf(result.toilets[0])[0] ?? 0) - 121.4737)).toBeLessThan(2e-7);
  });

  it('converts BD-09 through GCJ-02', () => {
    const result = run('名称,类别,经度,纬度\n甲,电梯,121.4802,31.2363\n', { coordinateSystem: 'bd09' });
    const expected = bd09ToWgs84([121.4802, 31.2363]);
    expect(coordinatesOf(result.elevators[0])).toEqual([round7(expected[0]), round7(expected[1])]);
  });

  it('reports each row it cannot place with its line and the reason, and places the rest', () => {
    const boundary = boundaryPolygons([{
      type: 'Feature', properties: {},
      geometry: { type: 'Polygon', coordinates: [[[121.46, 31.22], [121.49, 31.22], [121.49, 31.25], [121.46, 31.25], [121.46, 31.22]]] },
    }]);
    const outside: LngLat = offsetLngLat([121.49, 31.23], 100, 0);
    const text = [
      '名称,类别,经度,纬度',
      '可以,卫生间,121.47,31.23',
      '没有经度,卫生间,,31.23',
      '不是数字,卫生间,东经121度,31.23',
      '颠倒,卫生间,31.23,121.47',
      '盲道一段,行进盲道,121.47,31.23',
      '未知,自动扶梯,121.47,31.23',
      '界外,卫生间,' + outside.join(','),
      '零点,卫生间,0,0',
      '可以,卫生间,121.47,31.23',
      ',,,',
      '没有类别,,121.47,31.23',
    ].join('\n');
    const result = run(text, { boundary });
    expect(result.toilets).toHaveLength(1);
    expect(result.rowCount).toBe(10);
    expect(result.unplaced.map((problem) => problem.lineNumber)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 12]);
    const reasons = result.unplaced.map((problem) => problem.reason);
    expect(reasons[0]).toBe('经度 is empty');
    expect(reasons[1]).toBe('longitude "东经121度" (经度/纬度) is not a number');
    expect(reasons[2]).toMatch(/outside longitude .* swapped\?$/);
    expect(reasons[3]).toMatch(/tactile paving, a line/);
    expect(reasons[4]).toMatch(/^unknown category "自动扶梯"/);
    expect(reasons[5]).toMatch(/^\[121\.\d+, 31\.23\] \(WGS84\) is 100 m outside the district boundary$/);
    expect(reasons[6]).toMatch(/placeholder/);
    expect(reasons[7]).toBe('the row repeats line 2 (same category, name, address and coordinates)');
    expect(reasons[8]).toBe('类别 is empty');
  });

  it('names the missing columns and the headers it found', () => {
    expect(() => run('名称,地址,X,Y坐标\n甲,乙,1,2\n')).toThrow(TableColumnsError);
    try {
      run('名称,地址,经度\n甲,乙,1\n');
    } catch (error) {
      const columnsError = error as TableColumnsError;
      expect(columnsError.missing).toEqual(['category (类别/类型/category/type)', 'latitude (纬度/lat/latitude/y)']);
      expect(columnsError.message).toContain('the headers on line 1 are: 名称, 地址, 经度');
    }
  });

  it('finds the header below a title row and columns named with --columns', () => {
    const text = '黄浦区无障碍设施清单（2024）,,,\n设施,用途,X坐标,Y坐标\n甲,卫生间,121.47,31.23\n';
    expect(() => run(text)).toThrow(/no column for category/);
    const result = run(text, { columns: { category: '用途', lon: 'X坐标', lat: 'Y坐标', name: '设施' } });
    expect(result.headerLineNumber).toBe(2);
    expect(result.toilets[0]?.properties).toMatchObject({ name_zh: '甲', source: 'table:设施.csv:3' });
    expect(() => run(text, { columns: { category: '类型' } })).toThrow(/--columns names category=类型, but 设施.csv has no such header/);
  });

  it('reads a combined coordinate column and headers with remarks in brackets', () => {
    const result = run('名称,类别,坐标（高德）\n甲,卫生间,"121.47,31.23"\n乙,卫生间,121.48 31.24\n丙,卫生间,121.48\n');
    expect(result.toilets.map(coordinatesOf)).toEqual([[121.47, 31.23], [121.48, 31.24]]);
    expect(result.unplaced).toEqual([{ lineNumber: 4, reason: '坐标（高德） "121.48" is not "longitude,latitude"' }]);
  });

  it('gives the same ids on every import of the same file, and different ids for another file', () => {
    const first = run(chineseTable);
    const again = run(chineseTable);
    const otherFile = run(chineseTable, { sourceName: '其他.csv' });
    const ids = (result: ReturnType<typeof run>) => [...result.toilets, ...result.elevators, ...result.ramps].map((feature) => feature.properties?.id);
    expect(ids(again)).toEqual(ids(first));
    expect(ids(first).every((id) => typeof id === 'string' && /^huangpu:table:[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set([...ids(first), ...ids(otherFile)]).size).toBe(ids(first).length * 2);
  });

  it('keeps an id through edits when the table has its own id column, and reports a reused one', () => {
    const before = run('编号,名称,类别,经度,纬度\nT-001,甲,卫生间,121.47,31.23\n');
    const after = run('编号,名称,类别,经度,纬度\nT-001,甲（已搬迁）,卫生间,121.48,31.24\nT-001,乙,卫生间,121.47,31.23\n');
    expect(after.toilets[0]?.properties?.id).toBe(before.toilets[0]?.properties?.id);
    expect(after.unplaced).toEqual([{ lineNumber: 3, reason: '编号 "T-001" is also used on line 2' }]);
  });

  it('reads measurements with units and yes/no words, and reports values it cannot read as unknown', () => {
    const text = [
      '名称,类别,经度,纬度,坡度,宽度,高差,扶手,开放时间,门宽,核查日期',
      '坡道甲,缘石坡道,121.47,31.23,1:12,120cm,1cm,是,,,2024/5/3',
      '卫生间乙,卫生间,121.47,31.231,,,,,全天,0.9米,2024年13月1日',
      '卫生间丙,卫生间,121.47,31.232,,,,,早八点到晚八点,宽,',
    ].join('\n');
    const result = run(text);
    expect(result.ramps[0]?.properties).toMatchObject({ ramp_type: 'kerb_ramp', slope_percent: 8.33, clear_width_m: 1.2, kerb_lip_mm: 10, handrail: true, last_verified: '2024-05-03' });
    expect(result.toilets.map((feature) => [feature.properties?.opening_hours, feature.properties?.door_width_m, feature.properties?.last_verified])).toEqual([
      ['24/7', 0.9, null], [null, null, null],
    ]);
    expect(result.warnings.map((warning) => [warning.lineNumber, warning.reason.split(' is not ')[0]])).toEqual([
      [3, '核查日期 "2024年13月1日"'], [4, '门宽 "宽"'], [4, '开放时间 "早八点到晚八点"'],
    ]);
  });
});

describe('value readers', () => {
  it('map category words in Chinese and English', () => {
    expect(readCategory('第三卫生间')).toEqual({ category: 'toilet' });
    expect(readCategory('Accessible Toilet')).toEqual({ category: 'toilet' });
    expect(readCategory('LIFT')).toEqual({ category: 'elevator', elevatorType: 'elevator' });
    expect(readCategory('轮椅升降平台')).toEqual({ category: 'elevator', elevatorType: 'platform_lift' });
    expect(readCategory('curb ramp')).toEqual({ category: 'ramp', rampType: 'kerb_ramp' });
    expect(readCategory('提示盲道')).toHaveProperty('unplaceable');
  });

  it('read statuses, putting "not usable" words before "usable" ones', () => {
    expect(['正常', '不可用', '维修中', 'Out of service', '待核实', '', '很好'].map(readStatus)).toEqual(['working', 'out_of_service', 'out_of_service', 'out_of_service', 'unknown', 'unknown', null]);
  });

  it('read lengths, slopes, dates and opening hours', () => {
    expect([readLength('1.5', 'm'), readLength('150 厘米', 'm'), readLength('15', 'mm'), readLength('2cm', 'mm'), readLength('wide', 'm')]).toEqual([1.5, 1.5, 15, 20, undefined]);
    expect([readSlopePercent('1/20'), readSlopePercent('6%'), readSlopePercent('1:0'), readSlopePercent('steep')]).toEqual([5, 6, undefined, undefined]);
    expect([readDate('2024.12.01'), readDate('2023-02-29'), readDate('')]).toEqual(['2024-12-01', undefined, null]);
    expect([readOpeningHours('08:00～20:00'), readOpeningHours('Mo-Fr 09:00-17:00'), readOpeningHours('24小时')]).toEqual(['08:00-20:00', 'Mo-Fr 09:00-17:00', '24/7']);
  });

  it('parse --columns and say what is wrong with it', () => {
    expect(parseColumnOverrides('name=名称, lon=X')).toEqual({ columns: { name: '名称', lon: 'X' } });
    expect(parseColumnOverrides('longitude=X')).toMatchObject({ error: expect.stringMatching(/unknown field "longitude"/) });
    expect(parseColumnOverrides('name')).toMatchObject({ error: expect.stringMatching(/not field=header/) });
  });

  it('hash with 64-bit FNV-1a (the published test vector for "a" is af63dc4c8601ec8c)', () => {
    // From the FNV reference test suite (Landon Curt Noll, isthe.com/chongo/tech/comp/fnv): FNV-1a 64 of "a".
    expect(stableHash('a')).toBe('af63dc4c8601ec8c');
    expect(stableHash('')).toBe('cbf29ce484222325');
  });
});

describe('mergeTableImport', () => {
  const facility = (id: string, source: string, category = 'toilet'): Feature => ({
    type: 'Feature', properties: { id, category, status: 'unknown', source }, geometry: { type: 'Point', coordinates: [121.47, 31.23] },
  });

  it('replaces what an earlier import of the same file brought and keeps everything else, without changing its input', () => {
    const layers = {
      ...emptyDistrictLayers(),
      toilets: [facility('osm:node/1', 'osm'), facility('d:table:old', 'table:设施.csv:2'), facility('d:table:other', 'table:设施.csv.bak:2')],
      elevators: [facility('d:table:old-lift', 'table:设施.csv:3', 'elevator')],
    };
    const snapshot = structuredClone(layers);
    const merged = mergeTableImport(layers, '设施.csv', { ramps: [], toilets: [facility('d:table:new', 'table:设施.csv:2')], elevators: [] });
    expect(merged.replacedCount).toBe(2);
    expect(merged.layers.toilets.map((feature) => feature.properties?.id)).toEqual(['osm:node/1', 'd:table:other', 'd:table:new']);
    expect(merged.layers.elevators).toEqual([]);
    expect(layers).toEqual(snapshot);
  });

  it('leaves out a new facility whose id another feature already uses, with its line', () => {
    const layers = { ...emptyDistrictLayers(), places: [facility('d:table:clash', 'osm')] };
    const merged = mergeTableImport(layers, 'x.csv', { ramps: [], toilets: [facility('d:table:clash', 'table:x.csv:7')], elevators: [] });
    expect(merged.layers.toilets).toEqual([]);
    expect(merged.clashes).toEqual([{ lineNumber: 7, reason: 'its id d:table:clash is already used by another feature of the district' }]);
  });

  it('recognises its own sources exactly', () => {
    expect(isFromTable('table:a.csv:12', 'a.csv')).toBe(true);
    expect(isFromTable('table:a.csv:12', 'b.csv')).toBe(false);
    expect(isFromTable('table:a.csv.old:12', 'a.csv')).toBe(false);
    expect(isFromTable('osm', 'a.csv')).toBe(false);
  });
});
