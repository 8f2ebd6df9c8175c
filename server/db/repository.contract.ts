// The one behaviour suite every storage backend must pass: sqlite.test.ts and postgres.test.ts
// register it with their own fresh databases. Expectations come from the inputs each test writes
// (filters are checked against a plain Array#filter of the reports created), never from the
// storage under test.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BoundingBox } from '../../src/domain/facilities/model.ts';
import {
  MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES, REPORT_CATEGORIES, REPORT_STATUSES, ROLES,
  type Report, type ReportPhoto, type ReportStatus, type User,
} from '../../src/domain/reports/model.ts';
import { defaultMigrationsDirectory, readMigrations } from './migrations.ts';
import { filingOf, moved, reportAt, userNamed } from './report-fixtures.ts';
import {
  InvalidStorageInput, MigrationError, PhotoLimitReached, ReportNotFound, UsernameTaken, VersionConflict,
  type ReportFilter, type Repository, type StorageBackend,
} from './repository.ts';
import { openStorage, type StorageOptions } from './storage.ts';

export interface ContractBackend {
  name: StorageBackend;
  /** Options for openStorage that point at a new, empty database. */
  freshDatabase(): Promise<StorageOptions>;
  /** Removes every database freshDatabase made. */
  cleanUp(): Promise<void>;
}

const repositoryRoot = resolve(import.meta.dirname, '..', '..');

/** Every report of a listing, following nextCursor to the end. */
async function listAll(repository: Repository, filter: ReportFilter): Promise<Report[]> {
  const reports: Report[] = [];
  let cursor: string | null = null;
  do {
    const page = await repository.listReports({ ...filter, cursor });
    reports.push(...page.reports);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return reports;
}

function byUpdateThenId(first: Report, second: Report): number {
  if (first.updatedAt !== second.updatedAt) return first.updatedAt < second.updatedAt ? -1 : 1;
  return first.id < second.id ? -1 : first.id > second.id ? 1 : 0;
}

function photoOf(bytes: Uint8Array, mediaType: ReportPhoto['mediaType'] = 'image/jpeg'): ReportPhoto {
  return { id: randomUUID(), mediaType, byteLength: bytes.byteLength };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function describeRepositoryContract(backend: ContractBackend): void {
  describe(`the ${backend.name} repository`, () => {
    const opened: Repository[] = [];
    const temporaryFolders: string[] = [];
    let shared: StorageOptions;
    let repository: Repository;
    let inspector: User;
    let secondInspector: User;
    let reviewer: User;
    let unitAccount: User;

    async function open(options: StorageOptions): Promise<Repository> {
      const opening = await openStorage(options);
      opened.push(opening);
      return opening;
    }

    function migrationsCopy(): string {
      const folder = mkdtempSync(join(tmpdir(), 'bfmap-migrations-'));
      temporaryFolders.push(folder);
      cpSync(defaultMigrationsDirectory(backend.name), folder, { recursive: true });
      return folder;
    }

    /** A district id no other test uses, so listings in the shared database see only this test's reports. */
    function districtOfThisTest(label: string): string {
      return `${label}-${randomUUID()}`;
    }

    async function file(report: Report, key = randomUUID()): Promise<Report> {
      return (await repository.createReport(report, filingOf(report), key)).report;
    }

    beforeAll(async () => {
      shared = await backend.freshDatabase();
      repository = await open(shared);
      inspector = await repository.createUser(userNamed(`inspector-${randomUUID()}`, 'inspector', { displayName: '王芳（督导员）' }));
      secondInspector = await repository.createUser(userNamed(`inspector-${randomUUID()}`, 'inspector'));
      reviewer = await repository.createUser(userNamed(`reviewer-${randomUUID()}`, 'reviewer'));
      unitAccount = await repository.createUser(userNamed(`unit-${randomUUID()}`, 'responsible_unit', { unitId: '黄浦区建管委' }));
    });

    afterAll(async () => {
      for (const each of opened) await each.close();
      await backend.cleanUp();
      for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
    });

    describe('migrations', () => {
      it('applies every migration file once on a new database, and nothing when opened again', async () => {
        const files = readMigrations(defaultMigrationsDirectory(backend.name));
        const options = await backend.freshDatabase();
        const first = await open(options);
        const applied = await first.migrationStatus();
        expect(applied.map(({ version, name, checksum }) => ({ version, name, checksum })))
          .toEqual(files.map(({ version, name, checksum }) => ({ version, name, checksum })));
        await first.close();
        const second = await open(options);
        expect(await second.migrationStatus()).toEqual(applied);
      });

      it('applies them once when three app servers open a new database at the same moment', async () => {
        const options = await backend.freshDatabase();
        const servers = await Promise.all([open(options), open(options), open(options)]);
        const statuses = await Promise.all(servers.map((server) => server.migrationStatus()));
        const fileCount = readMigrations(defaultMigrationsDirectory(backend.name)).length;
        for (const status of statuses) {
          expect(status).toHaveLength(fileCount);
          expect(status).toEqual(statuses[0]);
        }
      });

      it('refuses to open a database whose applied migration file was edited, naming the file, and changes nothing', async () => {
        const migrationsDirectory = migrationsCopy();
        const options = { ...(await backend.freshDatabase()), migrationsDirectory };
        const first = await open(options);
        const applied = await first.migrationStatus();
        await first.close();
        const edited = readMigrations(migrationsDirectory)[0];
        if (!edited) throw new Error('no migration file to edit');
        appendFileSync(join(migrationsDirectory, edited.fileName), '\n-- edited after it was applied\n');
        const refusal = openStorage(options);
        await expect(refusal).rejects.toThrow(MigrationError);
        await expect(refusal).rejects.toThrow(new RegExp(`${edited.fileName} changed after it was applied`));
        const untouched = await open({ ...options, migrationsDirectory: defaultMigrationsDirectory(backend.name) });
        expect(await untouched.migrationStatus()).toEqual(applied);
      });

      it('refuses a database migrated by newer code, whose applied migration has no file here', async () => {
        const migrationsDirectory = migrationsCopy();
        const files = readMigrations(migrationsDirectory);
        const newer = `${String(files.length + 1).padStart(4, '0')}-from-the-future.sql`;
        writeFileSync(join(migrationsDirectory, newer), 'CREATE TABLE from_the_future (id integer PRIMARY KEY);\n');
        const options = await backend.freshDatabase();
        const newerServer = await open({ ...options, migrationsDirectory });
        expect((await newerServer.migrationStatus()).map((migration) => migration.name)).toContain('from-the-future');
        await newerServer.close();
        await expect(openStorage(options)).rejects.toThrow(/migrated by a newer version/);
      });
    });

    describe('reports', () => {
      it('stores a report and its filing event as given, Chinese text and emoji included', async () => {
        const report = reportAt(0, {
          districtId: districtOfThisTest('round-trip'),
          reporterId: inspector.id,
          category: 'kerb_ramp',
          faultCode: 'lip_too_high',
          severity: 2,
          permanence: 'permanent',
          description: '缘石坡道与车行道之间有约 25 mm 的高差，轮椅前轮会卡住 ♿️；路口东北角。',
          measurements: [{ name: 'kerb_lip_height', value: 25, unit: 'mm' }, { name: 'slope', value: 8.5, unit: '%' }],
          outOfService: false,
        });
        const event = filingOf(report, '现场测量：高差 25 毫米');
        const result = await repository.createReport(report, event, randomUUID());
        expect(result.created).toBe(true);
        expect(result.report).toEqual(report);
        expect(await repository.getReport(report.id)).toEqual(report);
        expect(await repository.listEvents(report.id)).toEqual([{ ...event, reportId: report.id, sequence: 1 }]);
      });

      it('keeps unknown values unknown: no facility, fix date, reporter or unit comes back as null', async () => {
        const report = reportAt(1, { facilityId: null, expectedFixDate: null, reporterId: null, assignedUnitId: null, category: 'information', faultCode: 'facility_missing' });
        const stored = await file(report);
        expect([stored.facilityId, stored.expectedFixDate, stored.reporterId, stored.assignedUnitId, stored.fixedById]).toEqual([null, null, null, null, null]);
      });

      it('stores every status, category and event role of the model', async () => {
        for (const [index, status] of REPORT_STATUSES.entries()) {
          const report = reportAt(index, { status, category: REPORT_CATEGORIES[index % REPORT_CATEGORIES.length] });
          expect((await file(report)).status).toBe(status);
        }
        for (const category of REPORT_CATEGORIES) expect((await file(reportAt(2, { category }))).category).toBe(category);
        for (const role of ROLES) {
          const report = reportAt(3);
          await repository.createReport(report, { ...filingOf(report), actorRole: role }, randomUUID());
          expect((await repository.listEvents(report.id))[0]?.actorRole).toBe(role);
        }
      });

      it('refuses a status outside the model and stores nothing', async () => {
        const report = reportAt(4, { status: 'fine' as ReportStatus });
        await expect(repository.createReport(report, filingOf(report), randomUUID())).rejects.toThrow();
        expect(await repository.getReport(report.id)).toBeNull();
      });

      it('refuses a report naming a reporter who does not exist, saying so', async () => {
        const report = reportAt(5, { reporterId: randomUUID() });
        await expect(repository.createReport(report, filingOf(report), randomUUID())).rejects.toThrow(/does not exist/);
        expect(await repository.getReport(report.id)).toBeNull();
      });

      it('refuses a filing event that does not end at the report status, and a time that is not UTC ISO', async () => {
        const report = reportAt(6);
        await expect(repository.createReport(report, { ...filingOf(report), toStatus: 'verified' }, randomUUID())).rejects.toThrow(InvalidStorageInput);
        await expect(repository.createReport({ ...report, updatedAt: '2026-11-30 08:00' }, filingOf(report), randomUUID())).rejects.toThrow(/updatedAt must be a UTC date-time/);
        expect(await repository.getReport(report.id)).toBeNull();
      });

      it('files one report for twenty concurrent submissions with one idempotency key', async () => {
        const districtId = districtOfThisTest('idempotent');
        const key = randomUUID();
        const attempts = Array.from({ length: 20 }, (_, index) => reportAt(index, { districtId }));
        const results = await Promise.all(attempts.map((report) => repository.createReport(report, filingOf(report), key)));
        const winner = results.find((result) => result.created);
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(new Set(results.map((result) => result.report.id))).toEqual(new Set([winner?.report.id]));
        expect(attempts.map((attempt) => attempt.id)).toContain(winner?.report.id);
        expect((await listAll(repository, { districtId })).map((report) => report.id)).toEqual([winner?.report.id]);
        expect(await repository.listEvents(winner?.report.id ?? '')).toHaveLength(1);
      });

      it('files one report when two app servers race with one idempotency key', async () => {
        const secondServer = await open(shared);
        const districtId = districtOfThisTest('idempotent-servers');
        const key = randomUUID();
        const attempts = Array.from({ length: 20 }, (_, index) => reportAt(index, { districtId }));
        const results = await Promise.all(attempts.map((report, index) => (index % 2 === 0 ? repository : secondServer).createReport(report, filingOf(report), key)));
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(await listAll(repository, { districtId })).toHaveLength(1);
      });

      it('answers a retry with the first report unchanged, even if the retry carries other text', async () => {
        const key = randomUUID();
        const first = reportAt(7);
        await repository.createReport(first, filingOf(first), key);
        const retry = { ...reportAt(8), description: '重试时改了描述' };
        const result = await repository.createReport(retry, filingOf(retry), key);
        expect(result).toEqual({ report: first, created: false });
        expect(await repository.getReport(retry.id)).toBeNull();
      });

      it('finds a report by the idempotency key it was filed with, and nothing by a key never used', async () => {
        const key = randomUUID();
        const report = reportAt(9);
        await repository.createReport(report, filingOf(report), key);
        expect(await repository.findReportByIdempotencyKey(key)).toEqual(report);
        expect(await repository.findReportByIdempotencyKey(randomUUID())).toBeNull();
      });

      it('lets exactly one of two updates from the same version win; the other gets VersionConflict', async () => {
        const secondServer = await open(shared);
        const filed = await file(reportAt(9));
        const verify = moved(filed, 'verified', reviewer, '现场核实：电梯确实停用');
        const reject = moved(filed, 'rejected', secondInspector, '电梯正常运行');
        const outcomes = await Promise.allSettled([
          repository.updateReport(verify.report, 1, verify.event),
          secondServer.updateReport(reject.report, 1, reject.event),
        ]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect([won.length, lost.length]).toEqual([1, 1]);
        const refusal = lost[0]?.reason as unknown;
        expect(refusal).toBeInstanceOf(VersionConflict);
        expect(refusal).toMatchObject({ reportId: filed.id, expectedVersion: 1, actualVersion: 2 });
        const stored = await repository.getReport(filed.id);
        const events = await repository.listEvents(filed.id);
        expect(stored?.version).toBe(2);
        expect(events).toHaveLength(2);
        expect(events[1]?.toStatus).toBe(stored?.status);
        expect(['verified', 'rejected']).toContain(stored?.status);
      });

      it('refuses an update naming an old version and leaves report and history as they were', async () => {
        const filed = await file(reportAt(10));
        const verify = moved(filed, 'verified', reviewer, '核实');
        const verified = await repository.updateReport(verify.report, 1, verify.event);
        const stale = moved(filed, 'rejected', reviewer, '过期的页面上点了驳回');
        await expect(repository.updateReport(stale.report, 1, stale.event)).rejects.toThrow(VersionConflict);
        expect(await repository.getReport(filed.id)).toEqual(verified);
        expect(await repository.listEvents(filed.id)).toHaveLength(2);
      });

      it('records the whole loop from submitted to closed in order, with who and when', async () => {
        let report = await file(reportAt(11, { reporterId: inspector.id }));
        const steps: Array<[ReportStatus, User, string, Partial<Report>]> = [
          ['verified', reviewer, '复核属实', {}],
          ['assigned', reviewer, '转交责任单位', { assignedUnitId: '黄浦区建管委' }],
          ['in_progress', unitAccount, '已安排维修', {}],
          ['fixed', unitAccount, '更换了电梯主板', { fixedById: unitAccount.id, outOfService: false }],
          ['closed', secondInspector, '复查：电梯运行正常', {}],
        ];
        for (const [toStatus, actor, note, fields] of steps) {
          const step = moved(report, toStatus, actor, note, fields);
          report = await repository.updateReport(step.report, report.version, step.event);
        }
        const events = await repository.listEvents(report.id);
        expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(events.map((event) => event.toStatus)).toEqual(['submitted', ...steps.map(([toStatus]) => toStatus)]);
        expect(events.slice(1).map((event) => event.actorId)).toEqual(steps.map(([, actor]) => actor.id));
        events.slice(1).forEach((event, index) => expect(event.fromStatus).toBe(events[index]?.toStatus));
        expect(events.map((event) => event.at)).toEqual([...events.map((event) => event.at)].sort());
        expect(report).toMatchObject({ status: 'closed', version: steps.length + 1, assignedUnitId: '黄浦区建管委', fixedById: unitAccount.id, outOfService: false });
        expect(await repository.getReport(report.id)).toEqual(report);
      });

      it('refuses an event that does not start from the stored status, writing nothing', async () => {
        const filed = await file(reportAt(12));
        const step = moved(filed, 'verified', reviewer, '核实');
        await expect(repository.updateReport(step.report, 1, { ...step.event, fromStatus: 'assigned' })).rejects.toThrow(/stored status "submitted"/);
        expect(await repository.getReport(filed.id)).toEqual(filed);
        expect(await repository.listEvents(filed.id)).toHaveLength(1);
      });

      it('refuses to update a report that does not exist, or to change who filed one', async () => {
        const never = reportAt(13);
        const step = moved(never, 'verified', reviewer, '核实');
        await expect(repository.updateReport(step.report, 1, step.event)).rejects.toThrow(ReportNotFound);
        const filed = await file(reportAt(14));
        const hijack = moved(filed, 'verified', reviewer, '核实', { reporterId: reviewer.id });
        await expect(repository.updateReport(hijack.report, 1, hijack.event)).rejects.toThrow(/reporterId cannot change/);
        expect(await repository.getReport(filed.id)).toEqual(filed);
      });
    });

    describe('listing', () => {
      const districtA = `list-a-${randomUUID()}`;
      const districtB = `list-b-${randomUUID()}`;
      const facilities = [`list-facility-1-${randomUUID()}`, `list-facility-2-${randomUUID()}`];
      const units = ['黄浦区建管委', '外滩街道办'];
      const statuses: ReportStatus[] = ['submitted', 'verified', 'assigned', 'fixed', 'closed', 'rejected'];
      let created: Report[] = [];

      beforeAll(async () => {
        const inputs = Array.from({ length: 36 }, (_, index) => reportAt(
          // Every third report shares its time with the one before, so ties are broken by id.
          index - (index % 3 === 2 ? 1 : 0),
          {
            districtId: index % 4 === 3 ? districtB : districtA,
            status: statuses[Math.floor(index / 2) % statuses.length],
            facilityId: index % 5 === 0 ? null : facilities[index % 2] ?? null,
            assignedUnitId: index % 3 === 0 ? units[index % 2] ?? null : null,
            location: [121.40 + (index % 6) * 0.02, 31.20 + Math.floor(index / 6) * 0.01],
            outOfService: index % 7 < 3,
          },
        ));
        created = [];
        for (const input of inputs) created.push(await file(input));
      });

      const inBox = (report: Report): boolean => report.location[0] >= 121.42 && report.location[0] <= 121.46 && report.location[1] >= 31.21 && report.location[1] <= 31.23;
      /** Each filter with the plain test of a report it stands for; `since` is the time of a district B report, so the boundary is tested. */
      const filterCases: Array<{ label: string; filter: (since: string) => ReportFilter; keep: (report: Report, since: string) => boolean }> = [
        { label: 'a district', filter: () => ({ districtId: districtA }), keep: (report) => report.districtId === districtA },
        {
          label: 'two statuses', filter: () => ({ districtId: districtA, statuses: ['verified', 'closed'] }),
          keep: (report) => report.districtId === districtA && ['verified', 'closed'].includes(report.status),
        },
        { label: 'a facility', filter: () => ({ facilityId: facilities[0] }), keep: (report) => report.facilityId === facilities[0] },
        {
          label: 'a responsible unit with its open statuses', filter: () => ({ districtId: districtA, assignedUnitId: units[0], statuses: ['assigned', 'fixed'] }),
          keep: (report) => report.districtId === districtA && report.assignedUnitId === units[0] && ['assigned', 'fixed'].includes(report.status),
        },
        {
          label: 'open faults that put a facility out of service', filter: () => ({ districtId: districtA, statuses: ['verified', 'assigned'], outOfService: true }),
          keep: (report) => report.districtId === districtA && ['verified', 'assigned'].includes(report.status) && report.outOfService,
        },
        {
          label: 'a bounding box, edges included', filter: () => ({ districtId: districtA, boundingBox: [121.42, 31.21, 121.46, 31.23] }),
          keep: (report) => report.districtId === districtA && inBox(report),
        },
        {
          label: 'updated since an instant, inclusive', filter: (since) => ({ districtId: districtB, updatedSince: since }),
          keep: (report, since) => report.districtId === districtB && report.updatedAt >= since,
        },
      ];

      for (const { label, filter, keep } of filterCases) {
        it(`finds exactly the reports of ${label}, oldest first, across pages`, async () => {
          const since = created.filter((report) => report.districtId === districtB)[3]?.updatedAt ?? '';
          const expected = created.filter((report) => keep(report, since)).sort(byUpdateThenId).map((report) => report.id);
          expect(expected.length).toBeGreaterThan(0);
          expect((await listAll(repository, { ...filter(since), limit: 4 })).map((report) => report.id)).toEqual(expected);
        });
      }

      it('walks every report of a district in pages of 5 both ways, without loss or repeat', async () => {
        const expected = created.filter((report) => report.districtId === districtA).sort(byUpdateThenId).map((report) => report.id);
        const oldestFirst = await listAll(repository, { districtId: districtA, limit: 5 });
        const newestFirst = await listAll(repository, { districtId: districtA, limit: 5, order: 'newest_first' });
        expect(oldestFirst.map((report) => report.id)).toEqual(expected);
        expect(newestFirst.map((report) => report.id)).toEqual([...expected].reverse());
        const firstPage = await repository.listReports({ districtId: districtA, limit: 5 });
        expect(firstPage.reports).toHaveLength(5);
        expect(firstPage.nextCursor).not.toBeNull();
        const wholePage = await repository.listReports({ districtId: districtA, limit: expected.length });
        expect(wholePage.nextCursor).toBeNull();
      });

      it('matches nothing for an empty status list', async () => {
        expect((await repository.listReports({ districtId: districtA, statuses: [] })).reports).toEqual([]);
      });

      it('finds reports on both sides of the antimeridian with a box that crosses it', async () => {
        const districtId = districtOfThisTest('antimeridian');
        const east = await file(reportAt(20, { districtId, location: [179.5, 0] }));
        const west = await file(reportAt(21, { districtId, location: [-179.5, 0] }));
        await file(reportAt(22, { districtId, location: [0, 0] }));
        const box: BoundingBox = [179, -1, -179, 1];
        expect((await listAll(repository, { districtId, boundingBox: box })).map((report) => report.id)).toEqual([east.id, west.id]);
      });

      it('refuses a forged cursor, a cursor of the other order, a zero limit and a local time, saying what is wrong', async () => {
        await expect(repository.listReports({ cursor: 'not-a-cursor' })).rejects.toThrow(/not one this server issued/);
        const page = await repository.listReports({ districtId: districtA, limit: 2 });
        await expect(repository.listReports({ districtId: districtA, cursor: page.nextCursor, order: 'newest_first' })).rejects.toThrow(/belongs to the order oldest_first/);
        await expect(repository.listReports({ limit: 0 })).rejects.toThrow(/limit must be a whole number/);
        await expect(repository.listReports({ updatedSince: '2026-11-30T08:00:00+08:00' })).rejects.toThrow(InvalidStorageInput);
      });
    });

    describe('photos', () => {
      it('round-trips the bytes and metadata of each photo, in the order given', async () => {
        const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(3000)]);
        const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1500)]);
        const photos = [photoOf(jpeg, 'image/jpeg'), photoOf(png, 'image/png')];
        const report = reportAt(30, { photos });
        const [firstPhoto, secondPhoto] = photos;
        if (!firstPhoto || !secondPhoto) throw new Error('two photos expected');
        const { report: stored } = await repository.createReport(report, filingOf(report), randomUUID(), new Map([[firstPhoto.id, jpeg], [secondPhoto.id, png]]));
        expect(stored.photos).toEqual(photos);
        const storedJpeg = await repository.getPhotoBytes(report.id, firstPhoto.id);
        const storedPng = await repository.getPhotoBytes(report.id, secondPhoto.id);
        expect(storedJpeg?.photo).toEqual(firstPhoto);
        expect(Buffer.from(storedJpeg?.bytes ?? []).equals(Buffer.from(jpeg))).toBe(true);
        expect(Buffer.from(storedPng?.bytes ?? []).equals(png)).toBe(true);
      });

      it('keeps a photo of the largest allowed size byte for byte', async () => {
        const bytes = randomBytes(MAX_PHOTO_BYTES);
        const filed = await file(reportAt(31));
        const photo = photoOf(bytes, 'image/webp');
        await repository.addPhoto(filed.id, photo, bytes);
        const stored = await repository.getPhotoBytes(filed.id, photo.id);
        expect(stored?.bytes.byteLength).toBe(MAX_PHOTO_BYTES);
        expect(sha256(stored?.bytes ?? new Uint8Array())).toBe(sha256(bytes));
      });

      it(`takes at most ${MAX_PHOTOS_PER_REPORT} photos per report, even when additions race`, async () => {
        const filed = await file(reportAt(32));
        const attempts = Array.from({ length: MAX_PHOTOS_PER_REPORT + 2 }, () => randomBytes(100));
        const outcomes = await Promise.allSettled(attempts.map((bytes) => repository.addPhoto(filed.id, photoOf(bytes), bytes)));
        const refusals = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason as unknown);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(MAX_PHOTOS_PER_REPORT);
        expect(refusals).toHaveLength(2);
        for (const refusal of refusals) expect(refusal).toBeInstanceOf(PhotoLimitReached);
        expect((await repository.getReport(filed.id))?.photos).toHaveLength(MAX_PHOTOS_PER_REPORT);
      });

      it('refuses a photo whose byteLength does not match its bytes, or one for a report that does not exist', async () => {
        const filed = await file(reportAt(33));
        const bytes = randomBytes(64);
        await expect(repository.addPhoto(filed.id, { ...photoOf(bytes), byteLength: 65 }, bytes)).rejects.toThrow(/byteLength says 65 but 64 bytes/);
        await expect(repository.addPhoto(randomUUID(), photoOf(bytes), bytes)).rejects.toThrow(ReportNotFound);
        expect((await repository.getReport(filed.id))?.photos).toEqual([]);
      });

      it('finds no photo by an unknown id, nor through a report it does not belong to', async () => {
        const bytes = randomBytes(32);
        const photo = photoOf(bytes);
        const report = reportAt(34, { photos: [photo] });
        await repository.createReport(report, filingOf(report), randomUUID(), new Map([[photo.id, bytes]]));
        const other = await file(reportAt(35));
        expect(await repository.getPhotoBytes(report.id, randomUUID())).toBeNull();
        expect(await repository.getPhotoBytes(other.id, photo.id)).toBeNull();
      });
    });

    describe('users and sessions', () => {
      it('treats usernames that differ only in width or case as one, and finds the account either way', async () => {
        const suffix = randomUUID().slice(0, 8);
        const user = await repository.createUser(userNamed(`li.ming.${suffix}`, 'inspector', { displayName: '李明' }));
        const fullWidthUpperCase = `ＬＩ.ＭＩＮＧ.${suffix}`;
        expect(await repository.findUserByUsername(fullWidthUpperCase)).toEqual(user);
        await expect(repository.createUser(userNamed(fullWidthUpperCase, 'inspector'))).rejects.toThrow(UsernameTaken);
        expect(user.displayName).toBe('李明');
        expect(await repository.getUser(user.id)).toEqual(user);
      });

      it('lists users by role and unit, ordered by username', async () => {
        const unitId = `unit-${randomUUID()}`;
        const names = ['zhang', 'an', 'mei'].map((name) => `${name}-${unitId}`);
        for (const name of names) await repository.createUser(userNamed(name, 'responsible_unit', { unitId }));
        await repository.createUser(userNamed(`other-${unitId}`, 'inspector'));
        expect((await repository.listUsers({ unitId })).map((user) => user.username)).toEqual([...names].sort());
        const inspectors = await repository.listUsers({ role: 'inspector' });
        expect(inspectors.every((user) => user.role === 'inspector')).toBe(true);
        expect(inspectors.map((user) => user.id)).toEqual(expect.arrayContaining([inspector.id, secondInspector.id]));
      });

      it('returns a session until it expires and not from that instant on', async () => {
        const user = await repository.createUser(userNamed(`session-${randomUUID()}`, 'reviewer'));
        const expiresAt = '2026-12-01T00:00:00.000Z';
        const session = await repository.createSession({ tokenHash: randomUUID(), userId: user.id, csrfTokenHash: randomUUID(), expiresAt });
        expect(await repository.getSession(session.tokenHash, new Date(Date.parse(expiresAt) - 1))).toEqual(session);
        expect(await repository.getSession(session.tokenHash, new Date(expiresAt))).toBeNull();
        expect(await repository.deleteSession(session.tokenHash)).toBe(true);
        expect(await repository.deleteSession(session.tokenHash)).toBe(false);
      });

      it('deletes expired sessions only, and counts them', async () => {
        const alone = await open(await backend.freshDatabase());
        const user = await alone.createUser(userNamed('expiry', 'inspector'));
        const now = new Date('2026-12-01T00:00:00.000Z');
        const expiries = ['2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.001Z', '2026-12-02T00:00:00.000Z'];
        const sessions = await Promise.all(expiries.map((expiresAt) => alone.createSession({ tokenHash: randomUUID(), userId: user.id, csrfTokenHash: randomUUID(), expiresAt })));
        const expired = sessions.filter((session) => session.expiresAt <= now.toISOString());
        expect(await alone.deleteExpiredSessions(now)).toBe(expired.length);
        for (const session of sessions) {
          const live = session.expiresAt > now.toISOString();
          expect(await alone.getSession(session.tokenHash, new Date(0)) !== null).toBe(live);
        }
      });

      it('ends every session of an account when it is disabled', async () => {
        const user = await repository.createUser(userNamed(`disable-${randomUUID()}`, 'inspector'));
        const future = '2099-01-01T00:00:00.000Z';
        const sessions = await Promise.all([1, 2].map(() => repository.createSession({ tokenHash: randomUUID(), userId: user.id, csrfTokenHash: randomUUID(), expiresAt: future })));
        expect((await repository.disableUser(user.id))?.disabled).toBe(true);
        for (const session of sessions) expect(await repository.getSession(session.tokenHash)).toBeNull();
        expect((await repository.getUser(user.id))?.disabled).toBe(true);
        expect(await repository.disableUser(randomUUID())).toBeNull();
      });

      it('refuses a session for an account that does not exist', async () => {
        await expect(repository.createSession({ tokenHash: randomUUID(), userId: randomUUID(), csrfTokenHash: randomUUID(), expiresAt: '2099-01-01T00:00:00.000Z' }))
          .rejects.toThrow(/does not exist/);
      });
    });

    describe('rate limits', () => {
      it('counts twenty concurrent hits in one window as 1 to 20, and starts again at 1 in the next window', async () => {
        const bucket = `sign-in:${randomUUID()}`;
        const windowMilliseconds = 60_000;
        const now = new Date('2026-11-30T08:00:30.000Z');
        const counts = await Promise.all(Array.from({ length: 20 }, () => repository.countRateLimitHit(bucket, windowMilliseconds, now)));
        expect([...counts].sort((first, second) => first - second)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
        expect(await repository.countRateLimitHit(bucket, windowMilliseconds, new Date(now.getTime() + windowMilliseconds))).toBe(1);
      });

      it('forgets ended windows when told to, and keeps the current one', async () => {
        const bucket = `report:${randomUUID()}`;
        const windowMilliseconds = 60_000;
        const ended = new Date('2026-11-30T08:00:10.000Z');
        const current = new Date(ended.getTime() + windowMilliseconds);
        await repository.countRateLimitHit(bucket, windowMilliseconds, ended);
        await repository.countRateLimitHit(bucket, windowMilliseconds, ended);
        await repository.countRateLimitHit(bucket, windowMilliseconds, current);
        expect(await repository.deleteExpiredRateLimits(current)).toBeGreaterThanOrEqual(1);
        expect(await repository.countRateLimitHit(bucket, windowMilliseconds, ended)).toBe(1);
        expect(await repository.countRateLimitHit(bucket, windowMilliseconds, current)).toBe(2);
      });
    });

    describe('durability', () => {
      it('loses no acknowledged report when the writer is killed with SIGKILL mid-burst', async () => {
        const districtId = districtOfThisTest('burst');
        const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'burst-writer.ts'), JSON.stringify(shared), districtId], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        let errors = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => { errors += chunk; });
        const exited = new Promise<NodeJS.Signals | null>((resolvePromise) => child.on('exit', (_code, signal) => resolvePromise(signal)));
        const enough = 300;
        await new Promise<void>((resolvePromise, reject) => {
          const giveUp = setTimeout(() => reject(new Error(`the writer acknowledged ${output.split('\n').length - 2} reports in 15 s; stderr: ${errors}`)), 15_000);
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            output += chunk;
            if (output.split('\n').length - 2 >= enough) {
              clearTimeout(giveUp);
              child.kill('SIGKILL');
              resolvePromise();
            }
          });
          child.on('exit', () => reject(new Error(`the writer exited on its own; stderr: ${errors}`)));
        });
        expect(await exited).toBe('SIGKILL');
        // Only complete lines were acknowledged; a line cut by the kill is not.
        const acknowledged = output.split('\n').slice(1, -1);
        expect(acknowledged.length).toBeGreaterThanOrEqual(enough);
        const storedIds = new Set((await listAll(repository, { districtId, limit: 1000 })).map((report) => report.id));
        expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
        // At most the report being committed when the kill came is stored without having been printed.
        expect(storedIds.size - acknowledged.length).toBeLessThanOrEqual(1);
      }, 30_000);
    });
  });
}
