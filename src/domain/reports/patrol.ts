// The patrol list: where an inspector's next hour on the street does most good. Work that keeps the
// loop moving comes first, then facilities whose status nobody can vouch for; nearest first within
// each band, each item saying why it is on the list.
import type { Facility, IsoDate, LngLat } from '../facilities/model.ts';
import { distanceMeters, distanceToFacilityMeters, facilityAnchor } from '../geo/index.ts';
import type { IsoDateTime, Report } from './model.ts';
import type { Actor } from './permissions.ts';
import { availableTransitions } from './transitions.ts';
import { lastVerifiedDate, verificationAgeDays, type StalenessRules } from './staleness.ts';

/** Reports filed within this many days make a facility worth a look (a project choice). */
export const DEFAULT_RECENT_FAULT_DAYS = 30;

/**
 * Why an item is on the list, in band order:
 * 1. verify_report: reports the actor may verify; an unverified out-of-service fault is not yet
 *    shown on the map, so people may be sent to a broken facility;
 * 2. reinspect_fix: fixed reports the actor may close; the facility stays closed until then;
 * 3. never_verified: nobody has checked it on site;
 * 4. verified_long_ago: the last check is older than the staleness rules allow;
 * 5. recent_fault: faults were reported here lately (rejected and duplicate reports aside).
 */
export type PatrolReason =
  | { kind: 'verify_report'; reportIds: string[] }
  | { kind: 'reinspect_fix'; reportIds: string[] }
  | { kind: 'never_verified' }
  | { kind: 'verified_long_ago'; lastVerified: IsoDate; ageDays: number; maxAgeDays: number }
  | { kind: 'recent_fault'; reportIds: string[]; latestReportedAt: IsoDateTime };

export const PATROL_BANDS: readonly PatrolReason['kind'][] = ['verify_report', 'reinspect_fix', 'never_verified', 'verified_long_ago', 'recent_fault'];

export interface PatrolItem {
  /** The facility to visit; null for a report filed at a point (something missing or not in the data). */
  facilityId: string | null;
  /** For a point report: its id (the reason lists it too). Null for facility items. */
  reportId: string | null;
  /** Where to go: the facility's anchor, or the report's location. */
  location: LngLat;
  /** From the inspector's position to the facility (its nearest point, for tactile paving lines) or report. */
  distanceMeters: number;
  reason: PatrolReason;
}

export interface PatrolOptions {
  /** Who patrols: only reports this actor may verify or close are offered as such. */
  actor: Actor;
  /** The inspector's position. */
  from: LngLat;
  districtId: string;
  now: Date;
  rules: StalenessRules;
  /** Default DEFAULT_RECENT_FAULT_DAYS. */
  recentFaultDays?: number;
  /** At most this many items; all by default. */
  limit?: number;
}

const MILLISECONDS_PER_DAY = 24 * 60 * 60 * 1000;
const NOT_REAL_FAULTS: readonly Report['status'][] = ['rejected', 'duplicate'];

const byId = (first: Report, second: Report): number => (first.id < second.id ? -1 : first.id > second.id ? 1 : 0);

function actionableReason(reports: readonly Report[], actor: Actor): PatrolReason | null {
  const mayTake = (report: Report, to: Report['status']) => availableTransitions(report, actor).some((rule) => rule.to === to);
  const toVerify = reports.filter((report) => report.status === 'submitted' && mayTake(report, 'verified')).sort(byId);
  if (toVerify.length > 0) return { kind: 'verify_report', reportIds: toVerify.map((report) => report.id) };
  const toReinspect = reports.filter((report) => report.status === 'fixed' && mayTake(report, 'closed')).sort(byId);
  if (toReinspect.length > 0) return { kind: 'reinspect_fix', reportIds: toReinspect.map((report) => report.id) };
  return null;
}

function facilityReason(facility: Facility, reports: readonly Report[], options: PatrolOptions): PatrolReason | null {
  const actionable = actionableReason(reports, options.actor);
  if (actionable) return actionable;
  const lastVerified = lastVerifiedDate(facility, reports, options.districtId, options.rules.timeZone);
  const ageDays = verificationAgeDays(lastVerified, options.now, options.rules.timeZone);
  if (lastVerified === null || ageDays === null) return { kind: 'never_verified' };
  const maxAgeDays = options.rules.maxAgeDays[facility.category];
  if (ageDays > maxAgeDays) return { kind: 'verified_long_ago', lastVerified, ageDays, maxAgeDays };
  const since = options.now.getTime() - (options.recentFaultDays ?? DEFAULT_RECENT_FAULT_DAYS) * MILLISECONDS_PER_DAY;
  const recent = reports.filter((report) => !NOT_REAL_FAULTS.includes(report.status) && Date.parse(report.createdAt) >= since).sort(byId);
  if (recent.length === 0) return null;
  const latestReportedAt = recent.map((report) => report.createdAt).reduce((latest, createdAt) => (createdAt > latest ? createdAt : latest));
  return { kind: 'recent_fault', reportIds: recent.map((report) => report.id), latestReportedAt };
}

/**
 * Ranks where an inspector should go: every facility of the district, and every point report
 * (facilityId null) the actor may verify or close, in the bands of PatrolReason, nearest first
 * within a band (ties by facility or report id). Each facility appears once, in its first band;
 * facilities checked recently and without recent faults are left out.
 */
export function patrolList(facilities: readonly Facility[], reports: readonly Report[], options: PatrolOptions): PatrolItem[] {
  const byFacility = new Map<string, Report[]>();
  const atPoints: Report[] = [];
  for (const report of reports) {
    if (report.districtId !== options.districtId) continue;
    if (report.facilityId === null) {
      atPoints.push(report);
      continue;
    }
    const list = byFacility.get(report.facilityId);
    if (list) list.push(report);
    else byFacility.set(report.facilityId, [report]);
  }

  const items: { item: PatrolItem; band: number; key: string }[] = [];
  for (const facility of facilities) {
    const reason = facilityReason(facility, byFacility.get(facility.id) ?? [], options);
    if (!reason) continue;
    const item: PatrolItem = {
      facilityId: facility.id, reportId: null, location: facilityAnchor(facility), distanceMeters: distanceToFacilityMeters(options.from, facility), reason,
    };
    items.push({ item, band: PATROL_BANDS.indexOf(reason.kind), key: facility.id });
  }
  for (const report of atPoints) {
    const reason = actionableReason([report], options.actor);
    if (!reason) continue;
    const item: PatrolItem = {
      facilityId: null, reportId: report.id, location: [...report.location], distanceMeters: distanceMeters(options.from, report.location), reason,
    };
    items.push({ item, band: PATROL_BANDS.indexOf(reason.kind), key: report.id });
  }

  items.sort((first, second) => first.band - second.band || first.item.distanceMeters - second.item.distanceMeters || (first.key < second.key ? -1 : first.key > second.key ? 1 : 0));
  const ranked = items.map((entry) => entry.item);
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}
