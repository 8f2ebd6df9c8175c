// What staff screens ask the API (server/api/README.md): a report with the transitions the server
// offers this caller (GET /api/reports/{id}), a transition (POST /api/reports/{id}/transitions with
// expectedVersion and the CSRF token), a unit's open items (GET /api/work/assigned) and an
// inspector's patrol list (GET /api/work/patrol). Every answer becomes one outcome; nothing throws.
import { requestJson, type NetworkFailure } from '../../api/json-request.ts';
import type { LngLat } from '../../domain/facilities/model.ts';
import { REPORT_STATUSES, ROLES, may, type Actor, type Role, type LocalizedText, type PublicReport, type PublicReportEvent, type ReportStatus } from '../../domain/reports/index.ts';
import { CSRF_TOKEN_HEADER, parsePublicEvent, parsePublicReport } from '../../api/reports-client.ts';

export interface StaffClientOptions {
  /** '' in the app (the page's origin), an http://host:port in tests. */
  baseUrl?: string;
  /** Sends the session cookie; tests pass one that keeps a cookie jar. */
  fetcher?: typeof fetch;
  signal?: AbortSignal;
}

/** One step the server offers the caller, as server/api/views.ts offeredTransitions writes it. */
export interface OfferedTransition {
  to: ReportStatus;
  label: LocalizedText;
  noteRequired: boolean;
  needsAssignedUnit: boolean;
  needsDuplicateOf: boolean;
}

export interface Refused { kind: 'refused'; status: number; code: string; message: LocalizedText }
export type Unreachable = NetworkFailure;

export type StaffReportOutcome =
  | { kind: 'found'; view: 'full' | 'public'; report: PublicReport; events: PublicReportEvent[]; availableTransitions: OfferedTransition[] }
  | Refused
  | Unreachable;

export interface TransitionRequest {
  to: ReportStatus;
  expectedVersion: number;
  note: string;
  assignedUnitId?: string;
  duplicateOf?: string;
}

export type TransitionOutcome =
  | StaffReportOutcome
  /** 409 version_conflict: someone changed the report since it was read. */
  | { kind: 'conflict'; message: LocalizedText }
  /** 422 (a note, unit or option the core requires) or 400 field errors: shown next to the fields. */
  | { kind: 'invalid'; code: string; field: 'note' | 'assignedUnitId' | 'duplicateOf' | null; message: LocalizedText }
  | Refused
  | Unreachable;

export interface AssignedWorkItem { report: PublicReport; ageDays: number; overdue: boolean }
export type AssignedWorkOutcome = { kind: 'found'; unitId: string; items: AssignedWorkItem[] } | Refused | Unreachable;

export interface PatrolWorkItem {
  facilityId: string | null;
  reportId: string | null;
  location: LngLat;
  distanceMeters: number;
  reason: { kind: string; reportIds?: string[] };
}
export type PatrolOutcome = { kind: 'found'; items: PatrolWorkItem[] } | Refused | Unreachable;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLocalized = (value: unknown): value is LocalizedText => isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';
const isStatus = (value: unknown): value is ReportStatus => (REPORT_STATUSES as readonly unknown[]).includes(value);

const MALFORMED: LocalizedText = { zh: '服务器的回答无法识别', en: "The server's answer could not be understood" };

function call(url: string, init: RequestInit, options: StaffClientOptions): ReturnType<typeof requestJson> {
  return requestJson(url, { credentials: 'same-origin', ...init, ...(options.signal ? { signal: options.signal } : {}) }, options.fetcher ?? fetch);
}

function refused(status: number, body: unknown): Refused {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  return {
    kind: 'refused', status, code: error && typeof error.code === 'string' ? error.code : `http_${status}`,
    message: error && isLocalized(error.message) ? error.message : { zh: `服务器返回了 HTTP ${status}，没有说明原因`, en: `The server answered HTTP ${status} without saying why` },
  };
}

export function parseOfferedTransition(value: unknown): OfferedTransition | null {
  if (!isRecord(value) || !isStatus(value.to) || !isLocalized(value.label)) return null;
  if (typeof value.noteRequired !== 'boolean' || typeof value.needsAssignedUnit !== 'boolean' || typeof value.needsDuplicateOf !== 'boolean') return null;
  return { to: value.to, label: value.label, noteRequired: value.noteRequired, needsAssignedUnit: value.needsAssignedUnit, needsDuplicateOf: value.needsDuplicateOf };
}

/** The body of GET /api/reports/{id} (and of a transition's 200), or null when it has another shape. */
export function parseReportAnswer(status: number, body: unknown): StaffReportOutcome {
  if (!isRecord(body) || !Array.isArray(body.events) || !Array.isArray(body.availableTransitions)) return { kind: 'refused', status, code: 'malformed_answer', message: MALFORMED };
  const report = parsePublicReport(body.report);
  const events = body.events.map(parsePublicEvent);
  const offered = body.availableTransitions.map(parseOfferedTransition);
  if (!report || events.some((event) => event === null) || offered.some((entry) => entry === null)) {
    return { kind: 'refused', status, code: 'malformed_answer', message: MALFORMED };
  }
  return {
    kind: 'found', view: body.view === 'full' ? 'full' : 'public', report,
    events: events.filter((event): event is PublicReportEvent => event !== null),
    availableTransitions: offered.filter((entry): entry is OfferedTransition => entry !== null),
  };
}

const reportUrl = (reportId: string, options: StaffClientOptions): string => `${options.baseUrl ?? ''}/api/reports/${encodeURIComponent(reportId)}`;

export async function fetchStaffReport(reportId: string, options: StaffClientOptions = {}): Promise<StaffReportOutcome> {
  const answer = await call(reportUrl(reportId, options), { headers: { Accept: 'application/json' } }, options);
  if ('kind' in answer) return answer;
  return answer.status === 200 ? parseReportAnswer(answer.status, answer.body) : refused(answer.status, answer.body);
}

/** Which field a core refusal is about, so the page shows it there (TransitionErrorCode in src/domain/reports/transitions.ts). */
export function fieldOfRefusal(code: string): 'note' | 'assignedUnitId' | 'duplicateOf' | null {
  if (code === 'missing_note' || code === 'note_too_long') return 'note';
  if (code === 'missing_assigned_unit' || code === 'unknown_unit') return 'assignedUnitId';
  if (code === 'missing_duplicate_of' || code === 'duplicate_of_itself' || code === 'unknown_original') return 'duplicateOf';
  return null;
}

export async function postTransition(reportId: string, request: TransitionRequest, csrfToken: string, options: StaffClientOptions = {}): Promise<TransitionOutcome> {
  const body: Record<string, unknown> = { to: request.to, expectedVersion: request.expectedVersion, note: request.note };
  if (request.assignedUnitId !== undefined) body.assignedUnitId = request.assignedUnitId;
  if (request.duplicateOf !== undefined) body.duplicateOf = request.duplicateOf;
  const answer = await call(`${reportUrl(reportId, options)}/transitions`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', [CSRF_TOKEN_HEADER]: csrfToken },
    body: JSON.stringify(body),
  }, options);
  if ('kind' in answer) return answer;
  if (answer.status === 200) {
    return parseReportAnswer(answer.status, answer.body);
  }
  const refusal = refused(answer.status, answer.body);
  if (answer.status === 409 && refusal.code === 'version_conflict') return { kind: 'conflict', message: refusal.message };
  if (answer.status === 422) return { kind: 'invalid', code: refusal.code, field: fieldOfRefusal(refusal.code), message: refusal.message };
  if (answer.status === 400 && isRecord(answer.body) && Array.isArray(answer.body.errors)) {
    const first: unknown = answer.body.errors[0];
    if (isRecord(first) && isLocalized(first.message) && typeof first.field === 'string') {
      const field = first.field.slice(1);
      return {
        kind: 'invalid', code: typeof first.code === 'string' ? first.code : 'invalid',
        field: field === 'note' || field === 'assignedUnitId' || field === 'duplicateOf' ? field : null, message: first.message,
      };
    }
  }
  return refusal;
}

function parseAssignedItem(value: unknown): AssignedWorkItem | null {
  if (!isRecord(value) || typeof value.ageDays !== 'number' || typeof value.overdue !== 'boolean') return null;
  const report = parsePublicReport(value.report);
  return report ? { report, ageDays: value.ageDays, overdue: value.overdue } : null;
}

export async function fetchAssignedWork(options: StaffClientOptions = {}): Promise<AssignedWorkOutcome> {
  const answer = await call(`${options.baseUrl ?? ''}/api/work/assigned`, { headers: { Accept: 'application/json' } }, options);
  if ('kind' in answer) return answer;
  if (answer.status !== 200) return refused(answer.status, answer.body);
  const body = answer.body;
  if (!isRecord(body) || typeof body.unitId !== 'string' || !Array.isArray(body.items)) return { kind: 'refused', status: 200, code: 'malformed_answer', message: MALFORMED };
  const items = body.items.map(parseAssignedItem);
  if (items.some((item) => item === null)) return { kind: 'refused', status: 200, code: 'malformed_answer', message: MALFORMED };
  return { kind: 'found', unitId: body.unitId, items: items.filter((item): item is AssignedWorkItem => item !== null) };
}

function parsePatrolItem(value: unknown): PatrolWorkItem | null {
  if (!isRecord(value) || typeof value.distanceMeters !== 'number' || !isRecord(value.reason) || typeof value.reason.kind !== 'string') return null;
  const location = value.location;
  if (!Array.isArray(location) || location.length !== 2 || !location.every((part) => typeof part === 'number')) return null;
  const facilityId = typeof value.facilityId === 'string' ? value.facilityId : null;
  const reportId = typeof value.reportId === 'string' ? value.reportId : null;
  const reportIds = Array.isArray(value.reason.reportIds) ? value.reason.reportIds.filter((id): id is string => typeof id === 'string') : undefined;
  return {
    facilityId, reportId, location: [location[0] as number, location[1] as number], distanceMeters: value.distanceMeters,
    reason: { kind: value.reason.kind, ...(reportIds ? { reportIds } : {}) },
  };
}

export async function fetchPatrolList(districtId: string, near: LngLat, options: StaffClientOptions = {}): Promise<PatrolOutcome> {
  const query = new URLSearchParams({ district: districtId, near: `${near[0].toFixed(6)},${near[1].toFixed(6)}` });
  const answer = await call(`${options.baseUrl ?? ''}/api/work/patrol?${query.toString()}`, { headers: { Accept: 'application/json' } }, options);
  if ('kind' in answer) return answer;
  if (answer.status !== 200) return refused(answer.status, answer.body);
  const body = answer.body;
  if (!isRecord(body) || !Array.isArray(body.items)) return { kind: 'refused', status: 200, code: 'malformed_answer', message: MALFORMED };
  const items = body.items.map(parsePatrolItem);
  if (items.some((item) => item === null)) return { kind: 'refused', status: 200, code: 'malformed_answer', message: MALFORMED };
  return { kind: 'found', items: items.filter((item): item is PatrolWorkItem => item !== null) };
}

/** Where the exports of a district's reports are (reviewers and admins; GET /api/reports/export.csv|geojson). */
export function exportHref(format: 'csv' | 'geojson', districtId: string, language: 'zh' | 'en'): string {
  return `/api/reports/export.${format}?${new URLSearchParams({ district: districtId, lang: language }).toString()}`;
}

/**
 * Which lists "My work" shows a signed-in account, by the core's permission table: a unit its
 * assigned items (list_assigned), inspectors, reviewers and admins the patrol list, reviewers and
 * admins the exports. Reviewers may also read any unit's list, but only by naming the unit, which
 * this panel does not ask for.
 */
export function workListsFor(user: { username: string; role: string; unitId: string | null }): { assigned: boolean; patrol: boolean; exports: boolean } {
  if (!(ROLES as readonly string[]).includes(user.role)) return { assigned: false, patrol: false, exports: false };
  const actor: Actor = { id: user.username, role: user.role as Role, unitId: user.unitId };
  return {
    assigned: actor.role === 'responsible_unit' && may(actor, 'list_assigned'),
    patrol: may(actor, 'patrol_list'),
    exports: may(actor, 'export'),
  };
}
