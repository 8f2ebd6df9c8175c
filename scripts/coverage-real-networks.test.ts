// Coverage on real pedestrian networks: OpenStreetMap extracts from ../shared/data, imported with
// `bfmap import-osm` as a user would. The invariants of issue 7 are checked on them: network
// coverage never exceeds straight-line coverage (cell by cell and in metres), a facility added
// never loses a covered cell, a facility closed counts only when working-only is off.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COVERAGE_CATEGORIES, computeCoverage, type CoverageCategory, type CoverageResult } from '../src/domain/coverage/index.ts';
import type { Facility, LngLat } from '../src/domain/facilities/model.ts';
import type { RoutingGraph } from '../src/domain/routing/graph.ts';
import { importOsmFile } from '../bin/commands/import-osm.ts';
import { loadDistrictRoutingData } from './routing-graph.ts';

const sharedOsm = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'osm');

/** Metres between two positions on a local equirectangular plane (good to well under 1 % over a district). */
function metresBetween(first: LngLat, second: LngLat): number {
  const latitude = ((first[1] + second[1]) / 2) * (Math.PI / 180);
  const east = (second[0] - first[0]) * 111_320 * Math.cos(latitude);
  const north = (second[1] - first[1]) * 110_574;
  return Math.hypot(east, north);
}

const cellKeys = (result: CoverageResult, covered: 'coveredNetwork' | 'coveredStraightLine'): Set<string> =>
  new Set(result.cells.filter((cell) => cell[covered]).map((cell) => `${cell.row},${cell.column}`));

describe.each(['paris-marais.osm', 'berlin-neukolln.osm'])('coverage on %s as imported', (file) => {
  let graph: RoutingGraph;
  let facilities: Facility[];
  let category: CoverageCategory;
  beforeAll(async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'bfmap-coverage-real-')), 'district');
    await importOsmFile(join(sharedOsm, file), directory, { id: 'real' });
    const data = loadDistrictRoutingData(directory);
    graph = data.graph;
    facilities = data.facilities;
    // The category the extract maps most of, counted from the imported facilities.
    const counts = COVERAGE_CATEGORIES.map((name) => [name, facilities.filter((facility) => facility.category === name && facility.location.type === 'Point').length] as const);
    category = [...counts].sort((first, second) => second[1] - first[1])[0]![0];
  }, 60_000);

  it('never covers along the network what a straight line leaves out, and never reaches a cell in fewer metres than the straight line', () => {
    for (const profile of ['walk', 'wheelchair', 'blind'] as const) {
      const result = computeCoverage(graph, facilities, { category, profile, withinMeters: 250, cellSizeMeters: 60 });
      expect(result.facilities.counted).toBeGreaterThan(0);
      const straight = cellKeys(result, 'coveredStraightLine');
      for (const key of cellKeys(result, 'coveredNetwork')) expect(straight.has(key)).toBe(true);
      expect(result.cellsCoveredNetwork).toBeGreaterThan(0);
      for (const cell of result.cells) {
        if (cell.networkCostMeters === null) continue;
        const nearest = Math.min(...result.facilityPositions.map((position) => metresBetween(cell.center, position)));
        // The core measures in its own projection plane; allow 1 % for the two planes' difference.
        expect(cell.networkCostMeters).toBeGreaterThanOrEqual(nearest * 0.99);
      }
    }
  });

  it('never loses a covered cell when a facility is proposed in a gap, and gains that cell', () => {
    const request = { category, profile: 'walk' as const, withinMeters: 100, cellSizeMeters: 60 };
    const before = computeCoverage(graph, facilities, request);
    const gap = before.cells.find((cell) => cell.onNetwork && !cell.coveredNetwork && cell.straightLineMeters === null)
      ?? before.cells.find((cell) => cell.onNetwork && !cell.coveredNetwork);
    if (!gap) throw new Error('no uncovered cell on the network to propose a facility in');
    const after = computeCoverage(graph, facilities, { ...request, proposedFacilities: [gap.center] });
    const covered = cellKeys(after, 'coveredNetwork');
    for (const key of cellKeys(before, 'coveredNetwork')) expect(covered.has(key)).toBe(true);
    expect(after.cellsCoveredNetwork).toBeGreaterThan(before.cellsCoveredNetwork);
  });

  it('counts a closed facility only when working-only is off', () => {
    const ofCategory = facilities.filter((facility) => facility.category === category && facility.location.type === 'Point');
    const closed = ofCategory.slice(0, Math.ceil(ofCategory.length / 2)).map((facility) => facility.id);
    const request = { category, profile: 'walk' as const, withinMeters: 200, cellSizeMeters: 60, closedFacilityIds: closed };
    const all = computeCoverage(graph, facilities, { ...request, workingOnly: false });
    const working = computeCoverage(graph, facilities, { ...request, workingOnly: true });
    expect(all.facilities.counted).toBe(ofCategory.length);
    expect(working.facilities.outOfServiceExcluded).toBeGreaterThanOrEqual(closed.length);
    expect(working.cellsCoveredNetwork).toBeLessThan(all.cellsCoveredNetwork);
    const allCovered = cellKeys(all, 'coveredNetwork');
    for (const key of cellKeys(working, 'coveredNetwork')) expect(allCovered.has(key)).toBe(true);
  });
});
