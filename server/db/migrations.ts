// Versioned, forward-only migrations: one folder per dialect (migrations/sqlite,
// migrations/postgresql) with files NNNN-what-it-does.sql, numbered 0001, 0002, … without gaps;
// both folders carry the same numbers and names. A database records each applied file in
// schema_migrations with its checksum; opening refuses a database whose applied files changed or
// disappeared, because a schema that no longer matches its files cannot be reasoned about.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MigrationError, type AppliedMigration, type StorageBackend } from './repository.ts';

export interface MigrationFile {
  version: number;
  /** The file name without its number and extension, e.g. "accounts". */
  name: string;
  fileName: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE_NAME = /^(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

export function defaultMigrationsDirectory(backend: StorageBackend): string {
  return resolve(import.meta.dirname, 'migrations', backend);
}

/** SHA-256 of the text with CRLF turned into LF, so a checkout with Windows line endings is not a "changed" file. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** Reads a dialect folder; throws MigrationError for a misnamed .sql file, a duplicate or a gap. */
export function readMigrations(directory: string): MigrationFile[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.sql')).sort();
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${directory}: ${(error as Error).message}`);
  }
  const files = names.map((fileName): MigrationFile => {
    const match = MIGRATION_FILE_NAME.exec(fileName);
    if (!match?.[1] || !match[2]) {
      throw new MigrationError(`${join(directory, fileName)}: migration files are named NNNN-words-with-hyphens.sql, e.g. 0003-report-indexes.sql.`);
    }
    const sql = readFileSync(join(directory, fileName), 'utf8');
    return { version: Number(match[1]), name: match[2], fileName, sql, checksum: migrationChecksum(sql) };
  });
  files.forEach((file, index) => {
    if (file.version !== index + 1) {
      throw new MigrationError(`${join(directory, file.fileName)}: expected migration number ${String(index + 1).padStart(4, '0')} here; numbers start at 0001 and have no gaps or repeats.`);
    }
  });
  if (files.length === 0) throw new MigrationError(`${directory} holds no migration files.`);
  return files;
}

/**
 * Compares what the database applied with the files, and returns the files still to apply, in
 * order. Throws when an applied file changed (checksum) or is gone (the database was migrated by a
 * newer version of the code).
 */
export function pendingMigrations(applied: readonly AppliedMigration[], files: readonly MigrationFile[], directory: string): MigrationFile[] {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const migration of applied) {
    const file = byVersion.get(migration.version);
    if (!file) {
      throw new MigrationError(`The database has migration ${migration.version} (${migration.name}) applied, but ${directory} has no such file: it was migrated by a newer version of this code. Run that version, or restore the file.`);
    }
    if (file.checksum !== migration.checksum) {
      throw new MigrationError(`${join(directory, file.fileName)} changed after it was applied to this database (checksum recorded ${migration.checksum}, file now ${file.checksum}). Migrations are forward only: restore the file and put the change in a new migration.`);
    }
  }
  const appliedVersions = new Set(applied.map((migration) => migration.version));
  return files.filter((file) => !appliedVersions.has(file.version));
}
