// Starts the machine's PostgreSQL cluster for the storage tests and prints the URL to export as
// DATABASE_URL_TEST (progress goes to stderr, only the URL to stdout):
//
//   export DATABASE_URL_TEST="$(npx tsx scripts/pg-test-server.ts)"
//
// Needs Debian's postgresql package (pg_lsclusters, pg_ctlcluster) and root, the postgres user,
// or sudo. It creates a cluster when there is none, starts it when it is down, and creates (or
// resets) the role bfmap_test, which may log in over TCP with a password and CREATE DATABASE: each
// test file makes its own throwaway databases (server/db/test-databases.ts). .ci/run calls it.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import pg from 'pg';

export const TEST_ROLE = 'bfmap_test';
/** A throwaway role on a local test cluster that listens on the loopback interface only. */
const TEST_PASSWORD = 'bfmap_test';
const READY_TIMEOUT_MILLISECONDS = 30_000;

interface Cluster {
  version: string;
  name: string;
  port: number;
  online: boolean;
}

function run(command: string, commandArguments: string[]): string {
  return execFileSync(command, commandArguments, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function listClusters(): Cluster[] {
  return run('pg_lsclusters', ['--no-header']).split('\n').filter((line) => line.trim() !== '').map((line) => {
    const [version = '', name = '', port = '', status = ''] = line.trim().split(/\s+/);
    return { version, name, port: Number(port), online: status.startsWith('online') };
  });
}

function newestInstalledVersion(): string {
  const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name)).sort((first, second) => Number(second) - Number(first));
  const newest = versions[0];
  if (!newest) throw new Error('No PostgreSQL server under /usr/lib/postgresql; install it with `apt-get install -y postgresql`.');
  return newest;
}

const isRoot = process.getuid?.() === 0;

/** Cluster management needs root (pg_ctlcluster switches to the cluster's owner itself). */
function asRoot(command: string, commandArguments: string[]): string {
  return isRoot ? run(command, commandArguments) : run('sudo', ['--non-interactive', command, ...commandArguments]);
}

/** Runs SQL as the cluster's superuser through the local socket (peer authentication). */
function asSuperuser(cluster: Cluster, sql: string): string {
  const psql = ['--port', String(cluster.port), '--no-psqlrc', '--quiet', '--no-align', '--tuples-only', '--set', 'ON_ERROR_STOP=1', '--command', sql];
  if (userInfo().username === 'postgres') return run('psql', psql);
  return isRoot ? run('runuser', ['-u', 'postgres', '--', 'psql', ...psql]) : run('sudo', ['--non-interactive', '-u', 'postgres', 'psql', ...psql]);
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MILLISECONDS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept ${TEST_ROLE} at ${url.replace(TEST_PASSWORD, '***')} within ${READY_TIMEOUT_MILLISECONDS / 1000} s: ${(error as Error).message}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    }
  }
}

export async function ensureTestServer(log: (message: string) => void): Promise<string> {
  const clusters = listClusters();
  let cluster = clusters.find((each) => each.online) ?? clusters[0];
  if (!cluster) {
    const version = newestInstalledVersion();
    log(`No PostgreSQL cluster; creating ${version}/main.`);
    asRoot('pg_createcluster', [version, 'main']);
    cluster = listClusters()[0];
    if (!cluster) throw new Error('pg_createcluster ran but pg_lsclusters still lists no cluster.');
  }
  if (!cluster.online) {
    log(`Starting PostgreSQL ${cluster.version}/${cluster.name} on port ${cluster.port}.`);
    asRoot('pg_ctlcluster', [cluster.version, cluster.name, 'start']);
  }
  asSuperuser(cluster, `DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${TEST_ROLE}') THEN
      ALTER ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
    ELSE
      CREATE ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
    END IF;
  END $$;`);
  const url = `postgres://${TEST_ROLE}:${TEST_PASSWORD}@127.0.0.1:${cluster.port}/postgres`;
  await waitUntilReady(url);
  log(`PostgreSQL ${cluster.version}/${cluster.name} is ready for the tests on port ${cluster.port}.`);
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.stdout.write(`${await ensureTestServer((message) => console.error(message))}\n`);
  } catch (error) {
    const output = error as { message: string; stderr?: string };
    console.error(`Could not provide a PostgreSQL test server: ${output.message}${output.stderr ? `\n${output.stderr}` : ''}`);
    process.exit(1);
  }
}
