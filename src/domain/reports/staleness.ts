// When a 'working' status stops being trusted. Facilities change without anyone reporting it (a
// lift breaks, a toilet becomes a store room), so a status nobody has checked on site for long is
// shown as unknown ("unverified") rather than as working. The ages are a project choice, not a
// standard: mechanical and staffed facilities go wrong more often than built ones.
import type { Facility, FacilityCategory, IsoDate } from '../facilities/model.ts';
import type { Report } from './model.ts';
import { DEFAULT_TIME_ZONE, daysBetween, localDate } from './dates.ts';

export interface StalenessRules {
  /** A 'working' status checked on site more than this many days ago is no longer trusted. */
  maxAgeDays: Readonly<Record<FacilityCategory, number>>;
  /** IANA time zone in which "today" is counted. */
  timeZone: string;
}

/**
 * Project defaults: elevators 90 days (machines that break and get locked), accessible toilets
 * 180 days (locked, closed or used as store rooms without notice), kerb and wheelchair ramps and
 * tactile paving 365 days (built structures that change slowly).
 */
export const DEFAULT_STALENESS_RULES: StalenessRules = {
  maxAgeDays: { elevator: 90, toilet: 180, ramp: 365, tactile_paving: 365 },
  timeZone: DEFAULT_TIME_ZONE,
};

/**
 * The last on-site check of a facility: its lastVerified in the data, or the day a report on it
 * was closed (closing needs a re-inspection on site), whichever is later; null when never checked.
 * Only reports of `districtId` count, since facility ids are unique within a district only.
 */
export function lastVerifiedDate(facility: Facility, reports: readonly Report[], districtId: string, timeZone: string): IsoDate | null {
  let latest = facility.lastVerified;
  for (const report of reports) {
    if (report.status !== 'closed' || report.facilityId !== facility.id || report.districtId !== districtId) continue;
    // A closed report changes no more, so its updatedAt is when it was closed.
    const closedOn = localDate(new Date(report.updatedAt), timeZone);
    if (latest === null || closedOn > latest) latest = closedOn;
  }
  return latest;
}

/** Whole days since `lastVerified` (0 on the day itself), counted in `timeZone`; null when never verified. */
export function verificationAgeDays(lastVerified: IsoDate | null, now: Date, timeZone: string): number | null {
  return lastVerified === null ? null : daysBetween(lastVerified, localDate(now, timeZone));
}

/**
 * True when a facility's check is too old to trust: never checked, or checked more than the
 * category's maxAgeDays ago (exactly maxAgeDays is still fresh).
 */
export function isVerificationStale(category: FacilityCategory, lastVerified: IsoDate | null, now: Date, rules: StalenessRules): boolean {
  const ageDays = verificationAgeDays(lastVerified, now, rules.timeZone);
  return ageDays === null || ageDays > rules.maxAgeDays[category];
}
