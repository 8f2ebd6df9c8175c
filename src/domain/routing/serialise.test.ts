import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, LAYER_FILES, type LngLat } from '../facilities/model.ts';
import { parseFacilityLayer, parseNetworkLayer } from '../facilities/parse.ts';
import { formatJsonFile } from '../sample/format-json-file.ts';
import { generateSampleDistrict } from '../sample/generate-sample-district.ts';
import { buildRoutingGraph, type RoutingGraph } from './graph.ts';
import { PROFILE_NAMES } from './profiles.ts';
import { findRoute } from './route.ts';
import { deserialiseRoutingGraph, RoutingGraphFormatError, ROUTING_GRAPH_FORMAT_VERSION, serialiseRoutingGraph } from './serialise.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';
import { testRandom } from './test-support.ts';

const files = generateSampleDistrict();
const networkText = formatJsonFile(files[LAYER_FILES.network]);
const edges = parseNetworkLayer(LAYER_FILES.network, files[LAYER_FILES.network]).items;
const facilities = FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], files[LAYER_FILES[category]]).items);
const sample = buildRoutingGraph(edges, facilities).graph;

function graphArrays(graph: RoutingGraph): Record<string, unknown> {
  return Object.fromEntries(Object.entries(graph).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value]));
}

describe('the binary routing graph', () => {
  it('reads back exactly what was written, array by array', () => {
    const loaded = deserialiseRoutingGraph(serialiseRoutingGraph(sample));
    expect(graphArrays(loaded)).toEqual(graphArrays(sample));
  });

  it('gives identical routes after a round trip, for every profile, on the sample and on a synthetic grid', () => {
    const synthetic = generateSyntheticNetwork({ blocksEast: 8, blocksNorth: 8, seed: 3 });
    const cases: [RoutingGraph, [number, number, number, number]][] = [
      [sample, [121.46, 31.222, 121.48, 31.236]],
      [buildRoutingGraph(synthetic.edges, synthetic.facilities).graph, synthetic.bbox],
    ];
    for (const [graph, [west, south, east, north]] of cases) {
      const loaded = deserialiseRoutingGraph(serialiseRoutingGraph(graph));
      const random = testRandom(11);
      let routes = 0;
      for (let index = 0; index < 30; index += 1) {
        const origin: LngLat = [west + random() * (east - west), south + random() * (north - south)];
        const destination: LngLat = [west + random() * (east - west), south + random() * (north - south)];
        for (const profile of PROFILE_NAMES) {
          const before = findRoute(graph, { origin, destination, profile });
          expect(findRoute(loaded, { origin, destination, profile })).toEqual(before);
          if (before.status === 'found') routes += 1;
        }
      }
      expect(routes).toBeGreaterThan(100);
    }
  }, 30_000);

  it('is much smaller than the network.geojson it is built from', () => {
    const bytes = serialiseRoutingGraph(sample).byteLength;
    expect(bytes).toBeLessThan(new TextEncoder().encode(networkText).byteLength / 2);
  });

  it('reads from a view that does not start on an 8-byte boundary (a Node Buffer from a pool)', () => {
    const written = new Uint8Array(serialiseRoutingGraph(sample));
    const padded = new Uint8Array(written.byteLength + 3);
    padded.set(written, 3);
    expect(deserialiseRoutingGraph(padded.subarray(3)).edgeIds).toEqual(sample.edgeIds);
  });
});

describe('a file that is not a routing graph this code can read', () => {
  const written = serialiseRoutingGraph(sample);
  const damaged = (change: (bytes: Uint8Array, view: DataView) => void): ArrayBuffer => {
    const copy = written.slice(0);
    change(new Uint8Array(copy), new DataView(copy));
    return copy;
  };

  it.each([
    ['an empty file', new ArrayBuffer(0), /too short/],
    ['a GeoJSON file', new TextEncoder().encode(networkText).buffer, /not a routing graph/],
    ['another format version', damaged((_, view) => view.setUint32(4, ROUTING_GRAPH_FORMAT_VERSION + 1, true)), /format version 2.*rebuild/],
    ['a truncated file', written.slice(0, written.byteLength - 8), /truncated or damaged/],
    ['an edge pointing past the last node', damaged((_, view) => {
      // The first section after the string table is edgeStartNode.
      const stringBytes = view.getUint32(32, true);
      view.setInt32(56 + Math.ceil(stringBytes / 8) * 8, sample.nodeCount + 5, true);
    }), /edge 0 \(sample:network:0001\) refers to a node that is not there/],
  ])('refuses %s with a message that says why', (_label, buffer, message) => {
    expect(() => deserialiseRoutingGraph(buffer, 'data/sample/network.bin')).toThrow(RoutingGraphFormatError);
    expect(() => deserialiseRoutingGraph(buffer, 'data/sample/network.bin')).toThrow(message);
    expect(() => deserialiseRoutingGraph(buffer, 'data/sample/network.bin')).toThrow(/^data\/sample\/network\.bin: /);
  });
});
