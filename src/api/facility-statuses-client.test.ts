import { describe, it, expect } from 'vitest';
import { fetchFacilityStatuses, parseFacilityStatuses, type FetchJson } from './facility-statuses-client.ts';

const body = {
  districtId: 'sample', generatedAt: '2026-11-29T10:00:00.000Z',
  statuses: [
    { facilityId: 'sample:elevator:0001', status: 'out_of_service', stale: false, lastVerified: '2026-10-01', reason: { reportId: 'r1', faultCode: 'not_working', expectedFixDate: '2026-12-05' } },
    { facilityId: 'sample:toilet:0002', status: 'unknown', stale: true, lastVerified: null, reason: null },
  ],
  closedFacilityIds: ['sample:elevator:0001'],
};

describe('facility statuses from the server', () => {
  it('reads each status with its reason and the closed ids', () => {
    const parsed = parseFacilityStatuses(body);
    expect(parsed.statuses.get('sample:elevator:0001')).toEqual({ status: 'out_of_service', stale: false, lastVerified: '2026-10-01', reason: body.statuses[0]!.reason });
    expect(parsed.statuses.get('sample:toilet:0002')?.stale).toBe(true);
    expect(parsed.closedFacilityIds).toEqual(['sample:elevator:0001']);
  });

  it('names the field that is wrong', () => {
    const broken = (change: Record<string, unknown>) => ({ ...body, statuses: [{ ...body.statuses[0], ...change }] });
    expect(() => parseFacilityStatuses(broken({ status: 'fine' }))).toThrow(/statuses\[0\]: status must be one of/);
    expect(() => parseFacilityStatuses(broken({ lastVerified: '1 Oct' }))).toThrow(/statuses\[0\]: lastVerified/);
    expect(() => parseFacilityStatuses(broken({ reason: { reportId: 'r' } }))).toThrow(/statuses\[0\]: reason/);
    expect(() => parseFacilityStatuses({ ...body, closedFacilityIds: [3] })).toThrow(/closedFacilityIds\[0\]/);
    expect(() => parseFacilityStatuses([])).toThrow(/expected/);
  });

  it('sends the last ETag, reads 304 as unchanged, and anything else that fails as unavailable', async () => {
    const seen: (string | null)[] = [];
    const answering = (status: number, json: unknown = body): FetchJson => async (_url, etag) => {
      seen.push(etag);
      return { status, etag: 'W/"7"', json: async () => json };
    };
    const first = await fetchFacilityStatuses('/', 'sample', null, answering(200));
    expect(first.kind === 'statuses' && first.etag).toBe('W/"7"');
    expect((await fetchFacilityStatuses('/', 'sample', 'W/"7"', answering(304))).kind).toBe('unchanged');
    expect(seen).toEqual([null, 'W/"7"']);
    expect(await fetchFacilityStatuses('/', 'sample', null, answering(404))).toEqual({ kind: 'unavailable', detail: '/api/districts/sample/facility-statuses answered 404' });
    expect((await fetchFacilityStatuses('/', 'sample', null, answering(200, { statuses: 'x' }))).kind).toBe('unavailable');
    expect((await fetchFacilityStatuses('/', 'sample', null, async () => { throw new TypeError('Failed to fetch'); }))).toEqual({ kind: 'unavailable', detail: 'Failed to fetch' });
  });
});
