import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeCoverage, type CoverageResult } from '../src/domain/coverage/index.ts';
import { PROFILE_NAMES } from '../src/domain/routing/index.ts';
import { loadDistrictRoutingData } from './routing-graph.ts';

// bfmap runs as users run it: `node bin/bfmap.js coverage …`, a child process against data/sample.
const root = resolve(import.meta.dirname, '..');
const sampleFolder = resolve(root, 'data', 'sample');
const sample = loadDistrictRoutingData(sampleFolder);

function bfmap(...argumentsGiven: string[]): Promise<{ status: number | null; stdout: string; errors: string }> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, ['bin/bfmap.js', ...argumentsGiven], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolveRun({ status, stdout, errors: stderr });
    });
  });
}

/** Toilets by status, counted straight from the file, independently of the parser. */
function toiletStatuses(): Record<string, number> {
  const collection = JSON.parse(readFileSync(join(sampleFolder, 'toilets.geojson'), 'utf8')) as { features: { properties: { status: string } }[] };
  const counts: Record<string, number> = {};
  for (const feature of collection.features) counts[feature.properties.status] = (counts[feature.properties.status] ?? 0) + 1;
  return counts;
}

function coveredKeys(result: CoverageResult, kind: 'coveredNetwork' | 'coveredStraightLine'): Set<string> {
  return new Set(result.cells.filter((cell) => cell[kind]).map((cell) => `${cell.row},${cell.column}`));
}

describe('coverage of the sample district', () => {
  it('never covers more along the network than in straight lines, for every profile and category', () => {
    for (const profile of PROFILE_NAMES) {
      for (const category of ['toilet', 'elevator', 'ramp'] as const) {
        const result = computeCoverage(sample.graph, sample.facilities, { category, profile, withinMeters: 400 });
        const straight = coveredKeys(result, 'coveredStraightLine');
        for (const cell of coveredKeys(result, 'coveredNetwork')) expect(straight.has(cell)).toBe(true);
      }
    }
  });

  it('counts the toilets out of service only without working-only', () => {
    const statuses = toiletStatuses();
    const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
    const all = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 500 });
    const working = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 500, workingOnly: true });
    expect(all.facilities.counted).toBe(total);
    expect(working.facilities.outOfServiceExcluded).toBe(statuses.out_of_service ?? 0);
    expect(working.facilities.counted).toBe(total - (statuses.out_of_service ?? 0));
    expect(working.facilities.unknownStatusCounted).toBe(statuses.unknown ?? 0);
    expect(working.cellsCoveredNetwork).toBeLessThanOrEqual(all.cellsCoveredNetwork);
  });

  it('covers more as the distance grows, and a proposed toilet in the worst street adds to it', () => {
    const near = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 200 });
    const far = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 600 });
    const farCells = coveredKeys(far, 'coveredNetwork');
    for (const cell of coveredKeys(near, 'coveredNetwork')) expect(farCells.has(cell)).toBe(true);
    const worst = near.cells.find((cell) => cell.onNetwork && !cell.coveredNetwork && cell.street === 0);
    expect(worst).toBeDefined();
    const proposed = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 200, proposedFacilities: [worst!.center] });
    expect(proposed.cellsCoveredNetwork).toBeGreaterThan(near.cellsCoveredNetwork);
  });
});

describe('bfmap coverage', () => {
  it('prints the shares, cells, facilities and rows the library computes, and writes the cells as GeoJSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bfmap-coverage-'));
    try {
      const out = join(folder, 'cells.geojson');
      const run = await bfmap('coverage', '--data', 'data/sample', '--category', 'toilets', '--within', '300', '--profile', 'wheelchair', '--working-only', '--geojson', out);
      expect(run.errors).toBe('');
      expect(run.status).toBe(0);
      const printed = JSON.parse(run.stdout) as {
        share_network: number; share_straight_line: number; cells: { on_network: number; covered_network: number };
        facilities: { counted: number; out_of_service_excluded: number }; streets: { name_en: string; share_network: number | null }[]; areas: { cells: number }[];
      };
      const expected = computeCoverage(sample.graph, sample.facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 300, workingOnly: true });
      expect(printed.share_network).toBeCloseTo(expected.shareNetwork!, 4);
      expect(printed.share_straight_line).toBeCloseTo(expected.shareStraightLine!, 4);
      expect(printed.share_network).toBeLessThanOrEqual(printed.share_straight_line);
      expect(printed.cells.covered_network).toBe(expected.cellsCoveredNetwork);
      expect(printed.facilities.out_of_service_excluded).toBe(toiletStatuses().out_of_service ?? 0);
      expect(printed.streets.map((row) => row.name_en)).toEqual(expected.streets.map((row) => row.nameEn));
      // boundary.geojson gives one area per feature.
      const boundary = JSON.parse(readFileSync(join(sampleFolder, 'boundary.geojson'), 'utf8')) as { features: unknown[] };
      expect(printed.areas).toHaveLength(boundary.features.length);
      const cells = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: { properties: { covered_network: boolean } }[] };
      expect(cells.type).toBe('FeatureCollection');
      expect(cells.features).toHaveLength(printed.cells.on_network);
      expect(cells.features.filter((feature) => feature.properties.covered_network)).toHaveLength(printed.cells.covered_network);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('says what is wrong with the command line and exits 2', async () => {
    const wrongCategory = await bfmap('coverage', '--data', 'data/sample', '--category', 'benches', '--within', '300', '--profile', 'walk');
    expect(wrongCategory.status).toBe(2);
    expect(wrongCategory.errors).toMatch(/--category must be toilets, elevators or ramps, not "benches"/);
    const badDistance = await bfmap('coverage', '--data', 'data/sample', '--category', 'toilets', '--within', 'far', '--profile', 'walk');
    expect(badDistance.status).toBe(2);
    expect(badDistance.errors).toMatch(/--within must be a positive number of metres, not "far"/);
  }, 60_000);

  it('exits 1 naming the folder when the district cannot be read', async () => {
    const run = await bfmap('coverage', '--data', 'data/no-such-district', '--category', 'toilets', '--within', '300', '--profile', 'walk');
    expect(run.status).toBe(1);
    expect(run.errors).toMatch(/no-such-district is not a folder/);
  }, 60_000);
});
