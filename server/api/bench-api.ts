// Load benchmark of the reports API on loopback (issue 6 asks for at least 500 submissions/s on
// SQLite): `npx tsx server/api/bench-api.ts [--seconds 10] [--concurrency 50] [--synchronous full|normal] [--count-rate-limits]`.
// --count-rate-limits counts every anonymous filing against a limit too high to refuse any, to show what the counting costs. Starts the app on
// an ephemeral port with SQLite in a temporary folder and the sample district, keeps `concurrency`
// requests in flight over keep-alive connections for `seconds` each, and prints requests/s and
// latency percentiles for POST /api/reports and GET /api/reports?facility=…; then checks that every
// acknowledged (201) report is in storage. Plain node:http: autocannon is not a dependency.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { openStorage } from '../db/storage.ts';
import { loadDistrictCatalog } from './district-catalog.ts';
import { NO_RATE_LIMITS } from './rate-limits.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '50' }, synchronous: { type: 'string', default: 'full' }, 'count-rate-limits': { type: 'boolean', default: false } } });
const durationSeconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const synchronous = values.synchronous;
if (!(durationSeconds > 0) || !Number.isInteger(concurrency) || concurrency < 1 || (synchronous !== 'full' && synchronous !== 'normal')) {
  console.error('--seconds must be a positive number, --concurrency a whole number of 1 or more, --synchronous full or normal.');
  process.exit(1);
}

const dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-bench-api-'));
const root = mkdtempSync(join(tmpdir(), 'bfmap-bench-root-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>bench</title>');
const repository = await openStorage({ dataDirectory, sqliteSynchronous: synchronous });
const { catalog } = await loadDistrictCatalog(resolve(import.meta.dirname, '..', '..', 'data'));
const sample = catalog.districts.find((district) => district.id === 'sample');
if (!sample) throw new Error('The sample district (data/sample) is needed for the bench; run npm run sample.');
const elevatorIds = [...sample.facilities.values()].filter((facility) => facility.category === 'elevator').map((facility) => facility.id);
const busiestElevator = elevatorIds[0] ?? '';

// One client address files thousands of reports here: the anonymous filing limit would refuse all but the first few.
const rateLimits = values['count-rate-limits']
  ? { ...NO_RATE_LIMITS, reportFilingPerAddress: { maximumHits: Number.MAX_SAFE_INTEGER, windowMilliseconds: 10 * 60 * 1000 } }
  : NO_RATE_LIMITS;
const server = createApp({ root, api: { repository, catalog, rateLimits } });
await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
const port = (server.address() as AddressInfo).port;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolvePromise(incoming.statusCode ?? 0));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Run {
  statuses: Map<number, number>;
  latenciesMilliseconds: number[];
  elapsedSeconds: number;
}

async function drive(makeRequest: (index: number) => Promise<number>): Promise<Run> {
  const statuses = new Map<number, number>();
  const latenciesMilliseconds: number[] = [];
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const index = issued;
      issued += 1;
      const before = performance.now();
      const status = await makeRequest(index);
      latenciesMilliseconds.push(performance.now() - before);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { statuses, latenciesMilliseconds, elapsedSeconds: (performance.now() - started) / 1000 };
}

function percentile(sortedValues: readonly number[], fraction: number): number {
  return sortedValues[Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1)] ?? Number.NaN;
}

function summarise(label: string, run: Run, successStatus: number): number {
  const sorted = [...run.latenciesMilliseconds].sort((first, second) => first - second);
  const succeeded = run.statuses.get(successStatus) ?? 0;
  const others = [...run.statuses].filter(([status]) => status !== successStatus).map(([status, count]) => `${count}×${status}`).join(', ');
  console.log(
    `${label.padEnd(40)} ${(succeeded / run.elapsedSeconds).toFixed(0).padStart(6)} ok/s  ` +
    `p50 ${percentile(sorted, 0.5).toFixed(1)} ms  p99 ${percentile(sorted, 0.99).toFixed(1)} ms  max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms  ` +
    `(${succeeded} × ${successStatus}${others === '' ? '' : `; also ${others}`})`,
  );
  return succeeded;
}

console.log(`Reports API on SQLite (synchronous=${synchronous.toUpperCase()}), ${concurrency} requests in flight, ${durationSeconds} s each, node ${process.version}${values['count-rate-limits'] ? ', anonymous filings counted against a rate limit' : ''}`);
const submissions = await drive((index) => send('POST', '/api/reports', {
  'Content-Type': 'application/json',
  'Idempotency-Key': randomUUID(),
}, JSON.stringify({
  districtId: 'sample',
  facilityId: elevatorIds[index % elevatorIds.length],
  category: 'elevator',
  faultCode: 'out_of_service',
  severity: 3,
  permanence: 'temporary',
  description: `电梯停用（压力测试 ${index}）`,
})));
const acknowledged = summarise('POST /api/reports', submissions, 201);

const path = `/api/reports?facility=${encodeURIComponent(busiestElevator)}&limit=20`;
const reads = await drive(() => send('GET', path, {}));
summarise(`GET ${path.slice(0, 34)}…`, reads, 200);

let stored = 0;
let cursor: string | null = null;
do {
  const page = await repository.listReports({ cursor, limit: 1000 });
  stored += page.reports.length;
  cursor = page.nextCursor;
} while (cursor !== null);
console.log(`Acknowledged ${acknowledged}, stored ${stored}: ${stored >= acknowledged ? 'none lost' : `${acknowledged - stored} LOST`}`);

agent.destroy();
server.closeAllConnections();
await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
await repository.close();
rmSync(dataDirectory, { recursive: true, force: true });
rmSync(root, { recursive: true, force: true });
if (stored < acknowledged) process.exit(1);
