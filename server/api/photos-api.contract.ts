// Report photos over real HTTP with real storage: photos-api.sqlite.test.ts and
// photos-api.postgres.test.ts register it on their backends. Photos are built byte by byte
// (photo-fixtures.ts); what the server must answer comes from those bytes and from the storage,
// and every refusal is checked to leave the report's photos as they were.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, type Report, type ReportPhoto, type ReportStatus, type User } from '../../src/domain/reports/model.ts';
import { createApp } from '../app.ts';
import { filingOf, moved, reportAt, userNamed } from '../db/report-fixtures.ts';
import type { Repository } from '../db/repository.ts';
import { openStorage } from '../db/storage.ts';
import { loadDistrictCatalog } from './district-catalog.ts';
import { hashPassword, type ScryptParameters } from './passwords.ts';
import { EXIF_GPS_INFO_TAG, EXIF_ORIENTATION_TAG, exifTiff, gifStart, jpegPhoto, pngPhoto, webpPhoto } from './photo-fixtures.ts';
import { NO_RATE_LIMITS } from './rate-limits.ts';
import type { ApiBackend } from './reports-api.contract.ts';
import { as, errorCodeOf, send, signIn, type Answer, type Credentials } from './test-client.ts';

const dataFolder = resolve(import.meta.dirname, '..', '..', 'data');
const CHEAP_PASSWORDS: ScryptParameters = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };
const HOUR = 3_600_000;

interface PhotoRequest {
  contentType?: string | null;
  key?: string | null;
  filingKey?: string;
  credentials?: Credentials | null;
}

export function describePhotosApi(backend: ApiBackend): void {
  describe(`report photos over HTTP on ${backend.name}`, () => {
    let repository: Repository;
    let server: Server;
    let port: number;
    let root: string;
    let clockMilliseconds = Date.now();
    const run = randomUUID().slice(0, 8);
    const users: Record<'inspector' | 'reviewer' | 'unitA' | 'unitB', User> = {} as Record<'inspector' | 'reviewer' | 'unitA' | 'unitB', User>;
    const credentials: Partial<Record<keyof typeof users, Credentials>> = {};
    const passwords = new Map<string, string>();
    const unitA = `unit-a-${run}`;
    const elevatorIds = (JSON.parse(readFileSync(join(dataFolder, 'sample', 'elevators.geojson'), 'utf8')) as { features: { properties: { id: string } }[] })
      .features.map((feature) => feature.properties.id);
    let colourCounter = 0;
    /** A PNG no other test sends: a colour of its own. */
    const freshPng = (): Buffer => {
      colourCounter += 1;
      return pngPhoto({ colour: [colourCounter % 256, Math.floor(colourCounter / 256) % 256, 77] });
    };

    const credentialsOf = (name: keyof typeof users): Credentials => {
      const found = credentials[name];
      if (!found) throw new Error(`${name} is not signed in`);
      return found;
    };

    /** Files a report through the API, anonymously or as an account, and returns it with the key it was filed with. */
    async function file(account: Credentials | null = null): Promise<{ report: Report; filingKey: string }> {
      const filingKey = randomUUID();
      const answer = await send(port, '/api/reports', {
        method: 'POST',
        body: {
          districtId: 'sample', facilityId: elevatorIds[0], category: 'elevator', faultCode: 'out_of_service', severity: 3, permanence: 'temporary',
          description: '电梯停用，门口贴着“维修中”的告示。',
        },
        headers: { 'Idempotency-Key': filingKey, ...as(account, true) },
      });
      expect(answer.status, answer.text).toBe(201);
      const id = (answer.json as { report: { id: string } }).report.id;
      const report = await repository.getReport(id);
      if (!report) throw new Error('the filed report is not stored');
      return { report, filingKey };
    }

    /** A report stored as given (not through the API), in any status. */
    async function stored(status: ReportStatus, fields: Partial<Report> = {}): Promise<Report> {
      const report = reportAt(0, { districtId: 'sample', facilityId: elevatorIds[0] ?? null, status, reporterId: users.inspector.id, ...fields });
      return (await repository.createReport(report, { ...filingOf(report), actorRole: 'inspector' }, randomUUID())).report;
    }

    function sendPhoto(reportId: string, bytes: Buffer, request: PhotoRequest = {}): Promise<Answer> {
      const { contentType = 'image/png', key = randomUUID(), filingKey, credentials: account = null } = request;
      return send(port, `/api/reports/${reportId}/photos`, {
        method: 'POST',
        body: bytes,
        headers: {
          ...(contentType === null ? {} : { 'Content-Type': contentType }),
          ...(key === null ? {} : { 'Idempotency-Key': key }),
          ...(filingKey === undefined ? {} : { 'Filing-Idempotency-Key': filingKey }),
          ...as(account, true),
        },
      });
    }

    async function photosStored(reportId: string): Promise<ReportPhoto[]> {
      return (await repository.getReport(reportId))?.photos ?? [];
    }

    beforeAll(async () => {
      repository = await openStorage(await backend.freshDatabase());
      const { catalog } = await loadDistrictCatalog(dataFolder);
      root = mkdtempSync(join(tmpdir(), 'bfmap-photos-root-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>无障碍数字地图</title>');
      server = createApp({ root, api: { repository, catalog, rateLimits: NO_RATE_LIMITS, passwordParameters: CHEAP_PASSWORDS, now: () => new Date(clockMilliseconds) } });
      await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
      port = (server.address() as AddressInfo).port;
      const roles: [keyof typeof users, User['role'], string | null][] = [
        ['inspector', 'inspector', null], ['reviewer', 'reviewer', null], ['unitA', 'responsible_unit', unitA], ['unitB', 'responsible_unit', `unit-b-${run}`],
      ];
      for (const [name, role, unitId] of roles) {
        const password = `${name} correct horse battery ${randomUUID()}`;
        users[name] = await repository.createUser(userNamed(`${name}-${run}`, role, { unitId, passwordHash: await hashPassword(password, CHEAP_PASSWORDS) }));
        passwords.set(users[name].id, password);
        credentials[name] = await signIn(port, users[name].username, password);
      }
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await repository.close();
      await backend.cleanUp();
      rmSync(root, { recursive: true, force: true });
    });

    it('lets the resident who filed a report add a photo with the filing key; the report lists it and anyone with the link gets its bytes back as they were', async () => {
      const { report, filingKey } = await file();
      const bytes = freshPng();
      const added = await sendPhoto(report.id, bytes, { filingKey });
      expect(added.status, added.text).toBe(201);
      const photo = (added.json as { photo: ReportPhoto }).photo;
      expect(photo).toMatchObject({ mediaType: 'image/png', byteLength: bytes.length });
      expect(added.headers.location).toBe(`/api/reports/${report.id}/photos/${photo.id}`);
      expect(await photosStored(report.id)).toEqual([photo]);

      const page = await send(port, `/api/reports/${report.id}`);
      expect((page.json as { report: { photos: ReportPhoto[] } }).report.photos).toEqual([photo]);
      const listed = await send(port, `/api/reports?facility=${encodeURIComponent(report.facilityId ?? '')}&limit=1000`);
      expect((listed.json as { reports: { id: string; photos: ReportPhoto[] }[] }).reports.find((item) => item.id === report.id)?.photos).toEqual([photo]);

      const served = await send(port, added.headers.location ?? '');
      expect(served.status).toBe(200);
      expect(served.bytes.equals(bytes)).toBe(true);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['content-length']).toBe(String(bytes.length));
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['content-disposition']).toMatch(/^inline; filename="[^"]+\.png"$/);
      const cacheControl = served.headers['cache-control'] ?? '';
      expect(cacheControl.split(',').map((directive) => directive.trim())).toContain('private');
      expect(Number(/max-age=(\d+)/.exec(cacheControl)?.[1])).toBeGreaterThan(0);
      const head = await send(port, added.headers.location ?? '', { method: 'HEAD' });
      expect([head.status, head.bytes.length, head.headers['content-length']]).toEqual([200, 0, String(bytes.length)]);
    });

    it('takes JPEG and WebP by their content, and Exif that holds no location', async () => {
      const { report } = await file(credentialsOf('inspector'));
      const photos: [Buffer, string][] = [
        [jpegPhoto({ exif: exifTiff([EXIF_ORIENTATION_TAG]) }), 'image/jpeg'],
        [webpPhoto(), 'image/webp'],
        [pngPhoto({ exif: exifTiff([EXIF_ORIENTATION_TAG]), colour: [1, 2, 3] }), 'image/png'],
      ];
      for (const [bytes, contentType] of photos) {
        const answer = await sendPhoto(report.id, bytes, { contentType, credentials: credentialsOf('inspector') });
        expect(answer.status, `${contentType}: ${answer.text}`).toBe(201);
        const { photo } = answer.json as { photo: ReportPhoto };
        const served = await send(port, `/api/reports/${report.id}/photos/${photo.id}`);
        expect([served.headers['content-type'], served.bytes.equals(bytes)]).toEqual([contentType, true]);
      }
      expect((await photosStored(report.id)).map((photo) => photo.mediaType)).toEqual(photos.map(([, contentType]) => contentType));
    });

    it('answers a retry with the same key with the photo stored first (200), once also when ten arrive at once; the key with other bytes is 422', async () => {
      const { report, filingKey } = await file();
      const bytes = freshPng();
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 10 }, () => sendPhoto(report.id, bytes, { key, filingKey })));
      expect(answers.map((answer) => answer.status).sort(), answers.map((answer) => answer.text).join('\n')).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const photoIds = new Set(answers.map((answer) => (answer.json as { photo: ReportPhoto }).photo.id));
      expect(photoIds.size).toBe(1);
      expect((await photosStored(report.id)).map((photo) => photo.id)).toEqual([...photoIds]);

      const reused = await sendPhoto(report.id, freshPng(), { key, filingKey });
      expect([reused.status, errorCodeOf(reused)]).toEqual([422, 'idempotency_key_reused']);
      expect(await photosStored(report.id)).toHaveLength(1);
    });

    it('stores a photo once when two sends with one key both find it missing before either stores it', async () => {
      const { report, filingKey } = await file();
      // Both requests look for the photo before either stores it, so the storage's primary key decides.
      let waiting: (() => void)[] = [];
      const lookups = { count: 0 };
      const bothLookFirst = new Proxy(repository, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (property !== 'getPhotoBytes' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return async (reportId: string, photoId: string) => {
            const found = await target.getPhotoBytes(reportId, photoId);
            lookups.count += 1;
            if (reportId === report.id && lookups.count <= 2) {
              await new Promise<void>((resolvePromise) => {
                waiting.push(resolvePromise);
                if (waiting.length === 2) {
                  waiting.forEach((release) => release());
                  waiting = [];
                }
              });
            }
            return found;
          };
        },
      });
      const { catalog } = await loadDistrictCatalog(dataFolder);
      const racingServer = createApp({ root, api: { repository: bothLookFirst, catalog, rateLimits: NO_RATE_LIMITS, now: () => new Date(clockMilliseconds) } });
      await new Promise<void>((resolvePromise) => racingServer.listen(0, '127.0.0.1', resolvePromise));
      try {
        const racingPort = (racingServer.address() as AddressInfo).port;
        const bytes = freshPng();
        const key = randomUUID();
        const sendOnce = (): Promise<Answer> => send(racingPort, `/api/reports/${report.id}/photos`, {
          method: 'POST', body: bytes, headers: { 'Content-Type': 'image/png', 'Idempotency-Key': key, 'Filing-Idempotency-Key': filingKey },
        });
        const answers = await Promise.all([sendOnce(), sendOnce()]);
        expect(answers.map((answer) => answer.status).sort(), answers.map((answer) => answer.text).join('\n')).toEqual([200, 201]);
        expect(lookups.count).toBeGreaterThan(2);
        expect((await photosStored(report.id)).map((photo) => photo.id)).toEqual([(answers[0]?.json as { photo: ReportPhoto }).photo.id]);
      } finally {
        racingServer.closeAllConnections();
        await new Promise<void>((resolvePromise) => racingServer.close(() => resolvePromise()));
      }
    });

    it('refuses photos that are not what they say, that carry a location, or come without proof or key, with a zh/en message, storing nothing', async () => {
      const { report, filingKey } = await file();
      const other = await file();
      const inspector = credentialsOf('inspector');
      const png = freshPng();
      const cases: { name: string; answer: () => Promise<Answer>; status: number; code: string }[] = [
        { name: 'a JSON body', answer: () => sendPhoto(report.id, Buffer.from('{}'), { filingKey, contentType: 'application/json' }), status: 415, code: 'unsupported_media_type' },
        { name: 'no Content-Type', answer: () => sendPhoto(report.id, png, { filingKey, contentType: null }), status: 415, code: 'unsupported_media_type' },
        { name: 'a GIF declared as a GIF', answer: () => sendPhoto(report.id, gifStart(), { filingKey, contentType: 'image/gif' }), status: 415, code: 'unsupported_media_type' },
        { name: 'a GIF declared as a PNG', answer: () => sendPhoto(report.id, gifStart(), { filingKey }), status: 415, code: 'unsupported_type' },
        { name: 'a PNG declared as a JPEG', answer: () => sendPhoto(report.id, png, { filingKey, contentType: 'image/jpeg' }), status: 422, code: 'type_mismatch' },
        { name: 'a PNG cut short', answer: () => sendPhoto(report.id, png.subarray(0, png.length - 20), { filingKey }), status: 422, code: 'damaged' },
        { name: 'no bytes', answer: () => sendPhoto(report.id, Buffer.alloc(0), { filingKey }), status: 422, code: 'empty' },
        { name: 'a JPEG with GPS in its Exif', answer: () => sendPhoto(report.id, jpegPhoto({ exif: exifTiff([EXIF_ORIENTATION_TAG, EXIF_GPS_INFO_TAG]) }), { filingKey, contentType: 'image/jpeg' }), status: 422, code: 'location_metadata' },
        { name: 'a PNG with GPS in its eXIf', answer: () => sendPhoto(report.id, pngPhoto({ exif: exifTiff([EXIF_GPS_INFO_TAG]) }), { filingKey }), status: 422, code: 'location_metadata' },
        { name: 'no Idempotency-Key', answer: () => sendPhoto(report.id, png, { filingKey, key: null }), status: 400, code: 'idempotency_key_required' },
        { name: 'no filing key', answer: () => sendPhoto(report.id, png), status: 401, code: 'sign_in_required' },
        { name: 'a made-up filing key', answer: () => sendPhoto(report.id, png, { filingKey: randomUUID() }), status: 401, code: 'sign_in_required' },
        { name: "another report's filing key", answer: () => sendPhoto(report.id, png, { filingKey: other.filingKey }), status: 401, code: 'sign_in_required' },
        { name: 'an unknown report', answer: () => sendPhoto(randomUUID(), png, { credentials: inspector }), status: 404, code: 'report_not_found' },
      ];
      for (const testCase of cases) {
        const answer = await testCase.answer();
        expect([answer.status, errorCodeOf(answer)], `${testCase.name}: ${answer.text}`).toEqual([testCase.status, testCase.code]);
        expect(answer.headers['content-type'], testCase.name).toBe('application/json');
        const message = (answer.json as { error: { message: { zh: string; en: string } } }).error.message;
        expect(message.zh.length > 0 && message.en.length > 0, testCase.name).toBe(true);
        expect(await photosStored(report.id), testCase.name).toEqual([]);
      }
      expect((await sendPhoto(report.id, gifStart(), { filingKey, contentType: 'image/gif' })).headers['accept-post']).toBe('image/jpeg, image/png, image/webp');
      // The same photo, sent rightly, is taken: the refusals were about the requests, not the report.
      expect((await sendPhoto(report.id, png, { filingKey })).status).toBe(201);
    });

    it(`takes a photo of exactly ${MAX_PHOTO_BYTES} bytes and refuses one byte more with 413`, async () => {
      const { report, filingKey } = await file();
      const largest = pngPhoto({ totalBytes: MAX_PHOTO_BYTES });
      const tooLarge = pngPhoto({ totalBytes: MAX_PHOTO_BYTES + 1 });
      const refused = await sendPhoto(report.id, tooLarge, { filingKey });
      expect([refused.status, errorCodeOf(refused)]).toEqual([413, 'photo_too_large']);
      expect(await photosStored(report.id)).toEqual([]);
      const taken = await sendPhoto(report.id, largest, { filingKey });
      expect(taken.status, taken.text).toBe(201);
      const served = await send(port, taken.headers.location ?? '');
      expect(served.bytes.equals(largest)).toBe(true);
    });

    it('stops reading a photo sent without Content-Length as soon as it passes the limit, and answers 413 before the body ends', async () => {
      const { report, filingKey } = await file();
      const answer = await new Promise<{ status: number; code: string | undefined; bytesWritten: number }>((resolvePromise, reject) => {
        let bytesWritten = 0;
        const outgoing = httpRequest({
          host: '127.0.0.1', port, path: `/api/reports/${report.id}/photos`, method: 'POST',
          headers: { 'Content-Type': 'image/png', 'Idempotency-Key': randomUUID(), 'Filing-Idempotency-Key': filingKey, 'Transfer-Encoding': 'chunked' },
        }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string } };
            resolvePromise({ status: incoming.statusCode ?? 0, code: json.error.code, bytesWritten });
            outgoing.destroy();
          });
        });
        // Writing into a connection the server has closed fails; the answer has come by then.
        outgoing.on('error', (error) => (bytesWritten > MAX_PHOTO_BYTES ? undefined : reject(error)));
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        // A little more than the limit, and the request never ends: only a server that stops at the limit answers.
        while (bytesWritten <= MAX_PHOTO_BYTES) {
          outgoing.write(chunk);
          bytesWritten += chunk.length;
        }
      });
      expect([answer.status, answer.code]).toEqual([413, 'photo_too_large']);
      expect(await photosStored(report.id)).toEqual([]);
    }, 10_000);

    it(`refuses a photo declared larger than ${MAX_PHOTO_BYTES} bytes before any of it arrives`, async () => {
      const { report, filingKey } = await file();
      const answer = await new Promise<{ status: number; code: string }>((resolvePromise, reject) => {
        const outgoing = httpRequest({
          host: '127.0.0.1', port, path: `/api/reports/${report.id}/photos`, method: 'POST',
          headers: { 'Content-Type': 'image/jpeg', 'Idempotency-Key': randomUUID(), 'Filing-Idempotency-Key': filingKey, 'Content-Length': String(MAX_PHOTO_BYTES + 1) },
        }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            resolvePromise({ status: incoming.statusCode ?? 0, code: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string } }).error.code });
            outgoing.destroy();
          });
        });
        outgoing.on('error', reject);
        outgoing.flushHeaders();
      });
      expect(answer).toEqual({ status: 413, code: 'photo_too_large' });
    }, 5000);

    it(`keeps at most ${MAX_PHOTOS_PER_REPORT} photos per report, also when more arrive at once`, async () => {
      const { report } = await file(credentialsOf('inspector'));
      const attempts = MAX_PHOTOS_PER_REPORT + 2;
      const sent = Array.from({ length: attempts }, () => ({ bytes: freshPng(), key: randomUUID() }));
      const answers = await Promise.all(sent.map(({ bytes, key }) => sendPhoto(report.id, bytes, { key, credentials: credentialsOf('reviewer') })));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([...Array.from({ length: MAX_PHOTOS_PER_REPORT }, () => 201), ...Array.from({ length: attempts - MAX_PHOTOS_PER_REPORT }, () => 409)]);
      expect(answers.filter((answer) => answer.status === 409).map(errorCodeOf)).toEqual(Array.from({ length: attempts - MAX_PHOTOS_PER_REPORT }, () => 'photo_limit_reached'));
      const created = answers.filter((answer) => answer.status === 201).map((answer) => (answer.json as { photo: ReportPhoto }).photo.id).sort();
      expect((await photosStored(report.id)).map((photo) => photo.id).sort()).toEqual(created);
      const another = await sendPhoto(report.id, freshPng(), { credentials: credentialsOf('inspector') });
      expect([another.status, errorCodeOf(another)]).toEqual([409, 'photo_limit_reached']);
      // A retry of a photo that was stored is still answered with it, although the report is full now.
      const storedIndex = answers.findIndex((answer) => answer.status === 201);
      const retry = await sendPhoto(report.id, sent[storedIndex]?.bytes ?? Buffer.alloc(0), { key: sent[storedIndex]?.key ?? null, credentials: credentialsOf('reviewer') });
      expect([retry.status, (retry.json as { photo: ReportPhoto }).photo]).toEqual([200, (answers[storedIndex]?.json as { photo: ReportPhoto }).photo]);
    });

    it('takes photos without an account only for 24 hours after filing and before review; accounts that act on the report still may, and nobody once it has ended', async () => {
      const start = clockMilliseconds;
      try {
        const late = await file();
        clockMilliseconds = Date.parse(late.report.createdAt) + 24 * HOUR - 1;
        const lastMinute = { bytes: freshPng(), key: randomUUID() };
        expect((await sendPhoto(late.report.id, lastMinute.bytes, { key: lastMinute.key, filingKey: late.filingKey })).status).toBe(201);
        clockMilliseconds = Date.parse(late.report.createdAt) + 24 * HOUR;
        const tooLate = await sendPhoto(late.report.id, freshPng(), { filingKey: late.filingKey });
        expect([tooLate.status, errorCodeOf(tooLate)]).toEqual([403, 'photo_window_closed']);
        expect(await photosStored(late.report.id)).toHaveLength(1);
        // The answer to the last-minute photo may have been lost: its retry is answered after the window too.
        expect((await sendPhoto(late.report.id, lastMinute.bytes, { key: lastMinute.key, filingKey: late.filingKey })).status).toBe(200);
        // Sessions last 12 hours, so the inspector signs in again a day later.
        const inspectorNow = await signIn(port, users.inspector.username, passwords.get(users.inspector.id) ?? '');
        expect((await sendPhoto(late.report.id, freshPng(), { credentials: inspectorNow })).status).toBe(201);
      } finally {
        clockMilliseconds = start;
      }

      const reviewed = await file();
      const verified = moved(reviewed.report, 'verified', users.reviewer, '');
      await repository.updateReport(verified.report, reviewed.report.version, verified.event);
      const afterReview = await sendPhoto(reviewed.report.id, freshPng(), { filingKey: reviewed.filingKey });
      expect([afterReview.status, errorCodeOf(afterReview)]).toEqual([403, 'photo_window_closed']);
      expect(await photosStored(reviewed.report.id)).toEqual([]);

      const assigned = await stored('assigned', { assignedUnitId: unitA });
      const otherUnit = await sendPhoto(assigned.id, freshPng(), { credentials: credentialsOf('unitB') });
      expect([otherUnit.status, errorCodeOf(otherUnit)]).toEqual([403, 'not_allowed']);
      expect((await sendPhoto(assigned.id, freshPng(), { credentials: credentialsOf('unitA') })).status).toBe(201);

      for (const finalStatus of ['closed', 'rejected'] as const) {
        const ended = await stored(finalStatus);
        const refused = await sendPhoto(ended.id, freshPng(), { credentials: credentialsOf('reviewer') });
        expect([refused.status, errorCodeOf(refused)], finalStatus).toEqual([409, 'report_closed']);
        expect(await photosStored(ended.id)).toEqual([]);
      }
    });

    it("serves a photo only under its own report, and answers 404 JSON for a photo id the report does not have", async () => {
      const { report, filingKey } = await file();
      const other = await file();
      const added = (await sendPhoto(report.id, freshPng(), { filingKey })).json as { photo: ReportPhoto };
      const elsewhere = await send(port, `/api/reports/${other.report.id}/photos/${added.photo.id}`);
      expect([elsewhere.status, errorCodeOf(elsewhere), elsewhere.headers['cache-control']]).toEqual([404, 'photo_not_found', 'no-store']);
      const unknownReport = await send(port, `/api/reports/${randomUUID()}/photos/${added.photo.id}`);
      expect([unknownReport.status, errorCodeOf(unknownReport)]).toEqual([404, 'report_not_found']);
    });
  });
}
