import { describe, it, expect } from 'vitest';
import { computeCoverage, type CoverageResult } from '../../domain/coverage/index.ts';
import type { LngLat, ToiletFacility } from '../../domain/facilities/model.ts';
import { buildRoutingGraph } from '../../domain/routing/graph.ts';
import { generateSyntheticNetwork } from '../../domain/routing/synthetic-network.ts';
import { createPlannerTranslate } from './messages.ts';
import { coverageComparison, coverageSummary, facilityNotes, shareText, streetsWithoutFacility, whatIfAnnouncement } from './planner-words.ts';

function toilet(id: string, position: LngLat, status: ToiletFacility['status']): ToiletFacility {
  return {
    id, category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status, statusNote: null, lastVerified: null, source: 'test',
    doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null, openingHours: null, changingTable: null,
    location: { type: 'Point', coordinates: position },
  };
}

const network = generateSyntheticNetwork({ blocksEast: 5, blocksNorth: 4, seed: 9 });
const named = network.edges.map((line, index) => ({ ...line, nameZh: `路${index % 7}`, nameEn: `Road ${index % 7}` }));
const { graph } = buildRoutingGraph(named, network.facilities);
const [west, south, east, north] = network.bbox;
const toilets = [
  toilet('working', [west + (east - west) * 0.2, south + (north - south) * 0.3], 'working'),
  toilet('unknown', [west + (east - west) * 0.7, south + (north - south) * 0.6], 'unknown'),
  toilet('broken', [west + (east - west) * 0.5, south + (north - south) * 0.9], 'out_of_service'),
];
const run = (extra: Partial<Parameters<typeof computeCoverage>[2]> = {}): CoverageResult =>
  computeCoverage(graph, toilets, { category: 'toilet', profile: 'wheelchair', withinMeters: 150, cellSizeMeters: 40, workingOnly: true, ...extra });
const en = createPlannerTranslate('en');
const zh = createPlannerTranslate('zh');

describe('coverage in words', () => {
  const result = run();

  it('counts streets with no cell within reach among those with cells, and says so in one sentence', () => {
    const counted = streetsWithoutFacility(result);
    const expectedWithout = result.streets.filter((row) => row.cells > 0 && row.cellsCoveredNetwork === 0).length;
    expect(counted).toEqual({ streets: result.streets.filter((row) => row.cells > 0).length, without: expectedWithout });
    expect(counted.without).toBeGreaterThan(0);
    expect(coverageSummary(en, result)).toBe(`${expectedWithout} of ${counted.streets} streets have no accessible toilet within 150 m by manual wheelchair.`);
    expect(coverageSummary(zh, result)).toContain(`${counted.streets} 条街道中有 ${expectedWithout} 条`);
  });

  it('falls back to the share of cells where no street is named', () => {
    const unnamed = { ...result, streets: [] };
    expect(coverageSummary(en, unnamed)).toBe(`${shareText(en, result.shareNetwork)} of the district's cells are within 150 m by manual wheelchair of the nearest accessible toilet.`);
  });

  it('gives the straight-line excess in percentage points from the two shares', () => {
    const points = ((result.shareStraightLine! - result.shareNetwork!) * 100).toFixed(1);
    expect(coverageComparison(en, result)).toContain(`${points} percentage points more`);
    expect(coverageComparison(en, { ...result, shareNetwork: null })).toBeNull();
  });

  it('names what was left out and what counted although unknown', () => {
    expect(facilityNotes(en, result)).toEqual([
      'Counted: 2 (accessible toilet).', 'Left out as out of service: 1.', 'Counted although their status is unknown: 1; check them on site.',
    ]);
    expect(facilityNotes(en, run({ workingOnly: false }))[0]).toBe('Counted: 3 (accessible toilet).');
  });

  it('announces a what-if with the new share beside the old', () => {
    const after = run({ proposedFacilities: [[(west + east) / 2, (south + north) / 2]] });
    expect(whatIfAnnouncement(en, after, result)).toBe(`With 1 proposed: ${shareText(en, after.shareNetwork)} of cells within reach (was ${shareText(en, result.shareNetwork)}).`);
    expect(after.shareNetwork!).toBeGreaterThan(result.shareNetwork!);
  });

  it('never shows an unknown share as 0 %', () => {
    expect(shareText(en, null)).toBe('no data');
    expect(shareText(en, 0)).toBe('0.0%');
  });
});
