// Lint config: zero warnings allowed (`npm run lint`). The pure domain core is fenced off from
// React, the DOM, maplibre-gl and network access so it stays testable and reusable by the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'jsx-a11y': jsxA11y, 'react-hooks': reactHooks },
    rules: { ...jsxA11y.flatConfigs.strict.rules, ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/map/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['maplibre-gl', 'maplibre-gl/*'], message: 'Only src/map imports maplibre-gl; use the FacilityMap controller.' }],
      }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'maplibre-gl', 'maplibre-gl/*'], message: 'src/domain is pure: no React or maplibre.' },
          { group: ['**/map/**', '**/features/**', '**/app/**', '**/state/**', '**/api/**', '**/a11y/**', '**/ui/**', '**/workers/**'], message: 'src/domain depends on nothing outside src/domain.' },
          { group: ['node:*', 'fs', 'path'], message: 'src/domain must not touch storage or Node APIs.' },
        ],
      }],
      'no-restricted-globals': ['error', 'document', 'window', 'fetch', 'localStorage', 'sessionStorage', 'navigator', 'XMLHttpRequest'],
    },
  },

);
