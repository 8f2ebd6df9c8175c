// Issue 6: "Killing the server with SIGKILL during a burst of submissions loses no acknowledged
// report (a test does this)." The real server (server/main.ts) runs as a child process on SQLite in
// a fresh DATA_DIR; a burst of anonymous filings, each with its own Idempotency-Key, is cut by
// SIGKILL; the server is started again on the same folder, and every filing that was answered 201
// or 200 must be there, once: resending every key answers the same report, and the list holds one
// report per key.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const BURST_SIZE = 300;
const IN_FLIGHT = 20;
/** The kill comes once this many filings were answered: well inside the burst. */
const KILL_AFTER_ACKNOWLEDGED = 100;
const START_TIMEOUT_MILLISECONDS = 20_000;

interface RunningServer {
  child: ChildProcess;
  port: number;
  /** The signal that ended it, or its exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
}

const running: ChildProcess[] = [];
const folders: string[] = [];

/** Starts server/main.ts the way `npm run serve` does and waits for the port it prints. */
async function startServer(dataDirectory: string, staticRoot: string): Promise<RunningServer> {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDirectory,
    RATE_LIMITS: 'off',
    PORT: '0',
    DISTRICTS_DIR: join(repositoryRoot, 'data'),
    STATIC_ROOT: staticRoot,
  };
  // SQLite in DATA_DIR, with no proxy settings from the shell running the tests.
  for (const name of ['DATABASE_URL', 'TRUST_PROXY', 'PUBLIC_ORIGIN']) delete environment[name];
  const child = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'server', 'main.ts')], { cwd: repositoryRoot, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const exited = new Promise<NodeJS.Signals | number | null>((resolvePromise) => child.on('exit', (code, signal) => resolvePromise(signal ?? code)));
  let output = '';
  const port = await new Promise<number>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not say where it listens within ${START_TIMEOUT_MILLISECONDS} ms:\n${output}`)), START_TIMEOUT_MILLISECONDS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(Number(match[1]));
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((ended) => {
      clearTimeout(timer);
      reject(new Error(`The server ended (${String(ended)}) before listening:\n${output}`));
    });
  });
  return { child, port, exited };
}

interface Filing {
  key: string;
  body: string;
}

/** One report per key; the descriptions differ so each is its own content. */
function filings(): Filing[] {
  const elevatorId = (JSON.parse(readFileSync(join(repositoryRoot, 'data', 'sample', 'elevators.geojson'), 'utf8')) as { features: { properties: { id: string } }[] })
    .features[0]?.properties.id;
  return Array.from({ length: BURST_SIZE }, (_, index) => ({
    key: randomUUID(),
    body: JSON.stringify({
      districtId: 'sample', facilityId: elevatorId, category: 'elevator', faultCode: 'out_of_service', severity: 3, permanence: 'temporary',
      description: `突发测试第 ${index + 1} 份：电梯停用。`,
    }),
  }));
}

type Outcome = { acknowledged: true; status: number; reportId: string } | { acknowledged: false; reason: string };

function file(port: number, agent: Agent, filing: Filing): Promise<Outcome> {
  return new Promise((resolvePromise) => {
    const outgoing = httpRequest({
      host: '127.0.0.1', port, path: '/api/reports', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': filing.key },
    }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', (error) => resolvePromise({ acknowledged: false, reason: error.message }));
      incoming.on('end', () => {
        const status = incoming.statusCode ?? 0;
        if (status !== 201 && status !== 200) {
          resolvePromise({ acknowledged: false, reason: `${status} ${Buffer.concat(chunks).toString('utf8')}` });
          return;
        }
        const { report } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { report: { id: string } };
        resolvePromise({ acknowledged: true, status, reportId: report.id });
      });
    });
    outgoing.on('error', (error) => resolvePromise({ acknowledged: false, reason: error.message }));
    outgoing.end(filing.body);
  });
}

/**
 * Sends every filing with `inFlight` requests at a time; `onOutcome` hears each answer with the
 * number of requests still waiting for theirs, and may stop the server meanwhile.
 */
async function burst(port: number, all: readonly Filing[], inFlight: number, onOutcome: (outcome: Outcome, waiting: number) => void = () => undefined): Promise<Outcome[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const outcomes: Outcome[] = new Array<Outcome>(all.length);
  let next = 0;
  let waiting = 0;
  const worker = async (): Promise<void> => {
    while (next < all.length) {
      const index = next;
      next += 1;
      waiting += 1;
      const outcome = await file(port, agent, all[index] as Filing);
      waiting -= 1;
      outcomes[index] = outcome;
      onOutcome(outcome, waiting);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  agent.destroy();
  return outcomes;
}

async function getJson(port: number, path: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolvePromise, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolvePromise({ status: incoming.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    }).on('error', reject).end();
  });
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the server killed with SIGKILL during a burst of filings', () => {
  it('loses no acknowledged report and stores none twice: after a restart every acknowledged report is there, and resending any key answers the same report', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-crash-data-'));
    const staticRoot = mkdtempSync(join(tmpdir(), 'bfmap-crash-root-'));
    folders.push(dataDirectory, staticRoot);
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>无障碍数字地图</title>');
    const all = filings();

    const first = await startServer(dataDirectory, staticRoot);
    let acknowledgedSoFar = 0;
    let inFlightAtKill = -1;
    const outcomes = await burst(first.port, all, IN_FLIGHT, (outcome, waiting) => {
      if (outcome.acknowledged) acknowledgedSoFar += 1;
      if (acknowledgedSoFar === KILL_AFTER_ACKNOWLEDGED && inFlightAtKill < 0) {
        inFlightAtKill = waiting;
        first.child.kill('SIGKILL');
      }
    });
    expect(await first.exited).toBe('SIGKILL');
    const acknowledged = all.flatMap((filing, index) => {
      const outcome = outcomes[index];
      return outcome?.acknowledged ? [{ filing, reportId: outcome.reportId }] : [];
    });
    // The kill came mid-burst: requests were in flight, some filings got no answer.
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledged.length).toBeLessThan(all.length);
    expect(outcomes.every((outcome) => outcome.acknowledged || !/^\d/.test(outcome.reason)), 'only the kill refused filings').toBe(true);

    const second = await startServer(dataDirectory, staticRoot);
    try {
      for (const { reportId } of acknowledged) {
        const read = await getJson(second.port, `/api/reports/${reportId}`);
        expect(read.status, reportId).toBe(200);
        expect((read.json as { report: { id: string } }).report.id).toBe(reportId);
      }

      // Every key again: an acknowledged one answers its report (200), the others are filed now or were filed unanswered.
      const resent = await burst(second.port, all, IN_FLIGHT);
      expect(resent.every((outcome) => outcome.acknowledged), JSON.stringify(resent.filter((outcome) => !outcome.acknowledged))).toBe(true);
      const reportIdOfKey = new Map(all.map((filing, index) => [filing.key, (resent[index] as Outcome & { acknowledged: true }).reportId]));
      for (const { filing, reportId } of acknowledged) {
        const index = all.indexOf(filing);
        expect([resent[index]?.acknowledged && resent[index].status, reportIdOfKey.get(filing.key)]).toEqual([200, reportId]);
      }

      const listed = await getJson(second.port, '/api/reports?limit=1000');
      const listedIds = (listed.json as { reports: { id: string }[] }).reports.map((report) => report.id);
      expect(listedIds.length).toBe(all.length);
      expect(new Set(listedIds)).toEqual(new Set(reportIdOfKey.values()));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
