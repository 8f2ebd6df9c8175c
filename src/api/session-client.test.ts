import { describe, it, expect } from 'vitest';
import { currentSession, type FetchSession } from './session-client.ts';

const answering = (status: number, body: unknown): FetchSession => async () => ({ status, json: async () => body });

describe('the current session', () => {
  it('reads the signed-in user and the CSRF token', async () => {
    const body = { user: { id: 'u1', username: 'li.ming', displayName: '李明', role: 'inspector', unitId: null }, csrfToken: 'token-1' };
    expect(await currentSession('/', answering(200, body))).toEqual({ user: { username: 'li.ming', displayName: '李明', role: 'inspector' }, csrfToken: 'token-1' });
  });

  it('is null when anonymous, unreadable, without an API or offline', async () => {
    expect(await currentSession('/', answering(401, { error: {} }))).toBeNull();
    expect(await currentSession('/', answering(404, {}))).toBeNull();
    expect(await currentSession('/', answering(200, { user: { username: 'x' }, csrfToken: 'y' }))).toBeNull();
    expect(await currentSession('/', async () => { throw new TypeError('Failed to fetch'); })).toBeNull();
  });
});
