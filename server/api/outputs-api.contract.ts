// What reports produce for others, over real HTTP with real storage: the CSV and GeoJSON exports
// and the effective facility statuses the app polls. outputs-api.sqlite.test.ts and
// outputs-api.postgres.test.ts register it on their backends. Expected exports come from the
// storage (read back here and filtered by this file's own code) and are parsed with this file's
// own CSV reader; expected facility statuses come from the sample district's files (read with
// JSON.parse) and the staleness rules' numbers, with dates counted here, not by the reports core.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DEFAULT_STALENESS_RULES, REPORT_EXPORT_COLUMNS, REPORT_IDENTITY_COLUMNS, findFaultCode,
  type Report, type ReportStatus, type User,
} from '../../src/domain/reports/index.ts';
import { createApp } from '../app.ts';
import { filingOf, reportAt, userNamed } from '../db/report-fixtures.ts';
import type { ReportFilter, Repository } from '../db/repository.ts';
import { openStorage } from '../db/storage.ts';
import { loadDistrictCatalog, type DistrictCatalog } from './district-catalog.ts';
import { hashPassword, type ScryptParameters } from './passwords.ts';
import { NO_RATE_LIMITS } from './rate-limits.ts';
import type { ApiBackend } from './reports-api.contract.ts';
import { as, errorCodeOf, send, shanghaiDate, signIn, type Credentials } from './test-client.ts';

const dataFolder = resolve(import.meta.dirname, '..', '..', 'data');
const CHEAP_PASSWORDS: ScryptParameters = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };
const DAY = 86_400_000;

interface SampleFacility {
  id: string;
  category: keyof typeof DEFAULT_STALENESS_RULES.maxAgeDays;
  status: string;
  lastVerified: string | null;
}

/** Every facility of the sample district, as its files say. */
function sampleFacilities(): SampleFacility[] {
  return ['elevators', 'toilets', 'ramps', 'tactile-paving'].flatMap((layer) => {
    const collection = JSON.parse(readFileSync(join(dataFolder, 'sample', `${layer}.geojson`), 'utf8')) as {
      features: { properties: { id: string; category: SampleFacility['category']; status: string; last_verified: string | null } }[];
    };
    return collection.features.map(({ properties }) => ({ id: properties.id, category: properties.category, status: properties.status, lastVerified: properties.last_verified }));
  });
}

/** RFC 4180 records: quoted fields may hold commas, CRLF and doubled quotes; every record ends in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else {
      field += character;
    }
  }
  if (field !== '' || record.length > 0) throw new Error(`The CSV does not end in CRLF: "${field}"`);
  return records;
}

/** Whole days from one YYYY-MM-DD to another. */
const daysFrom = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

/**
 * The repository with pages of at most `pageSize` reports, however many a caller asks for: a
 * handful of reports then spans several pages, which shows an answer follows them all.
 */
function inSmallPages(repository: Repository, pageSize: number, onList: () => void): Repository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      if (property === 'listReports') {
        return (filter: ReportFilter = {}) => {
          onList();
          return target.listReports({ ...filter, limit: Math.min(filter.limit ?? pageSize, pageSize) });
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function startServer(repository: Repository, catalog: DistrictCatalog, root: string, now: () => Date): Promise<{ server: Server; port: number }> {
  const server = createApp({ root, api: { repository, catalog, rateLimits: NO_RATE_LIMITS, passwordParameters: CHEAP_PASSWORDS, now } });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return { server, port: (server.address() as AddressInfo).port };
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
}

export function describeOutputsApi(backend: ApiBackend): void {
  describe(`exports and facility statuses over HTTP on ${backend.name}`, () => {
    let catalog: DistrictCatalog;
    let root: string;
    const facilities = sampleFacilities();
    const run = randomUUID().slice(0, 8);
    const newestCheck = facilities.map((facility) => facility.lastVerified).filter((date): date is string => date !== null).sort().at(-1) ?? '2026-01-01';
    /** The clock: 10:00 in Shanghai on the day after the newest check in the data, so the freshest checks are fresh and old ones are not. */
    const clockStart = Date.parse(`${newestCheck}T02:00:00Z`) + DAY;
    let clockMilliseconds = clockStart;
    const now = (): Date => new Date(clockMilliseconds);

    beforeAll(async () => {
      catalog = (await loadDistrictCatalog(dataFolder)).catalog;
      root = mkdtempSync(join(tmpdir(), 'bfmap-outputs-root-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>无障碍数字地图</title>');
    });

    afterAll(async () => {
      await backend.cleanUp();
      rmSync(root, { recursive: true, force: true });
    });

    describe('exports', () => {
      let repository: Repository;
      let server: Server;
      let port: number;
      let pagesRead = 0;
      const pageSize = 25;
      let reviewer: Credentials;
      let admin: Credentials;
      let inspectorUser: User;
      const tricky = 'Door "B", east side,\nlocked again; 锁着, "again"';

      beforeAll(async () => {
        repository = await openStorage(await backend.freshDatabase());
        ({ server, port } = await startServer(inSmallPages(repository, pageSize, () => {
          pagesRead += 1;
        }), catalog, root, now));
        const accounts: Record<string, User> = {};
        for (const role of ['reviewer', 'admin', 'inspector', 'responsible_unit'] as const) {
          const password = `${role} correct horse battery ${randomUUID()}`;
          accounts[role] = await repository.createUser(userNamed(`${role}-${run}`, role, {
            passwordHash: await hashPassword(password, CHEAP_PASSWORDS), unitId: role === 'responsible_unit' ? `unit-${run}` : null,
          }));
          if (role === 'reviewer') reviewer = await signIn(port, accounts[role].username, password);
          if (role === 'admin') admin = await signIn(port, accounts[role].username, password);
        }
        inspectorUser = accounts.inspector as User;
        const fixerId = accounts.responsible_unit?.id ?? null;
        const toilets = facilities.filter((facility) => facility.category === 'toilet');
        const elevators = facilities.filter((facility) => facility.category === 'elevator');
        const specs: { count: number; fields: Partial<Report> }[] = [
          { count: 60, fields: { facilityId: toilets[0]?.id ?? null, category: 'toilet', faultCode: 'locked_or_closed', status: 'submitted' } },
          { count: 40, fields: { facilityId: elevators[1]?.id ?? null, status: 'verified', reporterId: inspectorUser.id } },
          { count: 20, fields: { facilityId: toilets[1]?.id ?? null, category: 'toilet', faultCode: 'locked_or_closed', status: 'closed', reporterId: inspectorUser.id, fixedById: fixerId } },
          { count: 5, fields: { districtId: `elsewhere-${run}`, status: 'verified' } },
          { count: 1, fields: { facilityId: null, category: 'path', faultCode: 'obstacle', description: tricky, measurements: [{ name: 'clear_width', value: 0.7, unit: 'm' }] } },
        ];
        let offset = 0;
        for (const { count, fields } of specs) {
          for (let index = 0; index < count; index += 1) {
            offset += 1;
            const report = reportAt(offset, { districtId: 'sample', ...fields });
            await repository.createReport(report, { ...filingOf(report), actorRole: report.reporterId === null ? 'resident' : 'inspector' }, randomUUID());
          }
        }
      });

      afterAll(async () => {
        await stopServer(server);
        await repository.close();
      });

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

      it('gives a reviewer every report as CSV, across every page, with who filed and who fixed each, as a dated attachment', async () => {
        const all = await storedReports();
        expect(all.length).toBeGreaterThan(pageSize * 4);
        pagesRead = 0;
        const answer = await send(port, '/api/reports/export.csv', { headers: as(reviewer, false) });
        expect(answer.status, answer.text).toBe(200);
        expect(pagesRead).toBeGreaterThanOrEqual(Math.ceil(all.length / pageSize));
        expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(answer.headers['content-disposition']).toBe(`attachment; filename="reports-all-${shanghaiDate(clockMilliseconds)}.csv"`);
        expect(answer.headers['cache-control']).toBe('no-store');
        // UTF-8 with a byte order mark, so spreadsheets read the Chinese text.
        expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const [header = [], ...rows] = parseCsv(answer.text.slice(1));
        expect(header).toEqual([...REPORT_EXPORT_COLUMNS, ...REPORT_IDENTITY_COLUMNS]);
        const column = (name: string): number => header.indexOf(name);
        expect(rows.map((row) => row[column('id')]).sort()).toEqual(all.map((report) => report.id).sort());
        const byId = new Map(all.map((report) => [report.id, report]));
        for (const row of rows) {
          const report = byId.get(row[column('id')] ?? '');
          expect(row.length).toBe(header.length);
          expect(row[column('reporter_id')]).toBe(report?.reporterId ?? '');
          expect(row[column('fixed_by_id')]).toBe(report?.fixedById ?? '');
          expect(row[column('status')]).toBe(report?.status);
          expect(Number(row[column('longitude')])).toBe(report?.location[0]);
        }
        const trickyRow = rows.find((row) => row[column('category')] === 'path');
        expect(trickyRow?.[column('description')]).toBe(tricky);
        expect(trickyRow?.[column('facility_id')]).toBe('');
      });

      it('gives the GeoJSON of the reports a district, status and facility filter keep, with fault labels in the language asked for', async () => {
        const all = await storedReports();
        const statuses: ReportStatus[] = ['verified', 'closed'];
        const answer = await send(port, `/api/reports/export.geojson?district=sample&status=${statuses.join(',')}`, { headers: as(admin, false) });
        expect(answer.status, answer.text).toBe(200);
        expect(answer.headers['content-type']).toBe('application/geo+json');
        expect(answer.headers['content-disposition']).toBe(`attachment; filename="reports-sample-${shanghaiDate(clockMilliseconds)}.geojson"`);
        const collection = answer.json as { type: string; features: { id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
        expect(collection.type).toBe('FeatureCollection');
        const kept = all.filter((report) => report.districtId === 'sample' && statuses.includes(report.status));
        expect(kept.length).toBeGreaterThan(pageSize);
        expect(collection.features.map((feature) => feature.id).sort()).toEqual(kept.map((report) => report.id).sort());
        const byId = new Map(all.map((report) => [report.id, report]));
        for (const feature of collection.features) {
          const report = byId.get(feature.id);
          expect(feature.geometry).toEqual({ type: 'Point', coordinates: report?.location });
          expect(feature.properties.reporter_id).toBe(report?.reporterId);
          expect(feature.properties.status).toBe(report?.status);
        }

        const facilityId = all.find((report) => report.status === 'closed')?.facilityId ?? '';
        const english = await send(port, `/api/reports/export.csv?facility=${encodeURIComponent(facilityId)}&lang=en`, { headers: as(reviewer, false) });
        const [header = [], ...rows] = parseCsv(english.text.slice(1));
        expect(rows.map((row) => row[header.indexOf('id')]).sort()).toEqual(all.filter((report) => report.facilityId === facilityId).map((report) => report.id).sort());
        for (const row of rows) {
          const report = byId.get(row[header.indexOf('id')] ?? '');
          expect(row[header.indexOf('fault_label')]).toBe(report ? findFaultCode(report.category, report.faultCode)?.label.en : undefined);
        }
      });

      it('is not mistaken for a report id: the export paths answer as exports, for anyone who may not export too', async () => {
        const anonymous = await send(port, '/api/reports/export.csv');
        expect([anonymous.status, errorCodeOf(anonymous)]).toEqual([401, 'sign_in_required']);
        const head = await send(port, '/api/reports/export.geojson', { method: 'HEAD', headers: as(reviewer, false) });
        expect([head.status, head.headers['content-type'], head.bytes.length]).toEqual([200, 'application/geo+json', 0]);
      });

      it('refuses bad export queries with 400 naming the parameter', async () => {
        const cases: [string, string][] = [
          ['lang=fr', 'invalid_lang'],
          ['limit=10', 'unknown_parameter'],
          ['cursor=abc', 'unknown_parameter'],
          ['status=broken', 'unknown_status'],
          ['district=atlantis', 'unknown_district'],
          ['district=sample&district=sample', 'repeated_parameter'],
        ];
        for (const [query, code] of cases) {
          for (const path of ['/api/reports/export.csv', '/api/reports/export.geojson']) {
            const answer = await send(port, `${path}?${query}`, { headers: as(reviewer, false) });
            expect([answer.status, errorCodeOf(answer)], `${path}?${query}`).toEqual([400, code]);
          }
        }
      });
    });

    describe('facility statuses', () => {
      let repository: Repository;
      let server: Server;
      let port: number;
      let reviewerUser: User;
      const path = '/api/districts/sample/facility-statuses';

      beforeAll(async () => {
        repository = await openStorage(await backend.freshDatabase());
        ({ server, port } = await startServer(repository, catalog, root, now));
        reviewerUser = await repository.createUser(userNamed(`reviewer-${run}`, 'reviewer'));
      });

      afterAll(async () => {
        await stopServer(server);
        await repository.close();
      });

      interface StatusEntry {
        facilityId: string;
        status: string;
        stale: boolean;
        lastVerified: string | null;
        reason: { reportId: string; faultCode: string; expectedFixDate: string | null } | null;
      }

      async function statuses(): Promise<{ statuses: StatusEntry[]; closedFacilityIds: string[] }> {
        const answer = await send(port, path);
        expect(answer.status, answer.text).toBe(200);
        return answer.json as { statuses: StatusEntry[]; closedFacilityIds: string[] };
      }

      /** What a facility without reports shows: the data's status, except a 'working' checked too long ago (or never), which is unknown. */
      function expectedWithoutReports(facility: SampleFacility, today: string): StatusEntry | null {
        if (facility.status !== 'working') return null;
        const stale = facility.lastVerified === null || daysFrom(facility.lastVerified, today) > DEFAULT_STALENESS_RULES.maxAgeDays[facility.category];
        return stale ? { facilityId: facility.id, status: 'unknown', stale: true, lastVerified: facility.lastVerified, reason: null } : null;
      }

      let changes = 0;
      /**
       * When the next change happens: a second after the one before, starting an hour before the
       * clock, so each change is the newest, as when the API stamps changes with its clock.
       */
      const nextChangeAt = (): string => {
        changes += 1;
        return new Date(clockMilliseconds - 3_600_000 + changes * 1000).toISOString();
      };

      /** A report on `facility` filed now, in the given status. */
      async function reportOn(facility: SampleFacility, status: ReportStatus, fields: Partial<Report> = {}): Promise<Report> {
        const filedAt = nextChangeAt();
        const report = reportAt(0, {
          districtId: 'sample', facilityId: facility.id, category: 'toilet', faultCode: 'locked_or_closed', outOfService: true, status,
          expectedFixDate: shanghaiDate(clockMilliseconds + 7 * DAY), createdAt: filedAt, updatedAt: filedAt, ...fields,
        });
        return (await repository.createReport(report, filingOf(report), randomUUID())).report;
      }

      async function move(report: Report, to: ReportStatus): Promise<Report> {
        const at = nextChangeAt();
        const changed: Report = { ...report, status: to, updatedAt: at, ...(to === 'assigned' ? { assignedUnitId: `unit-${run}` } : {}) };
        return repository.updateReport(changed, report.version, { fromStatus: report.status, toStatus: to, actorId: reviewerUser.id, actorRole: 'reviewer', at, note: '' });
      }

      it("lists, without any report, exactly the 'working' facilities whose last check is older than the rules allow or missing, as unknown and stale", async () => {
        const today = shanghaiDate(clockMilliseconds);
        const expected = facilities.map((facility) => expectedWithoutReports(facility, today)).filter((entry): entry is StatusEntry => entry !== null)
          .sort((first, second) => (first.facilityId < second.facilityId ? -1 : 1));
        // The sample has both kinds, and working facilities checked recently enough that are not listed.
        expect(expected.some((entry) => entry.lastVerified === null)).toBe(true);
        expect(expected.some((entry) => entry.lastVerified !== null)).toBe(true);
        expect(expected.length).toBeLessThan(facilities.filter((facility) => facility.status === 'working').length);
        const answer = await send(port, path);
        expect(answer.headers['cache-control']).toBe('no-cache');
        expect(answer.json).toEqual({ districtId: 'sample', generatedAt: new Date(clockMilliseconds).toISOString(), statuses: expected, closedFacilityIds: [] });
      });

      it('puts a facility out of service with the reason once a report is verified, not while submitted, until the report is closed, which counts as a check on site', async () => {
        const today = shanghaiDate(clockMilliseconds);
        // A toilet the data says works and was checked recently: it is not listed while nothing is reported.
        const toilet = facilities.filter((facility) => facility.category === 'toilet' && facility.status === 'working' && expectedWithoutReports(facility, today) === null)
          .sort((first, second) => ((first.lastVerified ?? '') < (second.lastVerified ?? '') ? 1 : -1))[0];
        if (!toilet) throw new Error('the sample has no working toilet checked recently enough');
        const entryOf = async (facilityId: string): Promise<StatusEntry | undefined> => (await statuses()).statuses.find((entry) => entry.facilityId === facilityId);

        let report = await reportOn(toilet, 'submitted');
        expect(await entryOf(toilet.id)).toBeUndefined();
        report = await move(report, 'verified');
        expect(await entryOf(toilet.id)).toEqual({
          facilityId: toilet.id, status: 'out_of_service', stale: false, lastVerified: toilet.lastVerified,
          reason: { reportId: report.id, faultCode: report.faultCode, expectedFixDate: report.expectedFixDate },
        });
        expect((await statuses()).closedFacilityIds).toEqual([toilet.id]);
        for (const step of ['assigned', 'in_progress', 'fixed'] as const) {
          report = await move(report, step);
          expect((await entryOf(toilet.id))?.status, step).toBe('out_of_service');
        }
        report = await move(report, 'closed');
        expect(await entryOf(toilet.id)).toBeUndefined();
        expect((await statuses()).closedFacilityIds).toEqual([]);

        // A working facility never checked is unknown until a report on it is closed, which needs a re-inspection on site.
        const neverChecked = facilities.find((facility) => facility.status === 'working' && facility.lastVerified === null);
        if (!neverChecked) throw new Error('the sample has no working facility that was never checked');
        expect(await entryOf(neverChecked.id)).toMatchObject({ status: 'unknown', stale: true, lastVerified: null });
        let closing = await reportOn(neverChecked, 'fixed', { outOfService: false });
        closing = await move(closing, 'closed');
        expect(shanghaiDate(Date.parse(closing.updatedAt))).toBe(today);
        expect(await entryOf(neverChecked.id)).toBeUndefined();
      });

      it('answers 304 to If-None-Match while nothing changed, and a new ETag after a report changes or a day passes', async () => {
        const first = await send(port, path);
        const etag = first.headers.etag ?? '';
        expect(etag).toMatch(/^W\/"[^"]+"$/);
        for (const header of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
          const again = await send(port, path, { headers: { 'If-None-Match': header } });
          expect([again.status, again.bytes.length, again.headers.etag, again.headers['cache-control']], header).toEqual([304, 0, etag, 'no-cache']);
        }
        expect((await send(port, path, { headers: { 'If-None-Match': 'W/"other"' } })).status).toBe(200);

        const elsewhere = reportAt(0, { districtId: `elsewhere-${run}`, createdAt: new Date(clockMilliseconds).toISOString(), updatedAt: new Date(clockMilliseconds).toISOString() });
        await repository.createReport(elsewhere, filingOf(elsewhere), randomUUID());
        expect((await send(port, path, { headers: { 'If-None-Match': etag } })).status).toBe(304);

        const facility = facilities.find((candidate) => candidate.category === 'toilet') as SampleFacility;
        const report = await reportOn(facility, 'submitted');
        const afterFiling = await send(port, path, { headers: { 'If-None-Match': etag } });
        expect(afterFiling.status).toBe(200);
        const filedTag = afterFiling.headers.etag ?? '';
        expect(filedTag).not.toBe(etag);
        // A change in the same millisecond as the newest still changes the tag, also when the
        // storage's newest (by time, then id, descending) is still the other report.
        const sameInstant = await reportOn(facility, 'submitted', { id: `00000000-${randomUUID().slice(9)}`, createdAt: report.updatedAt, updatedAt: report.updatedAt });
        expect(sameInstant.updatedAt).toBe(report.updatedAt);
        expect((await repository.listReports({ districtId: 'sample', order: 'newest_first', limit: 1 })).reports[0]?.id).toBe(report.id);
        const afterSameInstant = await send(port, path, { headers: { 'If-None-Match': filedTag } });
        expect(afterSameInstant.status).toBe(200);
        const sameInstantTag = afterSameInstant.headers.etag ?? '';
        await move(report, 'verified');
        const afterVerifying = await send(port, path, { headers: { 'If-None-Match': sameInstantTag } });
        expect(afterVerifying.status).toBe(200);
        const verifiedTag = afterVerifying.headers.etag ?? '';
        try {
          // Half an hour into the next day in Shanghai, which is still the same day in UTC.
          clockMilliseconds = Date.parse(`${shanghaiDate(clockStart)}T00:30:00+08:00`) + DAY;
          expect(shanghaiDate(clockMilliseconds)).not.toBe(shanghaiDate(clockStart));
          expect((await send(port, path, { headers: { 'If-None-Match': verifiedTag } })).status).toBe(200);
        } finally {
          clockMilliseconds = clockStart;
        }
      });

      it('answers 404 JSON for a district it does not have', async () => {
        const answer = await send(port, '/api/districts/atlantis/facility-statuses');
        expect([answer.status, errorCodeOf(answer), answer.headers['content-type']]).toEqual([404, 'district_not_found', 'application/json']);
      });
    });
  });
}
