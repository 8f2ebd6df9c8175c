import { describe, it, expect, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRepositoryContract } from './repository.contract.ts';
import { SQLITE_FILE_NAME } from './sqlite.ts';
import { openStorage } from './storage.ts';

const folders: string[] = [];

function newDataDirectory(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-sqlite-'));
  folders.push(folder);
  return folder;
}

describeRepositoryContract({
  name: 'sqlite',
  freshDatabase: async () => ({ dataDirectory: newDataDirectory() }),
  cleanUp: async () => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  },
});

describe('the SQLite file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-sqlite-file-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is created with its missing data directory, in WAL mode, with foreign keys enforced', async () => {
    const dataDirectory = join(folder, 'nested', 'var');
    const repository = await openStorage({ dataDirectory });
    expect(repository.backend).toBe('sqlite');
    await repository.close();
    const file = join(dataDirectory, SQLITE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    const database = new Database(file);
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      database.pragma('foreign_keys = ON');
      expect(() => database.prepare("INSERT INTO sessions VALUES ('token', 'no-such-user', 'csrf', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')").run())
        .toThrow(/FOREIGN KEY/);
    } finally {
      database.close();
    }
  });
});
