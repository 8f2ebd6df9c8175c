import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OsmElementStore } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';
import { createOsmXmlReader, readOsmXmlFile } from './read-xml.ts';

const sharedData = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');

function readText(text: string, chunkSize = 7): OsmElementStore {
  const store = new OsmElementStore();
  const reader = createOsmXmlReader(store, 'test.osm');
  // Small chunks: elements and attributes split across writes, as a stream delivers them.
  for (let offset = 0; offset < text.length; offset += chunkSize) reader.write(text.slice(offset, offset + chunkSize));
  reader.close();
  return store;
}

function readError(text: string): string {
  try {
    readText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(OsmReadError);
    return (error as Error).message;
  }
  throw new Error('expected the read to fail');
}

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <bounds minlat="31.22" minlon="121.46" maxlat="31.24" maxlon="121.49"/>
  <node id="1" lat="31.23" lon="121.47"/>
  <node id="2" lat="31.231" lon="121.471">
    <tag k="highway" v="crossing"/>
    <tag k="name" v="人民大道 &amp; 西藏中路"/>
  </node>
  <node id="3" lat="31.232" lon="121.472"><tag k="source" v="survey"/></node>
  <node id="4" lat="31.233" lon="121.473" action="delete"/>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="footway"/>
  </way>
  <relation id="20">
    <member type="way" ref="10" role="outer"/>
    <tag k="type" v="multipolygon"/>
  </relation>
</osm>
`;

describe('reading OSM XML as a stream', () => {
  it('reads nodes, ways, relations and bounds, whatever the chunk boundaries', () => {
    for (const chunkSize of [1, 7, 4096]) {
      const store = readText(SAMPLE, chunkSize);
      expect(store.nodeCount).toBe(3);
      expect(store.nodePosition(2)).toEqual([121.471, 31.231]);
      expect(store.nodeTagsOf(2)).toEqual({ highway: 'crossing', name: '人民大道 & 西藏中路' });
      expect(store.ways).toEqual([{ id: 10, nodeIds: [1, 2, 3], tags: { highway: 'footway' } }]);
      expect(store.relations).toEqual([{ id: 20, members: [{ type: 'way', ref: 10, role: 'outer' }], tags: { type: 'multipolygon' } }]);
      expect(store.bounds).toEqual([121.46, 31.22, 121.49, 31.24]);
    }
  });

  it('keeps no tags for nodes whose tags are only bookkeeping, and skips deleted elements', () => {
    const store = readText(SAMPLE);
    expect(store.nodeTagsOf(3)).toEqual({});
    expect(store.hasNode(3)).toBe(true);
    expect(store.hasNode(4)).toBe(false);
  });

  it('reports malformed XML with the file, line and column', () => {
    const broken = SAMPLE.replace('<tag k="highway" v="footway"/>', '<tag k="highway" v="footway">');
    // The parser notices at </way>, which closes a <tag> that was never closed.
    const line = broken.slice(0, broken.indexOf('</way>')).split('\n').length;
    expect(readError(broken)).toMatch(new RegExp(`^test\\.osm:${line}:\\d+: unexpected close tag`));
  });

  it('reports a truncated file', () => {
    expect(readError(SAMPLE.slice(0, SAMPLE.indexOf('<way')))).toMatch(/^test\.osm:\d+:\d+: unclosed tag: osm/);
  });

  it('refuses XML that is not OSM, and an empty file', () => {
    expect(readError('<?xml version="1.0"?>\n<gpx><trk/></gpx>')).toMatch(/^test\.osm:2:\d+: not an OSM XML file: the root element is <gpx>/);
    expect(readError('')).toMatch(/document must contain a root element|empty/);
  });

  it('reports a coordinate outside WGS84 as a warning naming the node, and leaves the node out', () => {
    const store = readText(SAMPLE.replace('lat="31.232"', 'lat="131.232"'));
    expect(store.hasNode(3)).toBe(false);
    expect(store.warnings.list()[0]?.examples[0]).toMatchObject({ kind: 'out_of_range', element: 'node/3' });
  });

  it('reads every node, way and relation of the Paris Marais extract', async () => {
    const path = resolve(sharedData, 'osm', 'paris-marais.osm');
    const store = new OsmElementStore();
    await readOsmXmlFile(path, store);
    const text = readFileSync(path, 'utf8');
    expect(store.nodeCount).toBe(text.match(/<node /g)?.length);
    expect(store.ways.length).toBe(text.match(/<way /g)?.length);
    expect(store.relations.length).toBe(text.match(/<relation /g)?.length);
    expect(store.ways.reduce((sum, way) => sum + way.nodeIds.length, 0)).toBe(text.match(/<nd ref=/g)?.length);
  });
});
