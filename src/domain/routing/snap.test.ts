import { describe, it, expect } from 'vitest';
import type { LngLat } from '../facilities/model.ts';
import { buildRoutingGraph } from './graph.ts';
import { snapToNetwork } from './snap.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';
import { testRandom } from './test-support.ts';

describe('snapping with a test function instead of an array of allowed edges', () => {
  const network = generateSyntheticNetwork({ blocksEast: 6, blocksNorth: 5, seed: 3 });
  const { graph } = buildRoutingGraph(network.edges, network.facilities);
  // Every third edge allowed, as an array and as a test.
  const allowedArray = Uint8Array.from({ length: graph.edgeCount }, (_, edge) => (edge % 3 === 0 ? 1 : 0));
  const random = testRandom(17);
  const [west, south, east, north] = network.bbox;
  const points = Array.from({ length: 200 }, (): LngLat => [west + random() * (east - west), south + random() * (north - south)]);

  it('lands on the same point of the same edge', () => {
    let snapped = 0;
    for (const point of points) {
      const byArray = snapToNetwork(graph, point, allowedArray, 60);
      const byTest = snapToNetwork(graph, point, (edge) => allowedArray[edge] === 1, 60);
      expect(byTest).toEqual(byArray);
      if (byArray !== null) snapped += 1;
    }
    expect(snapped).toBeGreaterThan(points.length / 2);
  });

  it('asks the test only about edges nearer than the best allowed one so far: about as many as it takes to meet an allowed one', () => {
    let asked = 0;
    for (const point of points) snapToNetwork(graph, point, (edge) => { asked += 1; return allowedArray[edge] === 1; }, 60);
    // With one edge in three allowed, a nearest-first walk meets one after about three: twice that is the bound.
    const allowedShare = allowedArray.reduce((sum, allowed) => sum + allowed, 0) / graph.edgeCount;
    expect(asked).toBeGreaterThan(0);
    expect(asked / points.length).toBeLessThan(2 / allowedShare);
  });
});
