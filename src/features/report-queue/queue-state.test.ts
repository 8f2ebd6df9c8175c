import { describe, it, expect } from 'vitest';
import type { ReportDraft } from '../../domain/reports/index.ts';
import { newDraft } from '../report-form/draft.ts';
import {
  FIRST_BACKOFF_MILLISECONDS, MAX_BACKOFF_MILLISECONDS, applySendStep, backoffMilliseconds, enqueueReport, isDue, keyStillUsable, nextDueAt,
  photosLeft, recoverInterrupted, retryNow, startSending, unsentCount, type QueuedReport,
} from './queue-state.ts';

const KEY = '5c0f6a1e-8b2d-4c3e-9f4a-1b2c3d4e5f60';
const report: ReportDraft = {
  idempotencyKey: KEY, districtId: 'sample', facilityId: 'sample:toilet:0001', location: [121.47, 31.23], category: 'toilet', faultCode: 'locked_or_closed',
  severity: 3, permanence: 'temporary', expectedFixDate: null, description: '门锁着', measurements: [], photos: [], outOfService: true,
};
const form = newDraft('sample', { kind: 'facility', facilityId: 'sample:toilet:0001' }, KEY, 'toilet');
const T0 = Date.parse('2026-03-01T04:00:00Z');
const message = { zh: '服务器忙', en: 'The server is busy' };

function queued(photoCount = 0): QueuedReport {
  return enqueueReport({ key: KEY, report, form, photos: Array.from({ length: photoCount }, () => ({ mediaType: 'image/jpeg', byteLength: 100 })) }, T0);
}

describe('a queued report', () => {
  it('starts waiting, due at once, with no attempts', () => {
    const item = queued();
    expect(item.state).toBe('waiting');
    expect(isDue(item, T0)).toBe(true);
    expect(item.attempts).toBe(0);
    expect(item.reportId).toBeNull();
  });

  it('is sent once the server files it, when it has no photos', () => {
    const sending = startSending(queued());
    expect(sending.state).toBe('sending');
    expect(sending.attempts).toBe(1);
    const sent = applySendStep(sending, { kind: 'report_filed', reportId: 'r-1' }, T0);
    expect(sent.state).toBe('sent');
    expect(sent.reportId).toBe('r-1');
  });

  it('with photos, stays sending after the report is filed and is sent after the last photo', () => {
    let item = applySendStep(startSending(queued(2)), { kind: 'report_filed', reportId: 'r-2' }, T0);
    expect(item.state).toBe('sending');
    expect(photosLeft(item)).toBe(2);
    item = applySendStep(item, { kind: 'photo_sent' }, T0);
    expect(item.state).toBe('sending');
    expect(item.photosSent).toBe(1);
    item = applySendStep(item, { kind: 'photo_sent' }, T0);
    expect(item.state).toBe('sent');
    expect(photosLeft(item)).toBe(0);
  });

  it('waits again after a network failure, longer after each one, and is not due before then', () => {
    let item = queued();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      item = applySendStep(startSending(item), { kind: 'retry_later', phase: 'report', code: 'network', message }, T0);
      expect(item.state).toBe('waiting');
      expect(item.attempts).toBe(attempt);
      const wait = (item.nextAttemptAt ?? 0) - T0;
      waits.push(wait);
      expect(isDue(item, T0 + wait - 1)).toBe(false);
      expect(isDue(item, T0 + wait)).toBe(true);
    }
    expect(waits).toEqual([1, 2, 3, 4].map(backoffMilliseconds));
    expect(waits.every((wait, index) => index === 0 || wait > (waits[index - 1] ?? 0))).toBe(true);
    expect(item.failure?.message).toEqual(message);
  });

  it('fails, with the server\'s message and field errors, when the server refuses it as invalid', () => {
    const fieldErrors = [{ field: '/description', code: 'required', message: { zh: '请描述问题', en: 'Enter a description of the fault' } }];
    const item = applySendStep(startSending(queued()), { kind: 'refused', phase: 'report', code: 'validation', message: fieldErrors[0]!.message, fieldErrors }, T0);
    expect(item.state).toBe('failed');
    expect(item.nextAttemptAt).toBeNull();
    expect(isDue(item, T0 + MAX_BACKOFF_MILLISECONDS)).toBe(false);
    expect(item.failure).toEqual({ phase: 'report', code: 'validation', message: fieldErrors[0]!.message, fieldErrors });
    expect(keyStillUsable(item)).toBe(true);
  });

  it('keeps its report id and the photos already taken when a later photo is refused, so a retry sends only the rest', () => {
    let item = applySendStep(startSending(queued(3)), { kind: 'report_filed', reportId: 'r-3' }, T0);
    item = applySendStep(item, { kind: 'photo_sent' }, T0);
    item = applySendStep(item, { kind: 'refused', phase: 'photos', code: 'not_found', message, fieldErrors: [] }, T0);
    expect(item.state).toBe('failed');
    expect(item.reportId).toBe('r-3');
    expect(item.photosSent).toBe(1);
    expect(photosLeft(item)).toBe(2);
    const again = startSending(retryNow(item, T0 + 10));
    expect(again.state).toBe('sending');
    expect(again.reportId).toBe('r-3');
    expect(again.photosSent).toBe(1);
    // Filed already: its key is spent, it cannot go back to the form to be filed again.
    expect(keyStillUsable(item)).toBe(false);
  });

  it('may not reuse a key the server says is taken by other content', () => {
    const item = applySendStep(startSending(queued()), { kind: 'refused', phase: 'report', code: 'idempotency_key_reused', message, fieldErrors: [] }, T0);
    expect(keyStillUsable(item)).toBe(false);
  });

  it('can be retried at once, whether failed or waiting out a backoff, but not once sent', () => {
    const waiting = applySendStep(startSending(queued()), { kind: 'retry_later', phase: 'report', code: 'network', message }, T0);
    expect(isDue(waiting, T0 + 1)).toBe(false);
    expect(isDue(retryNow(waiting, T0 + 1), T0 + 1)).toBe(true);
    const failed = applySendStep(startSending(queued()), { kind: 'refused', phase: 'report', code: 'x', message, fieldErrors: [] }, T0);
    expect(retryNow(failed, T0 + 1).state).toBe('waiting');
    const sent = applySendStep(startSending(queued()), { kind: 'report_filed', reportId: 'r' }, T0);
    expect(retryNow(sent, T0 + 1)).toBe(sent);
  });

  it('that was being sent when the page went away waits again, to be resent under the same key', () => {
    const sending = startSending(queued());
    const recovered = recoverInterrupted(sending, T0 + 5);
    expect(recovered.state).toBe('waiting');
    expect(recovered.key).toBe(KEY);
    expect(isDue(recovered, T0 + 5)).toBe(true);
    const waiting = queued();
    expect(recoverInterrupted(waiting, T0 + 5)).toBe(waiting);
  });

  it('ignores steps when it is not sending, and a photo step before the report is filed', () => {
    const waiting = queued(1);
    expect(applySendStep(waiting, { kind: 'report_filed', reportId: 'r' }, T0)).toBe(waiting);
    const sending = startSending(queued(1));
    expect(applySendStep(sending, { kind: 'photo_sent' }, T0)).toBe(sending);
    expect(startSending(sending)).toBe(sending);
  });

  it('never changes the item it is given', () => {
    const item = queued(1);
    const copy = structuredClone(item);
    applySendStep(startSending(item), { kind: 'retry_later', phase: 'report', code: 'network', message }, T0);
    retryNow(item, T0);
    expect(item).toEqual(copy);
  });
});

describe('the queue', () => {
  it('backs off from 5 seconds, doubling, to at most 10 minutes', () => {
    expect(backoffMilliseconds(0)).toBe(0);
    expect(backoffMilliseconds(1)).toBe(FIRST_BACKOFF_MILLISECONDS);
    expect(backoffMilliseconds(2)).toBe(2 * FIRST_BACKOFF_MILLISECONDS);
    expect(backoffMilliseconds(3)).toBe(4 * FIRST_BACKOFF_MILLISECONDS);
    expect(backoffMilliseconds(1000)).toBe(MAX_BACKOFF_MILLISECONDS);
  });

  it('wakes for the earliest waiting item, and counts what is not yet sent', () => {
    const soon = { ...queued(), key: 'a', nextAttemptAt: T0 + 100 };
    const later = { ...queued(), key: 'b', nextAttemptAt: T0 + 900 };
    const failed = { ...queued(), key: 'c', state: 'failed' as const, nextAttemptAt: null };
    const sent = { ...queued(), key: 'd', state: 'sent' as const, nextAttemptAt: null };
    expect(nextDueAt([later, soon, failed, sent])).toBe(T0 + 100);
    expect(nextDueAt([failed, sent])).toBeNull();
    expect(unsentCount([later, soon, failed, sent])).toBe(3);
  });
});
