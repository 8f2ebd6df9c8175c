// One send attempt of a queued report, over real HTTP to the real server (SQLite in a temporary
// folder). What was stored is read back from the storage itself.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { ReportDraft } from '../../domain/reports/index.ts';
import { startTestApiServer, type TestApiServer } from '../../api/test-api-server.ts';
import { newDraft } from '../report-form/draft.ts';
import { enqueueReport, type QueuedReport } from './queue-state.ts';
import { networkTransport, sendQueuedReport } from './send-report.ts';

const T0 = Date.parse('2026-03-01T04:00:00Z');

function queuedPointReport(photoCount: number, fields: Partial<ReportDraft> = {}): QueuedReport {
  const key = randomUUID();
  // A kerb ramp missing at a corner of the sample district: a point report, no facility.
  const report: ReportDraft = {
    idempotencyKey: key, districtId: 'sample', facilityId: null, location: [121.47, 31.23], category: 'kerb_ramp', faultCode: 'missing', severity: 2,
    permanence: 'permanent', expectedFixDate: null, description: `路口没有缘石坡道 ${key}`, measurements: [], photos: [], outOfService: false, ...fields,
  };
  const photos = Array.from({ length: photoCount }, () => ({ mediaType: 'image/jpeg', byteLength: 4 }));
  return enqueueReport({ key, report, form: newDraft('sample', { kind: 'point' }, key), photos }, T0);
}

async function storedWith(server: TestApiServer, description: string): Promise<number> {
  const page = await server.repository.listReports({ limit: 1000 });
  return page.reports.filter((report) => report.description === description).length;
}

describe('sending a queued report', () => {
  let server: TestApiServer;

  beforeAll(async () => {
    server = await startTestApiServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('without photos, is sent in one attempt, and every step is seen', async () => {
    const item = queuedPointReport(0);
    const seen: string[] = [];
    const after = await sendQueuedReport(item, networkTransport({ baseUrl: server.baseUrl }), async () => null, {
      now: () => T0, onStep: (step) => { seen.push(step.state); },
    });
    expect(after.state).toBe('sent');
    expect(after.reportId).not.toBeNull();
    expect(seen).toEqual(['sending', 'sent']);
    expect(await storedWith(server, item.report.description)).toBe(1);
  });

  it('sent twice (an answer lost on the way back), is filed once', async () => {
    const item = queuedPointReport(0);
    const transport = networkTransport({ baseUrl: server.baseUrl });
    const first = await sendQueuedReport(item, transport, async () => null, { now: () => T0 });
    // The device never heard the answer: it still has the waiting item and sends it again.
    const second = await sendQueuedReport(item, transport, async () => null, { now: () => T0 });
    expect(second.state).toBe('sent');
    expect(second.reportId).toBe(first.reportId);
    expect(await storedWith(server, item.report.description)).toBe(1);
  });

  it('whose photo the server refuses, stays filed: the failure is the photo\'s, and a retry does not file the report again', async () => {
    const item = queuedPointReport(1);
    const transport = networkTransport({ baseUrl: server.baseUrl });
    const sentKeys: string[] = [];
    let reportRequests = 0;
    const watching = {
      fileReport: (...parameters: Parameters<typeof transport.fileReport>) => {
        reportRequests += 1;
        return transport.fileReport(...parameters);
      },
      sendPhoto: (...parameters: Parameters<typeof transport.sendPhoto>) => {
        sentKeys.push(parameters[2].idempotencyKey);
        return transport.sendPhoto(...parameters);
      },
    };
    // Four bytes that are no image: whatever the photo endpoint checks, it cannot take them.
    const notAnImage = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/jpeg' });
    const after = await sendQueuedReport(item, watching, async () => notAnImage, { now: () => T0 });
    expect(after.state).toBe('failed');
    expect(after.failure?.phase).toBe('photos');
    expect(after.reportId).not.toBeNull();
    expect(after.photosSent).toBe(0);
    // The photo's key is the report's key with a suffix (so the server can tie a resent photo to its report).
    expect(sentKeys).toEqual([`${item.key}-photo-1`]);
    expect(await storedWith(server, item.report.description)).toBe(1);

    expect(reportRequests).toBe(1);
    const retried = await sendQueuedReport({ ...after, state: 'waiting', nextAttemptAt: T0 }, watching, async () => notAnImage, { now: () => T0 });
    expect(retried.reportId).toBe(after.reportId);
    // The retry went straight to the photo: the report was not asked for again.
    expect(reportRequests).toBe(1);
    expect(sentKeys).toEqual([`${item.key}-photo-1`, `${item.key}-photo-1`]);
    expect(await storedWith(server, item.report.description)).toBe(1);
  });

  it('that the server refuses as invalid, fails with the server\'s field errors and is not stored', async () => {
    const item = queuedPointReport(0, { location: [0, 0] });
    const after = await sendQueuedReport(item, networkTransport({ baseUrl: server.baseUrl }), async () => null, { now: () => T0 });
    expect(after.state).toBe('failed');
    expect(after.failure?.phase).toBe('report');
    expect(after.failure?.fieldErrors.map((error) => error.field)).toEqual(['/location']);
    expect(await storedWith(server, item.report.description)).toBe(0);
  });

  it('when nothing answers, waits to try again with the same key', async () => {
    const probe = createServer();
    await new Promise<void>((resolvePromise) => probe.listen(0, '127.0.0.1', resolvePromise));
    const address = probe.address();
    await new Promise<void>((resolvePromise) => probe.close(() => resolvePromise()));
    const port = typeof address === 'object' && address ? address.port : 0;
    const item = queuedPointReport(0);
    const after = await sendQueuedReport(item, networkTransport({ baseUrl: `http://127.0.0.1:${port}` }), async () => null, { now: () => T0 });
    expect(after.state).toBe('waiting');
    expect(after.key).toBe(item.key);
    expect(after.failure?.code).toBe('network');
    expect(after.nextAttemptAt).toBeGreaterThan(T0);
  });

  it('refuses, rather than skips, a photo whose bytes are no longer on the device', async () => {
    const item = queuedPointReport(1);
    const after = await sendQueuedReport(item, networkTransport({ baseUrl: server.baseUrl }), async () => null, { now: () => T0 });
    expect(after.state).toBe('failed');
    expect(after.failure?.code).toBe('photo_missing');
    expect(after.reportId).not.toBeNull();
  });
});
