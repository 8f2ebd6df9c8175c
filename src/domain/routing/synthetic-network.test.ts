import { describe, it, expect } from 'vitest';
import { buildRoutingGraph } from './graph.ts';
import { generateSyntheticNetwork, syntheticBlocksForEdgeCount } from './synthetic-network.ts';

describe('the synthetic network', () => {
  const options = { blocksEast: 6, blocksNorth: 5, seed: 9 };
  const network = generateSyntheticNetwork(options);

  it('is the same every time for the same options, and different for another seed', () => {
    expect(generateSyntheticNetwork(options)).toEqual(network);
    expect(generateSyntheticNetwork({ ...options, seed: 10 })).not.toEqual(network);
  });

  it('has a sidewalk edge per segment of every block side, and crossings between neighbouring blocks', () => {
    const count = (kind: string): number => network.edges.filter((item) => item.kind === kind).length;
    const blocks = options.blocksEast * options.blocksNorth;
    const sideSegments = count('sidewalk') + network.edges.filter((item) => item.kind === 'steps' && item.nameEn?.endsWith(' steps')).length;
    expect(sideSegments).toBe(blocks * 4 * 3);
    const neighbourPairs = (options.blocksEast - 1) * options.blocksNorth + options.blocksEast * (options.blocksNorth - 1);
    expect(count('crossing')).toBe(neighbourPairs * 2);
  });

  it('joins its edges into one connected network at exactly equal positions', () => {
    const { graph } = buildRoutingGraph(network.edges, network.facilities);
    const reached = new Uint8Array(graph.nodeCount);
    const stack = [0];
    reached[0] = 1;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      for (let arc = graph.nodeArcOffsets[node] as number; arc < (graph.nodeArcOffsets[node + 1] as number); arc += 1) {
        const next = graph.arcTarget[arc] as number;
        if (reached[next] === 0) {
          reached[next] = 1;
          stack.push(next);
        }
      }
    }
    expect(reached.every((value) => value === 1)).toBe(true);
  });

  it('names an existing facility from every elevator edge, and has unknown values in every attribute that can be unknown', () => {
    const facilityIds = new Set(network.facilities.map((facility) => facility.id));
    for (const item of network.edges.filter((candidate) => candidate.kind === 'elevator')) expect(facilityIds.has(item.facilityId as string)).toBe(true);
    const sidewalks = network.edges.filter((item) => item.kind === 'sidewalk');
    for (const field of ['inclinePercent', 'widthMeters', 'surface', 'tactilePaving'] as const) {
      expect(sidewalks.some((item) => item[field] === null), field).toBe(true);
      expect(sidewalks.some((item) => item[field] !== null), field).toBe(true);
    }
  });

  it('sizes a square grid to about the edge count asked for', () => {
    const blocks = syntheticBlocksForEdgeCount(20_000);
    const edges = generateSyntheticNetwork({ blocksEast: blocks, blocksNorth: blocks }).edges.length;
    expect(Math.abs(edges - 20_000) / 20_000).toBeLessThan(0.1);
  });
});
