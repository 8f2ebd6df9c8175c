import { afterAll, describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { importOpenSidewalksCommand } from '../bin/commands/import-opensidewalks.ts';
import { validateCommand } from '../bin/commands/validate.ts';

const root = resolve(import.meta.dirname, '..');
const fixture = resolve(root, 'tests', 'fixtures', 'import', 'opensidewalks');
const files = ['edges.geojson', 'nodes.geojson', 'points.geojson'].map((file) => join(fixture, file));

type Run = { status: number; lines: string[]; errors: string[] };
async function run(command: typeof importOpenSidewalksCommand, ...argumentsGiven: string[]): Promise<Run> {
  const lines: string[] = [];
  const errors: string[] = [];
  const status = await command.run(argumentsGiven, { out: (line) => lines.push(line), error: (line) => errors.push(line) });
  return { status, lines, errors };
}
const temporaryFolders: string[] = [];
const temporaryParent = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-osw-'));
  temporaryFolders.push(folder);
  return folder;
};
afterAll(() => { for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true }); });
const featureCount = (path: string): number => (JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection).features.length;

describe('bfmap import-opensidewalks', () => {
  it('imports the fixture as users run it, lists what it left out, and the folder validates', async () => {
    const out = join(temporaryParent(), 'osw-fixture');
    const result = spawnSync(process.execPath, ['bin/bfmap.js', 'import-opensidewalks', ...files, '--out', out, '--name-en', 'OSW fixture'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.includes(': error: '))).toEqual([
      'edges.geojson: e13: error: has no highway tag, so it is no OSW edge type; left out',
      'edges.geojson: e14: error: is a Point, expected a LineString; left out',
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'district.json'), 'utf8')) as { counts: Record<string, number>; name: { en: string } };
    expect(manifest.name.en).toBe('OSW fixture');
    expect(manifest.counts.network).toBe(featureCount(join(out, 'network.geojson')));
    expect(result.stdout).toContain(`wrote ${out}: ramps 1, toilets 1, elevators 1, tactile paving 2, network ${manifest.counts.network}, places 2`);
    const validation = await run(validateCommand, out);
    expect(validation.lines).toEqual([`${out}: valid (0 errors, 0 warnings)`]);
    expect(validation.status).toBe(0);
  });

  it('takes the ODbL and OSM attribution from a dataSource naming OpenStreetMap', async () => {
    const parent = temporaryParent();
    const edges = JSON.parse(readFileSync(files[0] as string, 'utf8')) as Record<string, unknown>;
    const fromOsm = join(parent, 'edges.geojson');
    writeFileSync(fromOsm, JSON.stringify({ ...edges, dataSource: { name: 'OpenStreetMap', license: 'https://opendatacommons.org/licenses/odbl/1-0/' } }));
    const out = join(parent, 'from-osm');
    expect((await run(importOpenSidewalksCommand, fromOsm, '--out', out)).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'district.json'), 'utf8'))).toMatchObject({ licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' });
  });

  it('stops at a truncated file with its line and column, and writes nothing', async () => {
    const parent = temporaryParent();
    const truncated = join(parent, 'edges.geojson');
    const text = readFileSync(files[0] as string, 'utf8');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const result = await run(importOpenSidewalksCommand, truncated, '--out', join(parent, 'out'));
    expect(result.status).toBe(1);
    expect(result.errors.join('\n')).toMatch(/edges\.geojson is not valid JSON at line \d+, column \d+/);
    expect(readdirSync(parent)).toEqual(['edges.geojson']);
  });

  it('exits 1 when nothing usable comes out, and leaves an existing folder alone without --replace', async () => {
    const parent = temporaryParent();
    const roadsOnly = join(parent, 'roads.geojson');
    writeFileSync(roadsOnly, JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { _id: 'r', highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[2.35, 48.85], [2.36, 48.85]] } }],
    }));
    const nothing = await run(importOpenSidewalksCommand, roadsOnly, '--out', join(parent, 'empty'));
    expect(nothing.status).toBe(1);
    expect(nothing.errors.join('\n')).toMatch(/Nothing usable was imported/);
    expect(existsSync(join(parent, 'empty'))).toBe(false);

    mkdirSync(join(parent, 'existing'));
    writeFileSync(join(parent, 'existing', 'keep.txt'), 'mine');
    const refused = await run(importOpenSidewalksCommand, files[0] as string, '--out', join(parent, 'existing'));
    expect(refused.status).toBe(2);
    expect(refused.errors.join('\n')).toMatch(/already exists; add --replace/);
    expect(readFileSync(join(parent, 'existing', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('leaves out features beyond --boundary and says which', async () => {
    const parent = temporaryParent();
    // A boundary around the western half of the fixture: the sidewalk at x = 24 m lies outside.
    const boundary = join(parent, 'west.geojson');
    writeFileSync(boundary, JSON.stringify({
      type: 'Feature', properties: { name: 'West' },
      geometry: { type: 'Polygon', coordinates: [[[-122.3133, 47.6598], [-122.31285, 47.6598], [-122.31285, 47.6611], [-122.3133, 47.6611], [-122.3133, 47.6598]]] },
    }));
    const result = await run(importOpenSidewalksCommand, ...files, '--out', join(parent, 'west'), '--boundary', boundary);
    expect(result.status).toBe(0);
    const outside = result.errors.filter((line) => /outside the district boundary/.test(line)).map((line) => line.split(': ')[1]);
    expect(outside).toEqual(expect.arrayContaining(['e6', 'e7', 'e8', 'e11']));
    const network = JSON.parse(readFileSync(join(parent, 'west', 'network.geojson'), 'utf8')) as FeatureCollection;
    expect(network.features.map((feature) => feature.properties?.id)).not.toContain('osw:edge/e7');
  });

  it.each([
    [[], /the edges file is required/],
    [['edges.geojson'], /--out <district folder> is required/],
    [['a', 'b', 'c', 'd', '--out', 'x'], /at most three files/],
    [['edges.geojson', '--out', 'x', '--boundary-name', 'West'], /--boundary-name needs --boundary/],
  ])('stops with exit 2 for wrong usage %j', async (argumentsGiven, message) => {
    const result = await run(importOpenSidewalksCommand, ...argumentsGiven.map((argument) => (argument === 'x' ? join(temporaryParent(), 'x') : argument)));
    expect(result.status).toBe(2);
    expect(result.errors.join('\n')).toMatch(message);
  });
});
