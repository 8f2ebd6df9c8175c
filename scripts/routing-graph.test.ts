import { describe, it, expect, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LAYER_FILES } from '../src/domain/facilities/model.ts';
import { findRoute } from '../src/domain/routing/index.ts';
import { testRandom } from '../src/domain/routing/test-support.ts';
import { RoutingDataError, buildRoutingGraphFile, loadDistrictRoutingData, readRoutingGraphFile, ROUTING_GRAPH_FILE } from './routing-graph.ts';

const sampleDirectory = resolve(import.meta.dirname, '..', 'data', 'sample');
const scratch = mkdtempSync(join(tmpdir(), 'bfmap-routing-graph-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('network.bin for a district folder', () => {
  it('is written next to network.geojson, much smaller, and routes exactly like the graph built from GeoJSON', () => {
    const copy = join(scratch, 'sample');
    cpSync(sampleDirectory, copy, { recursive: true });
    const report = buildRoutingGraphFile(copy);
    expect(report.path).toBe(join(copy, ROUTING_GRAPH_FILE));
    expect(statSync(report.path).size).toBe(report.bytes);
    expect(report.bytes).toBeLessThan(statSync(join(copy, LAYER_FILES.network)).size / 4);
    const geojsonEdges = JSON.parse(readFileSync(join(copy, LAYER_FILES.network), 'utf8')).features.length as number;
    expect(report.edgeCount).toBe(geojsonEdges);

    const built = loadDistrictRoutingData(copy).graph;
    const loaded = readRoutingGraphFile(copy);
    expect(loaded).not.toBeNull();
    const random = testRandom(17);
    const [west, south, east, north] = JSON.parse(readFileSync(join(copy, 'district.json'), 'utf8')).bbox as number[] as [number, number, number, number];
    for (let index = 0; index < 25; index += 1) {
      const origin: [number, number] = [west + random() * (east - west), south + random() * (north - south)];
      const destination: [number, number] = [west + random() * (east - west), south + random() * (north - south)];
      expect(findRoute(loaded as NonNullable<typeof loaded>, { origin, destination, profile: 'wheelchair' })).toEqual(findRoute(built, { origin, destination, profile: 'wheelchair' }));
    }
  });

  it('fails with a message naming the folder or file when the network cannot be read', () => {
    expect(() => loadDistrictRoutingData(join(scratch, 'no-such-district'))).toThrow(RoutingDataError);
    expect(() => loadDistrictRoutingData(join(scratch, 'no-such-district'))).toThrow(/no-such-district is not a folder/);
    const broken = join(scratch, 'broken');
    cpSync(sampleDirectory, broken, { recursive: true });
    rmSync(join(broken, LAYER_FILES.network));
    expect(() => buildRoutingGraphFile(broken)).toThrow(/network\.geojson is missing/);
    expect(existsSync(join(broken, ROUTING_GRAPH_FILE))).toBe(false);
  });
});
