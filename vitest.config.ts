import { defineConfig } from 'vitest/config';

// Unit tests sit next to their code (src/**, server/**, scripts/**); e2e specs under tests/ run in Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
