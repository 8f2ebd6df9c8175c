// What the map, the list and the router show for a facility once fault reports are counted: a
// verified, still open report that the fault makes it unusable overrides the data, and a
// 'working' status nobody has checked for too long becomes unknown (shown as "unverified").
import type { Facility, FacilityStatus, IsoDate } from '../facilities/model.ts';
import type { Report, ReportStatus } from './model.ts';
import { isVerificationStale, lastVerifiedDate, type StalenessRules } from './staleness.ts';

/**
 * Report statuses in which an out-of-service fault closes its facility. From verified (someone
 * other than the reporter confirmed it) until closed. 'fixed' still counts: the loop trusts a fix
 * only after an independent re-inspection, and routing a wheelchair user to a lift that turns out
 * still broken costs far more than a detour around one that works. 'submitted' does not count:
 * an unverified report could otherwise close any facility.
 */
export const OUT_OF_SERVICE_REPORT_STATUSES: readonly ReportStatus[] = ['verified', 'assigned', 'in_progress', 'fixed'];

/** True when this report, on its own, makes its facility out of service. */
export function closesFacility(report: Report): boolean {
  return report.facilityId !== null && report.outOfService && OUT_OF_SERVICE_REPORT_STATUSES.includes(report.status);
}

export interface OutOfServiceReason {
  reportId: string;
  faultCode: string;
  /** Null when nobody knows when it will be fixed. */
  expectedFixDate: IsoDate | null;
}

export interface EffectiveFacilityStatus {
  status: FacilityStatus;
  /** The report that puts it out of service; null when working, unknown, or out of service in the data itself. */
  reason: OutOfServiceReason | null;
  /** True when the data says working but the last on-site check is too old (or missing): status is then 'unknown'. */
  stale: boolean;
  /** The last on-site check (data or a closed report); null when never. */
  lastVerified: IsoDate | null;
}

export interface FacilityStatusOptions {
  /** The district of the facilities: reports of other districts are ignored (ids are unique within a district only). */
  districtId: string;
  now: Date;
  rules: StalenessRules;
}

/**
 * Of several reports closing one facility, the one to show: the one whose end is least known or
 * latest (no expected fix date first, then the latest date), since the facility is back only when
 * all are fixed; then the oldest, then by id, so the choice is stable.
 */
function compareReasons(first: Report, second: Report): number {
  if (first.expectedFixDate !== second.expectedFixDate) {
    if (first.expectedFixDate === null) return -1;
    if (second.expectedFixDate === null) return 1;
    return first.expectedFixDate > second.expectedFixDate ? -1 : 1;
  }
  if (first.createdAt !== second.createdAt) return first.createdAt < second.createdAt ? -1 : 1;
  return first.id < second.id ? -1 : first.id > second.id ? 1 : 0;
}

function statusFrom(facility: Facility, reportsOfFacility: readonly Report[], options: FacilityStatusOptions): EffectiveFacilityStatus {
  const lastVerified = lastVerifiedDate(facility, reportsOfFacility, options.districtId, options.rules.timeZone);
  const closing = reportsOfFacility.filter(closesFacility).sort(compareReasons);
  const shown = closing[0];
  if (shown) {
    return {
      status: 'out_of_service',
      reason: { reportId: shown.id, faultCode: shown.faultCode, expectedFixDate: shown.expectedFixDate },
      stale: false,
      lastVerified,
    };
  }
  // Out of service or unknown in the data stays so: a closed report says one fault was fixed, not
  // that whatever the data source saw is gone.
  if (facility.status !== 'working') return { status: facility.status, reason: null, stale: false, lastVerified };
  if (isVerificationStale(facility.category, lastVerified, options.now, options.rules)) {
    return { status: 'unknown', reason: null, stale: true, lastVerified };
  }
  return { status: 'working', reason: null, stale: false, lastVerified };
}

function reportsByFacility(reports: readonly Report[], districtId: string): Map<string, Report[]> {
  const byFacility = new Map<string, Report[]>();
  for (const report of reports) {
    if (report.facilityId === null || report.districtId !== districtId) continue;
    const list = byFacility.get(report.facilityId);
    if (list) list.push(report);
    else byFacility.set(report.facilityId, [report]);
  }
  return byFacility;
}

/**
 * The status to show for one facility, with the reason when a report puts it out of service:
 * 1. an open, verified report on it with outOfService (see OUT_OF_SERVICE_REPORT_STATUSES) → out_of_service;
 * 2. otherwise the data's out_of_service or unknown stands;
 * 3. a 'working' last checked on site more than the rules allow ago, or never → unknown, stale.
 */
export function effectiveFacilityStatus(facility: Facility, reports: readonly Report[], options: FacilityStatusOptions): EffectiveFacilityStatus {
  return statusFrom(facility, reportsByFacility(reports, options.districtId).get(facility.id) ?? [], options);
}

/** effectiveFacilityStatus for many facilities at once, keyed by facility id; reads the reports once. */
export function effectiveFacilityStatuses(
  facilities: readonly Facility[], reports: readonly Report[], options: FacilityStatusOptions,
): Map<string, EffectiveFacilityStatus> {
  const byFacility = reportsByFacility(reports, options.districtId);
  return new Map(facilities.map((facility) => [facility.id, statusFrom(facility, byFacility.get(facility.id) ?? [], options)]));
}

/** The facilities of a district that open, verified out-of-service reports close: the router's closedFacilityIds. */
export function closedFacilityIds(reports: readonly Report[], districtId: string): Set<string> {
  const closed = new Set<string>();
  for (const report of reports) {
    if (report.districtId === districtId && closesFacility(report)) closed.add(report.facilityId as string);
  }
  return closed;
}

/**
 * The facilities with their effective statuses in place of the data's, for the list, the map and
 * search results; facilities whose status is unchanged stay the same objects, so nothing that
 * compares them by identity redraws for nothing.
 */
export function applyEffectiveStatuses(facilities: readonly Facility[], statuses: ReadonlyMap<string, Pick<EffectiveFacilityStatus, 'status'>>): Facility[] {
  return facilities.map((facility) => {
    const effective = statuses.get(facility.id);
    return effective === undefined || effective.status === facility.status ? facility : { ...facility, status: effective.status };
  });
}
