// What the map, the list and the router should show for a district's facilities once fault
// reports count (issue 6: "a facility with an open, verified out_of_service fault shows as out of
// service … with the reason and expected fix date; staleness rules turn old 'working' statuses
// into 'unverified'"): GET /api/districts/{districtId}/facility-statuses, public, the reports
// core's effectiveFacilityStatuses over the district's facilities and all its reports. Only the
// facilities whose status differs from the data's, or that a report closes, are sent: the app
// has the data already. The app polls it, so it carries an ETag and answers 304 when nothing moved.
import { createHash } from 'node:crypto';
import {
  DEFAULT_STALENESS_RULES, closedFacilityIds, effectiveFacilityStatuses, localDate,
  type EffectiveFacilityStatus, type StalenessRules,
} from '../../src/domain/reports/index.ts';
import type { CatalogDistrict } from './district-catalog.ts';
import { everyReport } from './every-report.ts';
import type { ApiContext } from './options.ts';
import { errorResponse, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';

export const FACILITY_STATUSES_PATH = '/api/districts/{districtId}/facility-statuses';

/** Every poll asks the server again (RFC 9111 §5.2.2.4), which answers 304 while the ETag stands. */
export const FACILITY_STATUSES_CACHE_CONTROL = 'no-cache';

export interface FacilityStatusEntry extends EffectiveFacilityStatus {
  facilityId: string;
}

export interface FacilityStatusesBody {
  districtId: string;
  generatedAt: string;
  /** By facility id. */
  statuses: FacilityStatusEntry[];
  /** What the router must avoid, by id; may name facilities the data no longer has. */
  closedFacilityIds: string[];
}

/**
 * True when an If-None-Match header (RFC 9110 §13.1.2) names `etag`: "*", or one of its entity
 * tags under the weak comparison the header uses (W/ is ignored on both sides).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** The data the answer derives from, without reports: changes only when the server loads other data. */
const dataFingerprints = new WeakMap<CatalogDistrict, string>();

function dataFingerprint(district: CatalogDistrict, rules: StalenessRules): string {
  let fingerprint = dataFingerprints.get(district);
  if (fingerprint === undefined) {
    const facilities = [...district.facilities.values()]
      .map((facility) => [facility.id, facility.category, facility.status, facility.lastVerified])
      .sort((first, second) => (String(first[0]) < String(second[0]) ? -1 : 1));
    fingerprint = createHash('sha256').update(JSON.stringify([district.id, facilities])).digest('hex');
    dataFingerprints.set(district, fingerprint);
  }
  return createHash('sha256').update(`${fingerprint}\n${JSON.stringify(rules)}`).digest('hex');
}

export function facilityStatusRoutes(context: ApiContext): ApiRoute[] {
  const { repository, catalog, now } = context;
  const rules: StalenessRules = { ...DEFAULT_STALENESS_RULES, timeZone: context.timeZone };

  /**
   * A weak ETag of what the answer depends on: the district's data and the rules, today's date
   * (staleness moves by the day), and the reports changed last. Every filing and transition sets
   * a report's updatedAt to its time, so the newest updatedAt moves with every change; all reports
   * changed at that very millisecond count, so two changes in one millisecond are not mistaken
   * for one. Cheap: two small queries, no report list. It assumes app servers sharing a database
   * keep their clocks in step (NTP), as sessions and rate limits already do.
   */
  async function entityTag(district: CatalogDistrict, today: string): Promise<string> {
    const newest = (await repository.listReports({ districtId: district.id, order: 'newest_first', limit: 1 })).reports[0];
    const lastChanged = newest === undefined
      ? []
      : (await everyReport(repository, { districtId: district.id, updatedSince: newest.updatedAt }))
        .map((report) => `${report.id}@${report.version}@${report.updatedAt}`).sort();
    const digest = createHash('sha256').update(JSON.stringify([dataFingerprint(district, rules), today, lastChanged])).digest('base64url');
    return `W/"${digest.slice(0, 27)}"`;
  }

  async function statuses({ request, parameters }: RouteRequest): Promise<ApiResponse> {
    const districtId = parameters.districtId ?? '';
    const district = catalog.districts.find((candidate) => candidate.id === districtId);
    if (!district) {
      return errorResponse(404, 'district_not_found', {
        zh: `没有编号为“${districtId.slice(0, 100)}”的街区`, en: `There is no district "${districtId.slice(0, 100)}"`,
      });
    }
    const at = now();
    // The tag is taken before the reports are read: a change in between makes the tag older than
    // the answer, so the next poll gets the answer again, never an old answer under a new tag.
    const etag = await entityTag(district, localDate(at, rules.timeZone));
    const headers = { ETag: etag };
    const cacheControl = FACILITY_STATUSES_CACHE_CONTROL;
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) return { status: 304, body: null, headers, cacheControl };

    const facilities = [...district.facilities.values()];
    const reports = await everyReport(repository, { districtId: district.id });
    const effective = effectiveFacilityStatuses(facilities, reports, { districtId: district.id, now: at, rules });
    const changed: FacilityStatusEntry[] = [];
    for (const facility of facilities) {
      const status = effective.get(facility.id);
      if (status === undefined || (status.status === facility.status && status.reason === null)) continue;
      changed.push({ facilityId: facility.id, status: status.status, stale: status.stale, lastVerified: status.lastVerified, reason: status.reason });
    }
    changed.sort((first, second) => (first.facilityId < second.facilityId ? -1 : first.facilityId > second.facilityId ? 1 : 0));
    const body: FacilityStatusesBody = {
      districtId: district.id,
      generatedAt: at.toISOString(),
      statuses: changed,
      closedFacilityIds: [...closedFacilityIds(reports, district.id)].sort(),
    };
    return { status: 200, body, headers, cacheControl };
  }

  return [{ path: FACILITY_STATUSES_PATH, methods: { GET: statuses } }];
}
