// One send attempt of a queued report: the report first (unless the server already filed it),
// then each photo not yet taken, stopping at the first request that does not succeed. Each
// request's outcome becomes a SendStep of the queue's state machine; `onStep` sees every
// intermediate item so the caller can store progress as it happens (a photo sent is never resent).
import { fileReport, sendPhoto, type FileReportOutcome, type SendPhotoOutcome } from '../../api/reports-client.ts';
import type { ReportDraft } from '../../domain/reports/index.ts';
import { applySendStep, photosLeft, startSending, type QueuedReport, type SendStep } from './queue-state.ts';

/** The requests an attempt makes; the reports client by default, over the network. */
export interface ReportsTransport {
  fileReport(draft: ReportDraft, options: { idempotencyKey: string }): Promise<FileReportOutcome>;
  sendPhoto(reportId: string, photo: Blob, options: { idempotencyKey: string; mediaType: string; filingKey: string }): Promise<SendPhotoOutcome>;
}

export function networkTransport(options: { baseUrl?: string; csrfToken?: () => string | undefined } = {}): ReportsTransport {
  const common = () => {
    const csrfToken = options.csrfToken?.();
    return { ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }), ...(csrfToken ? { csrfToken } : {}) };
  };
  return {
    fileReport: (draft, { idempotencyKey }) => fileReport(draft, { ...common(), idempotencyKey }),
    sendPhoto: (reportId, photo, { idempotencyKey, mediaType, filingKey }) => sendPhoto(reportId, photo, { ...common(), idempotencyKey, mediaType, filingKey }),
  };
}

/** The idempotency key of a report's n-th photo (from 1): the report's key with a suffix, so a resend is recognised. */
export function photoIdempotencyKey(reportKey: string, number: number): string {
  return `${reportKey}-photo-${number}`;
}

const NETWORK_MESSAGE = (detail: string) => ({
  zh: `无法连接服务器（${detail}）`,
  en: `The server could not be reached (${detail})`,
});

function stepForReport(outcome: FileReportOutcome): SendStep {
  switch (outcome.kind) {
    case 'filed':
      return { kind: 'report_filed', reportId: outcome.report.id };
    case 'invalid':
      return {
        kind: 'refused', phase: 'report', code: 'validation', fieldErrors: outcome.errors,
        message: { zh: outcome.errors.map((error) => error.message.zh).join('；'), en: outcome.errors.map((error) => error.message.en).join('; ') },
      };
    case 'refused':
      return outcome.retryable
        ? { kind: 'retry_later', phase: 'report', code: outcome.code, message: outcome.message }
        : { kind: 'refused', phase: 'report', code: outcome.code, message: outcome.message, fieldErrors: [] };
    case 'network':
      return { kind: 'retry_later', phase: 'report', code: 'network', message: NETWORK_MESSAGE(outcome.detail) };
  }
}

function stepForPhoto(outcome: SendPhotoOutcome): SendStep {
  switch (outcome.kind) {
    case 'sent':
      return { kind: 'photo_sent' };
    case 'refused':
      return outcome.retryable
        ? { kind: 'retry_later', phase: 'photos', code: outcome.code, message: outcome.message }
        : { kind: 'refused', phase: 'photos', code: outcome.code, message: outcome.message, fieldErrors: [] };
    case 'network':
      return { kind: 'retry_later', phase: 'photos', code: 'network', message: NETWORK_MESSAGE(outcome.detail) };
  }
}

/**
 * Makes one attempt for a waiting item and returns the item after it: sent, waiting again (with
 * backoff) or failed. `photoAt(index)` gives the bytes of the queued photo at `index`; a photo
 * whose bytes are gone is refused rather than skipped, so the reporter learns of it.
 */
export async function sendQueuedReport(
  waiting: QueuedReport,
  transport: ReportsTransport,
  photoAt: (index: number) => Promise<Blob | null>,
  options: { now?: () => number; onStep?: (item: QueuedReport) => Promise<void> | void } = {},
): Promise<QueuedReport> {
  const now = options.now ?? Date.now;
  let item = startSending(waiting);
  if (item.state !== 'sending') return item;
  await options.onStep?.(item);
  if (item.reportId === null) {
    item = applySendStep(item, stepForReport(await transport.fileReport(item.report, { idempotencyKey: item.key })), now());
    await options.onStep?.(item);
  }
  while (item.state === 'sending' && item.reportId !== null && photosLeft(item) > 0) {
    const index = item.photosSent;
    const photo = await photoAt(index);
    const step: SendStep = photo === null
      ? {
        kind: 'refused', phase: 'photos', code: 'photo_missing', fieldErrors: [],
        message: { zh: `第 ${index + 1} 张照片已不在本设备上`, en: `Photo ${index + 1} is no longer on this device` },
      }
      : stepForPhoto(await transport.sendPhoto(item.reportId, photo, {
        idempotencyKey: photoIdempotencyKey(item.key, index + 1), mediaType: item.photos[index]?.mediaType ?? photo.type, filingKey: item.key,
      }));
    item = applySendStep(item, step, now());
    await options.onStep?.(item);
  }
  return item;
}
