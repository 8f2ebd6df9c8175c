// Sums every suite of `npm test` into one last line, "N passed, N failed", for .ci/run.
//
// npm test chains typecheck && lint && test:unit && test:e2e, so a later step that ran proves the
// earlier ones passed: typecheck and lint are inferred, never re-run. Vitest and Playwright are
// counted per test from their JSON reports. A suite that left no report counts as 1 failed.
//
// Usage: tsx scripts/ci-summary.ts [--results test-results] [--log <npm test output>] [--exit-code <npm test status>]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SuiteCount {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why something failed or did not run; printed under the suite. */
  notes: string[];
}

export interface RunSummary {
  suites: SuiteCount[];
  passed: number;
  failed: number;
}

/** A JSON report as read from disk: absent, unreadable, or parsed. */
export type ReportFile = { state: 'missing' } | { state: 'unreadable'; reason: string } | { state: 'read'; report: unknown };

export interface RunEvidence {
  vitest: ReportFile;
  playwright: ReportFile;
  /** The output of `npm test`, when it was kept; its script banners show which steps started. */
  log: string | null;
  /** The exit status of `npm test`, when known. */
  exitCode: number | null;
}

const VITEST_REPORT = 'vitest.json';
const PLAYWRIGHT_REPORT = 'playwright.json';

/** The package scripts npm announced, in order: npm prints "> name@version script" before each. */
export function scriptsStartedInLog(log: string): string[] {
  return Array.from(log.matchAll(/^> \S+@\S+ (\S+)\s*$/gm), (match) => match[1] ?? '');
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Counts a Vitest JSON report (the Jest-compatible shape Vitest's json reporter writes). */
export function countVitestReport(report: unknown): SuiteCount {
  const count: SuiteCount = { name: 'vitest', passed: 0, failed: 0, skipped: 0, notes: [] };
  const root = asRecord(report);
  if (!root || !Array.isArray(root.testResults)) {
    return { ...count, failed: 1, notes: ['the report has no testResults; it is not a Vitest JSON report'] };
  }
  for (const fileValue of root.testResults) {
    const file = asRecord(fileValue) ?? {};
    const assertions = asArray(file.assertionResults).map((assertion) => asRecord(assertion) ?? {});
    // A file that fails to import has no assertions; it still failed, so it counts once.
    if (file.status === 'failed' && !assertions.some((assertion) => assertion.status === 'failed')) {
      count.failed += 1;
      const firstLine = String(file.message ?? '').split('\n')[0] ?? '';
      count.notes.push(`${String(file.name)} failed to run: ${firstLine}`);
    }
    for (const assertion of assertions) {
      if (assertion.status === 'passed') count.passed += 1;
      else if (assertion.status === 'failed') {
        count.failed += 1;
        count.notes.push(`failed: ${String(assertion.fullName ?? assertion.title)}`);
      } else count.skipped += 1;
    }
  }
  // Unhandled errors fail the run without failing any one test.
  if (root.success === false && count.failed === 0) {
    count.failed += 1;
    count.notes.push('Vitest reported a failed run with no failing test (an unhandled error?)');
  }
  return count;
}

interface PlaywrightSuite {
  specs?: { title?: string; tests?: { status?: string; projectName?: string }[] }[];
  suites?: PlaywrightSuite[];
  title?: string;
}

/** Counts a Playwright JSON report per test (one spec can hold a test per project). */
export function countPlaywrightReport(report: unknown): SuiteCount {
  const count: SuiteCount = { name: 'playwright', passed: 0, failed: 0, skipped: 0, notes: [] };
  const root = asRecord(report);
  if (!root || !Array.isArray(root.suites)) {
    return { ...count, failed: 1, notes: ['the report has no suites; it is not a Playwright JSON report'] };
  }
  const visit = (suite: PlaywrightSuite, path: string[]): void => {
    const suitePath = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'expected' || test.status === 'flaky') count.passed += 1;
        else if (test.status === 'skipped') count.skipped += 1;
        else {
          count.failed += 1;
          count.notes.push(`failed: ${[...suitePath, spec.title ?? '?'].join(' › ')}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, suitePath);
  };
  for (const suite of root.suites) visit(suite as PlaywrightSuite, []);
  // Errors outside any test: the web server did not start, a spec file did not compile.
  for (const errorValue of asArray(root.errors)) {
    const message = String(asRecord(errorValue)?.message ?? errorValue).split('\n')[0] ?? '';
    count.failed += 1;
    count.notes.push(`error outside the tests: ${message}`);
  }
  return count;
}

function reportSuite(name: string, reportName: string, file: ReportFile, counter: (report: unknown) => SuiteCount): SuiteCount {
  if (file.state === 'missing') {
    return { name, passed: 0, failed: 1, skipped: 0, notes: [`did not run: no ${reportName}`] };
  }
  if (file.state === 'unreadable') {
    return { name, passed: 0, failed: 1, skipped: 0, notes: [`${reportName} is unreadable: ${file.reason}`] };
  }
  const count = counter(file.report);
  if (count.passed + count.failed === 0) {
    return { ...count, failed: 1, notes: [...count.notes, 'ran no tests'] };
  }
  return count;
}

/** Typecheck or lint: passed when a later step of the && chain started, otherwise 1 failed. */
function inferredStep(name: string, laterStepStarted: boolean, ownStepStarted: boolean): SuiteCount {
  if (laterStepStarted) return { name, passed: 1, failed: 0, skipped: 0, notes: [] };
  return { name, passed: 0, failed: 1, skipped: 0, notes: [ownStepStarted ? 'failed (the next step never started)' : 'did not run'] };
}

export function summariseRun(evidence: RunEvidence): RunSummary {
  const started = new Set(evidence.log === null ? [] : scriptsStartedInLog(evidence.log));
  const vitestRan = evidence.vitest.state !== 'missing';
  const playwrightRan = evidence.playwright.state !== 'missing';
  const unitStarted = started.has('test:unit') || vitestRan || started.has('test:e2e') || playwrightRan;
  const lintStarted = started.has('lint') || unitStarted;
  const suites: SuiteCount[] = [
    inferredStep('typecheck', lintStarted, started.has('typecheck')),
    inferredStep('lint', unitStarted, started.has('lint')),
    reportSuite('vitest', VITEST_REPORT, evidence.vitest, countVitestReport),
    reportSuite('playwright', PLAYWRIGHT_REPORT, evidence.playwright, countPlaywrightReport),
  ];
  const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
  let failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
  // A non-zero exit with every count green means something failed that no report recorded.
  if (evidence.exitCode !== null && evidence.exitCode !== 0 && failed === 0) {
    suites.push({ name: 'npm test', passed: 0, failed: 1, skipped: 0, notes: [`exited with status ${evidence.exitCode} although every report passed`] });
    failed += 1;
  }
  return { suites, passed, failed };
}

export function readReportFile(path: string): ReportFile {
  if (!existsSync(path)) return { state: 'missing' };
  try {
    return { state: 'read', report: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (error) {
    return { state: 'unreadable', reason: (error as Error).message };
  }
}

export function summariseResultsDirectory(resultsDirectory: string, options: { log: string | null; exitCode: number | null }): RunSummary {
  return summariseRun({
    vitest: readReportFile(join(resultsDirectory, VITEST_REPORT)),
    playwright: readReportFile(join(resultsDirectory, PLAYWRIGHT_REPORT)),
    log: options.log,
    exitCode: options.exitCode,
  });
}

/** The printed summary; its last line is always "N passed, N failed". */
export function formatSummary(summary: RunSummary): string {
  const lines = ['', 'Test summary'];
  for (const suite of summary.suites) {
    const skipped = suite.skipped > 0 ? `, ${suite.skipped} skipped` : '';
    lines.push(`  ${suite.failed > 0 ? 'FAIL' : 'ok  '} ${suite.name}: ${suite.passed} passed, ${suite.failed} failed${skipped}`);
    for (const note of suite.notes) lines.push(`         ${note}`);
  }
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return lines.join('\n');
}

function optionValue(argumentsList: readonly string[], name: string): string | null {
  const index = argumentsList.indexOf(name);
  return index >= 0 ? (argumentsList[index + 1] ?? null) : null;
}

function main(argumentsList: readonly string[]): number {
  const resultsDirectory = optionValue(argumentsList, '--results') ?? 'test-results';
  const logPath = optionValue(argumentsList, '--log');
  const exitCodeText = optionValue(argumentsList, '--exit-code');
  const log = logPath !== null && existsSync(logPath) ? readFileSync(logPath, 'utf8') : null;
  const exitCode = exitCodeText === null ? null : Number(exitCodeText);
  const summary = summariseResultsDirectory(resultsDirectory, { log, exitCode: Number.isInteger(exitCode) ? exitCode : null });
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : 0;
}

// Run only as a script, not when the unit test imports the functions above.
if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
