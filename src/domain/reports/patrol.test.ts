import { describe, it, expect } from 'vitest';
import rampsText from '../../../data/sample/ramps.geojson?raw';
import elevatorsText from '../../../data/sample/elevators.geojson?raw';
import type { Facility } from '../facilities/model.ts';
import { parseFacilityLayer } from '../facilities/parse.ts';
import { distanceMeters } from '../geo/index.ts';
import { DEFAULT_RECENT_FAULT_DAYS, PATROL_BANDS, patrolList, type PatrolOptions } from './patrol.ts';
import { DEFAULT_STALENESS_RULES } from './staleness.ts';
import { ORIGIN, TEST_DISTRICT, elevatorAt, inspector, near, reportOf, reviewer, tactileLine, toiletAt } from './test-support.ts';

const now = new Date('2026-05-14T04:00:00Z');
const options = (overrides: Partial<PatrolOptions> = {}): PatrolOptions => ({
  actor: inspector('ins-me'), from: ORIGIN, districtId: TEST_DISTRICT.id, now, rules: DEFAULT_STALENESS_RULES, ...overrides,
});
const FRESH = '2026-05-01';

describe('the patrol list', () => {
  it('puts each facility in its band, bands in order, nearest first within a band, with the reason', () => {
    const facilities: Facility[] = [
      elevatorAt('never-far', near(800, 0)),
      elevatorAt('never-near', near(100, 0)),
      elevatorAt('old-near', near(50, 0), { lastVerified: '2025-01-01' }),
      elevatorAt('to-verify-far', near(900, 0), { lastVerified: FRESH }),
      toiletAt('fresh-quiet', near(10, 0), { lastVerified: FRESH }),
      toiletAt('to-reinspect', near(300, 0), { lastVerified: FRESH }),
    ];
    const reports = [
      reportOf({ id: 'r-verify', facilityId: 'to-verify-far', status: 'submitted', reporterId: 'ins-other' }),
      reportOf({ id: 'r-fixed', facilityId: 'to-reinspect', category: 'toilet', faultCode: 'locked_or_closed', status: 'fixed', fixedById: 'unit-user', assignedUnitId: 'u' }),
    ];
    const list = patrolList(facilities, reports, options());
    expect(list.map((item) => [item.facilityId, item.reason.kind])).toEqual([
      ['to-verify-far', 'verify_report'],
      ['to-reinspect', 'reinspect_fix'],
      ['never-near', 'never_verified'],
      ['never-far', 'never_verified'],
      ['old-near', 'verified_long_ago'],
    ]);
    expect(list[0]?.reason).toEqual({ kind: 'verify_report', reportIds: ['r-verify'] });
    const old = list.find((item) => item.facilityId === 'old-near');
    expect(old?.reason).toMatchObject({ lastVerified: '2025-01-01', maxAgeDays: DEFAULT_STALENESS_RULES.maxAgeDays.elevator });
  });

  it('an inspector is not sent to verify a report it filed itself; the facility falls to its next band', () => {
    const facilities = [elevatorAt('lift', near(10, 0), { lastVerified: FRESH })];
    const own = reportOf({ id: 'mine', facilityId: 'lift', status: 'submitted', reporterId: 'ins-me', createdAt: '2026-05-10T00:00:00.000Z' });
    expect(patrolList(facilities, [own], options())[0]?.reason).toEqual({ kind: 'recent_fault', reportIds: ['mine'], latestReportedAt: own.createdAt });
    expect(patrolList(facilities, [own], options({ actor: reviewer() }))[0]?.reason.kind).toBe('verify_report');
  });

  it('whoever marked a fix is not sent to re-inspect it; someone else is', () => {
    const facilities = [toiletAt('wc', near(10, 0), { lastVerified: FRESH })];
    const fixed = reportOf({ id: 'fixed', facilityId: 'wc', category: 'toilet', faultCode: 'locked_or_closed', status: 'fixed', fixedById: 'admin-1', assignedUnitId: 'u' });
    expect(patrolList(facilities, [fixed], options({ actor: { id: 'admin-1', role: 'admin', unitId: null } }))[0]?.reason.kind).toBe('recent_fault');
    expect(patrolList(facilities, [fixed], options({ actor: { id: 'admin-2', role: 'admin', unitId: null } }))[0]?.reason.kind).toBe('reinspect_fix');
  });

  it(`recent faults are those filed within ${DEFAULT_RECENT_FAULT_DAYS} days, rejected and duplicate reports aside`, () => {
    const facilities = [elevatorAt('lift', near(10, 0), { lastVerified: FRESH })];
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const inside = reportOf({ id: 'inside', facilityId: 'lift', status: 'assigned', createdAt: daysAgo(DEFAULT_RECENT_FAULT_DAYS - 1) });
    const outside = reportOf({ id: 'outside', facilityId: 'lift', status: 'assigned', createdAt: daysAgo(DEFAULT_RECENT_FAULT_DAYS + 1) });
    const rejected = reportOf({ id: 'rejected', facilityId: 'lift', status: 'rejected', createdAt: daysAgo(1) });
    expect(patrolList(facilities, [inside, outside, rejected], options())[0]?.reason).toMatchObject({ kind: 'recent_fault', reportIds: ['inside'] });
    expect(patrolList(facilities, [outside, rejected], options())).toEqual([]);
  });

  it('a point report to verify is an item of its own, at the report\'s location', () => {
    const point = reportOf({ id: 'missing-ramp', category: 'kerb_ramp', faultCode: 'missing', facilityId: null, location: near(0, 200), reporterId: null });
    const [item] = patrolList([], [point], options());
    expect(item).toMatchObject({ facilityId: null, reportId: 'missing-ramp', reason: { kind: 'verify_report', reportIds: ['missing-ramp'] } });
    expect(item?.distanceMeters).toBeCloseTo(distanceMeters(ORIGIN, near(0, 200)), 6);
  });

  it('a tactile strip is as near as its nearest point, not its first one', () => {
    // The strip runs 20 m north of the inspector, from 50 m west to 950 m east: its midpoint is 450 m away.
    const strip = tactileLine('strip', [near(-50, 20), near(950, 20)]);
    const [item] = patrolList([strip], [], options());
    expect(item?.distanceMeters).toBeCloseTo(20, 0);
  });

  it('reports of another district are ignored, and a limit keeps the first items', () => {
    const facilities = [elevatorAt('a', near(10, 0)), elevatorAt('b', near(20, 0)), elevatorAt('c', near(30, 0), { lastVerified: FRESH })];
    const elsewhere = reportOf({ facilityId: 'c', districtId: 'elsewhere', status: 'submitted', reporterId: null });
    expect(patrolList(facilities, [elsewhere], options()).map((item) => item.facilityId)).toEqual(['a', 'b']);
    expect(patrolList(facilities, [elsewhere], options({ limit: 1 })).map((item) => item.facilityId)).toEqual(['a']);
  });
});

describe('the patrol list on the sample district', () => {
  const facilities = [
    ...parseFacilityLayer('ramp', 'ramps.geojson', JSON.parse(rampsText)).items,
    ...parseFacilityLayer('elevator', 'elevators.geojson', JSON.parse(elevatorsText)).items,
  ];
  const center: [number, number] = [121.4700319, 31.2299762];

  it('lists every facility never checked, bands never go backwards and distances never shrink within a band', () => {
    const list = patrolList(facilities, [], options({ districtId: 'sample', from: center }));
    const neverChecked = facilities.filter((facility) => facility.lastVerified === null).map((facility) => facility.id).sort();
    expect(list.filter((item) => item.reason.kind === 'never_verified').map((item) => item.facilityId).sort()).toEqual(neverChecked);
    for (let index = 1; index < list.length; index += 1) {
      const previous = list[index - 1];
      const current = list[index];
      if (!previous || !current) continue;
      const bandOrder = PATROL_BANDS.indexOf(current.reason.kind) - PATROL_BANDS.indexOf(previous.reason.kind);
      expect(bandOrder).toBeGreaterThanOrEqual(0);
      if (bandOrder === 0) expect(current.distanceMeters).toBeGreaterThanOrEqual(previous.distanceMeters);
    }
  });
});
