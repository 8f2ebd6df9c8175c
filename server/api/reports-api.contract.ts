// The one behaviour suite of the reports API, over real HTTP on an ephemeral port with real
// storage: reports-api.sqlite.test.ts and reports-api.postgres.test.ts register it on their
// backends. Expectations come from the sample district's files (read here with JSON.parse, not the
// project's parsers) and from the storage itself, never from the API under test.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Report } from '../../src/domain/reports/model.ts';
import { createApp } from '../app.ts';
import { filingOf, moved, reportAt, userNamed } from '../db/report-fixtures.ts';
import type { Repository } from '../db/repository.ts';
import { openStorage, type StorageOptions } from '../db/storage.ts';
import { loadDistrictCatalog, type DistrictCatalog } from './district-catalog.ts';
import { apiRoutes } from './index.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body.ts';
import { NO_RATE_LIMITS } from './rate-limits.ts';
import { API_METHODS } from './router.ts';

export interface ApiBackend {
  name: string;
  freshDatabase(): Promise<StorageOptions>;
  cleanUp(): Promise<void>;
}

const dataFolder = resolve(import.meta.dirname, '..', '..', 'data');

interface SampleFacility {
  id: string;
  coordinates: [number, number];
}

/** The features of a sample layer as the file has them. */
function sampleFacilities(file: string): SampleFacility[] {
  const collection = JSON.parse(readFileSync(join(dataFolder, 'sample', file), 'utf8')) as {
    features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
  };
  return collection.features.map((feature) => ({ id: feature.properties.id, coordinates: feature.geometry.coordinates }));
}

const sampleBbox = (JSON.parse(readFileSync(join(dataFolder, 'sample', 'district.json'), 'utf8')) as { bbox: [number, number, number, number] }).bbox;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

function errorCodeOf(answer: Answer): string | undefined {
  return (answer.json as { error?: { code?: string } }).error?.code;
}

function fieldErrorsOf(answer: Answer): { field: string; code: string; message: { zh: string; en: string } }[] {
  return (answer.json as { errors?: { field: string; code: string; message: { zh: string; en: string } }[] }).errors ?? [];
}

/** Every key of every object inside `value`, at any depth. */
function allKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(visit);
    else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

export function describeReportsApi(backend: ApiBackend): void {
  describe(`the reports API on ${backend.name}`, () => {
    let repository: Repository;
    let catalog: DistrictCatalog;
    let server: Server;
    let port: number;
    let root: string;
    const elevators = sampleFacilities('elevators.geojson');
    const toilets = sampleFacilities('toilets.geojson');

    function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] } = {}): Promise<Answer> {
      return new Promise((resolvePromise, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              json = null;
            }
            resolvePromise({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json });
          });
          incoming.on('error', reject);
        });
        outgoing.on('error', reject);
        if (options.chunks) {
          for (const chunk of options.chunks) outgoing.write(chunk);
          outgoing.end();
        } else {
          outgoing.end(options.body);
        }
      });
    }

    function post(body: unknown, key: string | null = randomUUID(), headers: Record<string, string> = {}): Promise<Answer> {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return send('/api/reports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers },
        body: text,
      });
    }

    function elevatorReport(fields: Record<string, unknown> = {}): Record<string, unknown> {
      return {
        districtId: 'sample',
        facilityId: elevators[0]?.id,
        category: 'elevator',
        faultCode: 'out_of_service',
        severity: 3,
        permanence: 'temporary',
        description: '电梯停用，门口贴着“维修中”的告示。',
        ...fields,
      };
    }

    async function storedReports(): Promise<Report[]> {
      const reports: Report[] = [];
      let cursor: string | null = null;
      do {
        const page = await repository.listReports({ cursor, limit: 1000 });
        reports.push(...page.reports);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return reports;
    }

    /** Every public view GET /api/reports gives for `query`, following nextCursor. */
    async function listedIds(query: string): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const separator = query === '' ? '' : '&';
        const answer = await send(`/api/reports?${query}${cursor === null ? '' : `${separator}cursor=${encodeURIComponent(cursor)}`}`);
        expect(answer.status, answer.text).toBe(200);
        const page = answer.json as { reports: { id: string }[]; nextCursor: string | null };
        ids.push(...page.reports.map((report) => report.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return ids;
    }

    beforeAll(async () => {
      repository = await openStorage(await backend.freshDatabase());
      catalog = (await loadDistrictCatalog(dataFolder)).catalog;
      root = mkdtempSync(join(tmpdir(), 'bfmap-api-root-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>无障碍数字地图</title>');
      // This suite files many reports from one address; auth-api.contract.ts tests the limits.
      server = createApp({ root, api: { repository, catalog, rateLimits: NO_RATE_LIMITS } });
      await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
      port = (server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await repository.close();
      await backend.cleanUp();
      rmSync(root, { recursive: true, force: true });
    });

    it('files a report (201, Location) and answers a retry with the same key with the same report (200), storing one', async () => {
      const before = (await storedReports()).length;
      const key = randomUUID();
      const first = await post(elevatorReport(), key);
      expect(first.status, first.text).toBe(201);
      const filed = (first.json as { report: Report }).report;
      expect(first.headers.location).toBe(`/api/reports/${filed.id}`);
      expect(filed).toMatchObject({ districtId: 'sample', facilityId: elevators[0]?.id, status: 'submitted', version: 1 });
      // No location was sent: the facility's own point is used.
      expect(filed.location).toEqual(elevators[0]?.coordinates);

      const retry = await post(elevatorReport(), key);
      expect(retry.status, retry.text).toBe(200);
      expect((retry.json as { report: Report }).report).toEqual(filed);
      expect((await storedReports()).length).toBe(before + 1);
    });

    it('files one report when ten retries with one key arrive at once', async () => {
      const before = (await storedReports()).length;
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(elevatorReport({ severity: 2 }), key)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = new Set(answers.map((answer) => (answer.json as { report: Report }).report.id));
      expect(ids.size).toBe(1);
      expect((await storedReports()).length).toBe(before + 1);
    });

    it('follows a report by its link: the public view with its history, and 404 for an id nobody was given', async () => {
      const filed = await post(elevatorReport({ faultCode: 'locked_or_staff_only' }));
      const id = (filed.json as { report: Report }).report.id;
      const followed = await send(`/api/reports/${id}`);
      expect(followed.status, followed.text).toBe(200);
      const view = followed.json as { report: Report; events: { sequence: number; fromStatus: string | null; toStatus: string; actorRole: string }[] };
      expect(view.report.id).toBe(id);
      expect(view.events).toEqual([expect.objectContaining({ sequence: 1, fromStatus: null, toStatus: 'submitted', actorRole: 'resident' })]);

      const unknown = await send(`/api/reports/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(errorCodeOf(unknown)).toBe('report_not_found');
    });

    it('hides who filed a report, who acted on it and who fixed it, in the list and on its page', async () => {
      const inspector = await repository.createUser(userNamed(`inspector-${randomUUID().slice(0, 8)}`, 'inspector'));
      const reviewer = await repository.createUser(userNamed(`reviewer-${randomUUID().slice(0, 8)}`, 'reviewer'));
      const facilityId = toilets[0]?.id ?? '';
      const report = reportAt(0, {
        districtId: 'sample', facilityId, category: 'toilet', faultCode: 'locked_or_closed', reporterId: inspector.id, fixedById: inspector.id,
      });
      await repository.createReport(report, filingOf(report), randomUUID());
      const verified = moved(report, 'verified', reviewer, '现场确认');
      await repository.updateReport(verified.report, 1, verified.event);

      const page = await send(`/api/reports/${report.id}`);
      expect(page.status).toBe(200);
      const events = (page.json as { events: unknown[] }).events;
      expect(events.length).toBe((await repository.listEvents(report.id)).length);
      const listed = await send(`/api/reports?facility=${encodeURIComponent(facilityId)}`);
      for (const answer of [page, listed]) {
        const keys = allKeys(answer.json);
        for (const hidden of ['reporterId', 'fixedById', 'actorId']) expect(keys.has(hidden), `${hidden} in ${answer.text}`).toBe(false);
        expect(answer.text).not.toContain(inspector.id);
        expect(answer.text).not.toContain(reviewer.id);
      }
      expect((page.json as { report: { status: string } }).report.status).toBe('verified');
    });

    it('lists by district, facility and status, in pages that neither repeat nor skip', async () => {
      const reviewer = await repository.createUser(userNamed(`reviewer-${randomUUID().slice(0, 8)}`, 'reviewer'));
      const filedIds: string[] = [];
      for (const [index, toilet] of toilets.slice(0, 3).entries()) {
        const answer = await post({ ...elevatorReport(), facilityId: toilet.id, category: 'toilet', faultCode: index === 0 ? 'dirty' : 'heavy_door', severity: 1 });
        expect(answer.status, answer.text).toBe(201);
        filedIds.push((answer.json as { report: Report }).report.id);
      }
      const toVerify = await repository.getReport(filedIds[0] ?? '');
      if (!toVerify) throw new Error('the filed report is not stored');
      const verified = moved(toVerify, 'verified', reviewer, '');
      await repository.updateReport(verified.report, toVerify.version, verified.event);

      const all = await storedReports();
      const idsWhere = (keep: (report: Report) => boolean): string[] => all.filter(keep).map((report) => report.id).sort();
      const secondToilet = toilets[1]?.id ?? '';
      expect((await listedIds('')).sort()).toEqual(idsWhere(() => true));
      expect((await listedIds('district=sample')).sort()).toEqual(idsWhere((report) => report.districtId === 'sample'));
      expect((await listedIds(`facility=${encodeURIComponent(secondToilet)}`)).sort()).toEqual(idsWhere((report) => report.facilityId === secondToilet));
      expect((await listedIds('status=verified')).sort()).toEqual(idsWhere((report) => report.status === 'verified'));
      expect((await listedIds('status=submitted,verified&district=sample')).sort())
        .toEqual(idsWhere((report) => ['submitted', 'verified'].includes(report.status) && report.districtId === 'sample'));
      expect(await listedIds('status=verified')).toContain(filedIds[0]);

      const paged = await listedIds('limit=2');
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged.sort()).toEqual(idsWhere(() => true));
    });

    it('refuses bad list queries with 400 naming the parameter', async () => {
      const cases: [string, string][] = [
        ['colour=red', 'unknown_parameter'],
        ['status=broken', 'unknown_status'],
        ['status=submitted&status=verified', 'repeated_parameter'],
        ['district=atlantis', 'unknown_district'],
        ['limit=0', 'invalid_limit'],
        ['limit=1001', 'invalid_limit'],
        ['limit=ten', 'invalid_limit'],
        ['cursor=not-a-cursor', 'invalid_cursor'],
      ];
      for (const [query, code] of cases) {
        const answer = await send(`/api/reports?${query}`);
        expect(answer.status, query).toBe(400);
        expect(errorCodeOf(answer), query).toBe(code);
      }
    });

    it('answers every bad request with a 4xx in the documented shape, and stores nothing', async () => {
      const before = await storedReports();
      const reusedKey = randomUUID();
      expect((await post(elevatorReport(), reusedKey)).status).toBe(201);
      const afterSetup = await storedReports();
      expect(afterSetup.length).toBe(before.length + 1);

      const malformed = '{\n  "districtId": "sample",,\n  "severity": 3\n}';
      const mistakeOffset = malformed.indexOf(',,') + 1;
      const valid = JSON.stringify(elevatorReport());
      const oversized = JSON.stringify(elevatorReport({ description: '坡'.repeat(DEFAULT_BODY_LIMIT_BYTES) }));
      const cases: { name: string; answer: () => Promise<Answer>; status: number; code?: string; field?: string }[] = [
        { name: 'wrong content type', answer: () => post(valid, randomUUID(), { 'Content-Type': 'text/plain' }), status: 415, code: 'unsupported_media_type' },
        { name: 'form-encoded', answer: () => post('a=1', randomUUID(), { 'Content-Type': 'application/x-www-form-urlencoded' }), status: 415, code: 'unsupported_media_type' },
        { name: 'no Idempotency-Key', answer: () => post(valid, null), status: 400, code: 'idempotency_key_required' },
        { name: 'short Idempotency-Key', answer: () => post(valid, 'abc'), status: 400, code: 'idempotency_key_invalid' },
        { name: 'body over the limit', answer: () => post(oversized), status: 413, code: 'body_too_large' },
        {
          name: 'body over the limit, chunked',
          answer: () => send('/api/reports', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
            chunks: [Buffer.from(oversized.slice(0, 40_000)), Buffer.from(oversized.slice(40_000))],
          }),
          status: 413,
          code: 'body_too_large',
        },
        { name: 'malformed JSON', answer: () => post(malformed), status: 400, code: 'malformed_json' },
        { name: 'empty body', answer: () => post(''), status: 400, code: 'malformed_json' },
        { name: 'not UTF-8', answer: () => send('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: Buffer.from([0x7b, 0xff, 0x7d]) }), status: 400, code: 'invalid_utf8' },
        { name: 'unknown field', answer: () => post(elevatorReport({ colour: 'red' })), status: 400, field: '/colour' },
        { name: 'invalid severity', answer: () => post(elevatorReport({ severity: 5 })), status: 400, field: '/severity' },
        { name: 'unknown facility', answer: () => post(elevatorReport({ facilityId: 'sample:elevator:none' })), status: 400, field: '/facilityId' },
        { name: 'point outside the district', answer: () => post(elevatorReport({ facilityId: null, category: 'path', faultCode: 'obstacle', location: [sampleBbox[2] + 0.01, sampleBbox[3]] })), status: 400, field: '/location' },
        { name: 'a JSON array', answer: () => post([elevatorReport()]), status: 400, field: '' },
        { name: 'photos', answer: () => post(elevatorReport({ photos: [{ mediaType: 'image/jpeg', byteLength: 1000 }] })), status: 400, field: '/photos' },
        { name: 'key in the body differs from the header', answer: () => post(elevatorReport({ idempotencyKey: randomUUID() })), status: 400, field: '/idempotencyKey' },
        { name: 'key reused for other content', answer: () => post(elevatorReport({ severity: 1 }), reusedKey), status: 422, code: 'idempotency_key_reused' },
        { name: 'DELETE on the list', answer: () => send('/api/reports', { method: 'DELETE' }), status: 405, code: 'method_not_allowed' },
        { name: 'PUT on a report', answer: () => send(`/api/reports/${afterSetup[0]?.id ?? ''}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: valid }), status: 405, code: 'method_not_allowed' },
        { name: 'unknown API path', answer: () => send('/api/facilities'), status: 404, code: 'not_found' },
        { name: 'API root', answer: () => send('/api'), status: 404, code: 'not_found' },
      ];
      for (const testCase of cases) {
        const answer = await testCase.answer();
        expect(answer.status, `${testCase.name}: ${answer.text}`).toBe(testCase.status);
        expect(answer.headers['content-type'], testCase.name).toBe('application/json');
        expect(answer.headers['cache-control'], testCase.name).toBe('no-store');
        expect(answer.headers['x-content-type-options'], testCase.name).toBe('nosniff');
        if (testCase.code !== undefined) {
          expect(errorCodeOf(answer), testCase.name).toBe(testCase.code);
          const message = (answer.json as { error: { message: { zh: string; en: string } } }).error.message;
          expect(message.zh.length > 0 && message.en.length > 0, testCase.name).toBe(true);
        } else {
          const errors = fieldErrorsOf(answer);
          expect(errors.map((error) => error.field), testCase.name).toContain(testCase.field);
          for (const error of errors) expect(error.message.zh.length > 0 && error.message.en.length > 0).toBe(true);
        }
        expect(await storedReports(), `${testCase.name} changed the stored reports`).toEqual(afterSetup);
      }

      const malformedAnswer = await post(malformed);
      const lines = malformed.slice(0, mistakeOffset).split('\n');
      expect((malformedAnswer.json as { error: { position: unknown } }).error.position)
        .toEqual({ line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset: mistakeOffset });
      expect((await send('/api/reports', { method: 'DELETE' })).headers.allow).toBe('GET, HEAD, POST');
      expect((await send(`/api/reports/${randomUUID()}`, { method: 'POST' })).headers.allow).toBe('GET, HEAD');
    });

    it('refuses a body declared too large before any of it arrives', async () => {
      const answer = await new Promise<{ status: number; code: string | undefined }>((resolvePromise, reject) => {
        const outgoing = httpRequest({
          host: '127.0.0.1', port, path: '/api/reports', method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Content-Length': String(DEFAULT_BODY_LIMIT_BYTES + 1) },
        }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            resolvePromise({ status: incoming.statusCode ?? 0, code: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string } }).error.code });
            outgoing.destroy();
          });
        });
        outgoing.on('error', reject);
        // Headers only: the body never comes, so only a check of Content-Length can answer.
        outgoing.flushHeaders();
      });
      expect(answer).toEqual({ status: 413, code: 'body_too_large' });
    }, 3000);

    it('describes exactly the routes it serves in its OpenAPI document', async () => {
      const answer = await send('/api/openapi.json');
      expect(answer.status).toBe(200);
      const document = answer.json as typeof OPENAPI_DOCUMENT;
      expect(document).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
      expect(document.openapi).toBe('3.1.0');
      const documented = Object.entries(document.paths)
        .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)).sort();
      const served = apiRoutes({ repository, catalog })
        .flatMap((route) => API_METHODS.filter((method) => route.methods[method]).map((method) => `${method} ${route.path}`)).sort();
      expect(documented).toEqual(served);
      // Every documented operation answers on the live server: no 404 for an unknown path, no 405.
      for (const operation of documented) {
        const [method = '', path = ''] = operation.split(' ');
        const livePath = path.replace('{reportId}', randomUUID()).replace('{photoId}', randomUUID()).replace('{districtId}', 'sample');
        const live = await send(livePath, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
        expect(live.status, operation).not.toBe(405);
        if (live.status === 404) expect(errorCodeOf(live), operation).toBe('report_not_found');
      }
    });

    it('returns report and event objects with exactly the fields the OpenAPI schemas require', async () => {
      const filed = await post(elevatorReport());
      const id = (filed.json as { report: Report }).report.id;
      const view = (await send(`/api/reports/${id}`)).json as { report: object; events: object[] };
      const schemas = OPENAPI_DOCUMENT.components.schemas;
      expect(Object.keys(view.report).sort()).toEqual([...(schemas.PublicReport?.required ?? [])].sort());
      expect(Object.keys(view.events[0] ?? {}).sort()).toEqual([...(schemas.PublicReportEvent?.required ?? [])].sort());
    });

    it('still serves the app itself, with HEAD on API reads', async () => {
      const page = await send('/');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const head = await send('/api/reports?limit=1', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
    });
  });
}
