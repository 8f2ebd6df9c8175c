import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  countPlaywrightReport,
  countVitestReport,
  formatSummary,
  scriptsStartedInLog,
  summariseResultsDirectory,
  summariseRun,
  type ReportFile,
} from './ci-summary.ts';

/** A Vitest json-reporter report: one entry per file, one assertion per test. */
function vitestReport(files: { name: string; status: string; message?: string; tests: [string, string][] }[], success?: boolean): unknown {
  return {
    success: success ?? files.every((file) => file.status === 'passed'),
    testResults: files.map((file) => ({
      name: file.name,
      status: file.status,
      message: file.message ?? '',
      assertionResults: file.tests.map(([title, status]) => ({ title, fullName: title, status })),
    })),
  };
}

/** A Playwright json-reporter report with nested describe blocks. */
function playwrightReport(statuses: string[], errors: { message: string }[] = []): unknown {
  return {
    suites: [
      {
        title: 'keyboard.spec.ts',
        specs: [{ title: 'first', tests: statuses.slice(0, 1).map((status) => ({ status, projectName: 'chromium' })) }],
        suites: [
          {
            title: 'details panel',
            specs: statuses.slice(1).map((status, index) => ({ title: `nested ${index}`, tests: [{ status, projectName: 'chromium' }] })),
          },
        ],
      },
    ],
    errors,
  };
}

const read = (report: unknown): ReportFile => ({ state: 'read', report });
const missing: ReportFile = { state: 'missing' };

const npmLog = (...scripts: string[]): string =>
  scripts.map((script) => `\n> barrier-free-map@0.1.0 ${script}\n> some command\n\noutput of ${script}\n`).join('');

describe('counting a Vitest report', () => {
  it('counts each test by its status and lists the failing ones', () => {
    const count = countVitestReport(vitestReport([
      { name: 'a.test.ts', status: 'passed', tests: [['adds', 'passed'], ['subtracts', 'passed']] },
      { name: 'b.test.ts', status: 'failed', tests: [['divides', 'failed'], ['later', 'skipped'], ['soon', 'todo']] },
    ]));
    expect(count).toMatchObject({ passed: 2, failed: 1, skipped: 2 });
    expect(count.notes.join('\n')).toContain('divides');
  });

  it('counts a test file that failed to import as one failure', () => {
    const count = countVitestReport(vitestReport([
      { name: 'broken.test.ts', status: 'failed', message: "Cannot find module './missing.ts'\n    at stack", tests: [] },
      { name: 'fine.test.ts', status: 'passed', tests: [['works', 'passed']] },
    ]));
    expect(count).toMatchObject({ passed: 1, failed: 1 });
    expect(count.notes[0]).toContain("broken.test.ts failed to run: Cannot find module './missing.ts'");
  });

  it('counts an unhandled error as a failure when no single test failed', () => {
    const report = vitestReport([{ name: 'leaky.test.ts', status: 'passed', tests: [['leaks', 'passed']] }], false);
    expect(countVitestReport(report)).toMatchObject({ passed: 1, failed: 1 });
  });

  it('fails a report of the wrong shape instead of counting it as empty', () => {
    expect(countVitestReport({ stats: {} }).failed).toBe(1);
  });
});

describe('counting a Playwright report', () => {
  it('walks nested suites and counts every test', () => {
    const count = countPlaywrightReport(playwrightReport(['expected', 'expected', 'unexpected', 'skipped', 'flaky']));
    expect(count).toMatchObject({ passed: 3, failed: 1, skipped: 1 });
    expect(count.notes).toEqual(['failed: keyboard.spec.ts › details panel › nested 1']);
  });

  it('counts each error outside the tests, such as a web server that never started', () => {
    const count = countPlaywrightReport(playwrightReport([], [{ message: 'Error: Timed out waiting 60000ms from config.webServer.\nmore' }]));
    expect(count).toMatchObject({ passed: 0, failed: 1 });
    expect(count.notes).toEqual(['error outside the tests: Error: Timed out waiting 60000ms from config.webServer.']);
  });
});

describe('reading npm output', () => {
  it('lists the scripts npm announced, in order', () => {
    expect(scriptsStartedInLog(npmLog('test', 'typecheck', 'lint', 'test:unit'))).toEqual(['test', 'typecheck', 'lint', 'test:unit']);
  });

  it('ignores command lines that merely start with "> "', () => {
    expect(scriptsStartedInLog('> tsc --noEmit -p tsconfig.json\n')).toEqual([]);
  });
});

describe('summarising a run', () => {
  it('sums typecheck and lint as one test each plus every unit and e2e test', () => {
    const summary = summariseRun({
      vitest: read(vitestReport([{ name: 'a.test.ts', status: 'passed', tests: [['one', 'passed'], ['two', 'passed'], ['three', 'passed']] }])),
      playwright: read(playwrightReport(['expected', 'expected'])),
      log: npmLog('test', 'typecheck', 'lint', 'test:unit', 'test:e2e'),
      exitCode: 0,
    });
    expect(summary).toMatchObject({ passed: 1 + 1 + 3 + 2, failed: 0 });
  });

  it('blames typecheck, not lint, when npm stopped after typecheck, and counts each suite that never ran', () => {
    const summary = summariseRun({ vitest: missing, playwright: missing, log: npmLog('test', 'typecheck'), exitCode: 2 });
    expect(summary).toMatchObject({ passed: 0, failed: 4 });
    expect(summary.suites.map((suite) => [suite.name, suite.notes[0]])).toEqual([
      ['typecheck', 'failed (the next step never started)'],
      ['lint', 'did not run'],
      ['vitest', 'did not run: no vitest.json'],
      ['playwright', 'did not run: no playwright.json'],
    ]);
  });

  it('passes typecheck and blames lint when npm stopped after lint', () => {
    const summary = summariseRun({ vitest: missing, playwright: missing, log: npmLog('test', 'typecheck', 'lint'), exitCode: 1 });
    expect(summary.suites.slice(0, 2).map((suite) => [suite.name, suite.passed, suite.failed, suite.notes[0]])).toEqual([
      ['typecheck', 1, 0, undefined],
      ['lint', 0, 1, 'failed (the next step never started)'],
    ]);
  });

  it('infers typecheck and lint passed from a Vitest report when no log was kept', () => {
    const summary = summariseRun({
      vitest: read(vitestReport([{ name: 'a.test.ts', status: 'failed', tests: [['one', 'failed']] }])),
      playwright: missing,
      log: null,
      exitCode: null,
    });
    expect(summary.suites.map((suite) => [suite.name, suite.passed, suite.failed])).toEqual([
      ['typecheck', 1, 0],
      ['lint', 1, 0],
      ['vitest', 0, 1],
      ['playwright', 0, 1],
    ]);
  });

  it('fails a suite whose report lists no tests at all', () => {
    const summary = summariseRun({ vitest: read(vitestReport([])), playwright: read(playwrightReport([])), log: null, exitCode: 0 });
    expect(summary.suites.find((suite) => suite.name === 'vitest')?.notes).toContain('ran no tests');
    expect(summary.failed).toBe(2);
  });

  it('adds a failure when npm test exited non-zero although every report passed', () => {
    const summary = summariseRun({
      vitest: read(vitestReport([{ name: 'a.test.ts', status: 'passed', tests: [['one', 'passed']] }])),
      playwright: read(playwrightReport(['expected'])),
      log: null,
      exitCode: 1,
    });
    expect(summary).toMatchObject({ passed: 4, failed: 1 });
  });

  it('ends the printed summary with the "N passed, N failed" line', () => {
    const summary = summariseRun({ vitest: read(vitestReport([{ name: 'a.test.ts', status: 'passed', tests: [['one', 'passed'], ['two', 'failed']] }])), playwright: missing, log: null, exitCode: 1 });
    expect(formatSummary(summary).split('\n').pop()).toBe(`${summary.passed} passed, ${summary.failed} failed`);
    expect(formatSummary(summary).split('\n').pop()).toBe('3 passed, 2 failed');
  });
});

describe('reading the results folder', () => {
  let folder = '';
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads both reports from disk and fails one that is not valid JSON', () => {
    folder = mkdtempSync(join(tmpdir(), 'bfmap-ci-summary-'));
    writeFileSync(join(folder, 'vitest.json'), JSON.stringify(vitestReport([{ name: 'a.test.ts', status: 'passed', tests: [['one', 'passed'], ['two', 'passed']] }])));
    writeFileSync(join(folder, 'playwright.json'), '{"suites": [');
    const summary = summariseResultsDirectory(folder, { log: null, exitCode: null });
    expect(summary).toMatchObject({ passed: 4, failed: 1 });
    expect(summary.suites.find((suite) => suite.name === 'playwright')?.notes[0]).toMatch(/^playwright\.json is unreadable/);
  });
});
