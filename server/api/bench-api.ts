// Load benchmark of the reports API (issue 6 asks for at least 500 submissions/s on SQLite, none
// lost): `npx tsx server/api/bench-api.ts [--seconds 10] [--connections 50]`.
// Starts the real server (server/main.ts) in a child process on a free loopback port, with SQLite
// (synchronous=FULL, as in production) in a temporary DATA_DIR, the sample district, and the
// anonymous filing limit off (one address files thousands of reports here). autocannon then keeps
// `connections` keep-alive connections busy for `seconds` each: POST /api/reports with a fresh
// Idempotency-Key per request, then GET /api/reports?facility=…. It prints requests/s and latency
// percentiles, and checks that every acknowledged (201) report can be read back from the server.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadDistrictCatalog } from './district-catalog.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const durationSeconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(durationSeconds > 0) || !Number.isInteger(connections) || connections < 1) {
  console.error('--seconds must be a positive number, --connections a whole number of 1 or more.');
  process.exit(1);
}

const projectRoot = resolve(import.meta.dirname, '..', '..');
const dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-bench-api-'));
const staticRoot = mkdtempSync(join(tmpdir(), 'bfmap-bench-root-'));
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>bench</title>');
const { catalog } = await loadDistrictCatalog(join(projectRoot, 'data'));
const sample = catalog.districts.find((district) => district.id === 'sample');
if (!sample) throw new Error('The sample district (data/sample) is needed for the bench; run npm run sample.');
const elevatorIds = [...sample.facilities.values()].filter((facility) => facility.category === 'elevator').map((facility) => facility.id);

const server = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'server', 'main.ts')], {
  env: { ...process.env, PORT: '0', DATA_DIR: dataDirectory, STATIC_ROOT: staticRoot, DISTRICTS_DIR: join(projectRoot, 'data'), RATE_LIMITS: 'off', DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise<string>((resolvePromise, reject) => {
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /http:\/\/localhost:(\d+)\//.exec(output);
    if (match) resolvePromise(`http://127.0.0.1:${match[1]}`);
  });
  server.on('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before listening: ${output}`)));
});

function report(label: string, result: autocannon.Result, okStatus: string): void {
  const byStatus: Record<string, { count?: number }> = result.statusCodeStats ?? {};
  const ok = byStatus[okStatus]?.count ?? 0;
  const others = Object.entries(byStatus).filter(([status]) => status !== okStatus).map(([status, stat]) => `${stat.count ?? 0}×${status}`).join(', ');
  console.log(
    `${label.padEnd(44)} ${(ok / result.duration).toFixed(0).padStart(6)} ok/s  ` +
    `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ` +
    `(${ok} × ${okStatus}${others === '' ? '' : `; also ${others}`}${result.errors > 0 ? `; ${result.errors} errors` : ''}${result.timeouts > 0 ? `; ${result.timeouts} timeouts` : ''})`,
  );
}

console.log(`Reports API on SQLite (synchronous=FULL), server in its own process, autocannon with ${connections} connections, ${durationSeconds} s each, node ${process.version}`);
const acknowledged: string[] = [];
let submission = 0;
const submissions = await autocannon({
  url: origin,
  connections,
  duration: durationSeconds,
  requests: [{
    method: 'POST',
    path: '/api/reports',
    setupRequest: (request) => {
      submission += 1;
      return {
        ...request,
        headers: { ...request.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          districtId: 'sample', facilityId: elevatorIds[submission % elevatorIds.length], category: 'elevator', faultCode: 'out_of_service',
          severity: 3, permanence: 'temporary', description: `电梯停用（压力测试 ${submission}）`,
        }),
      };
    },
    onResponse: (status, body) => {
      if (status === 201) acknowledged.push((JSON.parse(body) as { report: { id: string } }).report.id);
    },
  }],
});
report('POST /api/reports', submissions, '201');

const path = `/api/reports?facility=${encodeURIComponent(elevatorIds[0] ?? '')}&limit=20`;
const reads = await autocannon({ url: `${origin}${path}`, connections, duration: durationSeconds });
report(`GET ${path.slice(0, 38)}…`, reads, '200');

// Every acknowledged report, read back one by one from the server.
let missing = 0;
for (let start = 0; start < acknowledged.length; start += 50) {
  const answers = await Promise.all(acknowledged.slice(start, start + 50).map((id) => fetch(`${origin}/api/reports/${id}`).then((answer) => answer.status)));
  missing += answers.filter((status) => status !== 200).length;
}
console.log(`Acknowledged ${acknowledged.length}, read back ${acknowledged.length - missing}: ${missing === 0 ? 'none lost' : `${missing} LOST`}`);

server.kill('SIGTERM');
await new Promise((resolvePromise) => server.once('exit', resolvePromise));
rmSync(dataDirectory, { recursive: true, force: true });
rmSync(staticRoot, { recursive: true, force: true });
if (missing > 0) process.exit(1);
