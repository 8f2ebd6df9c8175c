// Accounts, sessions, CSRF, rate limits and the rectification loop over real HTTP with real storage:
// auth-api.sqlite.test.ts and auth-api.postgres.test.ts register it on their backends. Who may
// do what is never typed in here as numbers: every expected status of the role table comes from
// the reports core (`may`, applyTransition) and the endpoint's rule written once below.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ANONYMOUS_RESIDENT, applyTransition, may, type Action, type Actor, type Report, type ReportStatus, type User,
} from '../../src/domain/reports/index.ts';
import { createApp } from '../app.ts';
import { filingOf, reportAt, userNamed } from '../db/report-fixtures.ts';
import type { Repository } from '../db/repository.ts';
import { openStorage } from '../db/storage.ts';
import { decodeRequestPath } from '../static-server.ts';
import { loadDistrictCatalog, type DistrictCatalog } from './district-catalog.ts';
import { createApiHandler, type ApiOptions } from './index.ts';
import { hashPassword, type ScryptParameters } from './passwords.ts';
import { pngPhoto } from './photo-fixtures.ts';
import { send as sendBytes } from './test-client.ts';
import { NO_RATE_LIMITS, type RateLimits } from './rate-limits.ts';
import type { ApiBackend } from './reports-api.contract.ts';

const dataFolder = resolve(import.meta.dirname, '..', '..', 'data');
/** The cheapest scrypt cost the hash format takes: these tests sign in hundreds of times. */
const CHEAP_PASSWORDS: ScryptParameters = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };
const MINUTE = 60_000;
/** The main server's clock: Thursday 10 December 2026, 10:03:17 in Shanghai (not on a window boundary). */
const START_MILLISECONDS = Date.UTC(2026, 11, 10, 2, 3, 17);
const SHANGHAI_OFFSET_MILLISECONDS = 8 * 60 * MINUTE;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function collect(resolvePromise: (answer: Answer) => void, reject: (error: Error) => void) {
  return (incoming: import('node:http').IncomingMessage): void => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', reject);
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
  };
}

function send(port: number, path: string, options: RequestOptions = {}): Promise<Answer> {
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers = { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers };
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, collect(resolvePromise, reject));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const errorCodeOf = (answer: Answer): string | undefined => (answer.json as { error?: { code?: string } } | null)?.error?.code;

function setCookieOf(answer: Answer): string {
  const header = answer.headers['set-cookie'];
  expect(header, `no Set-Cookie in ${answer.status} ${answer.text}`).toBeDefined();
  return (header ?? []).join('\n');
}

/** The cookie's attributes as a map of lower-cased names (RFC 6265 §5.2), with the name=value pair under "". */
function cookieAttributes(setCookie: string): Map<string, string> {
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  const map = new Map<string, string>([['', pair]]);
  for (const attribute of attributes) {
    const [name = '', value = ''] = attribute.split('=');
    map.set(name.toLowerCase(), value);
  }
  return map;
}

/** The calendar date in Shanghai (UTC+8 all year since 1991) of an instant, computed here without the reports core. */
function shanghaiDate(milliseconds: number): string {
  return new Date(milliseconds + SHANGHAI_OFFSET_MILLISECONDS).toISOString().slice(0, 10);
}

/** Someone calling the API: anonymous, an account signed in, or an account signed in and then disabled. */
interface TestCaller {
  name: string;
  user: User | null;
  password: string | null;
  cookie: string | null;
  csrfToken: string | null;
  disabled: boolean;
}

/** The actor the server should see: the account while it works, otherwise the anonymous resident. */
function actorFor(caller: TestCaller): Actor {
  if (caller.user === null || caller.disabled) return ANONYMOUS_RESIDENT;
  return { id: caller.user.id, role: caller.user.role, unitId: caller.user.role === 'responsible_unit' ? caller.user.unitId : null };
}

const signedIn = (caller: TestCaller): boolean => caller.user !== null && !caller.disabled;

/**
 * The endpoint rule in one place: a caller the core's table refuses gets 401 when not signed in
 * (sign in first) and 403 when signed in (not allowed); for a given report, a role allowed in
 * general but not for this report gets 403. Null when the table allows it.
 */
function refusedStatus(caller: TestCaller, action: Action, report?: Report): number | null {
  const actor = actorFor(caller);
  if (!may(actor, action)) return signedIn(caller) ? 403 : 401;
  if (report !== undefined && !may(actor, action, report)) return 403;
  return null;
}

/** Headers that make a request as `caller`: the cookie and, for changes, the CSRF token. */
function headersOf(caller: TestCaller, changing: boolean): Record<string, string> {
  return {
    ...(caller.cookie === null ? {} : { Cookie: caller.cookie }),
    ...(changing && caller.csrfToken !== null ? { 'X-CSRF-Token': caller.csrfToken } : {}),
  };
}

export function describeAuthApi(backend: ApiBackend): void {
  describe(`accounts, sessions and the loop over HTTP on ${backend.name}`, () => {
    let repository: Repository;
    let catalog: DistrictCatalog;
    let root: string;
    const servers: Server[] = [];
    let port: number;
    let clockMilliseconds = START_MILLISECONDS;
    const elevators = (JSON.parse(readFileSync(join(dataFolder, 'sample', 'elevators.geojson'), 'utf8')) as {
      features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
    }).features.map((feature) => ({ id: feature.properties.id, coordinates: feature.geometry.coordinates }));
    const elevator = elevators[0] ?? { id: '', coordinates: [0, 0] as [number, number] };
    const run = randomUUID().slice(0, 8);
    const unitA = `unit-metro-${run}`;
    const unitB = `unit-parks-${run}`;
    const passwords = new Map<string, string>();
    const accounts: Record<string, User> = {};

    async function startServer(options: Partial<ApiOptions>): Promise<number> {
      const server = createApp({
        root,
        api: { repository, catalog, passwordParameters: CHEAP_PASSWORDS, rateLimits: NO_RATE_LIMITS, now: () => new Date(clockMilliseconds), ...options },
      });
      servers.push(server);
      await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
      return (server.address() as AddressInfo).port;
    }

    async function account(label: string, role: User['role'], fields: Partial<User> = {}): Promise<User> {
      const password = `${label} 的密码 correct horse ${randomUUID()}`;
      const user = await repository.createUser(userNamed(`${label}-${run}`, role, { passwordHash: await hashPassword(password, CHEAP_PASSWORDS), ...fields }));
      passwords.set(user.id, password);
      return user;
    }

    function signIn(user: User, onPort = port, headers: Record<string, string> = {}): Promise<Answer> {
      return send(onPort, '/api/session', { method: 'POST', body: { username: user.username, password: passwords.get(user.id) }, headers });
    }

    async function callerSignedIn(name: string, user: User, onPort = port): Promise<TestCaller> {
      const answer = await signIn(user, onPort);
      expect(answer.status, answer.text).toBe(200);
      return {
        name, user, password: passwords.get(user.id) ?? null,
        cookie: cookieAttributes(setCookieOf(answer)).get('') ?? null,
        csrfToken: (answer.json as { csrfToken: string }).csrfToken,
        disabled: false,
      };
    }

    /** A report in the sample district stored as it is given (a fixture, not filed through the API). */
    async function storedReport(status: ReportStatus, fields: Partial<Report> = {}): Promise<Report> {
      const report = reportAt(0, { districtId: 'sample', facilityId: elevator.id, location: elevator.coordinates, status, ...fields });
      const filing = filingOf(report);
      return (await repository.createReport(report, { ...filing, actorRole: report.reporterId === null ? 'resident' : 'inspector' }, randomUUID())).report;
    }

    async function countReports(): Promise<number> {
      let count = 0;
      let cursor: string | null = null;
      do {
        const page = await repository.listReports({ cursor, limit: 1000 });
        count += page.reports.length;
        cursor = page.nextCursor;
      } while (cursor !== null);
      return count;
    }

    /** What must not change when a call is refused. */
    async function snapshot(report: Report | null): Promise<{ version: number | null; events: number; photos: number; reports: number }> {
      const stored = report === null ? null : await repository.getReport(report.id);
      return {
        version: stored?.version ?? null,
        events: report === null ? 0 : (await repository.listEvents(report.id)).length,
        photos: stored?.photos.length ?? 0,
        reports: await countReports(),
      };
    }

    function newReportBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
      return {
        districtId: 'sample', facilityId: elevator.id, category: 'elevator', faultCode: 'out_of_service', severity: 3, permanence: 'temporary',
        description: '电梯停用，门口贴着“维修中”的告示。', ...fields,
      };
    }

    function fileAs(caller: TestCaller, onPort = port, headers: Record<string, string> = {}, body = newReportBody()): Promise<Answer> {
      return send(onPort, '/api/reports', { method: 'POST', body, headers: { 'Idempotency-Key': randomUUID(), ...headersOf(caller, true), ...headers } });
    }

    function transitionAs(caller: TestCaller, reportId: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
      return send(port, `/api/reports/${reportId}/transitions`, { method: 'POST', body, headers: { ...headersOf(caller, true), ...headers } });
    }

    const anonymous: TestCaller = { name: 'anonymous', user: null, password: null, cookie: null, csrfToken: null, disabled: false };

    beforeAll(async () => {
      repository = await openStorage(await backend.freshDatabase());
      catalog = (await loadDistrictCatalog(dataFolder)).catalog;
      root = mkdtempSync(join(tmpdir(), 'bfmap-auth-root-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>无障碍数字地图</title>');
      port = await startServer({});
      accounts.inspector = await account('inspector', 'inspector', { displayName: '王芳（督导员）' });
      accounts.secondInspector = await account('second-inspector', 'inspector');
      accounts.reviewer = await account('reviewer', 'reviewer');
      accounts.unitA = await account('unit-a', 'responsible_unit', { unitId: unitA });
      accounts.unitB = await account('unit-b', 'responsible_unit', { unitId: unitB });
      accounts.admin = await account('admin', 'admin');
    });

    afterAll(async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      }
      await repository.close();
      await backend.cleanUp();
      rmSync(root, { recursive: true, force: true });
    });

    describe('every endpoint for every kind of caller', () => {
      const callers: TestCaller[] = [];
      let inspector: User;

      beforeAll(async () => {
        inspector = accounts.inspector as User;
        callers.push(
          anonymous,
          await callerSignedIn('inspector', inspector),
          await callerSignedIn('second inspector', accounts.secondInspector as User),
          await callerSignedIn('reviewer', accounts.reviewer as User),
          await callerSignedIn('unit the report is assigned to', accounts.unitA as User),
          await callerSignedIn('another unit', accounts.unitB as User),
          await callerSignedIn('admin', accounts.admin as User),
        );
        const toDisable = await account('disabled', 'inspector');
        const disabled = await callerSignedIn('disabled account', toDisable);
        await repository.disableUser(toDisable.id);
        callers.push({ ...disabled, disabled: true });
      });

      interface EndpointCase {
        endpoint: string;
        changing: boolean;
        /** The report the call is about, made fresh for each caller (null: none). */
        fixture: () => Promise<Report | null>;
        call: (caller: TestCaller, report: Report | null) => Promise<Answer>;
        expected: (caller: TestCaller, report: Report | null) => number;
        /** More to check on a successful answer. */
        check?: (caller: TestCaller, report: Report | null, answer: Answer) => void | Promise<void>;
      }

      /** Filed by the first inspector, assigned to unit A: the roles differ in the view they get. */
      const assignedReport = (): Promise<Report> => storedReport('assigned', { reporterId: inspector.id, assignedUnitId: unitA });
      const fullViewFor = (caller: TestCaller, report: Report | null): boolean => report !== null && may(actorFor(caller), 'read_report_full', report);

      /** A transition case: the status expected comes from the core's table and applyTransition for this actor. */
      function transitionCase(from: ReportStatus, to: ReportStatus, fields: () => Partial<Report>): EndpointCase {
        return {
          endpoint: `POST /api/reports/{id}/transitions ${from} → ${to}`,
          changing: true,
          fixture: () => storedReport(from, fields()),
          call: (caller, report) => transitionAs(caller, report?.id ?? '', { to, expectedVersion: report?.version ?? 0 }),
          expected: (caller, report) => {
            if (caller.disabled) return 401;
            if (report === null) throw new Error('a transition needs a report');
            const refused = refusedStatus(caller, 'transition', report);
            if (refused !== null) return refused;
            return applyTransition(report, { to, actor: actorFor(caller), now: new Date(clockMilliseconds), expectedVersion: report.version }).ok ? 200 : 403;
          },
          check: (_caller, _report, answer) => expect((answer.json as { report: { status: string } }).report.status).toBe(to),
        };
      }

      const cases: EndpointCase[] = [
        {
          endpoint: 'GET /api/session',
          changing: false,
          fixture: async () => null,
          call: (caller) => send(port, '/api/session', { headers: headersOf(caller, false) }),
          expected: (caller) => (signedIn(caller) ? 200 : 401),
          check: (caller, _report, answer) => expect((answer.json as { user: { id: string } }).user.id).toBe(caller.user?.id),
        },
        {
          endpoint: 'POST /api/session',
          changing: true,
          fixture: async () => null,
          // Without the cookie, so the caller's own session stays for the rows below.
          call: (caller) => send(port, '/api/session', {
            method: 'POST', body: caller.user === null ? { username: `nobody-${run}`, password: 'not anybody’s password at all' } : { username: caller.user.username, password: caller.password },
          }),
          expected: (caller) => (caller.user !== null && !caller.disabled ? 200 : 401),
        },
        {
          endpoint: 'GET /api/reports',
          changing: false,
          fixture: assignedReport,
          call: (caller) => send(port, `/api/reports?facility=${encodeURIComponent(elevator.id)}&status=assigned&limit=1000`, { headers: headersOf(caller, false) }),
          expected: (caller) => refusedStatus(caller, 'read_report_public') ?? 200,
          check: (caller, report, answer) => {
            const listed = (answer.json as { reports: Record<string, unknown>[] }).reports.find((item) => item.id === report?.id);
            expect(listed, 'the fixture is listed').toBeDefined();
            expect('reporterId' in (listed ?? {}), 'full view in the list').toBe(fullViewFor(caller, report));
          },
        },
        {
          endpoint: 'GET /api/reports/{id}',
          changing: false,
          fixture: assignedReport,
          call: (caller, report) => send(port, `/api/reports/${report?.id ?? ''}`, { headers: headersOf(caller, false) }),
          expected: (caller) => refusedStatus(caller, 'read_report_public') ?? 200,
          check: (caller, report, answer) => {
            const view = answer.json as { view: string; report: Record<string, unknown>; events: Record<string, unknown>[] };
            expect(view.view).toBe(fullViewFor(caller, report) ? 'full' : 'public');
            expect('reporterId' in view.report).toBe(view.view === 'full');
            expect(view.events.every((event) => 'actorId' in event)).toBe(view.view === 'full');
          },
        },
        {
          endpoint: 'POST /api/reports',
          changing: true,
          fixture: async () => null,
          call: (caller) => fileAs(caller),
          expected: (caller) => (caller.disabled ? 401 : refusedStatus(caller, 'file_report') ?? 201),
          check: async (caller, _report, answer) => {
            const filed = answer.json as { report: { id: string } & Record<string, unknown> };
            const stored = await repository.getReport(filed.report.id);
            // An account is recorded as the reporter, and sees what it filed in full if the core says so.
            expect(stored?.reporterId).toBe(actorFor(caller).id);
            expect('reporterId' in filed.report).toBe(stored !== null && may(actorFor(caller), 'read_report_full', stored));
          },
        },
        transitionCase('submitted', 'verified', () => ({ reporterId: inspector.id })),
        transitionCase('assigned', 'in_progress', () => ({ reporterId: inspector.id, assignedUnitId: unitA })),
        transitionCase('fixed', 'closed', () => ({ reporterId: inspector.id, assignedUnitId: unitA, fixedById: accounts.unitA?.id ?? null })),
        {
          endpoint: 'POST /api/reports/{id}/photos',
          changing: true,
          fixture: assignedReport,
          call: (caller, report) => sendBytes(port, `/api/reports/${report?.id ?? ''}/photos`, {
            method: 'POST', body: pngPhoto(), headers: { 'Content-Type': 'image/png', 'Idempotency-Key': randomUUID(), ...headersOf(caller, true) },
          }),
          // Accounts that may act on the report may document it; the fixture was filed by an account, so no anonymous caller can prove to have filed it.
          expected: (caller, report) => (caller.disabled ? 401 : refusedStatus(caller, 'transition', report ?? undefined) ?? 201),
          check: async (_caller, report, answer) => {
            const { photo } = answer.json as { photo: { id: string } };
            expect((await repository.getReport(report?.id ?? ''))?.photos.map((stored) => stored.id)).toEqual([photo.id]);
          },
        },
        {
          endpoint: 'GET /api/reports/{id}/photos/{photoId}',
          changing: false,
          fixture: async () => {
            const report = reportAt(0, { districtId: 'sample', facilityId: elevator.id, location: elevator.coordinates, reporterId: inspector.id, assignedUnitId: unitA, status: 'assigned' });
            const bytes = pngPhoto();
            const withPhoto = { ...report, photos: [{ id: randomUUID(), mediaType: 'image/png' as const, byteLength: bytes.length }] };
            const filing = { ...filingOf(withPhoto), actorRole: 'inspector' as const };
            return (await repository.createReport(withPhoto, filing, randomUUID(), new Map(withPhoto.photos.map((photo) => [photo.id, bytes])))).report;
          },
          call: (caller, report) => sendBytes(port, `/api/reports/${report?.id ?? ''}/photos/${report?.photos[0]?.id ?? ''}`, { headers: headersOf(caller, false) }),
          expected: (caller, report) => refusedStatus(caller, 'read_report_public', report ?? undefined) ?? 200,
          check: (_caller, _report, answer) => expect([answer.headers['content-type'], (answer as Answer & { bytes: Buffer }).bytes.equals(pngPhoto())]).toEqual(['image/png', true]),
        },
        {
          endpoint: 'GET /api/reports/export.csv',
          changing: false,
          fixture: assignedReport,
          call: (caller) => send(port, `/api/reports/export.csv?facility=${encodeURIComponent(elevator.id)}`, { headers: headersOf(caller, false) }),
          expected: (caller) => refusedStatus(caller, 'export') ?? 200,
          check: (_caller, report, answer) => {
            expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
            expect(answer.text).toContain(report?.id);
          },
        },
        {
          endpoint: 'GET /api/reports/export.geojson',
          changing: false,
          fixture: assignedReport,
          call: (caller) => send(port, `/api/reports/export.geojson?facility=${encodeURIComponent(elevator.id)}`, { headers: headersOf(caller, false) }),
          expected: (caller) => refusedStatus(caller, 'export') ?? 200,
          check: (_caller, report, answer) => {
            const features = (answer.json as { features: { id: string; properties: { reporter_id: string | null } }[] }).features;
            expect(features.find((feature) => feature.id === report?.id)?.properties.reporter_id).toBe(report?.reporterId);
          },
        },
        {
          endpoint: 'GET /api/districts/{districtId}/facility-statuses',
          changing: false,
          fixture: async () => storedReport('verified', { reporterId: inspector.id }),
          call: (caller) => send(port, '/api/districts/sample/facility-statuses', { headers: headersOf(caller, false) }),
          // Public: what the map shows everyone, without identities.
          expected: () => 200,
          check: (_caller, report, answer) => {
            const body = answer.json as { closedFacilityIds: string[] };
            expect(body.closedFacilityIds).toContain(report?.facilityId);
            expect(answer.text).not.toContain(inspector.id);
          },
        },
        {
          endpoint: 'GET /api/work/assigned',
          changing: false,
          fixture: assignedReport,
          call: (caller) => {
            const ownUnit = actorFor(caller).role === 'responsible_unit';
            return send(port, `/api/work/assigned${ownUnit ? '' : `?unit=${encodeURIComponent(unitA)}`}`, { headers: headersOf(caller, false) });
          },
          expected: (caller) => refusedStatus(caller, 'list_assigned') ?? 200,
          check: (caller, report, answer) => {
            const list = answer.json as { unitId: string; items: { report: { id: string } }[] };
            const actor = actorFor(caller);
            expect(list.unitId).toBe(actor.role === 'responsible_unit' ? actor.unitId : unitA);
            expect(list.items.some((item) => item.report.id === report?.id)).toBe(list.unitId === report?.assignedUnitId);
          },
        },
        {
          endpoint: 'GET /api/work/patrol',
          changing: false,
          fixture: async () => null,
          call: (caller) => send(port, '/api/work/patrol?district=sample&limit=5', { headers: headersOf(caller, false) }),
          expected: (caller) => refusedStatus(caller, 'patrol_list') ?? 200,
        },
        {
          endpoint: 'GET /api/openapi.json',
          changing: false,
          fixture: async () => null,
          call: (caller) => send(port, '/api/openapi.json', { headers: headersOf(caller, false) }),
          expected: () => 200,
        },
        // Last: it ends the sessions the rows above use.
        {
          endpoint: 'DELETE /api/session',
          changing: true,
          fixture: async () => null,
          call: (caller) => send(port, '/api/session', { method: 'DELETE', headers: headersOf(caller, true) }),
          // Signing out always succeeds; with a cookie it is also cleared.
          expected: () => 204,
          check: (caller, _report, answer) => {
            if (caller.cookie !== null) expect(cookieAttributes(setCookieOf(answer)).get('max-age')).toBe('0');
          },
        },
      ];

      it('covers every route the API serves', async () => {
        const { apiRoutes } = await import('./index.ts');
        const { API_METHODS } = await import('./router.ts');
        const served = apiRoutes({ repository, catalog })
          .flatMap((route) => API_METHODS.filter((method) => route.methods[method]).map((method) => `${method} ${route.path.replace('{reportId}', '{id}')}`));
        const covered = new Set(cases.map((testCase) => testCase.endpoint.split(' ').slice(0, 2).join(' ')));
        expect([...new Set(served)].filter((operation) => !covered.has(operation))).toEqual([]);
      });

      for (const testCase of cases) {
        it(`${testCase.endpoint}: the status each caller gets follows the core's table, and refusals change nothing`, async () => {
          expect(callers.map((caller) => caller.name)).toHaveLength(8);
          for (const caller of callers) {
            const report = await testCase.fixture();
            const expected = testCase.expected(caller, report);
            const before = await snapshot(report);
            const answer = await testCase.call(caller, report);
            expect(answer.status, `${testCase.endpoint} as ${caller.name}: ${answer.text}`).toBe(expected);
            if (answer.status >= 400) {
              expect(await snapshot(report), `${testCase.endpoint} as ${caller.name} changed something`).toEqual(before);
              const message = (answer.json as { error: { message: { zh: string; en: string } } }).error.message;
              expect(message.zh.length > 0 && message.en.length > 0).toBe(true);
            } else {
              await testCase.check?.(caller, report, answer);
            }
          }
        });
      }
    });

    describe('sessions', () => {
      it('sets an HttpOnly, SameSite=Strict cookie for the whole site, without Secure over plain HTTP, and answers the account without its hash', async () => {
        const user = accounts.reviewer as User;
        const answer = await signIn(user);
        expect(answer.status, answer.text).toBe(200);
        const cookie = cookieAttributes(setCookieOf(answer));
        expect(cookie.get('')).toMatch(/^bfmap_session=[A-Za-z0-9_-]{43}$/);
        expect(cookie.has('httponly')).toBe(true);
        expect(cookie.get('samesite')).toBe('Strict');
        expect(cookie.get('path')).toBe('/');
        expect(Number(cookie.get('max-age'))).toBe(12 * 60 * 60);
        expect(cookie.has('secure')).toBe(false);
        const body = answer.json as { user: Record<string, unknown>; csrfToken: string };
        expect(body.user).toEqual({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId });
        expect(answer.text).not.toContain(user.passwordHash);
        expect(body.csrfToken.length).toBeGreaterThanOrEqual(43);

        const current = await send(port, '/api/session', { headers: { Cookie: cookie.get('') ?? '' } });
        expect(current.json).toEqual(answer.json);
      });

      it('marks the cookie Secure behind a trusted proxy that says https, and not when the proxy is not trusted', async () => {
        const trustedPort = await startServer({ trustProxy: true });
        const user = accounts.inspector as User;
        const behindProxy = await signIn(user, trustedPort, { 'X-Forwarded-Proto': 'https' });
        expect(cookieAttributes(setCookieOf(behindProxy)).has('secure')).toBe(true);
        const plainBehindProxy = await signIn(user, trustedPort, { 'X-Forwarded-Proto': 'http' });
        expect(cookieAttributes(setCookieOf(plainBehindProxy)).has('secure')).toBe(false);
        const untrusted = await signIn(user, port, { 'X-Forwarded-Proto': 'https' });
        expect(cookieAttributes(setCookieOf(untrusted)).has('secure')).toBe(false);
      });

      it('marks the cookie Secure when the request came over TLS', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'bfmap-tls-'));
        try {
          execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
            '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
          const handler = createApiHandler({ repository, catalog, passwordParameters: CHEAP_PASSWORDS, rateLimits: NO_RATE_LIMITS });
          const tlsServer = createHttpsServer({ key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) }, (request, response) => {
            const decoded = decodeRequestPath(request.url ?? '/');
            void handler(request, response, decoded.ok ? decoded.path : '/');
          });
          await new Promise<void>((resolvePromise) => tlsServer.listen(0, '127.0.0.1', resolvePromise));
          const user = accounts.inspector as User;
          const answer = await new Promise<Answer>((resolvePromise, reject) => {
            const outgoing = httpsRequest({
              host: '127.0.0.1', port: (tlsServer.address() as AddressInfo).port, path: '/api/session', method: 'POST', rejectUnauthorized: false,
              headers: { 'Content-Type': 'application/json' },
            }, collect(resolvePromise, reject));
            outgoing.on('error', reject);
            outgoing.end(JSON.stringify({ username: user.username, password: passwords.get(user.id) }));
          });
          tlsServer.closeAllConnections();
          await new Promise<void>((resolvePromise) => tlsServer.close(() => resolvePromise()));
          expect(answer.status, answer.text).toBe(200);
          expect(cookieAttributes(setCookieOf(answer)).has('secure')).toBe(true);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      });

      it('refuses a wrong password and an unknown username with one identical answer', async () => {
        const user = accounts.inspector as User;
        const wrongPassword = await send(port, '/api/session', { method: 'POST', body: { username: user.username, password: `${passwords.get(user.id) ?? ''}x` } });
        const unknownUser = await send(port, '/api/session', { method: 'POST', body: { username: `${user.username}-nobody`, password: passwords.get(user.id) } });
        expect(wrongPassword.status).toBe(401);
        expect(unknownUser.status).toBe(401);
        expect(unknownUser.text).toBe(wrongPassword.text);
        expect(wrongPassword.headers['set-cookie']).toBeUndefined();
      });

      it('signs in by a username written in full-width letters or capitals, as the storage compares them', async () => {
        const user = await account('wide', 'inspector');
        const wide = [...user.username.toUpperCase()].map((character) => (/[A-Z0-9]/.test(character) ? String.fromCharCode(character.charCodeAt(0) + 0xfee0) : character)).join('');
        const answer = await send(port, '/api/session', { method: 'POST', body: { username: wide, password: passwords.get(user.id) } });
        expect(answer.status, answer.text).toBe(200);
      });

      it('refuses bad sign-in bodies by field', async () => {
        const cases: [unknown, string][] = [
          [{ username: 'x' }, '/password'],
          [{ password: 'x' }, '/username'],
          [{ username: 'x', password: 'y', remember: true }, '/remember'],
          [['x', 'y'], ''],
        ];
        for (const [body, field] of cases) {
          const answer = await send(port, '/api/session', { method: 'POST', body });
          expect(answer.status, JSON.stringify(body)).toBe(400);
          expect((answer.json as { errors: { field: string }[] }).errors.map((error) => error.field)).toContain(field);
        }
      });

      it('stops the sessions of a disabled account, refuses its sign-in, and clears its cookie on a change, storing nothing', async () => {
        const user = await account('soon-disabled', 'inspector');
        const caller = await callerSignedIn('soon disabled', user);
        expect((await send(port, '/api/session', { headers: headersOf(caller, false) })).status).toBe(200);
        await repository.disableUser(user.id);
        expect((await send(port, '/api/session', { headers: headersOf(caller, false) })).status).toBe(401);
        const before = await countReports();
        const filing = await fileAs(caller);
        expect(filing.status).toBe(401);
        expect(errorCodeOf(filing)).toBe('session_ended');
        expect(cookieAttributes(setCookieOf(filing)).get('max-age')).toBe('0');
        expect(await countReports()).toBe(before);
        const again = await signIn(user);
        expect(again.status).toBe(401);
        expect(errorCodeOf(again)).toBe('sign_in_failed');
      });

      it('ends a session after twelve hours, and at sign-out', async () => {
        const caller = await callerSignedIn('clocked', accounts.secondInspector as User);
        clockMilliseconds = START_MILLISECONDS + 12 * 60 * MINUTE - 1;
        try {
          expect((await send(port, '/api/session', { headers: headersOf(caller, false) })).status).toBe(200);
          clockMilliseconds = START_MILLISECONDS + 12 * 60 * MINUTE;
          expect((await send(port, '/api/session', { headers: headersOf(caller, false) })).status).toBe(401);
        } finally {
          clockMilliseconds = START_MILLISECONDS;
        }
        const second = await callerSignedIn('signing out', accounts.secondInspector as User);
        const withoutToken = await send(port, '/api/session', { method: 'DELETE', headers: { Cookie: second.cookie ?? '' } });
        expect(withoutToken.status).toBe(403);
        expect((await send(port, '/api/session', { headers: headersOf(second, false) })).status).toBe(200);
        expect((await send(port, '/api/session', { method: 'DELETE', headers: headersOf(second, true) })).status).toBe(204);
        expect((await send(port, '/api/session', { headers: headersOf(second, false) })).status).toBe(401);
      });

      it('replaces the session a sign-in arrives with, so a planted session id is useless afterwards', async () => {
        const first = await callerSignedIn('first', accounts.reviewer as User);
        const again = await signIn(accounts.reviewer as User, port, { Cookie: first.cookie ?? '' });
        expect(again.status).toBe(200);
        expect((await send(port, '/api/session', { headers: headersOf(first, false) })).status).toBe(401);
      });
    });

    describe('CSRF and Origin', () => {
      it('refuses a change made with the session cookie but without the right X-CSRF-Token, changing nothing', async () => {
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const other = await callerSignedIn('admin', accounts.admin as User);
        const report = await storedReport('submitted', { reporterId: (accounts.inspector as User).id });
        const body = { to: 'verified', expectedVersion: report.version };
        const attempts: [string, Record<string, string>][] = [
          ['no token', { Cookie: reviewer.cookie ?? '' }],
          ['an empty token', { Cookie: reviewer.cookie ?? '', 'X-CSRF-Token': '' }],
          ['a made-up token', { Cookie: reviewer.cookie ?? '', 'X-CSRF-Token': randomUUID() }],
          ["another session's token", { Cookie: reviewer.cookie ?? '', 'X-CSRF-Token': other.csrfToken ?? '' }],
        ];
        for (const [label, headers] of attempts) {
          const before = await snapshot(report);
          const answer = await send(port, `/api/reports/${report.id}/transitions`, { method: 'POST', body, headers });
          expect(answer.status, label).toBe(403);
          expect(errorCodeOf(answer), label).toBe('csrf_token_invalid');
          expect(await snapshot(report), label).toEqual(before);
        }
        const before = await countReports();
        const filing = await fileAs({ ...reviewer, csrfToken: null });
        expect(filing.status).toBe(403);
        expect(await countReports()).toBe(before);
        expect((await transitionAs(reviewer, report.id, body)).status).toBe(200);
      });

      it('files an anonymous report without any token, and refuses changes from another site by their Origin', async () => {
        const own = `http://127.0.0.1:${port}`;
        expect((await fileAs(anonymous)).status).toBe(201);
        expect((await fileAs(anonymous, port, { Origin: own })).status).toBe(201);
        const before = await countReports();
        for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
          const answer = await fileAs(anonymous, port, { Origin: origin });
          expect(answer.status, origin).toBe(403);
          expect(errorCodeOf(answer), origin).toBe('foreign_origin');
        }
        expect(await countReports()).toBe(before);
        const foreignSignIn = await signIn(accounts.inspector as User, port, { Origin: 'http://evil.example' });
        expect(foreignSignIn.status).toBe(403);
        expect(foreignSignIn.headers['set-cookie']).toBeUndefined();
        // Reads are not changes: a page elsewhere may still link to a report.
        expect((await send(port, '/api/reports?limit=1', { headers: { Origin: 'http://evil.example' } })).status).toBe(200);
      });

      it('compares the Origin with the configured public origin when there is one', async () => {
        const publicPort = await startServer({ publicOrigin: 'https://map.example.org' });
        expect((await fileAs(anonymous, publicPort, { Origin: 'https://map.example.org' })).status).toBe(201);
        expect((await fileAs(anonymous, publicPort, { Origin: `http://127.0.0.1:${publicPort}` })).status).toBe(403);
      });
    });

    describe('rate limits', () => {
      const limits: RateLimits = {
        reportFilingPerAddress: { maximumHits: 3, windowMilliseconds: 10 * MINUTE },
        signInPerAddress: { maximumHits: 4, windowMilliseconds: 15 * MINUTE },
        signInPerUsername: { maximumHits: 3, windowMilliseconds: 15 * MINUTE },
      };
      let limitedPort: number;
      /** Seconds from the clock to the end of its fixed window, computed here from the epoch alignment. */
      const secondsLeft = (windowMilliseconds: number): number => Math.ceil((Math.floor(clockMilliseconds / windowMilliseconds + 1) * windowMilliseconds - clockMilliseconds) / 1000);
      let addressCounter = 0;
      // Each test its own client address (the proxy is trusted), so the tests do not share counters.
      const newAddress = (): string => {
        addressCounter += 1;
        return `198.51.100.${addressCounter}`;
      };

      beforeAll(async () => {
        limitedPort = await startServer({ trustProxy: true, rateLimits: limits });
      });

      it('files three anonymous reports per address and window, then 429 with Retry-After and nothing stored; a retry of a filed report still answers', async () => {
        const address = newAddress();
        const firstKey = randomUUID();
        const allowed = limits.reportFilingPerAddress?.maximumHits ?? 0;
        const answers: Answer[] = [];
        for (let index = 0; index < allowed; index += 1) {
          answers.push(await fileAs(anonymous, limitedPort, { 'X-Forwarded-For': address, ...(index === 0 ? { 'Idempotency-Key': firstKey } : {}) }));
        }
        expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: allowed }, () => 201));
        const before = await countReports();
        const refused = await fileAs(anonymous, limitedPort, { 'X-Forwarded-For': address });
        expect(refused.status).toBe(429);
        expect(errorCodeOf(refused)).toBe('too_many_reports');
        expect(Number(refused.headers['retry-after'])).toBe(secondsLeft(limits.reportFilingPerAddress?.windowMilliseconds ?? 0));
        const message = (refused.json as { error: { message: { zh: string; en: string } } }).error.message;
        expect(message.zh).toMatch(/分钟/);
        expect(message.en).toMatch(/minute/);
        expect(await countReports()).toBe(before);

        const retry = await fileAs(anonymous, limitedPort, { 'X-Forwarded-For': address, 'Idempotency-Key': firstKey });
        expect(retry.status, retry.text).toBe(200);
        expect((retry.json as { report: { id: string } }).report.id).toBe((answers[0]?.json as { report: { id: string } }).report.id);
        expect((await fileAs(anonymous, limitedPort, { 'X-Forwarded-For': newAddress() })).status).toBe(201);
        // A signed-in inspector is accountable and not limited by the address it shares.
        const inspector = await callerSignedIn('inspector', accounts.inspector as User, limitedPort);
        expect((await fileAs(inspector, limitedPort, { 'X-Forwarded-For': address })).status).toBe(201);
        // The retry stored nothing: one report from the other address and one from the inspector.
        expect(await countReports()).toBe(before + 2);
      });

      it('limits sign-in attempts per username from any address, refusing even the right password until the window ends', async () => {
        const user = await account('guessed', 'inspector');
        const allowed = limits.signInPerUsername?.maximumHits ?? 0;
        for (let attempt = 0; attempt < allowed; attempt += 1) {
          const wrong = await send(limitedPort, '/api/session', { method: 'POST', body: { username: user.username, password: `guess ${attempt}` }, headers: { 'X-Forwarded-For': newAddress() } });
          expect(wrong.status).toBe(401);
        }
        const right = await signIn(user, limitedPort, { 'X-Forwarded-For': newAddress() });
        expect(right.status).toBe(429);
        expect(errorCodeOf(right)).toBe('too_many_sign_in_attempts');
        expect(Number(right.headers['retry-after'])).toBe(secondsLeft(limits.signInPerUsername?.windowMilliseconds ?? 0));
        expect(right.headers['set-cookie']).toBeUndefined();
        clockMilliseconds += limits.signInPerUsername?.windowMilliseconds ?? 0;
        try {
          expect((await signIn(user, limitedPort, { 'X-Forwarded-For': newAddress() })).status).toBe(200);
        } finally {
          clockMilliseconds = START_MILLISECONDS;
        }
      });

      it('limits sign-in attempts per address, whatever usernames they try', async () => {
        const address = newAddress();
        const allowed = limits.signInPerAddress?.maximumHits ?? 0;
        for (let attempt = 0; attempt < allowed; attempt += 1) {
          const answer = await send(limitedPort, '/api/session', { method: 'POST', body: { username: `someone-${attempt}-${run}`, password: 'a guess of some length' }, headers: { 'X-Forwarded-For': address } });
          expect(answer.status).toBe(401);
        }
        expect((await signIn(accounts.admin as User, limitedPort, { 'X-Forwarded-For': address })).status).toBe(429);
        expect((await signIn(accounts.admin as User, limitedPort, { 'X-Forwarded-For': newAddress() })).status).toBe(200);
      });
    });

    describe('the loop', () => {
      it('goes submitted → verified → assigned → in_progress → fixed → closed over HTTP; the fixer may not close, a second inspector does', async () => {
        const inspector = await callerSignedIn('inspector', accounts.inspector as User);
        const secondInspector = await callerSignedIn('second inspector', accounts.secondInspector as User);
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const unit = await callerSignedIn('unit', accounts.unitA as User);
        const admin = await callerSignedIn('admin', accounts.admin as User);

        const filed = await fileAs(inspector);
        expect(filed.status, filed.text).toBe(201);
        const report = (filed.json as { report: Report }).report;
        expect(report.reporterId).toBe(inspector.user?.id);

        let version = report.version;
        const step = async (caller: TestCaller, to: ReportStatus, extra: Record<string, unknown> = {}): Promise<Answer> => {
          const answer = await transitionAs(caller, report.id, { to, expectedVersion: version, ...extra });
          if (answer.status === 200) version = (answer.json as { report: Report }).report.version;
          return answer;
        };
        const refusedStep = async (caller: TestCaller, to: ReportStatus, code: string): Promise<void> => {
          const before = await snapshot(report);
          const answer = await step(caller, to);
          expect([answer.status, errorCodeOf(answer)], `${caller.name} → ${to}: ${answer.text}`).toEqual([403, code]);
          expect(await snapshot(report)).toEqual(before);
        };

        await refusedStep(inspector, 'verified', 'not_allowed');
        expect((await step(secondInspector, 'verified')).status).toBe(200);
        expect((await step(reviewer, 'assigned', { assignedUnitId: unitA })).status).toBe(200);
        const workList = await send(port, '/api/work/assigned', { headers: headersOf(unit, false) });
        expect((workList.json as { items: { report: { id: string } }[] }).items.map((item) => item.report.id)).toContain(report.id);
        expect((await step(unit, 'in_progress')).status).toBe(200);
        expect((await step(unit, 'fixed')).status).toBe(200);
        // Only the unit or an admin marks a fix (the core's table); the one who did may not sign it off.
        await refusedStep(unit, 'closed', 'not_allowed');
        expect((await step(inspector, 'in_progress', { note: '坡道扶手仍然松动' })).status).toBe(200);
        expect((await step(admin, 'fixed')).status).toBe(200);
        await refusedStep(admin, 'closed', 'not_allowed');
        const closed = await step(secondInspector, 'closed', { note: '复查：电梯运行正常' });
        expect(closed.status, closed.text).toBe(200);

        const history = await send(port, `/api/reports/${report.id}`, { headers: headersOf(inspector, false) });
        const view = history.json as { view: string; report: Report; events: { toStatus: string; actorId: string | null; sequence: number }[] };
        expect(view.view).toBe('full');
        expect(view.report.status).toBe('closed');
        expect(view.events.map((event) => [event.toStatus, event.actorId])).toEqual([
          ['submitted', inspector.user?.id], ['verified', secondInspector.user?.id], ['assigned', reviewer.user?.id], ['in_progress', unit.user?.id],
          ['fixed', unit.user?.id], ['in_progress', inspector.user?.id], ['fixed', admin.user?.id], ['closed', secondInspector.user?.id],
        ]);
        expect(view.events.map((event) => event.sequence)).toEqual(view.events.map((_, index) => index + 1));
        const publicView = (await send(port, `/api/reports/${report.id}`)).json as { view: string; events: object[] };
        expect(publicView.view).toBe('public');
        expect(publicView.events).toHaveLength(view.events.length);

        const afterEnd = await step(admin, 'in_progress', { note: '再开' });
        expect([afterEnd.status, errorCodeOf(afterEnd)]).toEqual([409, 'invalid_transition']);
      });

      it('lets exactly one of two concurrent transitions from one version win; the other gets 409', async () => {
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const admin = await callerSignedIn('admin', accounts.admin as User);
        for (let round = 0; round < 5; round += 1) {
          const report = await storedReport('submitted');
          const answers = await Promise.all([
            transitionAs(reviewer, report.id, { to: 'verified', expectedVersion: 1 }),
            transitionAs(admin, report.id, { to: 'rejected', note: '不属于无障碍设施', expectedVersion: 1 }),
          ]);
          expect(answers.map((answer) => answer.status).sort(), answers.map((answer) => answer.text).join('\n')).toEqual([200, 409]);
          const loser = answers.find((answer) => answer.status === 409);
          expect(errorCodeOf(loser as Answer)).toBe('version_conflict');
          expect((loser?.json as { error: { message: { en: string } } }).error.message.en).toMatch(/reload/);
          expect(await repository.listEvents(report.id)).toHaveLength(2);
          expect((await repository.getReport(report.id))?.version).toBe(2);
        }
      });

      it('answers 409 when the storage finds the version changed between reading the report and writing it', async () => {
        // Both requests read the report before either writes, so the storage's own version check decides.
        const report = await storedReport('submitted');
        let arrivals: (() => void)[] = [];
        const waitForBoth = new Proxy(repository, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (property !== 'getReport' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
            return async (reportId: string) => {
              const found = await target.getReport(reportId);
              if (reportId === report.id) {
                await new Promise<void>((resolvePromise) => {
                  arrivals.push(resolvePromise);
                  if (arrivals.length === 2) {
                    arrivals.forEach((release) => release());
                    arrivals = [];
                  }
                });
              }
              return found;
            };
          },
        });
        const racingPort = await startServer({ repository: waitForBoth });
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User, racingPort);
        const admin = await callerSignedIn('admin', accounts.admin as User, racingPort);
        const transitionOn = (caller: TestCaller, body: Record<string, unknown>): Promise<Answer> =>
          send(racingPort, `/api/reports/${report.id}/transitions`, { method: 'POST', body, headers: headersOf(caller, true) });
        const answers = await Promise.all([
          transitionOn(reviewer, { to: 'verified', expectedVersion: 1 }),
          transitionOn(admin, { to: 'cannot_reproduce', note: '现场电梯正常', expectedVersion: 1 }),
        ]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
        expect(errorCodeOf(answers.find((answer) => answer.status === 409) as Answer)).toBe('version_conflict');
        expect(await repository.listEvents(report.id)).toHaveLength(2);
      });

      it('refuses a stale version, an unknown unit, an unknown original, a missing note and malformed bodies, changing nothing', async () => {
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const verified = await storedReport('verified');
        const submitted = await storedReport('submitted');
        const cases: [string, Report, Record<string, unknown> | string, number, string][] = [
          ['stale version', verified, { to: 'assigned', assignedUnitId: unitA, expectedVersion: verified.version + 1 }, 409, 'version_conflict'],
          ['a unit nobody acts for', verified, { to: 'assigned', assignedUnitId: `unit-nobody-${run}`, expectedVersion: verified.version }, 422, 'unknown_unit'],
          ['no unit', verified, { to: 'assigned', expectedVersion: verified.version }, 422, 'missing_assigned_unit'],
          ['a step the loop has not', verified, { to: 'closed', expectedVersion: verified.version }, 409, 'invalid_transition'],
          ['rejecting without a note', submitted, { to: 'rejected', expectedVersion: submitted.version }, 422, 'missing_note'],
          ['a duplicate of nothing', submitted, { to: 'duplicate', note: '重复', duplicateOf: randomUUID(), expectedVersion: submitted.version }, 422, 'unknown_original'],
          ['an unknown field', submitted, { to: 'verified', expectedVersion: submitted.version, colour: 'red' }, 400, ''],
          ['malformed JSON', submitted, '{"to": "verified",', 400, 'malformed_json'],
        ];
        for (const [label, report, body, status, code] of cases) {
          const before = await snapshot(report);
          // A string is sent as it is, not as JSON of a string.
          const sent = await send(port, `/api/reports/${report.id}/transitions`, { method: 'POST', body, headers: headersOf(reviewer, true) });
          expect(sent.status, `${label}: ${sent.text}`).toBe(status);
          if (code !== '') expect(errorCodeOf(sent), label).toBe(code);
          expect(await snapshot(report), label).toEqual(before);
        }
        const missing = await transitionAs(reviewer, randomUUID(), { to: 'verified', expectedVersion: 1 });
        expect([missing.status, errorCodeOf(missing)]).toEqual([404, 'report_not_found']);
      });

      it('records which report a duplicate repeats in the history', async () => {
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const original = await storedReport('verified');
        const repeat = await storedReport('submitted');
        const answer = await transitionAs(reviewer, repeat.id, { to: 'duplicate', note: '同一部电梯', duplicateOf: original.id, expectedVersion: 1 });
        expect(answer.status, answer.text).toBe(200);
        const note = (await repository.listEvents(repeat.id)).at(-1)?.note ?? '';
        expect(note.startsWith('同一部电梯')).toBe(true);
        expect(note.split('\n').at(-1)).toContain(original.id);
      });
    });

    describe('work lists', () => {
      it("gives a unit its open items, oldest first, with their age in whole days in Shanghai, and not other units' or closed ones", async () => {
        const unit = await callerSignedIn('unit', accounts.unitA as User);
        const unitName = `unit-work-${randomUUID().slice(0, 8)}`;
        const workUnit = await account('work-unit', 'responsible_unit', { unitId: unitName });
        const workCaller = await callerSignedIn('work unit', workUnit);
        const filedSecondsLater = [3 * 86_400, 0, 86_400 + 3600];
        const statuses: ReportStatus[] = ['assigned', 'in_progress', 'fixed'];
        const open = await Promise.all(filedSecondsLater.map((seconds, index) => {
          const filedAt = new Date(Date.parse(reportAt(0).createdAt) + seconds * 1000).toISOString();
          // Changed in the opposite order to filing, so the storage's order (by change) is not already the answer.
          const changedAt = new Date(START_MILLISECONDS - seconds * 1000).toISOString();
          // Fix dates: one promised for a day already past, the others not yet due.
          const expectedFixDate = index === 0 ? shanghaiDate(START_MILLISECONDS - 86_400_000) : shanghaiDate(START_MILLISECONDS + 86_400_000);
          return storedReport(statuses[index] ?? 'assigned', { assignedUnitId: unitName, createdAt: filedAt, updatedAt: changedAt, expectedFixDate });
        }));
        await storedReport('closed', { assignedUnitId: unitName });
        await storedReport('assigned', { assignedUnitId: unitB });

        const answer = await send(port, '/api/work/assigned', { headers: headersOf(workCaller, false) });
        expect(answer.status, answer.text).toBe(200);
        const items = (answer.json as { items: { report: Report; ageDays: number; overdue: boolean }[] }).items;
        const expectedOrder = [...open].sort((first, second) => (first.createdAt < second.createdAt ? -1 : 1));
        expect(items.map((item) => item.report.id)).toEqual(expectedOrder.map((report) => report.id));
        const today = shanghaiDate(clockMilliseconds);
        for (const item of items) {
          const filedOn = shanghaiDate(Date.parse(item.report.createdAt));
          expect(item.ageDays).toBe((Date.parse(today) - Date.parse(filedOn)) / 86_400_000);
          // Overdue: the promised date has passed and the unit has not marked it fixed yet.
          expect(item.overdue).toBe(item.report.status !== 'fixed' && item.report.expectedFixDate !== null && item.report.expectedFixDate < today);
        }
        expect(items.filter((item) => item.overdue)).toHaveLength(1);
        const otherUnitAsked = await send(port, `/api/work/assigned?unit=${encodeURIComponent(unitName)}`, { headers: headersOf(unit, false) });
        expect(otherUnitAsked.status).toBe(403);
        const reviewer = await callerSignedIn('reviewer', accounts.reviewer as User);
        const reviewerView = await send(port, `/api/work/assigned?unit=${encodeURIComponent(unitName)}`, { headers: headersOf(reviewer, false) });
        expect((reviewerView.json as { items: { report: { id: string } }[] }).items.map((item) => item.report.id)).toEqual(items.map((item) => item.report.id));
        const noUnit = await send(port, '/api/work/assigned', { headers: headersOf(reviewer, false) });
        expect([noUnit.status, errorCodeOf(noUnit)]).toEqual([400, 'unit_required']);
      });

      it("puts a report another inspector filed first on an inspector's patrol list, nearest first within each band", async () => {
        const [far, near] = [elevators.at(-1) ?? elevator, elevators[1] ?? elevator];
        const filer = accounts.inspector as User;
        const toVerify = await storedReport('submitted', { reporterId: filer.id, facilityId: far.id, location: far.coordinates });
        const second = await callerSignedIn('second inspector', accounts.secondInspector as User);
        const first = await callerSignedIn('inspector', filer);
        const path = `/api/work/patrol?district=sample&near=${near.coordinates.join(',')}&limit=1000`;
        const forSecond = (await send(port, path, { headers: headersOf(second, false) })).json as { from: number[]; items: { facilityId: string; reason: { kind: string; reportIds?: string[] }; distanceMeters: number }[] };
        expect(forSecond.from).toEqual(near.coordinates);
        const item = forSecond.items.find((candidate) => candidate.facilityId === far.id);
        expect(item?.reason.kind).toBe('verify_report');
        expect(item?.reason.reportIds).toContain(toVerify.id);
        const bands = ['verify_report', 'reinspect_fix', 'never_verified', 'verified_long_ago', 'recent_fault'];
        forSecond.items.forEach((current, index) => {
          const previous = forSecond.items[index - 1];
          if (!previous) return;
          const order = bands.indexOf(previous.reason.kind) - bands.indexOf(current.reason.kind);
          expect(order <= 0).toBe(true);
          if (order === 0) expect(previous.distanceMeters <= current.distanceMeters).toBe(true);
        });
        // The inspector who filed it may not verify it, so it is not offered to them as such.
        const forFiler = (await send(port, path, { headers: headersOf(first, false) })).json as { items: { reason: { kind: string; reportIds?: string[] } }[] };
        expect(forFiler.items.some((candidate) => candidate.reason.kind === 'verify_report' && candidate.reason.reportIds?.includes(toVerify.id))).toBe(false);

        for (const [query, code] of [['', 'district_required'], ['district=atlantis', 'unknown_district'], ['district=sample&near=121', 'invalid_near'], ['district=sample&limit=0', 'invalid_limit'], ['district=sample&colour=red', 'unknown_parameter']]) {
          const answer = await send(port, `/api/work/patrol?${query}`, { headers: headersOf(second, false) });
          expect([answer.status, errorCodeOf(answer)], query).toEqual([400, code]);
        }
      });
    });
  });
}
