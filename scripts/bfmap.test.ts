import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { COMMANDS } from '../bin/commands/index.ts';

// bfmap runs as users run it: `node bin/bfmap.js …`, a child process against data/sample.
const root = resolve(import.meta.dirname, '..');

function bfmap(...argumentsGiven: string[]): { status: number | null; lines: string[]; errors: string } {
  const result = spawnSync(process.execPath, ['bin/bfmap.js', ...argumentsGiven], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, lines: result.stdout.split('\n').filter((line) => line !== ''), errors: result.stderr };
}

describe('bfmap search', () => {
  it('prints the elevators of the sample district as JSON lines for 电梯', () => {
    const { status, lines } = bfmap('search', '--data', 'data/sample', '电梯');
    expect(status).toBe(0);
    const results = lines.map((line) => JSON.parse(line) as { id: string; category: string; name: string; score: number });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.category === 'elevator' && typeof result.name === 'string' && result.score > 0)).toBe(true);
    expect(Object.keys(results[0] ?? {})).toEqual(['id', 'category', 'name', 'score']);
  });

  it('finds a facility by pinyin through search.json', () => {
    const { status, lines } = bfmap('search', '--data', 'data/sample', 'wutong gongyuan weishengjian');
    expect(status).toBe(0);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ id: 'sample:toilet:0001', category: 'toilet' });
  });

  it('keeps to --limit', () => {
    expect(bfmap('search', '--data', 'data/sample', '--limit', '3', '电梯').lines).toHaveLength(3);
    expect(bfmap('search', '--data', 'data/sample', '电梯', '--limit=1').lines).toHaveLength(1);
  });

  it('prints nothing, and says so on stderr, for a query that matches nothing', () => {
    const { status, lines, errors } = bfmap('search', '--data', 'data/sample', 'zzzzqqq');
    expect([status, lines]).toEqual([0, []]);
    expect(errors).toMatch(/no results/);
  });

  it.each([
    [['search', '--data', 'data/no-such-district', '电梯'], 1, /not a folder/],
    [['search', '--data', 'data/sample', '--lmit', '3', '电梯'], 2, /unknown option --lmit/],
    [['search', '--data', 'data/sample'], 2, /query is required/],
    [['search', '电梯'], 2, /--data/],
    [['search', '--data', 'data/sample', '--limit', 'ten', '电梯'], 2, /--limit/],
    [['serch'], 2, /unknown command/],
  ])('fails clearly for %j', (argumentsGiven, expectedStatus, message) => {
    const { status, lines, errors } = bfmap(...argumentsGiven);
    expect(status).toBe(expectedStatus);
    expect(lines).toEqual([]);
    expect(errors).toMatch(message);
  });
});

describe('bfmap --help', () => {
  it('lists every command', () => {
    const { status, lines } = bfmap('--help');
    expect(status).toBe(0);
    for (const command of COMMANDS) expect(lines.some((line) => line.trim().startsWith(command.name))).toBe(true);
  });
});
