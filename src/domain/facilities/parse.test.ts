import { describe, it, expect } from 'vitest';
import { parseFacilityLayer, parseNetworkLayer, parsePlacesLayer, parseJsonText, parseDistrictManifest, parseBasemapLayer, parseBoundaryLayer } from './parse.ts';

const file = 'sample/toilets.geojson';

function toiletFeature(id: string, overrides: Record<string, unknown> = {}, coordinates: unknown = [121.47, 31.23]) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: { id, category: 'toilet', status: 'working', source: 'test', name_zh: '公园卫生间', name_en: null, door_width_m: 0.9, ...overrides },
  };
}
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('parseFacilityLayer', () => {
  it('reads snake_case properties into the model and keeps unknown as null', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(toiletFeature('t1')));
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({ id: 't1', category: 'toilet', nameZh: '公园卫生间', nameEn: null, doorWidthMeters: 0.9, grabBars: null, location: { type: 'Point' } });
  });

  it('keeps the good features beside bad ones and names each bad one by file, index and id', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(
      toiletFeature('good-1'),
      toiletFeature('out-of-range', {}, [500, 31]),
      toiletFeature('no-status', { status: undefined }),
      toiletFeature('good-2'),
      'not a feature',
    ));
    expect(items.map((item) => item.id)).toEqual(['good-1', 'good-2']);
    expect(problems.map((problem) => [problem.featureIndex, problem.featureId, problem.code, problem.severity])).toEqual([
      [1, 'out-of-range', 'coordinates_out_of_range', 'error'],
      [2, 'no-status', 'missing_field', 'error'],
      [4, null, 'invalid_geometry', 'error'],
    ]);
    expect(problems[0]?.detail).toContain(file);
    expect(problems[0]?.detail).toContain('[500, 31]');
  });

  it('a bad optional value is a warning and reads as unknown; the feature stays', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(toiletFeature('t1', { door_width_m: 'wide', grab_bars: 'yes', last_verified: '2026-02-30' })));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ doorWidthMeters: null, grabBars: null, lastVerified: null });
    expect(problems.map((problem) => [problem.field, problem.severity])).toEqual([['last_verified', 'warning'], ['door_width_m', 'warning'], ['grab_bars', 'warning']]);
    expect(problems[1]?.detail).toMatch(/door_width_m is "wide", expected a number; read as unknown/);
  });

  it('refuses negative measurements, wrong geometry types, wrong categories and repeated ids', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(
      toiletFeature('neg', { door_width_m: -1 }),
      { ...toiletFeature('line'), geometry: { type: 'LineString', coordinates: [[121.47, 31.23], [121.48, 31.23]] } },
      toiletFeature('ramp', { category: 'ramp' }),
      toiletFeature('neg'),
    ));
    expect(items.map((item) => item.id)).toEqual(['neg']);
    expect(items[0]?.category === 'toilet' && items[0].doorWidthMeters).toBeNull();
    expect(problems.map((problem) => problem.code)).toEqual(['invalid_value', 'wrong_geometry_type', 'category_mismatch', 'duplicate_id']);
  });

  it('absent and null optional properties both read as unknown without a problem', () => {
    const absent = toiletFeature('absent');
    const withNull = toiletFeature('null', { door_width_m: null, access: null });
    const { items, problems } = parseFacilityLayer('toilet', file, collection(absent, withNull));
    expect(problems).toEqual([]);
    expect(items.map((item) => item.category === 'toilet' && [item.access, item.openingHours])).toEqual([[null, null], [null, null]]);
  });

  it('a bad required value is an error that leaves the feature out', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(toiletFeature('t1', { status: 'broken' })));
    expect(items).toEqual([]);
    expect(problems.map((problem) => [problem.field, problem.code, problem.severity])).toEqual([['status', 'invalid_value', 'error']]);
  });

  it('geometry that geojson-validation rejects is invalid_geometry', () => {
    const { items, problems } = parseFacilityLayer('toilet', file, collection(toiletFeature('t1', {}, ['121.47', 31.23])));
    expect(items).toEqual([]);
    expect(problems.map((problem) => problem.code)).toEqual(['invalid_geometry']);
  });

  it('a tactile line with a single repeated position is degenerate', () => {
    const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[121.47, 31.23], [121.47, 31.23]] }, properties: { id: 'p', category: 'tactile_paving', status: 'unknown', source: 's', tactile_type: 'guiding' } };
    const { items, problems } = parseFacilityLayer('tactile_paving', 'x.geojson', collection(feature));
    expect(items).toEqual([]);
    expect(problems[0]?.detail).toMatch(/fewer than two distinct positions/);
  });

  it('a file that is not a FeatureCollection gives one error and no items', () => {
    for (const json of [null, [], { type: 'Feature' }, { type: 'FeatureCollection' }]) {
      const { items, problems } = parseFacilityLayer('toilet', file, json);
      expect(items).toEqual([]);
      expect(problems.map((problem) => problem.code)).toEqual(['not_feature_collection']);
    }
  });

  it('does not change its input', () => {
    const input = collection(toiletFeature('t1', { door_width_m: 'wide' }));
    const before = JSON.stringify(input);
    parseFacilityLayer('toilet', file, input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('other layers', () => {
  it('network edges need a kind from the list and a line', () => {
    const edge = (id: string, kind: string) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[121.47, 31.23], [121.471, 31.23]] }, properties: { id, kind, step_count: 2.5 } });
    const { items, problems } = parseNetworkLayer('n.geojson', collection(edge('a', 'sidewalk'), edge('b', 'motorway')));
    expect(items.map((item) => item.id)).toEqual(['a']);
    expect(items[0]?.stepCount).toBeNull();
    expect(problems.map((problem) => [problem.featureId, problem.field, problem.severity])).toEqual([['a', 'step_count', 'warning'], ['b', 'kind', 'error'], ['b', 'step_count', 'warning']]);
  });

  it('a place needs a name in at least one language', () => {
    const place = (id: string, name: string | null) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [121.47, 31.23] }, properties: { id, kind: 'park', name_zh: name } });
    const { items, problems } = parsePlacesLayer('p.geojson', collection(place('a', '人民公园'), place('b', null)));
    expect(items.map((item) => item.id)).toEqual(['a']);
    expect(problems[0]?.featureId).toBe('b');
  });

  it('boundary rings must close; basemap kinds must fit their geometry', () => {
    const openRing = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[121, 31], [122, 31], [122, 32], [121, 32]]] } };
    expect(parseBoundaryLayer('b.geojson', collection(openRing)).problems[0]?.code).toBe('invalid_geometry');
    const roadAsPolygon = { type: 'Feature', properties: { kind: 'road' }, geometry: { type: 'Polygon', coordinates: [[[121, 31], [122, 31], [122, 32], [121, 31]]] } };
    expect(parseBasemapLayer('m.geojson', collection(roadAsPolygon)).problems[0]?.code).toBe('wrong_geometry_type');
  });

  it('a boundary keeps its names and reads a bad name as null', () => {
    const ring = [[[121, 31], [122, 31], [122, 32], [121, 31]]];
    const boundary = { type: 'Feature', properties: { name_zh: '黄浦区', name_en: 42 }, geometry: { type: 'Polygon', coordinates: ring } };
    const { items, problems } = parseBoundaryLayer('b.geojson', collection(boundary));
    expect(items[0]?.properties).toEqual({ name_zh: '黄浦区', name_en: null });
    expect(problems.map((problem) => [problem.field, problem.severity])).toEqual([['name_en', 'warning']]);
  });
});

describe('files and manifest', () => {
  it('says where JSON breaks and that an empty file is empty', () => {
    expect(parseJsonText('a.geojson', '{"type": ').problem?.detail).toMatch(/a\.geojson is not valid JSON/);
    const text = '{\n  "type": "FeatureCollection",\n  features: []\n}';
    const expectedColumn = (text.split('\n')[2] ?? '').indexOf('features') + 1;
    expect(parseJsonText('a.geojson', text).problem?.detail).toContain(`at line 3, column ${expectedColumn}`);
    expect(parseJsonText('a.geojson', '   ').problem?.detail).toBe('a.geojson is empty');
    expect(parseJsonText('a.geojson', '[1]').json).toEqual([1]);
  });

  it('refuses a manifest in GCJ-02 and names each bad field', () => {
    const { manifest, problems } = parseDistrictManifest('d.json', {
      id: 'x', name: { zh: '甲', en: 'A' }, bbox: [121.5, 31, 121.4, 31.1], center: [121.45, 31.05], zoom: 15, coordinateSystem: 'GCJ-02',
      source: 's', licence: 'l', attribution: 'a', counts: { ramps: 0, toilets: 0, elevators: 0, tactilePaving: 0, network: 0, places: 0 },
    });
    expect(manifest).toBeNull();
    expect(problems.map((problem) => problem.field)).toEqual(['bbox', 'coordinateSystem']);
  });
});

describe('the optional basemap of district.json', () => {
  const validManifest = {
    id: 'x', name: { zh: '甲', en: 'A' }, bbox: [121.4, 31, 121.5, 31.1], center: [121.45, 31.05], zoom: 15, coordinateSystem: 'WGS84',
    source: 's', licence: 'l', attribution: 'a', counts: { ramps: 0, toilets: 0, elevators: 0, tactilePaving: 0, network: 0, places: 0 },
  };
  const withBasemap = (basemap: unknown) => parseDistrictManifest('d.json', { ...validManifest, basemap });

  it('is null without a problem when absent or null', () => {
    for (const manifest of [parseDistrictManifest('d.json', validManifest), withBasemap(null)]) {
      expect(manifest.manifest?.basemap).toBeNull();
      expect(manifest.problems).toEqual([]);
    }
  });

  it('keeps an https style and a PMTiles file of the folder as written', () => {
    const { manifest, problems } = withBasemap({ style: 'https://tiles.example.org/styles/light.json', pmtiles: 'basemap.pmtiles' });
    expect(problems).toEqual([]);
    expect(manifest?.basemap).toEqual({ style: 'https://tiles.example.org/styles/light.json', pmtiles: 'basemap.pmtiles' });
  });

  it('accepts one of the two alone, the other being unknown', () => {
    expect(withBasemap({ pmtiles: 'http://127.0.0.1:8080/huangpu.pmtiles' }).manifest?.basemap).toEqual({ style: null, pmtiles: 'http://127.0.0.1:8080/huangpu.pmtiles' });
    expect(withBasemap({ style: 'style.json' }).manifest?.basemap).toEqual({ style: 'style.json', pmtiles: null });
  });

  it('refuses paths out of the folder, absolute paths and other schemes with a warning naming the field; the district still loads', () => {
    const refused: [string, RegExp][] = [
      ['../other/basemap.pmtiles', /leaves the district folder/],
      ['tiles/../../basemap.pmtiles', /leaves the district folder/],
      ['/srv/tiles/basemap.pmtiles', /absolute path/],
      ['C:\\tiles\\basemap.pmtiles', /absolute path/],
      ['file:///srv/basemap.pmtiles', /scheme "file:"/],
      ['javascript:alert(1)', /scheme "javascript:"/],
      ['ftp://example.org/basemap.pmtiles', /scheme "ftp:"/],
      ['tiles/basemap.pmtiles', /sub-folder/],
      ['basemap.mbtiles', /must name a \.pmtiles file/],
      ['', /is empty/],
    ];
    for (const [location, reason] of refused) {
      const { manifest, problems } = withBasemap({ style: null, pmtiles: location });
      expect(manifest, location).not.toBeNull();
      expect(manifest?.basemap, location).toBeNull();
      expect(problems.map((problem) => [problem.field, problem.severity]), location).toEqual([['basemap.pmtiles', 'warning']]);
      expect(problems[0]?.detail, location).toMatch(reason);
      expect(problems[0]?.detail, location).toContain('d.json');
    }
  });

  it('drops only the bad field when the other is usable', () => {
    const { manifest, problems } = withBasemap({ style: 'data:application/json,{}', pmtiles: 'basemap.pmtiles' });
    expect(manifest?.basemap).toEqual({ style: null, pmtiles: 'basemap.pmtiles' });
    expect(problems.map((problem) => problem.field)).toEqual(['basemap.style']);
  });

  it('warns about a basemap that is not an object or names nothing', () => {
    for (const basemap of ['https://tiles.example.org/style.json', [], {}, { style: 42 }]) {
      const { manifest, problems } = withBasemap(basemap);
      expect(manifest?.basemap, JSON.stringify(basemap)).toBeNull();
      expect(problems.length, JSON.stringify(basemap)).toBe(1);
      expect(problems[0]?.severity).toBe('warning');
    }
  });

  it('a broken manifest stays broken whatever its basemap', () => {
    const { manifest, problems } = parseDistrictManifest('d.json', { ...validManifest, zoom: 'near', basemap: { pmtiles: 'basemap.pmtiles' } });
    expect(manifest).toBeNull();
    expect(problems.map((problem) => problem.field)).toEqual(['zoom']);
  });
});
