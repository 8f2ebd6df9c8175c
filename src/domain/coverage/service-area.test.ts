import { describe, it, expect } from 'vitest';
import type { Facility, LngLat, ToiletFacility } from '../facilities/model.ts';
import { buildRoutingGraph, type RoutingGraph } from '../routing/graph.ts';
import { generateSyntheticNetwork } from '../routing/synthetic-network.ts';
import { at, edge, fineSidewalk, localOf, testRandom } from '../routing/test-support.ts';
import {
  COVERAGE_STAGES, computeCoverage, coverageCellsGeoJson, validateCoverageRequest, type CoverageProgress, type CoverageRequest, type CoverageResult,
} from './service-area.ts';
import { hexGridOver } from './hex-grid.ts';

function toilet(id: string, position: LngLat, status: Facility['status'] = 'working'): ToiletFacility {
  return {
    id, category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status, statusNote: null, lastVerified: null, source: 'test',
    doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null, openingHours: null, changingTable: null,
    location: { type: 'Point', coordinates: position },
  };
}

function nodeAt(graph: RoutingGraph, position: LngLat): number {
  let best = -1, bestDistance = Infinity;
  for (let node = 0; node < graph.nodeCount; node += 1) {
    const distance = Math.hypot((graph.nodeLongitude[node] as number) - position[0], (graph.nodeLatitude[node] as number) - position[1]);
    if (distance < bestDistance) { best = node; bestDistance = distance; }
  }
  return best;
}

function coveredCells(result: CoverageResult, kind: 'coveredNetwork' | 'coveredStraightLine'): Set<string> {
  return new Set(result.cells.filter((cell) => cell[kind]).map((cell) => `${cell.row},${cell.column}`));
}

describe('hexGridOver', () => {
  it('puts neighbouring centres in a row one cell size apart and covers the box', () => {
    const { graph } = buildRoutingGraph([fineSidewalk('a', [[0, 0], [500, 300]])], []);
    const grid = hexGridOver(graph.projection, [at(0, 0)[0], at(0, 0)[1], at(500, 300)[0], at(500, 300)[1]], 80);
    const first = grid.cells[0]!, second = grid.cells[1]!;
    expect(Math.hypot(localOf(second.center).x - localOf(first.center).x, localOf(second.center).y - localOf(first.center).y)).toBeCloseTo(80, 1);
    // Every point of the box lies within one cell radius of some centre.
    const random = testRandom(11);
    for (let sample = 0; sample < 200; sample += 1) {
      const east = random() * 500, north = random() * 300;
      const nearest = Math.min(...grid.cells.map((cell) => Math.hypot(localOf(cell.center).x - east, localOf(cell.center).y - north)));
      expect(nearest).toBeLessThanOrEqual(grid.radiusMeters + 0.01);
    }
  });
});

describe('computeCoverage on a tiny hand-built network', () => {
  // A straight street 0 → 100 → 200 m east, then steps 200 → 210 m, with a 60 m step-free detour round them.
  const edges = [
    fineSidewalk('west', [[0, 0], [100, 0]]),
    fineSidewalk('middle', [[100, 0], [200, 0]]),
    edge('steps', 'steps', [[200, 0], [210, 0]], { stepCount: 12 }),
    fineSidewalk('detour-up', [[200, 0], [200, 20]]),
    fineSidewalk('detour-across', [[200, 20], [210, 20]]),
    fineSidewalk('detour-down', [[210, 20], [210, 0]]),
  ];
  const { graph } = buildRoutingGraph(edges, []);
  const request: CoverageRequest = { category: 'toilet', profile: 'walk', withinMeters: 1000, cellSizeMeters: 30 };

  it('gives each node its distance along the street to a toilet standing on it', () => {
    const result = computeCoverage(graph, [toilet('t', at(0, 0))], request);
    for (const east of [0, 100, 200]) expect(result.nodeCostMeters[nodeAt(graph, at(east, 0))]).toBeCloseTo(east, 1);
    // Walking takes the 10 m steps, not the 40 m detour.
    expect(result.nodeCostMeters[nodeAt(graph, at(210, 0))]).toBeCloseTo(210, 1);
  });

  it('sends a wheelchair round the steps: 200 m, then 50 m round instead of 10 m of steps', () => {
    const result = computeCoverage(graph, [toilet('t', at(0, 0))], { ...request, profile: 'wheelchair' });
    expect(result.nodeCostMeters[nodeAt(graph, at(210, 0))]).toBeCloseTo(200 + 20 + 10 + 20, 1);
  });

  it('counts the walk from a cell centre to the street and along it', () => {
    const result = computeCoverage(graph, [toilet('t', at(0, 0))], request);
    const onMain = result.cells.filter((cell) => {
      const { x } = localOf(cell.center);
      // Nearer the main street than the detour at 200 m east.
      return cell.onNetwork && x >= 0 && x <= 180;
    });
    expect(onMain.length).toBeGreaterThan(3);
    for (const cell of onMain) {
      const { x, y } = localOf(cell.center);
      expect(cell.networkCostMeters).toBeCloseTo(Math.abs(y) + x, 1);
      expect(cell.straightLineMeters).toBeCloseTo(Math.hypot(x, y), 1);
    }
  });

  it('walks straight along the edge to a toilet on the same edge, not round by its ends', () => {
    const result = computeCoverage(graph, [toilet('t', at(50, 0))], request);
    const sameEdge = result.cells.filter((cell) => cell.onNetwork && localOf(cell.center).x > 5 && localOf(cell.center).x < 95);
    expect(sameEdge.length).toBeGreaterThan(1);
    for (const cell of sameEdge) {
      const { x, y } = localOf(cell.center);
      expect(cell.networkCostMeters).toBeCloseTo(Math.abs(y) + Math.abs(x - 50), 1);
    }
  });

  it('counts the walk from the street to a toilet set back from it', () => {
    const setBack = 15;
    const result = computeCoverage(graph, [toilet('t', at(50, setBack))], request);
    expect(result.nodeCostMeters[nodeAt(graph, at(100, 0))]).toBeCloseTo(50 + setBack, 1);
    expect(result.nodeCostMeters[nodeAt(graph, at(0, 0))]).toBeCloseTo(50 + setBack, 1);
  });

  it('leaves nodes beyond the limit uncovered and their network length out', () => {
    const result = computeCoverage(graph, [toilet('t', at(0, 0))], { ...request, withinMeters: 150 });
    expect(result.nodeCostMeters[nodeAt(graph, at(200, 0))]).toBe(Infinity);
    expect(result.networkLengthCoveredMeters).toBeCloseTo(100, 1);
    const total = edges.reduce((sum, line) => {
      const points = line.geometry.coordinates as LngLat[];
      return sum + points.slice(1).reduce((length, point, index) => length + Math.hypot(localOf(point).x - localOf(points[index]!).x, localOf(point).y - localOf(points[index]!).y), 0);
    }, 0);
    expect(result.networkLengthMeters).toBeCloseTo(total, 1);
  });

  it('counts an out-of-service toilet only when working-only is off', () => {
    const facilities = [toilet('broken', at(0, 0), 'out_of_service')];
    const all = computeCoverage(graph, facilities, request);
    const working = computeCoverage(graph, facilities, { ...request, workingOnly: true });
    expect(all.facilities.counted).toBe(1);
    expect(all.cellsCoveredNetwork).toBeGreaterThan(0);
    expect(working.facilities.counted).toBe(0);
    expect(working.facilities.outOfServiceExcluded).toBe(1);
    expect(working.cellsCoveredNetwork).toBe(0);
    expect(working.cellsCoveredStraightLine).toBe(0);
  });

  it('still counts a toilet whose status is unknown when working-only is on, and says so', () => {
    const result = computeCoverage(graph, [toilet('unchecked', at(0, 0), 'unknown')], { ...request, workingOnly: true });
    expect(result.facilities.counted).toBe(1);
    expect(result.facilities.unknownStatusCounted).toBe(1);
    expect(result.cellsCoveredNetwork).toBeGreaterThan(0);
  });

  it('reports what is wrong with a request', () => {
    expect(validateCoverageRequest({ ...request, withinMeters: -5 })).toHaveLength(1);
    expect(() => computeCoverage(graph, [], { ...request, withinMeters: Number.NaN })).toThrow(/withinMeters/);
    expect(validateCoverageRequest({ ...request, proposedFacilities: [[500, 0]] })[0]).toMatch(/proposed facility 1/);
  });
});

describe('coverage invariants on a synthetic district', () => {
  const network = generateSyntheticNetwork({ blocksEast: 6, blocksNorth: 5, seed: 7 });
  const { graph } = buildRoutingGraph(network.edges, network.facilities);
  const random = testRandom(5);
  const [west, south, east, north] = network.bbox;
  const toilets = Array.from({ length: 6 }, (_, index) => toilet(`t${index}`, [west + random() * (east - west), south + random() * (north - south)], index === 0 ? 'out_of_service' : 'working'));
  const base: CoverageRequest = { category: 'toilet', profile: 'walk', withinMeters: 250, cellSizeMeters: 60 };

  it('never covers a cell along the network that straight-line circles leave out', () => {
    for (const profile of ['walk', 'wheelchair', 'cane', 'blind'] as const) {
      for (const withinMeters of [100, 250, 600]) {
        const result = computeCoverage(graph, toilets, { ...base, profile, withinMeters });
        const straight = coveredCells(result, 'coveredStraightLine');
        for (const cell of coveredCells(result, 'coveredNetwork')) expect(straight.has(cell)).toBe(true);
        expect(result.shareNetwork!).toBeLessThanOrEqual(result.shareStraightLine!);
      }
    }
  });

  it('never loses a covered cell when a facility is added', () => {
    for (const profile of ['walk', 'wheelchair'] as const) {
      const before = computeCoverage(graph, toilets, { ...base, profile });
      const after = computeCoverage(graph, toilets, { ...base, profile, proposedFacilities: [[(west + east) / 2, (south + north) / 2]] });
      const covered = coveredCells(after, 'coveredNetwork');
      for (const cell of coveredCells(before, 'coveredNetwork')) expect(covered.has(cell)).toBe(true);
      expect(after.cellsCoveredNetwork).toBeGreaterThan(before.cellsCoveredNetwork);
      expect(after.networkLengthCoveredMeters).toBeGreaterThanOrEqual(before.networkLengthCoveredMeters);
      expect(after.facilities.proposed).toBe(1);
    }
  });

  it('never loses a covered cell when the distance grows', () => {
    let previous: Set<string> = new Set();
    let previousLength = 0;
    for (const withinMeters of [50, 150, 300, 500, 900]) {
      const result = computeCoverage(graph, toilets, { ...base, profile: 'wheelchair', withinMeters });
      const covered = coveredCells(result, 'coveredNetwork');
      for (const cell of previous) expect(covered.has(cell)).toBe(true);
      expect(result.networkLengthCoveredMeters).toBeGreaterThanOrEqual(previousLength);
      previous = covered;
      previousLength = result.networkLengthCoveredMeters;
    }
  });

  it('gives a cell the cost of its cheapest facility: the minimum over facilities one at a time', () => {
    const together = computeCoverage(graph, toilets, base);
    const alone = toilets.map((facility) => computeCoverage(graph, [facility], base));
    together.cells.forEach((cell, index) => {
      const costs = alone.map((result) => result.cells[index]!.networkCostMeters).filter((cost): cost is number => cost !== null);
      if (costs.length === 0) expect(cell.networkCostMeters).toBeNull();
      else expect(cell.networkCostMeters).toBeCloseTo(Math.min(...costs), 6);
    });
  });

  it('writes one polygon per cell on the network, with its flags', () => {
    const result = computeCoverage(graph, toilets, base);
    const collection = coverageCellsGeoJson(result);
    expect(collection.features).toHaveLength(result.cellsOnNetwork);
    const covered = (collection.features as { properties: { covered_network: boolean } }[]).filter((feature) => feature.properties.covered_network);
    expect(covered).toHaveLength(result.cellsCoveredNetwork);
  });

  it('adds up street rows from the cells and edges they hold', () => {
    const named = network.edges.map((line, index) => ({ ...line, nameZh: `街${index % 3}`, nameEn: `Street ${index % 3}` }));
    const namedGraph = buildRoutingGraph(named, network.facilities).graph;
    const result = computeCoverage(namedGraph, toilets, base);
    const rowCells = result.streets.reduce((sum, row) => sum + row.cells, 0);
    const cellsWithStreet = result.cells.filter((cell) => cell.onNetwork && cell.street >= 0).length;
    expect(rowCells).toBe(cellsWithStreet);
    for (const cell of result.cells.filter((candidate) => candidate.street >= 0)) expect(result.streets[cell.street]).toBeDefined();
    // Worst first.
    const shares = result.streets.map((row) => row.shareNetwork ?? Infinity);
    expect([...shares].sort((first, second) => first - second)).toEqual(shares);
  });

  it('reports progress in stage order with a share that never goes down, ending at done', () => {
    const seen: CoverageProgress[] = [];
    computeCoverage(graph, toilets, { ...base, cellSizeMeters: 15, onProgress: (progress) => seen.push(progress) });
    expect(seen.map((progress) => progress.stage).filter((stage, index, stages) => stage !== stages[index - 1])).toEqual([...COVERAGE_STAGES]);
    for (let index = 1; index < seen.length; index += 1) expect(seen[index]!.fraction).toBeGreaterThanOrEqual(seen[index - 1]!.fraction);
    expect(seen.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    // Enough cells for the cells stage to be reported more than once.
    expect(seen.filter((progress) => progress.stage === 'cells').length).toBeGreaterThan(1);
  });
});
