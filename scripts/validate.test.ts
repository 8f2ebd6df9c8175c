import { afterAll, describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { validateCommand } from '../bin/commands/validate.ts';

const root = resolve(import.meta.dirname, '..');

async function validate(...argumentsGiven: string[]): Promise<{ status: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const status = await validateCommand.run(argumentsGiven, { out: (line) => lines.push(line), error: (line) => errors.push(line) });
  return { status, lines, errors };
}

const temporaryFolders: string[] = [];
afterAll(() => { for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true }); });

/** A copy of data/sample under a folder of the same name, to break on purpose. */
function sampleCopy(name = 'sample'): string {
  const parent = mkdtempSync(join(tmpdir(), 'bfmap-validate-'));
  temporaryFolders.push(parent);
  const directory = join(parent, name);
  cpSync(resolve(root, 'data', 'sample'), directory, { recursive: true });
  return directory;
}

const readJson = <Value>(path: string): Value => JSON.parse(readFileSync(path, 'utf8')) as Value;

describe('bfmap validate', () => {
  it('passes the sample district with exit 0, as users run it', () => {
    const result = spawnSync(process.execPath, ['bin/bfmap.js', 'validate', 'data/sample'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['data/sample: valid (0 errors, 0 warnings)']);
  });

  it('prints each problem as <file>: <feature>: <severity>: <problem> and exits 1 on an error', async () => {
    const directory = sampleCopy();
    const manifest = readJson<{ counts: Record<string, number> }>(join(directory, 'district.json'));
    const elevators = readJson<FeatureCollection>(join(directory, 'elevators.geojson'));
    manifest.counts.elevators = elevators.features.length + 2;
    writeFileSync(join(directory, 'district.json'), JSON.stringify(manifest));
    const result = await validate(directory);
    expect(result.status).toBe(1);
    expect(result.lines).toEqual([
      `district.json: counts.elevators: error: says ${elevators.features.length + 2} but elevators.geojson has ${elevators.features.length} features`,
      `${directory}: INVALID (1 error, 0 warnings)`,
    ]);
  });

  it('calls search.json stale when a name changed after it was generated, with exit 0 for a warning alone', async () => {
    const directory = sampleCopy();
    const places = readJson<FeatureCollection>(join(directory, 'places.geojson'));
    const place = places.features[0];
    if (place?.properties) place.properties.name_zh = '新改的名字';
    writeFileSync(join(directory, 'places.geojson'), JSON.stringify(places));
    const result = await validate(directory);
    expect(result.status).toBe(0);
    expect(result.lines[0]).toMatch(/^search\.json: \*: warning: stale: 1 entries differ from the layers/);
    expect(result.lines.at(-1)).toBe(`${directory}: valid (0 errors, 1 warning)`);
  });

  it('reports a folder named differently from its id, and a missing layer', async () => {
    const directory = sampleCopy('renamed');
    rmSync(join(directory, 'toilets.geojson'));
    const result = await validate(directory, '--quiet');
    expect(result.status).toBe(1);
    // --quiet prints the summary only; the count says what the full run would list.
    expect(result.lines).toHaveLength(1);
    const full = await validate(directory);
    expect(full.lines).toContain('district.json: id: error: id is "sample" but the folder is named "renamed"; they must be equal');
    expect(full.lines).toContain('toilets.geojson: *: error: missing: every district folder needs this file');
  });

  it.each([
    [[], 2, /the district folder is required/],
    [['data/no-such-district'], 1, /is not a folder/],
    [['data/sample', 'data/sample'], 2, /one district folder at a time/],
    [['--strict', 'data/sample'], 2, /unknown option --strict/],
  ])('fails clearly for %j', async (argumentsGiven, expectedStatus, message) => {
    const result = await validate(...argumentsGiven.map((argument) => (argument.startsWith('data/') ? resolve(root, argument) : argument)));
    expect(result.status).toBe(expectedStatus);
    expect(result.errors.join('\n')).toMatch(message);
  });
});
