import { describe, it, expect } from 'vitest';
import rampsText from '../../../data/sample/ramps.geojson?raw';
import toiletsText from '../../../data/sample/toilets.geojson?raw';
import elevatorsText from '../../../data/sample/elevators.geojson?raw';
import tactileText from '../../../data/sample/tactile-paving.geojson?raw';
import type { Facility, FacilityCategory } from '../facilities/model.ts';
import { parseFacilityLayer } from '../facilities/parse.ts';
import { REPORT_STATUSES, type Report } from './model.ts';
import {
  OUT_OF_SERVICE_REPORT_STATUSES, closedFacilityIds, effectiveFacilityStatus, effectiveFacilityStatuses, type FacilityStatusOptions, applyEffectiveStatuses,
} from './facility-status.ts';
import { DEFAULT_STALENESS_RULES } from './staleness.ts';
import { ORIGIN, TEST_DISTRICT, elevatorAt, reportOf, toiletAt } from './test-support.ts';

const now = new Date('2026-05-14T04:00:00Z');
const options: FacilityStatusOptions = { districtId: TEST_DISTRICT.id, now, rules: DEFAULT_STALENESS_RULES };
const freshLift = elevatorAt('lift', ORIGIN, { lastVerified: '2026-05-01' });
const openFault = (overrides: Partial<Report> = {}) => reportOf({ facilityId: 'lift', status: 'verified', outOfService: true, ...overrides });

describe('a facility with fault reports', () => {
  it('an open, verified out-of-service report puts it out of service, with the reason and expected fix date', () => {
    const status = effectiveFacilityStatus(freshLift, [openFault({ id: 'r-9', faultCode: 'locked_or_staff_only', expectedFixDate: '2026-06-01' })], options);
    expect(status).toEqual({
      status: 'out_of_service', reason: { reportId: 'r-9', faultCode: 'locked_or_staff_only', expectedFixDate: '2026-06-01' }, stale: false, lastVerified: '2026-05-01',
    });
  });

  it.each(REPORT_STATUSES)('a report in status %s closes it only if verified and not yet closed', (reportStatus) => {
    const status = effectiveFacilityStatus(freshLift, [openFault({ status: reportStatus })], options);
    expect(status.status).toBe(OUT_OF_SERVICE_REPORT_STATUSES.includes(reportStatus) ? 'out_of_service' : 'working');
  });

  it('a fix awaiting re-inspection still counts; an unverified report does not', () => {
    expect(effectiveFacilityStatus(freshLift, [openFault({ status: 'fixed' })], options).status).toBe('out_of_service');
    expect(effectiveFacilityStatus(freshLift, [openFault({ status: 'submitted' })], options).status).toBe('working');
  });

  it('a verified fault that leaves it usable (a dirty toilet) does not close it', () => {
    const toilet = toiletAt('wc', ORIGIN, { lastVerified: '2026-05-01' });
    const dirty = reportOf({ facilityId: 'wc', category: 'toilet', faultCode: 'dirty', outOfService: false, status: 'assigned' });
    expect(effectiveFacilityStatus(toilet, [dirty], options).status).toBe('working');
  });

  it('reports of another district with the same facility id are ignored', () => {
    expect(effectiveFacilityStatus(freshLift, [openFault({ districtId: 'elsewhere' })], options).status).toBe('working');
    expect(closedFacilityIds([openFault({ districtId: 'elsewhere' })], TEST_DISTRICT.id).size).toBe(0);
  });

  it('of several open faults, the one without a known end is shown, then the one that ends last', () => {
    const soon = openFault({ id: 'soon', expectedFixDate: '2026-05-20' });
    const later = openFault({ id: 'later', expectedFixDate: '2026-07-01' });
    const unknownEnd = openFault({ id: 'unknown-end', expectedFixDate: null });
    expect(effectiveFacilityStatus(freshLift, [soon, later], options).reason?.reportId).toBe('later');
    expect(effectiveFacilityStatus(freshLift, [soon, unknownEnd, later], options).reason?.reportId).toBe('unknown-end');
  });
});

describe('without open faults', () => {
  it('a working status checked too long ago, or never, becomes unknown and is marked stale', () => {
    const staleLift = elevatorAt('old', ORIGIN, { lastVerified: '2025-01-01' });
    const neverChecked = elevatorAt('never', ORIGIN, { lastVerified: null });
    expect(effectiveFacilityStatus(staleLift, [], options)).toMatchObject({ status: 'unknown', stale: true, lastVerified: '2025-01-01' });
    expect(effectiveFacilityStatus(neverChecked, [], options)).toMatchObject({ status: 'unknown', stale: true, lastVerified: null });
  });

  it('a re-inspection that closes a report makes a stale facility trusted again', () => {
    const staleLift = elevatorAt('lift', ORIGIN, { lastVerified: '2025-01-01' });
    const closed = reportOf({ facilityId: 'lift', status: 'closed', updatedAt: '2026-05-10T02:00:00.000Z' });
    expect(effectiveFacilityStatus(staleLift, [closed], options)).toMatchObject({ status: 'working', stale: false, lastVerified: '2026-05-10' });
  });

  it('out of service or unknown in the data stays so, and is not called stale', () => {
    const broken = elevatorAt('broken', ORIGIN, { status: 'out_of_service', lastVerified: '2020-01-01' });
    const unknown = elevatorAt('unknown', ORIGIN, { status: 'unknown', lastVerified: null });
    expect(effectiveFacilityStatus(broken, [], options)).toMatchObject({ status: 'out_of_service', reason: null, stale: false });
    expect(effectiveFacilityStatus(unknown, [], options)).toMatchObject({ status: 'unknown', reason: null, stale: false });
  });
});

describe('on the sample district', () => {
  const layers: [FacilityCategory, string][] = [['ramp', rampsText], ['toilet', toiletsText], ['elevator', elevatorsText], ['tactile_paving', tactileText]];
  const facilities: Facility[] = layers.flatMap(([category, text]) => parseFacilityLayer(category, `${category}.geojson`, JSON.parse(text)).items);
  const sampleOptions: FacilityStatusOptions = { ...options, districtId: 'sample' };

  it('with no reports, exactly the working facilities checked too long ago (or never) turn unknown', () => {
    // An independent count from the raw files: working, and last_verified null or before the cut-off date of its category.
    const todayUtcMidnight = Date.UTC(2026, 4, 14);
    const expectedStale = layers.flatMap(([category, text]) => (JSON.parse(text) as { features: { properties: Record<string, unknown> }[] }).features
      .filter((feature) => {
        if (feature.properties.status !== 'working') return false;
        const verified = feature.properties.last_verified;
        if (typeof verified !== 'string') return true;
        return (todayUtcMidnight - Date.parse(`${verified}T00:00:00Z`)) / 86_400_000 > DEFAULT_STALENESS_RULES.maxAgeDays[category];
      }));
    const statuses = effectiveFacilityStatuses(facilities, [], sampleOptions);
    const stale = [...statuses.values()].filter((status) => status.stale);
    expect(statuses.size).toBe(facilities.length);
    expect(stale.length).toBe(expectedStale.length);
    expect(stale.every((status) => status.status === 'unknown')).toBe(true);
  });

  it('one pass over many facilities agrees with asking one by one, and the router\'s closed set agrees with both', () => {
    const elevators = facilities.filter((facility) => facility.category === 'elevator');
    const reports = elevators.map((facility, index) => reportOf({
      id: `r-${index}`, districtId: 'sample', facilityId: facility.id, outOfService: index % 2 === 0, status: REPORT_STATUSES[index % REPORT_STATUSES.length],
    }));
    const together = effectiveFacilityStatuses(elevators, reports, sampleOptions);
    for (const facility of elevators) expect(together.get(facility.id)).toEqual(effectiveFacilityStatus(facility, reports, sampleOptions));
    const closed = closedFacilityIds(reports, 'sample');
    const byReports = elevators.filter((facility) => together.get(facility.id)?.reason !== null).map((facility) => facility.id);
    expect([...closed].sort()).toEqual(byReports.sort());
    expect(closed.size).toBeGreaterThan(0);
  });
});

describe('applyEffectiveStatuses', () => {
  it('replaces only the facilities whose effective status differs, keeping the others as they were', () => {
    const working = toiletAt('working-toilet', ORIGIN, { status: 'working' });
    const broken = elevatorAt('broken-elevator', ORIGIN, { status: 'out_of_service' });
    const untouched = toiletAt('untouched', ORIGIN, { status: 'unknown' });
    const statuses = new Map([
      ['working-toilet', { status: 'out_of_service' as const }],
      ['broken-elevator', { status: 'out_of_service' as const }],
    ]);
    const applied = applyEffectiveStatuses([working, broken, untouched], statuses);
    expect(applied.map((facility) => facility.status)).toEqual(['out_of_service', 'out_of_service', 'unknown']);
    expect(applied[0]).not.toBe(working);
    expect(working.status).toBe('working');
    expect(applied[1]).toBe(broken);
    expect(applied[2]).toBe(untouched);
  });
});
