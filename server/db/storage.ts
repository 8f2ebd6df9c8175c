// Opens the storage the server runs on: PostgreSQL when a database URL is given (DATABASE_URL),
// otherwise SQLite in a data directory (DATA_DIR, default ./var). Opening creates what is missing
// and applies pending migrations, so a fresh checkout starts with `npm run serve` and nothing else.
import { resolve } from 'node:path';
import { openPostgresRepository } from './postgres.ts';
import type { Repository } from './repository.ts';
import { openSqliteRepository } from './sqlite.ts';

/** Relative to the working directory; git ignores /var/. */
export const DEFAULT_DATA_DIRECTORY = 'var';

export interface StorageOptions {
  /** SQLite's folder; ignored when databaseUrl is set. */
  dataDirectory?: string;
  /** A postgres:// URL; chooses PostgreSQL. */
  databaseUrl?: string;
  /** For tests and tools: a folder of migration files for the chosen backend instead of server/db/migrations/<backend>. */
  migrationsDirectory?: string;
  /** SQLite only: 'full' (default) survives power cuts, 'normal' only killed processes; see SqliteStorageOptions. */
  sqliteSynchronous?: 'full' | 'normal';
}

/** Reads DATA_DIR and DATABASE_URL; empty values count as unset. */
export function storageOptionsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): StorageOptions {
  const dataDirectory = environment.DATA_DIR?.trim();
  const databaseUrl = environment.DATABASE_URL?.trim();
  return {
    ...(dataDirectory ? { dataDirectory } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}

export async function openStorage(options: StorageOptions = {}): Promise<Repository> {
  const migrations = options.migrationsDirectory === undefined ? {} : { migrationsDirectory: options.migrationsDirectory };
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgresRepository({ databaseUrl: options.databaseUrl, ...migrations });
  }
  return openSqliteRepository({
    dataDirectory: resolve(options.dataDirectory ?? DEFAULT_DATA_DIRECTORY),
    ...migrations,
    ...(options.sqliteSynchronous === undefined ? {} : { synchronous: options.sqliteSynchronous }),
  });
}
