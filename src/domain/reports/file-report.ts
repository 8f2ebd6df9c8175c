// Filing: a checked draft becomes a stored report at version 1 with its first event. The server
// supplies what the reporter cannot: the id, the clock and the photos it has checked by content.
import { MAX_PHOTOS_PER_REPORT, type Report, type ReportEvent, type ReportPhoto } from './model.ts';
import { may, type Actor } from './permissions.ts';
import type { ReportDraft } from './validate-report.ts';
import type { LocalizedText } from './localized.ts';

export interface FilingContext {
  /** Server-assigned and unguessable (a UUID): knowing it is the right to follow the report. */
  reportId: string;
  actor: Actor;
  now: Date;
  /** Photos the server has received and checked by content, in the order declared; none by default. */
  photos?: readonly ReportPhoto[];
}

export type FilingResult =
  | { ok: true; report: Report; event: ReportEvent }
  | { ok: false; error: { code: 'not_allowed' | 'too_many_photos'; message: LocalizedText } };

/**
 * Makes the report and its filing event (sequence 1, from null to submitted) from a draft that
 * validateNewReport accepted. An anonymous resident is stored without a reporter id. Refuses an
 * actor who may not file (a responsible unit) and more than MAX_PHOTOS_PER_REPORT photos.
 */
export function fileReport(draft: ReportDraft, context: FilingContext): FilingResult {
  if (!may(context.actor, 'file_report')) {
    return {
      ok: false,
      error: { code: 'not_allowed', message: { zh: '你的账号不能提交问题报告', en: 'Your account cannot file fault reports' } },
    };
  }
  const photos = context.photos ?? [];
  if (photos.length > MAX_PHOTOS_PER_REPORT) {
    return {
      ok: false,
      error: { code: 'too_many_photos', message: { zh: `最多添加 ${MAX_PHOTOS_PER_REPORT} 张照片`, en: `Add at most ${MAX_PHOTOS_PER_REPORT} photos` } },
    };
  }
  const at = context.now.toISOString();
  const report: Report = {
    id: context.reportId,
    districtId: draft.districtId,
    facilityId: draft.facilityId,
    location: [...draft.location],
    category: draft.category,
    faultCode: draft.faultCode,
    severity: draft.severity,
    permanence: draft.permanence,
    expectedFixDate: draft.expectedFixDate,
    description: draft.description,
    measurements: draft.measurements.map((measurement) => ({ ...measurement })),
    photos: photos.map((photo) => ({ ...photo })),
    outOfService: draft.outOfService,
    status: 'submitted',
    reporterId: context.actor.id,
    assignedUnitId: null,
    fixedById: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const event: ReportEvent = {
    reportId: report.id, sequence: 1, fromStatus: null, toStatus: 'submitted', actorId: context.actor.id, actorRole: context.actor.role, at, note: '',
  };
  return { ok: true, report, event };
}
