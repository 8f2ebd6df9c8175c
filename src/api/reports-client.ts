// The reports API as the app uses it: file a report (POST /api/reports), send its photos one by
// one (POST /api/reports/{id}/photos), follow it (GET /api/reports/{id}). Every answer becomes one
// outcome the caller can branch on; nothing here throws for a network failure or a refusal. The
// answers' shapes are server/api/reports.ts and server/api/responses.ts: 201/200 { report },
// 400 { errors: FieldError[] }, other 4xx/5xx { error: { code, message: { zh, en } } }.
import { requestJson, type NetworkFailure } from './json-request.ts';
import {
  REPORT_CATEGORIES, REPORT_STATUSES, ROLES, type FieldError, type LocalizedText, type PublicReport, type PublicReportEvent, type ReportDraft,
} from '../domain/reports/index.ts';

export const REPORTS_API_PATH = '/api/reports';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The header a signed-in session's CSRF token goes in (the accounts API sets the token). */
export const CSRF_TOKEN_HEADER = 'X-CSRF-Token';

export interface ClientOptions {
  /** Where the API is: '' (the page's own origin) in the app, an http://host:port in tests. */
  baseUrl?: string;
  csrfToken?: string;
  signal?: AbortSignal;
}

/** A refusal or failure the server explained: its status, stable code and message in both languages. */
export interface ServerRefusal {
  kind: 'refused';
  status: number;
  code: string;
  message: LocalizedText;
  /** Worth trying again later with the same key: the server failed, was busy or timed out. */
  retryable: boolean;
}

/** The request never got an answer: offline, DNS, connection refused or reset. */
export type { NetworkFailure } from './json-request.ts';

export type FileReportOutcome =
  | { kind: 'filed'; report: PublicReport; created: boolean }
  | { kind: 'invalid'; errors: FieldError[] }
  | ServerRefusal
  | NetworkFailure;

export type SendPhotoOutcome = { kind: 'sent' } | ServerRefusal | NetworkFailure;

export type FetchReportOutcome =
  | { kind: 'found'; report: PublicReport; events: PublicReportEvent[] }
  | ServerRefusal
  | NetworkFailure;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isLocalized = (value: unknown): value is LocalizedText => isRecord(value) && isText(value.zh) && isText(value.en);

/** 408 Request Timeout, 425 Too Early, 429 Too Many Requests and every 5xx are worth retrying; other 4xx say the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

function refusal(status: number, body: unknown): ServerRefusal {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message = error && isLocalized(error.message)
    ? { zh: error.message.zh, en: error.message.en }
    : { zh: `服务器返回了 HTTP ${status}，没有说明原因`, en: `The server answered HTTP ${status} without saying why` };
  return { kind: 'refused', status, code: error && isText(error.code) ? error.code : `http_${status}`, message, retryable: isRetryableStatus(status) };
}

function fieldErrors(body: unknown): FieldError[] | null {
  if (!isRecord(body) || !Array.isArray(body.errors)) return null;
  const errors = body.errors.filter((item): item is FieldError => isRecord(item) && isText(item.field) && isText(item.code) && isLocalized(item.message));
  return errors.length === body.errors.length && errors.length > 0 ? errors.map((error) => ({ field: error.field, code: error.code, message: { ...error.message } })) : null;
}

const isLngLat = (value: unknown): boolean => Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'number' && Number.isFinite(part));
const isNullableText = (value: unknown): boolean => value === null || isText(value);

/** The public view of a report, when `value` has its shape; null otherwise. Checks what the app reads. */
export function parsePublicReport(value: unknown): PublicReport | null {
  if (!isRecord(value)) return null;
  const ok = isText(value.id) && isText(value.districtId) && isNullableText(value.facilityId) && isLngLat(value.location)
    && (REPORT_CATEGORIES as readonly unknown[]).includes(value.category) && isText(value.faultCode)
    && (value.severity === 1 || value.severity === 2 || value.severity === 3)
    && (value.permanence === 'temporary' || value.permanence === 'permanent') && isNullableText(value.expectedFixDate)
    && isText(value.description) && Array.isArray(value.measurements) && Array.isArray(value.photos) && typeof value.outOfService === 'boolean'
    && (REPORT_STATUSES as readonly unknown[]).includes(value.status) && isNullableText(value.assignedUnitId)
    && isText(value.createdAt) && isText(value.updatedAt) && typeof value.version === 'number';
  return ok ? (value as unknown as PublicReport) : null;
}

/** One history step of the public view, when `value` has its shape; null otherwise. */
export function parsePublicEvent(value: unknown): PublicReportEvent | null {
  if (!isRecord(value)) return null;
  const ok = isText(value.reportId) && typeof value.sequence === 'number'
    && (value.fromStatus === null || (REPORT_STATUSES as readonly unknown[]).includes(value.fromStatus))
    && (REPORT_STATUSES as readonly unknown[]).includes(value.toStatus) && (ROLES as readonly unknown[]).includes(value.actorRole)
    && isText(value.at) && isText(value.note);
  return ok ? (value as unknown as PublicReportEvent) : null;
}

const malformed = (status: number, what: LocalizedText): ServerRefusal => ({
  kind: 'refused', status, code: 'malformed_answer', retryable: false,
  message: { zh: `服务器的回答无法识别：${what.zh}`, en: `The server's answer could not be understood: ${what.en}` },
});

const send = (url: string, init: RequestInit): ReturnType<typeof requestJson> => requestJson(url, init);

function headers(options: ClientOptions, extra: Record<string, string>): Record<string, string> {
  return { Accept: 'application/json', ...extra, ...(options.csrfToken ? { [CSRF_TOKEN_HEADER]: options.csrfToken } : {}) };
}

/**
 * Files a report checked by validateNewReport. The key goes in the Idempotency-Key header (not the
 * body); photos are not declared: their bytes follow with sendPhoto once the report has an id.
 */
export async function fileReport(draft: ReportDraft, options: ClientOptions & { idempotencyKey: string }): Promise<FileReportOutcome> {
  // Listed one by one, so a field added to the draft later is not sent until the API takes it.
  const requestBody = {
    districtId: draft.districtId, facilityId: draft.facilityId, location: draft.location, category: draft.category, faultCode: draft.faultCode,
    severity: draft.severity, permanence: draft.permanence, expectedFixDate: draft.expectedFixDate, description: draft.description,
    measurements: draft.measurements, outOfService: draft.outOfService,
  };
  const answer = await send(`${options.baseUrl ?? ''}${REPORTS_API_PATH}`, {
    method: 'POST',
    headers: headers(options, { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey }),
    body: JSON.stringify(requestBody),
    credentials: 'same-origin',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if ('kind' in answer) return answer;
  const { status, body } = answer;
  if (status === 200 || status === 201) {
    const report = isRecord(body) ? parsePublicReport(body.report) : null;
    return report ? { kind: 'filed', report, created: status === 201 } : malformed(status, { zh: '缺少报告', en: 'no report in it' });
  }
  if (status === 400) {
    const errors = fieldErrors(body);
    if (errors) return { kind: 'invalid', errors };
  }
  return refusal(status, body);
}

/** Sends one photo's bytes for a filed report, with its own idempotency key. */
/** The header carrying the report's own idempotency key with its photos (server/api/photos.ts). */
export const FILING_KEY_HEADER = 'Filing-Idempotency-Key';

export async function sendPhoto(
  reportId: string, photo: Blob, options: ClientOptions & { idempotencyKey: string; mediaType: string; filingKey: string },
): Promise<SendPhotoOutcome> {
  const answer = await send(`${options.baseUrl ?? ''}${REPORTS_API_PATH}/${encodeURIComponent(reportId)}/photos`, {
    method: 'POST',
    // Without an account the filer proves itself with the key it filed the report with, which no
    // one else has seen (the report's id is public in the list).
    headers: headers(options, { 'Content-Type': options.mediaType, [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey, [FILING_KEY_HEADER]: options.filingKey }),
    body: photo,
    credentials: 'same-origin',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if ('kind' in answer) return answer;
  return answer.status === 200 || answer.status === 201 ? { kind: 'sent' } : refusal(answer.status, answer.body);
}

/** A report and its whole history, as anyone with its link sees them. */
export async function fetchReport(reportId: string, options: ClientOptions = {}): Promise<FetchReportOutcome> {
  const answer = await send(`${options.baseUrl ?? ''}${REPORTS_API_PATH}/${encodeURIComponent(reportId)}`, {
    headers: headers(options, {}),
    credentials: 'same-origin',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if ('kind' in answer) return answer;
  const { status, body } = answer;
  if (status !== 200) return refusal(status, body);
  const report = isRecord(body) ? parsePublicReport(body.report) : null;
  const rawEvents = isRecord(body) && Array.isArray(body.events) ? body.events : null;
  const events = rawEvents?.map(parsePublicEvent) ?? null;
  if (!report || !events || events.some((event) => event === null)) return malformed(status, { zh: '报告或其历史不完整', en: 'the report or its history is incomplete' });
  return { kind: 'found', report, events: (events as PublicReportEvent[]).toSorted((first, second) => first.sequence - second.sequence) };
}
