import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDirectory, migrationChecksum, pendingMigrations, readMigrations } from './migrations.ts';
import { MigrationError } from './repository.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-migration-files-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('migration files', () => {
  it('are the same numbered steps for SQLite and PostgreSQL', () => {
    const sqlite = readMigrations(defaultMigrationsDirectory('sqlite'));
    const postgresql = readMigrations(defaultMigrationsDirectory('postgresql'));
    expect(sqlite.map((file) => file.fileName)).toEqual(postgresql.map((file) => file.fileName));
    expect(sqlite.map((file) => file.fileName)).toEqual(readdirSync(defaultMigrationsDirectory('sqlite')).filter((name) => name.endsWith('.sql')).sort());
  });

  it('have one checksum whatever the line endings of the checkout', () => {
    const text = '-- users\nCREATE TABLE users (id text);\n';
    expect(migrationChecksum(text.replace(/\n/g, '\r\n'))).toBe(migrationChecksum(text));
    expect(migrationChecksum(`${text} `)).not.toBe(migrationChecksum(text));
  });

  it('are read in number order with their names', () => {
    const folder = folderWith({ '0002-reports.sql': 'SELECT 2;', '0001-accounts.sql': 'SELECT 1;', 'README.md': 'not a migration' });
    expect(readMigrations(folder).map(({ version, name }) => ({ version, name }))).toEqual([{ version: 1, name: 'accounts' }, { version: 2, name: 'reports' }]);
  });

  it('refuse a gap in the numbers, naming the file', () => {
    const folder = folderWith({ '0001-accounts.sql': 'SELECT 1;', '0003-reports.sql': 'SELECT 3;' });
    expect(() => readMigrations(folder)).toThrow(MigrationError);
    expect(() => readMigrations(folder)).toThrow(/0003-reports\.sql: expected migration number 0002/);
  });

  it('refuse a misnamed .sql file', () => {
    const folder = folderWith({ '0001-accounts.sql': 'SELECT 1;', '2-Reports.sql': 'SELECT 2;' });
    expect(() => readMigrations(folder)).toThrow(/2-Reports\.sql: migration files are named NNNN-words-with-hyphens\.sql/);
  });

  it('leave pending only those the database has not applied, in order', () => {
    const folder = folderWith({ '0001-accounts.sql': 'SELECT 1;', '0002-reports.sql': 'SELECT 2;', '0003-indexes.sql': 'SELECT 3;' });
    const files = readMigrations(folder);
    const [first] = files;
    if (!first) throw new Error('no migration read');
    const applied = [{ version: 1, name: first.name, checksum: first.checksum, appliedAt: '2026-11-30T00:00:00.000Z' }];
    expect(pendingMigrations(applied, files, folder).map((file) => file.version)).toEqual([2, 3]);
    expect(pendingMigrations([], files, folder).map((file) => file.version)).toEqual([1, 2, 3]);
  });
});
