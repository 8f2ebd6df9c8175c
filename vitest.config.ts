import { defineConfig } from 'vitest/config';

// Unit tests sit next to their code (src/**, server/**, scripts/**, bin/**); e2e specs under tests/ run in Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'bin/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['scripts/vitest-global-setup.ts'],
  },
});
