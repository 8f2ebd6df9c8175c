import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadDistrictCatalog } from '../../server/api/district-catalog.ts';
import { NO_RATE_LIMITS } from '../../server/api/rate-limits.ts';
import { openStorage } from '../../server/db/storage.ts';
import { userCommand } from './user.ts';

// bfmap runs as users run it: `node bin/bfmap.js user …`, a child process on a fresh data folder;
// then the server, on that same folder, must let the account sign in with the password given.
const root = resolve(import.meta.dirname, '..', '..');
/** Each child process loads TypeScript through tsx and hashes a password at full cost: seconds on a busy machine, not an assertion about speed. */
const CHILD_PROCESS_TIMEOUT_MILLISECONDS = 30_000;

interface Run {
  status: number | null;
  lines: string[];
  errors: string;
}

function bfmap(argumentsGiven: string[], input = ''): Run {
  const result = spawnSync(process.execPath, ['bin/bfmap.js', ...argumentsGiven], { cwd: root, encoding: 'utf8', timeout: 60_000, input });
  return { status: result.status, lines: result.stdout.split('\n').filter((line) => line !== ''), errors: result.stderr };
}

describe('bfmap user', () => {
  let dataDirectory: string;
  let siteRoot: string;

  beforeAll(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-user-cli-'));
    siteRoot = mkdtempSync(join(tmpdir(), 'bfmap-user-site-'));
    writeFileSync(join(siteRoot, 'index.html'), '<!doctype html><title>t</title>');
  });

  afterAll(() => {
    rmSync(dataDirectory, { recursive: true, force: true });
    rmSync(siteRoot, { recursive: true, force: true });
  });

  /** Signs in over HTTP against a server on the folder the CLI wrote. */
  async function signIn(username: string, password: string): Promise<{ status: number; body: { user?: { username: string; role: string; unitId: string | null } } }> {
    const repository = await openStorage({ dataDirectory });
    const server: Server = createApp({
      root: siteRoot,
      api: { repository, catalog: (await loadDistrictCatalog(join(root, 'data'))).catalog, rateLimits: NO_RATE_LIMITS },
    });
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    try {
      return await new Promise((resolvePromise, reject) => {
        const outgoing = httpRequest({
          host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/api/session', method: 'POST', headers: { 'Content-Type': 'application/json' },
        }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolvePromise({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never }));
        });
        outgoing.on('error', reject);
        outgoing.end(JSON.stringify({ username, password }));
      });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await repository.close();
    }
  }

  it('adds an inspector with the password from standard input, who can then sign in over HTTP with it', async () => {
    const password = '督导员的密码 horse battery staple';
    const added = bfmap(['user', 'add', '--data-dir', dataDirectory, '--username', 'li.ming', '--role', 'inspector', '--display-name', '李明'], `${password}\n`);
    expect(added.status, added.errors).toBe(0);
    const printed = JSON.parse(added.lines[0] ?? '{}') as Record<string, unknown>;
    expect(printed).toMatchObject({ username: 'li.ming', displayName: '李明', role: 'inspector', unitId: null, disabled: false });
    expect(added.lines.join('\n')).not.toContain('scrypt');

    const signedIn = await signIn('li.ming', password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ username: 'li.ming', role: 'inspector' });
    // The line ending `echo` adds is not part of the password; the rest of the line is.
    expect((await signIn('li.ming', `${password}\n`)).status).toBe(401);
    expect((await signIn('li.ming', password.slice(0, -1))).status).toBe(401);
  }, CHILD_PROCESS_TIMEOUT_MILLISECONDS);

  it('adds a responsible unit from a password file, lists accounts by role, and disables one so it can no longer sign in', async () => {
    const passwordFile = join(dataDirectory, 'unit-password.txt');
    const password = 'metro-line-2-elevators-and-ramps';
    writeFileSync(passwordFile, `${password}\r\n`);
    const added = bfmap(['user', 'add', '--data-dir', dataDirectory, '--username', 'metro', '--role', 'responsible_unit', '--unit', '上海地铁二号线', '--password-file', passwordFile]);
    expect(added.status, added.errors).toBe(0);
    expect((await signIn('METRO', password)).body.user).toMatchObject({ role: 'responsible_unit', unitId: '上海地铁二号线' });

    const listed = bfmap(['user', 'list', '--data-dir', dataDirectory, '--role', 'responsible_unit']);
    expect(listed.status).toBe(0);
    expect(listed.lines.map((line) => (JSON.parse(line) as { username: string }).username)).toEqual(['metro']);

    const disabled = bfmap(['user', 'disable', 'metro', '--data-dir', dataDirectory]);
    expect(disabled.status, disabled.errors).toBe(0);
    expect(JSON.parse(disabled.lines[0] ?? '{}')).toMatchObject({ username: 'metro', disabled: true });
    expect((await signIn('metro', password)).status).toBe(401);
  }, CHILD_PROCESS_TIMEOUT_MILLISECONDS);

  it('refuses a password on the command line, as a real process, with exit status 2', () => {
    const result = bfmap(['user', 'add', '--data-dir', dataDirectory, '--username', 'wang', '--role', 'inspector', '--password', 'secret-on-the-command-line']);
    expect(result.status).toBe(2);
    expect(result.errors).toMatch(/never from the command line/);
    expect(result.lines).toEqual([]);
  }, CHILD_PROCESS_TIMEOUT_MILLISECONDS);

  it('fails clearly, with exit status 2 for wrong usage and 1 for refused input, and creates nothing', async () => {
    const weakPasswordFile = join(dataDirectory, 'weak.txt');
    writeFileSync(weakPasswordFile, 'short\n');
    const goodPasswordFile = join(dataDirectory, 'good.txt');
    writeFileSync(goodPasswordFile, 'a long enough password here\n');
    const cases: [string[], number, RegExp][] = [
      [['add', '--username', 'wang', '--role', 'resident'], 2, /--role must be one of inspector, reviewer, responsible_unit, admin/],
      [['add', '--username', 'wang', '--role', 'responsible_unit', '--password-file', goodPasswordFile], 2, /needs --unit/],
      [['add', '--username', 'wang', '--role', 'inspector', '--unit', 'parks', '--password-file', goodPasswordFile], 2, /only for responsible_unit/],
      [['add', '--username', 'wang wei', '--role', 'inspector', '--password-file', goodPasswordFile], 2, /--username must be/],
      [['add', '--username', 'wang', '--role', 'inspector', '--password-file', weakPasswordFile], 1, /at least 15 characters/],
      [['add', '--username', 'wang', '--role', 'inspector', '--password-file', join(dataDirectory, 'missing.txt')], 1, /cannot be read/],
      [['add', '--username', 'LI.MING', '--role', 'reviewer', '--password-file', goodPasswordFile], 1, /taken/],
      [['add', '--username', 'wang', '--role', 'inspector', '--database-url', 'postgres://nowhere.invalid/x'], 2, /not both/],
      [['disable', 'nobody'], 1, /no account "nobody"/],
      [['remove', 'li.ming'], 2, /unknown subcommand/],
    ];
    const repository = await openStorage({ dataDirectory });
    const before = await repository.listUsers();
    for (const [argumentsGiven, expectedStatus, message] of cases) {
      const lines: string[] = [];
      const errors: string[] = [];
      const status = await userCommand.run([...argumentsGiven, '--data-dir', dataDirectory], { out: (line) => lines.push(line), error: (line) => errors.push(line) });
      expect(status, `${argumentsGiven.join(' ')}: ${errors.join(' ')}`).toBe(expectedStatus);
      expect(errors.join('\n'), argumentsGiven.join(' ')).toMatch(message);
      expect(lines, argumentsGiven.join(' ')).toEqual([]);
    }
    expect(await repository.listUsers()).toEqual(before);
    await repository.close();
  });
});
