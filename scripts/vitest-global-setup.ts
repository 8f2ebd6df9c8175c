// Vitest global setup: the storage tests (server/db) run on PostgreSQL as well as SQLite. When no
// DATABASE_URL_TEST is given, this starts the machine's PostgreSQL cluster the way .ci/run does
// (scripts/pg-test-server.ts), so `npm test` works on a machine with Debian's postgresql package.
// When that cannot be done, the PostgreSQL tests fail and say how to provide a server.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  if (process.env.DATABASE_URL_TEST || process.env.BFMAP_SKIP_POSTGRES === '1') return;
  try {
    const url = execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'pg-test-server.ts')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    }).trim();
    if (url !== '') process.env.DATABASE_URL_TEST = url;
  } catch (error) {
    console.warn(`PostgreSQL could not be started for the storage tests: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
}
