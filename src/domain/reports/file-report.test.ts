import { describe, it, expect } from 'vitest';
import { MAX_PHOTOS_PER_REPORT, type ReportPhoto } from './model.ts';
import { fileReport } from './file-report.ts';
import type { ReportDraft } from './validate-report.ts';
import { admin, deepFreeze, inspector, near, resident, reviewer, unitMember } from './test-support.ts';

const draft: ReportDraft = deepFreeze({
  idempotencyKey: 'key-0123456789abcdef', districtId: 'test-district', facilityId: 'lift-1', location: near(10, 10), category: 'elevator',
  faultCode: 'out_of_service', severity: 3, permanence: 'temporary', expectedFixDate: '2026-06-30', description: 'Lift does not come.',
  measurements: [], photos: [{ mediaType: 'image/jpeg', byteLength: 1000 }], outOfService: true,
});
const now = new Date('2026-05-14T08:00:00.000Z');
const photo = (id: string): ReportPhoto => ({ id, mediaType: 'image/jpeg', byteLength: 1000 });

describe('filing a report', () => {
  it('an anonymous resident files a report with no reporter id, at version 1, with event 1 from nothing to submitted', () => {
    const result = fileReport(draft, { reportId: 'r-1', actor: resident, now, photos: [photo('p-1')] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report).toMatchObject({
      id: 'r-1', status: 'submitted', reporterId: null, version: 1, assignedUnitId: null, fixedById: null,
      createdAt: now.toISOString(), updatedAt: now.toISOString(), facilityId: draft.facilityId, faultCode: draft.faultCode, outOfService: draft.outOfService,
    });
    expect(result.report.photos).toEqual([photo('p-1')]);
    expect(result.event).toEqual({ reportId: 'r-1', sequence: 1, fromStatus: null, toStatus: 'submitted', actorId: null, actorRole: 'resident', at: now.toISOString(), note: '' });
  });

  it('a signed-in inspector is recorded as the reporter', () => {
    const result = fileReport(draft, { reportId: 'r-2', actor: inspector('ins-7'), now });
    expect(result.ok && result.report.reporterId).toBe('ins-7');
    expect(result.ok && result.report.photos).toEqual([]);
  });

  it('reviewers and admins may file; a responsible unit may not', () => {
    expect(fileReport(draft, { reportId: 'r-3', actor: reviewer(), now }).ok).toBe(true);
    expect(fileReport(draft, { reportId: 'r-4', actor: admin(), now }).ok).toBe(true);
    const refused = fileReport(draft, { reportId: 'r-5', actor: unitMember(), now });
    expect(refused.ok === false && refused.error.code).toBe('not_allowed');
  });

  it(`refuses more than ${MAX_PHOTOS_PER_REPORT} photos`, () => {
    const photos = Array.from({ length: MAX_PHOTOS_PER_REPORT + 1 }, (_, index) => photo(`p-${index}`));
    const refused = fileReport(draft, { reportId: 'r-6', actor: resident, now, photos });
    expect(refused.ok === false && refused.error.code).toBe('too_many_photos');
  });

  it('the report shares nothing mutable with the draft', () => {
    const result = fileReport(draft, { reportId: 'r-7', actor: resident, now });
    if (!result.ok) throw new Error('expected the report to be filed');
    expect(result.report.location).not.toBe(draft.location);
    expect(result.report.location).toEqual(draft.location);
  });
});
