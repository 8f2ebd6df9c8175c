import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { LngLat } from '../src/domain/facilities/model.ts';
import { distanceMeters } from '../src/domain/geo/index.ts';
import { findRoute, routingProfile } from '../src/domain/routing/index.ts';
import { testRandom } from '../src/domain/routing/test-support.ts';
import { loadDistrictRoutingData } from './routing-graph.ts';

// bfmap runs as users run it: `node bin/bfmap.js route …`, a child process against data/sample.
const root = resolve(import.meta.dirname, '..');
const sample = loadDistrictRoutingData(resolve(root, 'data', 'sample'));

/** Runs bfmap without blocking, so the cases below can run side by side. */
function bfmap(...argumentsGiven: string[]): Promise<{ status: number | null; stdout: string; errors: string }> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, ['bin/bfmap.js', ...argumentsGiven], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolveRun({ status, stdout, errors: stderr });
    });
  });
}

interface PrintedRoute {
  type: string;
  geometry: { type: string; coordinates: LngLat[] };
  properties: {
    profile: string; length_m: number; duration_s: number; unknown_segments: number; unknown_attributes: Record<string, number>;
    avoided: unknown[]; uses: { steps: number; ramps: number; elevators: number; crossings: number };
    instructions: { kind: string; text: string; distance_m: number }[];
  };
}

const point = (position: LngLat): string => position.map((value) => value.toFixed(7)).join(',');
// Two points of the sample's network: the first position of its first edge and the last of its last.
const firstLine = sample.edges[0]?.geometry.coordinates as LngLat[];
const lastLine = sample.edges[sample.edges.length - 1]?.geometry.coordinates as LngLat[];
const from = firstLine[0] as LngLat;
const to = lastLine[lastLine.length - 1] as LngLat;

describe.concurrent('bfmap route', { timeout: 60_000 }, () => {
  it('prints a wheelchair route as one GeoJSON LineString Feature whose length matches its line', async () => {
    const { status, stdout } = await bfmap('route', '--data', 'data/sample', '--from', point(from), '--to', point(to), '--profile', 'wheelchair');
    expect(status).toBe(0);
    const feature = JSON.parse(stdout) as PrintedRoute;
    expect(feature.type).toBe('Feature');
    expect(feature.geometry.type).toBe('LineString');
    const lineMeters = feature.geometry.coordinates.slice(1).reduce((sum, position, index) => sum + distanceMeters(feature.geometry.coordinates[index] as LngLat, position), 0);
    expect(Math.abs(feature.properties.length_m - lineMeters) / lineMeters).toBeLessThan(0.01);
    expect(Object.keys(feature.properties)).toEqual(expect.arrayContaining(['length_m', 'duration_s', 'profile', 'instructions', 'unknown_segments', 'avoided', 'uses']));
    expect(feature.properties.profile).toBe('wheelchair');
    expect(feature.properties.uses.steps).toBe(0);
    const expected = findRoute(sample.graph, { origin: from, destination: to, profile: 'wheelchair' });
    expect(expected.status).toBe('found');
    if (expected.status !== 'found') return;
    expect(feature.properties.unknown_segments).toBe(expected.unknownSegments);
    expect(feature.properties.instructions.map((step) => step.kind)).toEqual(expected.directions.map((step) => step.kind));
    expect(feature.properties.instructions[0]?.text).toMatch(/^Head (north|south|east|west|north-east|north-west|south-east|south-west)/);
    expect(feature.properties.instructions.at(-1)?.kind).toBe('arrive');
    expect(feature.properties.instructions.every((step) => typeof step.text === 'string' && step.text.length > 0)).toBe(true);
  });

  it('uses no segment with unknown data under --avoid-unknown, where the default route has some', async () => {
    const random = testRandom(8);
    const somewhere = (): LngLat => (sample.edges[Math.floor(random() * sample.edges.length)]?.geometry.coordinates[0] as LngLat);
    let pair: [LngLat, LngLat] | null = null;
    for (let attempt = 0; attempt < 1000 && pair === null; attempt += 1) {
      const origin = somewhere();
      const destination = somewhere();
      const usual = findRoute(sample.graph, { origin, destination, profile: 'wheelchair' });
      const strict = findRoute(sample.graph, { origin, destination, profile: routingProfile('wheelchair', { unknown: 'avoid' }) });
      if (usual.status === 'found' && usual.unknownSegments > 0 && strict.status === 'found') pair = [origin, destination];
    }
    expect(pair).not.toBeNull();
    const [origin, destination] = pair as [LngLat, LngLat];
    const usual = JSON.parse((await bfmap('route', '--data', 'data/sample', '--from', point(origin), '--to', point(destination), '--profile', 'wheelchair')).stdout) as PrintedRoute;
    expect(usual.properties.unknown_segments).toBeGreaterThan(0);
    const { status, stdout } = await bfmap('route', '--data', 'data/sample', '--from', point(origin), '--to', point(destination), '--profile', 'wheelchair', '--avoid-unknown');
    expect(status).toBe(0);
    const feature = JSON.parse(stdout) as PrintedRoute;
    expect(feature.properties.unknown_segments).toBe(0);
    expect(feature.properties.unknown_attributes).toEqual({});
  });

  it('exits 2 and names the limit to relax when there is no route', async () => {
    // A pair of network positions the domain says has no wheelchair route, but would have one with a limit relaxed.
    const random = testRandom(3);
    const somewhere = (): LngLat => (sample.edges[Math.floor(random() * sample.edges.length)]?.geometry.coordinates[0] as LngLat);
    let pair: [LngLat, LngLat] | null = null;
    let relax: string | null = null;
    for (let attempt = 0; attempt < 1000 && pair === null; attempt += 1) {
      const origin = somewhere();
      const destination = somewhere();
      const result = findRoute(sample.graph, { origin, destination, profile: routingProfile('wheelchair') });
      if (result.status === 'no_route' && (result.reason.kind === 'origin_enclosed' || result.reason.kind === 'destination_enclosed') && result.reason.relax !== null) {
        pair = [origin, destination];
        relax = result.reason.relax;
      }
    }
    expect(pair).not.toBeNull();
    const [origin, destination] = pair as [LngLat, LngLat];
    const { status, stdout, errors } = await bfmap('route', '--data', 'data/sample', '--from', point(origin), '--to', point(destination), '--profile', 'wheelchair');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(errors).toMatch(/no wheelchair route: every way (out of the start|in to the destination) is blocked by/);
    expect(errors).toContain(`(limit: ${relax})`);
  });

  it.each([
    [['--data', 'data/no-such-district', '--from', '121.47,31.23', '--to', '121.471,31.231', '--profile', 'walk'], /not a folder/],
    [['--data', 'data/sample', '--from', '121.47,north', '--to', '121.471,31.231', '--profile', 'walk'], /--from must be <longitude,latitude>/],
    [['--data', 'data/sample', '--from', '0,0', '--to', '121.471,31.231', '--profile', 'walk'], /--from 0,0 is outside the district/],
    [['--data', 'data/sample', '--from', '121.47,31.23', '--to', '121.471,31.231', '--profile', 'skateboard'], /--profile must be one of walk, wheelchair/],
    [['--data', 'data/sample', '--from', '121.47,31.23', '--profile', 'walk'], /--to <longitude,latitude> is required/],
    [['--data', 'data/sample', '--from', '121.47,31.23', '--to', '121.471,31.231', '--profile', 'walk', '--fast'], /unknown option --fast/],
  ])('exits 1 with a clear message for %j', async (argumentsGiven, message) => {
    const { status, stdout, errors } = await bfmap('route', ...argumentsGiven);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(errors).toMatch(message);
  });

  it('explains itself with --help', async () => {
    const { status, errors } = await bfmap('route', '--help');
    expect(status).toBe(0);
    expect(errors).toMatch(/Usage: bfmap route --data/);
  });
});
