// The staff client against the real server (SQLite in a temporary folder) over real HTTP, signed in
// with a fetch that keeps the session cookie. Expectations come from the core's transition table and
// permission matrix and from the storage, not from the client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, availableTransitions, may, type Actor, type Role } from '../../domain/reports/index.ts';
import { fileReport } from '../../api/reports-client.ts';
import { signIn } from '../../api/session-client.ts';
import { REPOSITORY_DATA_FOLDER, startTestApiServer, type TestApiServer } from '../../api/test-api-server.ts';
import { hashPassword } from '../../../server/api/passwords.ts';
import { userNamed } from '../../../server/db/report-fixtures.ts';
import { cookieKeepingFetch } from './browser-session.test-support.ts';
import { exportHref, fetchAssignedWork, fetchPatrolList, fetchStaffReport, fieldOfRefusal, postTransition, workListsFor } from './staff-client.ts';

const elevator = (JSON.parse(readFileSync(join(REPOSITORY_DATA_FOLDER, 'sample', 'elevators.geojson'), 'utf8')) as {
  features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
}).features[0];
if (!elevator) throw new Error('the sample district has elevators');

describe('the staff client against the server', () => {
  let server: TestApiServer;
  const password = `correct-horse-${randomUUID()}`;
  const unitId = `unit-${randomUUID().slice(0, 8)}`;
  const names = { reviewer: `reviewer-${randomUUID().slice(0, 8)}`, unit: `unit-${randomUUID().slice(0, 8)}`, inspector: `inspector-${randomUUID().slice(0, 8)}` };

  async function signedIn(username: string): Promise<{ fetcher: typeof fetch; csrfToken: string }> {
    const fetcher = cookieKeepingFetch();
    const outcome = await signIn(`${server.baseUrl}/`, { username, password }, fetcher);
    if (outcome.kind !== 'signed_in') throw new Error(`${username} not signed in: ${JSON.stringify(outcome)}`);
    return { fetcher, csrfToken: outcome.session.csrfToken };
  }

  async function newReport(): Promise<string> {
    const key = randomUUID();
    const filed = await fileReport({
      idempotencyKey: key, districtId: 'sample', facilityId: elevator!.properties.id, location: elevator!.geometry.coordinates, category: 'elevator',
      faultCode: 'out_of_service', severity: 3, permanence: 'temporary', expectedFixDate: null, description: `电梯停用 ${key}`, measurements: [], photos: [], outOfService: true,
    }, { baseUrl: server.baseUrl, idempotencyKey: key });
    if (filed.kind !== 'filed') throw new Error(`not filed: ${JSON.stringify(filed)}`);
    return filed.report.id;
  }

  beforeAll(async () => {
    server = await startTestApiServer();
    const passwordHash = await hashPassword(password);
    await server.repository.createUser(userNamed(names.reviewer, 'reviewer', { passwordHash }));
    await server.repository.createUser(userNamed(names.unit, 'responsible_unit', { passwordHash, unitId }));
    await server.repository.createUser(userNamed(names.inspector, 'inspector', { passwordHash }));
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads a report with the transitions the core offers a reviewer, and none for a resident', async () => {
    const reportId = await newReport();
    const { fetcher } = await signedIn(names.reviewer);
    const seen = await fetchStaffReport(reportId, { baseUrl: server.baseUrl, fetcher });
    if (seen.kind !== 'found') throw new Error(`not found: ${JSON.stringify(seen)}`);
    const stored = await server.repository.getReport(reportId);
    const reviewer = await server.repository.findUserByUsername(names.reviewer);
    const expected = availableTransitions(stored!, { id: reviewer!.id, role: 'reviewer', unitId: null }).map((rule) => rule.to);
    expect(seen.view).toBe('full');
    expect(seen.availableTransitions.map((entry) => entry.to)).toEqual(expected);
    expect(seen.availableTransitions.find((entry) => entry.to === 'rejected')?.noteRequired).toBe(true);

    const anonymous = await fetchStaffReport(reportId, { baseUrl: server.baseUrl });
    expect(anonymous.kind === 'found' && anonymous.availableTransitions).toEqual([]);
  });

  it('has a missing note refused at the note field, a stale version as a conflict, and a right one moves the report on', async () => {
    const reportId = await newReport();
    const { fetcher, csrfToken } = await signedIn(names.reviewer);
    const options = { baseUrl: server.baseUrl, fetcher };
    const rejected = await postTransition(reportId, { to: 'rejected', expectedVersion: 1, note: '' }, csrfToken, options);
    expect(rejected).toMatchObject({ kind: 'invalid', field: 'note' });
    expect((await server.repository.getReport(reportId))?.status).toBe('submitted');

    const verified = await postTransition(reportId, { to: 'verified', expectedVersion: 1, note: '现场核实' }, csrfToken, options);
    if (verified.kind !== 'found') throw new Error(`not verified: ${JSON.stringify(verified)}`);
    const stored = await server.repository.getReport(reportId);
    expect(verified.report.status).toBe(stored?.status);
    expect(verified.report.version).toBe(stored?.version);
    expect(verified.events.map((event) => event.toStatus)).toEqual(['submitted', 'verified']);

    const stale = await postTransition(reportId, { to: 'assigned', expectedVersion: 1, note: '', assignedUnitId: unitId }, csrfToken, options);
    expect(stale.kind).toBe('conflict');
    const unknownUnit = await postTransition(reportId, { to: 'assigned', expectedVersion: stored!.version, note: '', assignedUnitId: `${unitId}-nobody` }, csrfToken, options);
    expect(unknownUnit).toMatchObject({ kind: 'invalid', field: 'assignedUnitId' });
    expect((await server.repository.getReport(reportId))?.status).toBe('verified');
  });

  it('gives the unit its assigned report in its work list, and an inspector the patrol list nearest first', async () => {
    const reportId = await newReport();
    const reviewer = await signedIn(names.reviewer);
    const options = { baseUrl: server.baseUrl, fetcher: reviewer.fetcher };
    const verified = await postTransition(reportId, { to: 'verified', expectedVersion: 1, note: '' }, reviewer.csrfToken, options);
    if (verified.kind !== 'found') throw new Error('not verified');
    const assigned = await postTransition(reportId, { to: 'assigned', expectedVersion: verified.report.version, note: '', assignedUnitId: unitId }, reviewer.csrfToken, options);
    expect(assigned.kind).toBe('found');

    const unit = await signedIn(names.unit);
    const work = await fetchAssignedWork({ baseUrl: server.baseUrl, fetcher: unit.fetcher });
    if (work.kind !== 'found') throw new Error(`no work list: ${JSON.stringify(work)}`);
    expect(work.unitId).toBe(unitId);
    expect(work.items.map((item) => item.report.id)).toContain(reportId);
    expect(work.items.every((item) => item.ageDays >= 0)).toBe(true);

    const inspector = await signedIn(names.inspector);
    const patrol = await fetchPatrolList('sample', elevator!.geometry.coordinates, { baseUrl: server.baseUrl, fetcher: inspector.fetcher });
    if (patrol.kind !== 'found') throw new Error(`no patrol list: ${JSON.stringify(patrol)}`);
    const distances = patrol.items.map((item) => item.distanceMeters);
    expect(distances.length).toBeGreaterThan(0);
    expect(distances).toEqual([...distances].sort((first, second) => first - second));

    const refused = await fetchAssignedWork({ baseUrl: server.baseUrl, fetcher: inspector.fetcher });
    expect(refused).toMatchObject({ kind: 'refused', status: 403 });
  });
});

describe('what My work shows each role', () => {
  it('follows the core\'s permission table', () => {
    for (const role of ROLES) {
      const unitId = role === 'responsible_unit' ? 'unit-1' : null;
      const actor: Actor = { id: role === 'resident' ? null : 'someone', role: role as Role, unitId };
      const lists = workListsFor({ username: 'someone', role, unitId });
      expect(lists.patrol).toBe(role !== 'resident' && may(actor, 'patrol_list'));
      expect(lists.exports).toBe(role !== 'resident' && may(actor, 'export'));
      expect(lists.assigned).toBe(role === 'responsible_unit');
    }
    expect(workListsFor({ username: 'x', role: 'superuser', unitId: null })).toEqual({ assigned: false, patrol: false, exports: false });
  });

  it('links the exports of the district in the reader\'s language', () => {
    const href = new URL(exportHref('geojson', 'sample', 'en'), 'http://localhost');
    expect(href.pathname).toBe('/api/reports/export.geojson');
    expect(Object.fromEntries(href.searchParams)).toEqual({ district: 'sample', lang: 'en' });
  });

  it('puts each of the core\'s option refusals at its field', () => {
    expect(fieldOfRefusal('missing_note')).toBe('note');
    expect(fieldOfRefusal('unknown_unit')).toBe('assignedUnitId');
    expect(fieldOfRefusal('unknown_original')).toBe('duplicateOf');
    expect(fieldOfRefusal('invalid_transition')).toBeNull();
  });
});
