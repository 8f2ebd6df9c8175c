// Effective facility statuses from the server (GET /api/districts/{id}/facility-statuses): the
// facilities that open, verified fault reports put out of service, with the reason and expected
// fix date, and the 'working' ones nobody has checked for too long. Only differences from the
// data are sent. Without a server API (static hosting) or offline, the app keeps the data's
// statuses and says so.
import type { FacilityStatus, IsoDate } from '../domain/facilities/model.ts';
import type { EffectiveFacilityStatus } from '../domain/reports/facility-status.ts';

export interface FacilityStatuses {
  generatedAt: string;
  statuses: Map<string, EffectiveFacilityStatus>;
  closedFacilityIds: string[];
}

export type FacilityStatusesAnswer =
  | { kind: 'statuses'; statuses: FacilityStatuses; etag: string | null }
  /** 304: what the app has is current. */
  | { kind: 'unchanged' }
  /** No API here, the district unknown to it, or offline: the data's statuses stand. */
  | { kind: 'unavailable'; detail: string };

const STATUSES: readonly FacilityStatus[] = ['working', 'out_of_service', 'unknown'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDate = (value: unknown): value is IsoDate => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The answer's body, checked field by field; throws naming the first field that is wrong. */
export function parseFacilityStatuses(json: unknown): FacilityStatuses {
  if (!isRecord(json) || !Array.isArray(json.statuses) || !Array.isArray(json.closedFacilityIds) || typeof json.generatedAt !== 'string') {
    throw new Error('facility statuses: expected { generatedAt, statuses: [], closedFacilityIds: [] }');
  }
  const statuses = new Map<string, EffectiveFacilityStatus>();
  json.statuses.forEach((entry: unknown, index) => {
    const where = `facility statuses: statuses[${index}]`;
    if (!isRecord(entry) || typeof entry.facilityId !== 'string') throw new Error(`${where}: facilityId must be a string`);
    if (!STATUSES.includes(entry.status as FacilityStatus)) throw new Error(`${where}: status must be one of ${STATUSES.join(', ')}`);
    if (typeof entry.stale !== 'boolean') throw new Error(`${where}: stale must be true or false`);
    if (entry.lastVerified !== null && !isDate(entry.lastVerified)) throw new Error(`${where}: lastVerified must be YYYY-MM-DD or null`);
    let reason: EffectiveFacilityStatus['reason'] = null;
    if (entry.reason !== null) {
      const given = entry.reason;
      if (!isRecord(given) || typeof given.reportId !== 'string' || typeof given.faultCode !== 'string' || (given.expectedFixDate !== null && !isDate(given.expectedFixDate))) {
        throw new Error(`${where}: reason must be null or { reportId, faultCode, expectedFixDate }`);
      }
      reason = { reportId: given.reportId, faultCode: given.faultCode, expectedFixDate: given.expectedFixDate as IsoDate | null };
    }
    statuses.set(entry.facilityId, { status: entry.status as FacilityStatus, stale: entry.stale, lastVerified: entry.lastVerified as IsoDate | null, reason });
  });
  const closedFacilityIds = json.closedFacilityIds.map((id: unknown, index) => {
    if (typeof id !== 'string') throw new Error(`facility statuses: closedFacilityIds[${index}] must be a string`);
    return id;
  });
  return { generatedAt: json.generatedAt, statuses, closedFacilityIds };
}

export type FetchJson = (url: string, etag: string | null) => Promise<{ status: number; etag: string | null; json: () => Promise<unknown> }>;

const fetchJson: FetchJson = async (url, etag) => {
  const response = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, credentials: 'same-origin' });
  return { status: response.status, etag: response.headers.get('ETag'), json: () => response.json() as Promise<unknown> };
};

export async function fetchFacilityStatuses(baseUrl: string, districtId: string, etag: string | null, fetcher: FetchJson = fetchJson): Promise<FacilityStatusesAnswer> {
  const url = `${baseUrl}api/districts/${encodeURIComponent(districtId)}/facility-statuses`;
  let response: Awaited<ReturnType<FetchJson>>;
  try {
    response = await fetcher(url, etag);
  } catch (error) {
    return { kind: 'unavailable', detail: (error as Error).message };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (response.status !== 200) return { kind: 'unavailable', detail: `${url} answered ${response.status}` };
  try {
    return { kind: 'statuses', statuses: parseFacilityStatuses(await response.json()), etag: response.etag };
  } catch (error) {
    return { kind: 'unavailable', detail: (error as Error).message };
  }
}
