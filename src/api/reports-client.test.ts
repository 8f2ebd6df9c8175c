// The reports client against the real server (SQLite in a temporary folder), over real HTTP.
// Expectations come from the sample district's file and from the storage, not from the client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { jpegPhoto } from '../../server/api/photo-fixtures.ts';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDraft } from '../domain/reports/index.ts';
import { fetchReport, fileReport, isRetryableStatus, parsePublicReport, sendPhoto } from './reports-client.ts';
import { REPOSITORY_DATA_FOLDER, startTestApiServer, type TestApiServer } from './test-api-server.ts';
import { moved, userNamed } from '../../server/db/report-fixtures.ts';

const elevators = (JSON.parse(readFileSync(join(REPOSITORY_DATA_FOLDER, 'sample', 'elevators.geojson'), 'utf8')) as {
  features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
}).features;
const elevator = elevators[0];
if (!elevator) throw new Error('the sample district has elevators');

function elevatorDraft(key: string, fields: Partial<ReportDraft> = {}): ReportDraft {
  return {
    idempotencyKey: key, districtId: 'sample', facilityId: elevator!.properties.id, location: elevator!.geometry.coordinates, category: 'elevator',
    faultCode: 'out_of_service', severity: 3, permanence: 'temporary', expectedFixDate: null, description: '电梯停用，门口贴着维修告示。',
    measurements: [], photos: [], outOfService: true, ...fields,
  };
}

/** A loopback port with nothing listening: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolvePromise) => probe.listen(0, '127.0.0.1', resolvePromise));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolvePromise) => probe.close(() => resolvePromise()));
  return port;
}

describe('the reports client, against the real server', () => {
  let server: TestApiServer;

  beforeAll(async () => {
    server = await startTestApiServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('files a report once, and a resend under the same key answers with the same report without filing another', async () => {
    const key = randomUUID();
    const first = await fileReport(elevatorDraft(key), { baseUrl: server.baseUrl, idempotencyKey: key });
    expect(first.kind).toBe('filed');
    if (first.kind !== 'filed') return;
    expect(first.created).toBe(true);
    const stored = await server.repository.getReport(first.report.id);
    expect(stored?.description).toBe(elevatorDraft(key).description);
    expect(stored?.facilityId).toBe(elevator.properties.id);

    const before = (await server.repository.listReports({ limit: 1000 })).reports.length;
    const again = await fileReport(elevatorDraft(key), { baseUrl: server.baseUrl, idempotencyKey: key });
    expect(again.kind === 'filed' && again.report.id).toBe(first.report.id);
    expect(again.kind === 'filed' && again.created).toBe(false);
    expect((await server.repository.listReports({ limit: 1000 })).reports.length).toBe(before);
  });

  it('turns the server\'s field errors into the core\'s FieldError list', async () => {
    const key = randomUUID();
    const outcome = await fileReport(elevatorDraft(key, { description: '   ', severity: 7 as ReportDraft['severity'] }), { baseUrl: server.baseUrl, idempotencyKey: key });
    expect(outcome.kind).toBe('invalid');
    const fields = outcome.kind === 'invalid' ? outcome.errors.map((error) => error.field).sort() : [];
    expect(fields).toEqual(['/description', '/severity']);
    expect(outcome.kind === 'invalid' && outcome.errors.every((error) => error.message.zh !== '' && error.message.en !== '')).toBe(true);
  });

  it('reports a refusal with the server\'s code and message, not to be retried', async () => {
    const outcome = await fileReport(elevatorDraft('short'), { baseUrl: server.baseUrl, idempotencyKey: 'short' });
    expect(outcome).toMatchObject({ kind: 'refused', status: 400, code: 'idempotency_key_invalid', retryable: false });
    expect(outcome.kind === 'refused' && outcome.message.en).toContain('Idempotency-Key');
  });

  it('follows a report: the public view and its history, oldest step first, starting with "submitted"', async () => {
    const key = randomUUID();
    const filed = await fileReport(elevatorDraft(key, { severity: 2 }), { baseUrl: server.baseUrl, idempotencyKey: key });
    if (filed.kind !== 'filed') throw new Error(`not filed: ${JSON.stringify(filed)}`);
    const followed = await fetchReport(filed.report.id, { baseUrl: server.baseUrl });
    expect(followed.kind).toBe('found');
    if (followed.kind !== 'found') return;
    expect(followed.report.id).toBe(filed.report.id);
    expect(followed.report.severity).toBe(2);
    expect(followed.events.map((event) => [event.fromStatus, event.toStatus])).toEqual([[null, 'submitted']]);
    expect(followed.report).not.toHaveProperty('reporterId');
  });

  it('follows a report through the loop: every step in order, with who (by role) and the note', async () => {
    const key = randomUUID();
    const filed = await fileReport(elevatorDraft(key), { baseUrl: server.baseUrl, idempotencyKey: key });
    if (filed.kind !== 'filed') throw new Error(`not filed: ${JSON.stringify(filed)}`);
    // The transitions API is not the client's; the storage records the steps the way it will.
    const reviewer = await server.repository.createUser(userNamed(`reviewer-${key}`, 'reviewer'));
    const stored = await server.repository.getReport(filed.report.id);
    if (!stored) throw new Error('the filed report is stored');
    const verified = moved(stored, 'verified', reviewer, '现场核实属实');
    const afterVerify = await server.repository.updateReport(verified.report, stored.version, verified.event);
    const assigned = moved(afterVerify, 'assigned', reviewer, '交给街道市政', { assignedUnitId: 'unit-street-works' });
    await server.repository.updateReport(assigned.report, afterVerify.version, assigned.event);

    const followed = await fetchReport(filed.report.id, { baseUrl: server.baseUrl });
    if (followed.kind !== 'found') throw new Error(`not found: ${JSON.stringify(followed)}`);
    expect(followed.report.status).toBe('assigned');
    expect(followed.report.assignedUnitId).toBe('unit-street-works');
    expect(followed.events.map((event) => event.toStatus)).toEqual(['submitted', 'verified', 'assigned']);
    expect(followed.events.map((event) => event.note)).toEqual(['', '现场核实属实', '交给街道市政']);
    expect(followed.events.map((event) => event.actorRole)).toEqual(['resident', 'reviewer', 'reviewer']);
    expect(followed.events.some((event) => 'actorId' in event)).toBe(false);
  });

  it('says clearly when a followed report does not exist', async () => {
    const outcome = await fetchReport(randomUUID(), { baseUrl: server.baseUrl });
    expect(outcome).toMatchObject({ kind: 'refused', status: 404, retryable: false });
    expect(outcome.kind === 'refused' && outcome.message.zh.length).toBeGreaterThan(0);
  });

  it('has a photo for a report that does not exist refused with the server\'s message, not retried', async () => {
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' });
    const outcome = await sendPhoto(randomUUID(), photo, { baseUrl: server.baseUrl, idempotencyKey: `${randomUUID()}-photo-1`, mediaType: 'image/jpeg', filingKey: randomUUID() });
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.status >= 400 && outcome.status < 500).toBe(true);
    expect(outcome.kind === 'refused' && outcome.retryable).toBe(false);
  });

  it('sends a photo of a report just filed with the filing key as proof, and is refused without it', async () => {
    const key = randomUUID();
    const filed = await fileReport(elevatorDraft(key), { baseUrl: server.baseUrl, idempotencyKey: key });
    if (filed.kind !== 'filed') throw new Error(`not filed: ${filed.kind}`);
    const photo = new Blob([new Uint8Array(jpegPhoto())], { type: 'image/jpeg' });
    const stranger = await sendPhoto(filed.report.id, photo, { baseUrl: server.baseUrl, idempotencyKey: `${key}-photo-1`, mediaType: 'image/jpeg', filingKey: randomUUID() });
    expect(stranger).toMatchObject({ kind: 'refused', status: 401, retryable: false });
    const sent = await sendPhoto(filed.report.id, photo, { baseUrl: server.baseUrl, idempotencyKey: `${key}-photo-1`, mediaType: 'image/jpeg', filingKey: key });
    expect(sent).toEqual({ kind: 'sent' });
    const followed = await fetchReport(filed.report.id, { baseUrl: server.baseUrl });
    expect(followed.kind === 'found' && followed.report.photos.length).toBe(1);
  });

  it('reports a network failure when nothing answers', async () => {
    const port = await closedPort();
    const key = randomUUID();
    expect((await fileReport(elevatorDraft(key), { baseUrl: `http://127.0.0.1:${port}`, idempotencyKey: key })).kind).toBe('network');
    expect((await fetchReport('x', { baseUrl: `http://127.0.0.1:${port}` })).kind).toBe('network');
  });
});

describe('reading answers', () => {
  it('retries server failures, timeouts and rate limits, never a request the server calls wrong', () => {
    expect([500, 502, 503, 504, 408, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 415, 422].some(isRetryableStatus)).toBe(false);
  });

  it('refuses a report view missing what the app reads', () => {
    expect(parsePublicReport(null)).toBeNull();
    expect(parsePublicReport({ id: 'x' })).toBeNull();
  });
});
