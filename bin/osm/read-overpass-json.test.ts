import { describe, it, expect } from 'vitest';
import { OsmElementStore } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';
import { readOverpassJson } from './read-overpass-json.ts';

function read(value: unknown): OsmElementStore {
  const store = new OsmElementStore();
  readOverpassJson(typeof value === 'string' ? value : JSON.stringify(value, null, 2), store, 'answer.json');
  return store;
}

describe('reading Overpass JSON', () => {
  it('reads nodes, ways and relations', () => {
    const store = read({
      version: 0.6,
      elements: [
        { type: 'node', id: 1, lat: 25.05, lon: 121.52, tags: { highway: 'crossing', crossing: 'marked' } },
        { type: 'node', id: 2, lat: 25.051, lon: 121.521 },
        { type: 'way', id: 10, nodes: [1, 2], tags: { highway: 'footway', footway: 'crossing' } },
        { type: 'relation', id: 20, members: [{ type: 'way', ref: 10, role: 'outer' }], tags: { type: 'multipolygon' } },
      ],
    });
    expect(store.nodePosition(1)).toEqual([121.52, 25.05]);
    expect(store.nodeTagsOf(1)).toEqual({ highway: 'crossing', crossing: 'marked' });
    expect(store.ways).toEqual([{ id: 10, nodeIds: [1, 2], tags: { highway: 'footway', footway: 'crossing' } }]);
    expect(store.relations[0]?.members).toEqual([{ type: 'way', ref: 10, role: 'outer' }]);
  });

  it('takes the positions of ways from "out geom" when their nodes are not elements', () => {
    const store = read({ elements: [{ type: 'way', id: 10, nodes: [5, 6], geometry: [{ lat: 1.28, lon: 103.85 }, { lat: 1.281, lon: 103.851 }], tags: { highway: 'footway' } }] });
    expect(store.nodePosition(6)).toEqual([103.851, 1.281]);
  });

  it('reports broken JSON with line and column', () => {
    const text = '{\n  "elements": [\n    {"type": "node", "id": 1 "lat": 1}\n  ]\n}';
    expect(() => read(text)).toThrow(OsmReadError);
    expect(() => read(text)).toThrow(/answer\.json is not valid JSON at line 3, column \d+/);
  });

  it('refuses GeoJSON, pointing at the OpenSidewalks importer', () => {
    expect(() => read({ type: 'FeatureCollection', features: [] })).toThrow(/not Overpass JSON.*import-opensidewalks/);
  });

  it('warns about elements it cannot read and about an Overpass timeout remark', () => {
    const store = read({ remark: 'runtime error: Query timed out in "query" at line 3 after 25 seconds.', elements: [{ type: 'node', lat: 1, lon: 2 }, { type: 'area', id: 3 }] });
    expect(store.warnings.list().map((group) => [group.kind, group.count])).toEqual([['bad_element', 2], ['incomplete_source', 1]]);
  });
});
