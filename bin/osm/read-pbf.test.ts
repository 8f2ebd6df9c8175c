import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { OsmElementStore } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';
import { readOsmPbf, readOsmPbfFile } from './read-pbf.ts';
import { readOsmXmlFile } from './read-xml.ts';
import { encodeOsmPbf, type PbfContent } from './test-pbf.ts';

const sharedData = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');

function read(bytes: Uint8Array): OsmElementStore {
  const store = new OsmElementStore();
  readOsmPbf({ size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) }, store, 'test.osm.pbf');
  return store;
}

function readError(bytes: Uint8Array): string {
  try {
    read(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(OsmReadError);
    return (error as Error).message;
  }
  throw new Error('expected the read to fail');
}

const content: PbfContent = {
  bbox: [2.35, 48.85, 2.38, 48.87],
  nodes: [
    { id: 100, longitude: 2.3522219, latitude: 48.8566140, tags: { highway: 'crossing', kerb: 'lowered', name: 'Hôtel de Ville' } },
    { id: 101, longitude: 2.3531, latitude: 48.8570 },
    { id: 105, longitude: -122.3177662, latitude: -47.6648071, tags: { tactile_paving: 'yes' } },
  ],
  ways: [{ id: 9000000001, nodeIds: [100, 101, 105], tags: { highway: 'footway', footway: 'crossing' } }],
  relations: [{ id: 7, members: [{ type: 'way', ref: 9000000001, role: 'outer' }, { type: 'node', ref: 100, role: '' }], tags: { type: 'multipolygon', leisure: 'park' } }],
};

describe('reading OSM PBF', () => {
  it.each([
    ['zlib blocks at the default granularity', {}],
    ['raw blocks at granularity 1000 with offsets', { compress: false, granularity: 1000, latitudeOffset: 48_000_000_000, longitudeOffset: 2_000_000_000 }],
  ])('decodes dense nodes, ways, relations and the header box from %s', (_name, encoding) => {
    const store = read(encodeOsmPbf(content, encoding));
    for (const node of content.nodes) {
      const position = store.nodePosition(node.id) as [number, number];
      // Granularity 1000 keeps 6 decimals; 100 keeps all 7.
      const tolerance = (encoding as { granularity?: number }).granularity === 1000 ? 1e-6 : 1e-9;
      expect(Math.abs(position[0] - node.longitude)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(position[1] - node.latitude)).toBeLessThanOrEqual(tolerance);
    }
    expect(store.nodeTagsOf(100)).toEqual(content.nodes[0]?.tags);
    expect(store.nodeTagsOf(101)).toEqual({});
    expect(store.ways).toEqual([{ id: 9000000001, nodeIds: [100, 101, 105], tags: content.ways?.[0]?.tags }]);
    expect(store.relations).toEqual([{ id: 7, members: content.relations?.[0]?.members, tags: content.relations?.[0]?.tags }]);
    expect(store.bounds).toEqual(content.bbox);
  });

  it('names the block and byte offset of a damaged blob', () => {
    const file = encodeOsmPbf(content);
    // Block 2 starts after block 1: its length prefix, its BlobHeader and its Blob.
    const firstBlockLength = 4 + new DataView(file.buffer).getUint32(0) + readDataSize(file);
    const damaged = file.slice();
    damaged[damaged.length - 5] = (damaged[damaged.length - 5] as number) ^ 0xff;
    damaged[damaged.length - 6] = (damaged[damaged.length - 6] as number) ^ 0xff;
    expect(readError(damaged)).toMatch(new RegExp(`^test\\.osm\\.pbf: block 2 at byte ${firstBlockLength}: the OSMData block cannot be decoded`));
  });

  it('says where a truncated file ends', () => {
    const file = encodeOsmPbf(content);
    expect(readError(file.subarray(0, file.length - 20))).toMatch(/block 2 at byte \d+: the OSMData needs \d+ bytes but the file ends after \d+/);
  });

  it('refuses bytes that are not OSM PBF, and files needing features it lacks', () => {
    expect(readError(new TextEncoder().encode('<?xml version="1.0"?><osm></osm>'))).toMatch(/block 1 at byte 0: a BlobHeader of \d+ bytes .*not an OSM PBF file/);
    expect(readError(encodeOsmPbf(content, { requiredFeatures: ['OsmSchema-V0.6', 'Sort.Type_then_ID', 'LocationsOnWays-v2'] }))).toMatch(/requires features this reader does not have: Sort.Type_then_ID, LocationsOnWays-v2/);
  });

  it('reads the Paris Marais PBF to the same elements as its XML', async () => {
    const fromPbf = new OsmElementStore();
    readOsmPbfFile(resolve(sharedData, 'osm', 'paris-marais.osm.pbf'), fromPbf);
    const fromXml = new OsmElementStore();
    await readOsmXmlFile(resolve(sharedData, 'osm', 'paris-marais.osm'), fromXml);
    expect(fromPbf.nodeCount).toBe(fromXml.nodeCount);
    expect([...fromPbf.taggedNodes()]).toEqual([...fromXml.taggedNodes()]);
    expect(fromPbf.ways).toEqual(fromXml.ways);
    expect(fromPbf.relations).toEqual(fromXml.relations);
    expect(fromPbf.bounds).toEqual(fromXml.bounds);
    for (const way of fromXml.ways) for (const nodeId of way.nodeIds) expect(fromPbf.nodePosition(nodeId)).toEqual(fromXml.nodePosition(nodeId));
  });
});

/** The datasize of the first block's BlobHeader (field 3). */
function readDataSize(file: Uint8Array): number {
  const headerLength = new DataView(file.buffer).getUint32(0);
  const header = file.subarray(4, 4 + headerLength);
  // BlobHeader: field 1 (type, length-delimited), then field 3 (datasize, varint).
  let position = 0;
  while (position < header.length) {
    const key = header[position] as number;
    position += 1;
    if (key === 0x0a) {
      position += (header[position] as number) + 1;
    } else if (key === 0x18) {
      let value = 0;
      let shift = 0;
      for (;;) {
        const byte = header[position] as number;
        position += 1;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if ((byte & 0x80) === 0) break;
      }
      return value;
    } else {
      break;
    }
  }
  throw new Error('no datasize in the BlobHeader');
}
