// Throwaway PostgreSQL databases for the storage tests: each test file gets new databases, named
// bfmap_test_<random>, on the server DATABASE_URL_TEST points at, and drops them when done. The URL
// names a role that may CREATE DATABASE; scripts/pg-test-server.ts starts a local server and
// prints such a URL, and .ci/run exports it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_TEST_URL_VARIABLE = 'DATABASE_URL_TEST';
export const SKIP_POSTGRES_VARIABLE = 'BFMAP_SKIP_POSTGRES';

export const MISSING_POSTGRES_MESSAGE = `The PostgreSQL storage tests need a server: set ${POSTGRES_TEST_URL_VARIABLE} to a postgres:// URL whose role may CREATE DATABASE.
As root, \`export ${POSTGRES_TEST_URL_VARIABLE}="$(npx tsx scripts/pg-test-server.ts)"\` starts the local cluster (apt-get install -y postgresql first if it is missing) and prints one; .ci/run does this itself.
To run without PostgreSQL on purpose, set ${SKIP_POSTGRES_VARIABLE}=1 (the PostgreSQL tests are then reported as skipped).`;

export class ThrowawayPostgresDatabases {
  private readonly created: string[] = [];

  constructor(private readonly serverUrl: string) {}

  /** A new, empty database; returns its URL. */
  async create(): Promise<string> {
    const name = `bfmap_test_${randomBytes(8).toString('hex')}`;
    await this.onServer(`CREATE DATABASE ${name}`);
    this.created.push(name);
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Drops every database this object created, ending any connection still open to them. */
  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0)) await this.onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  private async onServer(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}
