// Runs axe-core in the page and fails with a readable list of violations.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';

/** WCAG 2.2 AA as axe 4.13 tags it: it has no 'wcag22a' tag; its WCAG 2.2 rule, target-size (SC 2.5.8), is 'wcag22aa'. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One line per failing rule with its impact, help text and the selectors of every failing node. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => `    ${node.target.map(String).join(' >>> ')}`).join('\n');
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}\n${targets}`;
    })
    .join('\n');
}

export async function expectNoAxeViolations(page: Page, options: { include?: string; label?: string } = {}): Promise<void> {
  // options() replaces the whole run-options object, so it must come before withTags(),
  // which writes runOnly into that same object.
  let builder = new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } })
    .withTags(WCAG_TAGS);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const label = options.label ?? page.url();
  if (results.incomplete.length > 0) {
    const rules = results.incomplete.map((result) => `${result.id} ×${result.nodes.length}`).join(', ');
    console.log(`axe [${label}]: ${results.incomplete.length} rule(s) need manual review: ${rules}`);
  }
  const message = `axe [${label}]: ${results.violations.length} violation(s)\n${describeViolations(results.violations)}`;
  expect(results.violations.length, message).toBe(0);
}
