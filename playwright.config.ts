// End-to-end tests against the production build served by server/main.ts.
// `npm run test:e2e` builds dist/ first; this config only starts the server.
import { defineConfig, devices, chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

// E2E_PORT lets a second checkout run its own suite beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** CHROMIUM_PATH, then Debian's chromium, then Playwright's own download; otherwise say how to get one. */
function chromiumExecutablePath(): string {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) {
    if (!existsSync(fromEnvironment)) throw new Error(`CHROMIUM_PATH is ${fromEnvironment}, but no file is there.`);
    return fromEnvironment;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one with `apt-get install chromium` ' +
      '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // The CI machine has 2 cores.
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumExecutablePath(),
          // SwiftShader renders WebGL on the CPU: there is no GPU in CI, and without
          // --enable-unsafe-swiftshader recent Chromium refuses WebGL on it and the map stays blank.
          args: [
            '--enable-unsafe-swiftshader',
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx server/main.ts',
    // A storage folder of its own, emptied by scripts/e2e-data.ts before each run. Rate limits off:
    // every spec signs in and files from 127.0.0.1 (the limits are tested in server/api).
    env: { PORT: String(PORT), DATA_DIR: 'test-results/e2e-var', RATE_LIMITS: 'off' },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
