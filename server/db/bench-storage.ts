// Storage bench: how many reports per second createReport files, each in its own transaction, on
// SQLite (one connection, synchronous FULL, the default, and NORMAL for comparison) and, when
// DATABASE_URL_TEST names a server, on PostgreSQL (one connection, then ten at once). It prints
// numbers and never fails on them.
//
// Usage: npx tsx server/db/bench-storage.ts [--reports N]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPostgresRepository } from './postgres.ts';
import { filingOf, reportAt } from './report-fixtures.ts';
import type { Repository } from './repository.ts';
import { openSqliteRepository } from './sqlite.ts';
import { POSTGRES_TEST_URL_VARIABLE, ThrowawayPostgresDatabases } from './test-databases.ts';

const DEFAULT_REPORT_COUNT = 3000;

function reportCountFromArguments(argumentsGiven: string[]): number {
  const index = argumentsGiven.indexOf('--reports');
  const count = index === -1 ? DEFAULT_REPORT_COUNT : Number(argumentsGiven[index + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--reports takes a whole number of at least 1; got "${argumentsGiven[index + 1] ?? ''}".`);
  return count;
}

/** Files `count` reports with `concurrency` createReport calls in flight; returns reports per second. */
async function measure(repository: Repository, count: number, concurrency: number): Promise<number> {
  const districtId = `bench-${randomUUID()}`;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const report = reportAt(next, { districtId, description: `基准测试第 ${next} 份报告：盲道被共享单车占用。` });
      next += 1;
      await repository.createReport(report, filingOf(report), randomUUID());
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const stored = (await repository.listReports({ districtId, limit: 1 })).reports.length;
  if (stored !== 1) throw new Error(`the bench district should hold reports after the run; found ${stored} on the first page`);
  return count / seconds;
}

function print(label: string, count: number, reportsPerSecond: number): void {
  console.log(`${label.padEnd(48)} ${String(count).padStart(6)} reports  ${reportsPerSecond.toFixed(0).padStart(7)} reports/s`);
}

const count = reportCountFromArguments(process.argv.slice(2));
for (const synchronous of ['full', 'normal'] as const) {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'bfmap-bench-'));
  try {
    const repository = await openSqliteRepository({ dataDirectory, synchronous });
    print(`SQLite, synchronous=${synchronous.toUpperCase()}, one connection`, count, await measure(repository, count, 1));
    await repository.close();
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

const serverUrl = process.env[POSTGRES_TEST_URL_VARIABLE]?.trim();
if (!serverUrl) {
  console.log(`PostgreSQL: not measured; set ${POSTGRES_TEST_URL_VARIABLE} (see scripts/pg-test-server.ts).`);
} else {
  const databases = new ThrowawayPostgresDatabases(serverUrl);
  try {
    for (const connections of [1, 10]) {
      const repository = await openPostgresRepository({ databaseUrl: await databases.create(), poolSize: connections });
      print(`PostgreSQL, ${connections} connection${connections === 1 ? '' : 's'}, ${connections} in flight`, count, await measure(repository, count, connections));
      await repository.close();
    }
  } finally {
    await databases.dropAll();
  }
}
