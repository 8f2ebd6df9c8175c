// The offline queue of reports as pure state: each item waits, is being sent, was sent, or failed
// with the server's message. Sending is two phases: the report (POST /api/reports, with the
// report's idempotency key), then its photos one by one (each with its own key). Every function
// returns a new item; the controller stores it and the panel shows it.
import type { FieldError, LocalizedText, ReportDraft } from '../../domain/reports/index.ts';
import type { ReportFormDraft } from '../report-form/draft.ts';

export const QUEUE_STATES = ['waiting', 'sending', 'sent', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueuedPhoto {
  mediaType: string;
  byteLength: number;
}

export interface QueueFailure {
  /** Which request failed: the report itself, or one of its photos after the report was filed. */
  phase: 'report' | 'photos';
  /** The server's stable code ("not_found", "validation"), or "network". */
  code: string;
  message: LocalizedText;
  /** The core's (or server's) field errors when the report was refused as invalid. */
  fieldErrors: FieldError[];
}

export interface QueuedReport {
  /** The report's Idempotency-Key: also the item's id. */
  key: string;
  /** The report as the reports core checked it: what is sent. */
  report: ReportDraft;
  /** The form as the reporter left it, to open the report again in the form. */
  form: ReportFormDraft;
  /** Photo bytes are stored apart (IndexedDB), under queuePhotoKey(key, index). */
  photos: QueuedPhoto[];
  state: QueueState;
  /** Send attempts so far (automatic and manual). */
  attempts: number;
  /** Epoch milliseconds when a waiting item is next due; null when not waiting. */
  nextAttemptAt: number | null;
  /** Why the last attempt did not finish, or null. */
  failure: QueueFailure | null;
  /** Set once the server has filed the report; photos then go to this id. */
  reportId: string | null;
  /** How many photos the server has taken, in order. */
  photosSent: number;
  queuedAt: string;
}

/** The first retry after a failure waits this long; each later one twice as long, up to the cap. */
export const FIRST_BACKOFF_MILLISECONDS = 5_000;
export const MAX_BACKOFF_MILLISECONDS = 10 * 60_000;

/** The IndexedDB key of a queued report's photo. */
export function queuePhotoKey(key: string, index: number): string {
  return `queue:${key}:${index}`;
}

/** How long to wait after `attempts` failed attempts: 5 s, 10 s, 20 s, … at most 10 minutes. */
export function backoffMilliseconds(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_BACKOFF_MILLISECONDS, FIRST_BACKOFF_MILLISECONDS * 2 ** Math.min(attempts - 1, 20));
}

export function enqueueReport(
  entry: { key: string; report: ReportDraft; form: ReportFormDraft; photos: readonly QueuedPhoto[] }, now: number,
): QueuedReport {
  return {
    key: entry.key, report: entry.report, form: entry.form, photos: entry.photos.map((photo) => ({ ...photo })),
    state: 'waiting', attempts: 0, nextAttemptAt: now, failure: null, reportId: null, photosSent: 0, queuedAt: new Date(now).toISOString(),
  };
}

/** What one request of a send attempt came to. */
export type SendStep =
  | { kind: 'report_filed'; reportId: string }
  | { kind: 'photo_sent' }
  | { kind: 'retry_later'; phase: QueueFailure['phase']; code: string; message: LocalizedText }
  | { kind: 'refused'; phase: QueueFailure['phase']; code: string; message: LocalizedText; fieldErrors: FieldError[] };

/** True when a waiting item's time has come. */
export function isDue(item: QueuedReport, now: number): boolean {
  return item.state === 'waiting' && (item.nextAttemptAt ?? 0) <= now;
}

/** A waiting item begins an attempt; anything else is returned unchanged. */
export function startSending(item: QueuedReport): QueuedReport {
  if (item.state !== 'waiting') return item;
  return { ...item, state: 'sending', attempts: item.attempts + 1, nextAttemptAt: null };
}

/** The photos still to send, from the first one the server has not taken. */
export function photosLeft(item: QueuedReport): number {
  return Math.max(0, item.photos.length - item.photosSent);
}

/** The item after one request of an attempt. Steps for an item that is not sending change nothing. */
export function applySendStep(item: QueuedReport, step: SendStep, now: number): QueuedReport {
  if (item.state !== 'sending') return item;
  switch (step.kind) {
    case 'report_filed': {
      const filed = { ...item, reportId: step.reportId, failure: null };
      return photosLeft(filed) === 0 ? { ...filed, state: 'sent' } : filed;
    }
    case 'photo_sent': {
      if (item.reportId === null) return item;
      const advanced = { ...item, photosSent: Math.min(item.photos.length, item.photosSent + 1), failure: null };
      return photosLeft(advanced) === 0 ? { ...advanced, state: 'sent' } : advanced;
    }
    case 'retry_later':
      return {
        ...item, state: 'waiting', nextAttemptAt: now + backoffMilliseconds(item.attempts),
        failure: { phase: step.phase, code: step.code, message: step.message, fieldErrors: [] },
      };
    case 'refused':
      return {
        ...item, state: 'failed', nextAttemptAt: null,
        failure: { phase: step.phase, code: step.code, message: step.message, fieldErrors: step.fieldErrors.map((error) => ({ ...error })) },
      };
  }
}

/** Retry now: a failed or waiting item becomes due at once; a sent one stays sent. */
export function retryNow(item: QueuedReport, now: number): QueuedReport {
  if (item.state !== 'failed' && item.state !== 'waiting') return item;
  return { ...item, state: 'waiting', nextAttemptAt: now };
}

/**
 * After a reload: an item that was sending when the page went away may or may not have reached
 * the server; it waits again and is resent with the same key, which files it at most once.
 */
export function recoverInterrupted(item: QueuedReport, now: number): QueuedReport {
  return item.state === 'sending' ? { ...item, state: 'waiting', nextAttemptAt: now } : item;
}

/** The earliest time a waiting item is due, or null when none waits. */
export function nextDueAt(items: readonly QueuedReport[]): number | null {
  const times = items.filter((item) => item.state === 'waiting').map((item) => item.nextAttemptAt ?? 0);
  return times.length === 0 ? null : Math.min(...times);
}

/** Items not yet sent: what "Reports waiting to be sent (N)" counts. */
export function unsentCount(items: readonly QueuedReport[]): number {
  return items.filter((item) => item.state !== 'sent').length;
}

/**
 * Whether the form may resend a refused item under its own key. A refused report was not stored,
 * so its key is still free, unless the refusal was that the key is taken by other content.
 */
export function keyStillUsable(item: QueuedReport): boolean {
  return item.reportId === null && item.failure?.code !== 'idempotency_key_reused';
}
