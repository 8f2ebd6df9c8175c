// The session client: parsing what GET /api/session answers, and signing in and out against the
// real server (SQLite in a temporary folder) over real HTTP, with a fetch that keeps the cookie.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { currentSession, signIn, signOut, type FetchSession } from './session-client.ts';
import { startTestApiServer, type TestApiServer } from './test-api-server.ts';
import { hashPassword } from '../../server/api/passwords.ts';
import { userNamed } from '../../server/db/report-fixtures.ts';
import { cookieKeepingFetch } from '../features/staff/browser-session.test-support.ts';

const answering = (status: number, body: unknown): FetchSession => async () => ({ status, json: async () => body });

describe('the current session', () => {
  it('reads the signed-in user, the unit and the CSRF token', async () => {
    const body = { user: { id: 'u1', username: 'li.ming', displayName: '李明', role: 'responsible_unit', unitId: 'unit-street-works' }, csrfToken: 'token-1' };
    expect(await currentSession('/', answering(200, body))).toEqual({
      user: { username: 'li.ming', displayName: '李明', role: 'responsible_unit', unitId: 'unit-street-works' }, csrfToken: 'token-1',
    });
  });

  it('is null when anonymous, unreadable, without an API or offline', async () => {
    expect(await currentSession('/', answering(401, { error: {} }))).toBeNull();
    expect(await currentSession('/', answering(404, {}))).toBeNull();
    expect(await currentSession('/', answering(200, { user: { username: 'x' }, csrfToken: 'y' }))).toBeNull();
    expect(await currentSession('/', async () => { throw new TypeError('Failed to fetch'); })).toBeNull();
  });
});

describe('signing in and out against the server', () => {
  let server: TestApiServer;
  const password = `correct-horse-${randomUUID()}`;
  const username = `inspector-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    server = await startTestApiServer();
    await server.repository.createUser(userNamed(username, 'inspector', { displayName: '王巡查', passwordHash: await hashPassword(password) }));
  });

  afterAll(async () => {
    await server.close();
  });

  it('signs in with the right password: the session is then the server\'s, and signing out ends it', async () => {
    const browser = cookieKeepingFetch();
    const base = `${server.baseUrl}/`;
    const outcome = await signIn(base, { username, password }, browser);
    if (outcome.kind !== 'signed_in') throw new Error(`not signed in: ${JSON.stringify(outcome)}`);
    expect(outcome.session.user).toEqual({ username, displayName: '王巡查', role: 'inspector', unitId: null });
    expect(await currentSession(base, browser)).toEqual(outcome.session);

    expect(await signOut(base, outcome.session.csrfToken, browser)).toBe(true);
    expect(await currentSession(base, browser)).toBeNull();
  });

  it('has a wrong password refused with the server\'s 401 message in both languages, and no session', async () => {
    const browser = cookieKeepingFetch();
    const base = `${server.baseUrl}/`;
    const outcome = await signIn(base, { username, password: `${password}x` }, browser);
    expect(outcome).toMatchObject({ kind: 'refused', status: 401, code: 'sign_in_failed' });
    expect(outcome.kind === 'refused' && outcome.message.zh.length > 0 && outcome.message.en.length > 0).toBe(true);
    expect(await currentSession(base, browser)).toBeNull();
  });

  it('does not end a session when signing out without its CSRF token', async () => {
    const browser = cookieKeepingFetch();
    const base = `${server.baseUrl}/`;
    const outcome = await signIn(base, { username, password }, browser);
    if (outcome.kind !== 'signed_in') throw new Error('not signed in');
    expect(await signOut(base, 'not-the-token', browser)).toBe(false);
    expect(await currentSession(base, browser)).not.toBeNull();
  });

  it('says the server could not be reached rather than that the password was wrong', async () => {
    const outcome = await signIn('http://127.0.0.1:9/', { username, password }, async () => { throw new TypeError('fetch failed'); });
    expect(outcome).toEqual({ kind: 'network', detail: 'fetch failed' });
  });
});
