// bfmap import-osm as users run it: `node bin/bfmap.js import-osm …` in a child process, on the
// shared real extracts (../shared/data, never copied into the project) and on broken files.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { importOsmCommand, importOsmFile } from '../bin/commands/import-osm.ts';
import { renderTagMappingMarkdown } from '../src/domain/import/osm/tag-mapping.ts';

const root = resolve(import.meta.dirname, '..');
const sharedData = resolve(root, '..', 'shared', 'data');
let work: string;

function bfmap(...argumentsGiven: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/bfmap.js', ...argumentsGiven], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs the command in this process, for the quick checks that need no real import. */
async function runInProcess(...argumentsGiven: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const error: string[] = [];
  const status = await importOsmCommand.run(argumentsGiven, { out: (line) => out.push(line), error: (line) => error.push(line) });
  return { status, stdout: out.join('\n'), stderr: error.join('\n') };
}

/** No folder was written, and no temporary folder was left beside it. */
function nothingWritten(folder: string): void {
  expect(existsSync(join(work, folder))).toBe(false);
  expect(readdirSync(work).filter((name) => name.startsWith(`.${folder}`))).toEqual([]);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'bfmap-import-osm-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

// Child processes run side by side; each may take a few seconds on a busy machine.
describe.concurrent('bfmap import-osm', { timeout: 60_000 }, () => {
  it('imports the Paris extract, prints counts on stdout and grouped warnings on stderr, and the folder validates and searches', async () => {
    const result = await bfmap('import-osm', resolve(sharedData, 'osm', 'paris-marais.osm'), '--out', join(work, 'paris'), '--name-zh', '巴黎玛黑区', '--name-en', 'Paris Marais');
    expect(result.status).toBe(0);
    const ramps = (JSON.parse(readFileSync(join(work, 'paris', 'ramps.geojson'), 'utf8')) as FeatureCollection).features;
    expect(result.stdout).toContain(`ramps: ${ramps.length} (kerb_ramp ${ramps.length})`);
    expect(result.stdout).toMatch(/^network: \d+ edges \(.*assumed_sidewalk \d+/m);
    expect(result.stderr).toMatch(/^warning: \d+ ways that name nodes missing from the file/m);
    expect(result.stderr).toMatch(/^ {2}way\/\d+ names \d+ of its \d+ nodes that are not in the file/m);
    const manifest = JSON.parse(readFileSync(join(work, 'paris', 'district.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ id: 'paris', name: { zh: '巴黎玛黑区', en: 'Paris Marais' }, source: 'OpenStreetMap (paris-marais.osm)', licence: 'ODbL-1.0' });

    const validation = await bfmap('validate', join(work, 'paris'), '--quiet');
    expect(validation.stdout).toMatch(/: valid \(0 errors/);
    expect(validation.status).toBe(0);

    const exit = (JSON.parse(readFileSync(join(work, 'paris', 'places.geojson'), 'utf8')) as FeatureCollection).features.find((place) => place.properties?.kind === 'metro_exit');
    const search = await bfmap('search', '--data', join(work, 'paris'), String(exit?.properties?.name_en));
    expect(search.status).toBe(0);
    expect(search.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id)).toContain(exit?.properties?.id);
  });

  it('finds a Taipei street by its pinyin through the search.json it writes', async () => {
    const result = await bfmap('import-osm', resolve(sharedData, 'osm', 'taipei.osm'), '--out', join(work, 'taipei'));
    expect(result.status).toBe(0);
    const street = (JSON.parse(readFileSync(join(work, 'taipei', 'places.geojson'), 'utf8')) as FeatureCollection).features.find((place) => place.properties?.kind === 'street' && place.properties?.name_zh !== null);
    const searchData = JSON.parse(readFileSync(join(work, 'taipei', 'search.json'), 'utf8')) as { entries: Record<string, { namePinyin: string }> };
    const pinyin = searchData.entries[String(street?.properties?.id)]?.namePinyin;
    expect(pinyin).toMatch(/^[a-z ]+/);
    const search = await bfmap('search', '--data', join(work, 'taipei'), String(pinyin));
    expect(search.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id)).toContain(street?.properties?.id);
  });

  it('reads Overpass JSON whatever the file is called', async () => {
    const path = join(work, 'answer.osm');
    writeFileSync(path, JSON.stringify({ elements: [
      { type: 'node', id: 1, lat: 25.05, lon: 121.52 }, { type: 'node', id: 2, lat: 25.0505, lon: 121.5205, tags: { amenity: 'toilets', wheelchair: 'yes' } },
      { type: 'way', id: 3, nodes: [1, 2], tags: { highway: 'footway', name: '中山北路' } },
    ] }));
    const result = await runInProcess(path, '--out', join(work, 'overpass'));
    expect(result.stdout).toMatch(/\(Overpass JSON\)/);
    expect(result.stdout).toMatch(/^toilets: 1$/m);
    expect(result.status).toBe(0);
  });

  it('stops at truncated XML with the line and column, writing nothing', async () => {
    const text = readFileSync(resolve(sharedData, 'osm', 'taipei.osm'), 'utf8');
    const path = join(work, 'truncated.osm');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const result = await bfmap('import-osm', path, '--out', join(work, 'truncated'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/truncated\.osm:\d+:\d+: .*(unclosed tag|unexpected end)/);
    nothingWritten('truncated');
  });

  it('stops at a damaged PBF block, naming the block and its byte offset', async () => {
    const bytes = readFileSync(resolve(sharedData, 'osm', 'paris-marais.osm.pbf'));
    const damaged = Uint8Array.from(bytes);
    for (let offset = 4000; offset < 4100; offset += 1) damaged[offset] = 0x55;
    const path = join(work, 'damaged.osm.pbf');
    writeFileSync(path, damaged);
    const result = await bfmap('import-osm', path, '--out', join(work, 'damaged'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/damaged\.osm\.pbf: block \d+ at byte \d+: /);
    nothingWritten('damaged');
  });

  it('exits 1 and writes nothing when nothing usable comes out', async () => {
    const path = join(work, 'bare.osm');
    writeFileSync(path, '<?xml version="1.0"?>\n<osm version="0.6">\n  <node id="1" lat="31.23" lon="121.47"/>\n  <node id="2" lat="95" lon="121.47"/>\n</osm>\n');
    const result = await runInProcess(path, '--out', join(work, 'bare'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Nothing usable was imported/);
    nothingWritten('bare');
  });

  it('leaves an existing folder alone without --replace', async () => {
    const first = await importOsmFile(resolve(sharedData, 'osm', 'taipei.osm'), join(work, 'kept'), { bbox: [121.515, 25.045, 121.53, 25.06] });
    expect(first.counts.network).toBeGreaterThan(0);
    const before = readFileSync(join(work, 'kept', 'network.geojson'), 'utf8');
    const again = await bfmap('import-osm', resolve(sharedData, 'osm', 'taipei.osm'), '--out', join(work, 'kept'));
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; add --replace/);
    expect(readFileSync(join(work, 'kept', 'network.geojson'), 'utf8')).toBe(before);
  });

  it.each([
    [['import-osm', '--out', 'x'], /the OSM file is required/],
    [['import-osm', 'a.osm'], /--out <district folder> is required/],
    [['import-osm', 'a.osm', '--out', 'x', '--bbox', '121.5,25,121.4,25.1'], /--bbox must be west,south,east,north/],
    [['import-osm', 'a.osm', '--out', 'x', '--bbox', '1,2,3'], /--bbox must be/],
    [['import-osm', 'a.osm', '--out', 'x', '--colour', 'red'], /unknown option --colour/],
    [['import-osm', 'a.osm', '--out', 'Bad Name'], /must be lower-case letters, digits and hyphens/],
  ])('exits 2 for wrong usage: %j', async (argumentsGiven, message) => {
    const result = await runInProcess(...argumentsGiven.slice(1));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 1 for a file that does not exist', async () => {
    const result = await runInProcess(join(work, 'missing.osm'), '--out', join(work, 'missing'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.osm does not exist/);
  });
});

describe('the tag mapping in data/README.md', () => {
  it('is the table in the code, word for word', () => {
    const readme = readFileSync(resolve(root, 'data', 'README.md'), 'utf8');
    expect(readme).toContain('## Importing OpenStreetMap');
    expect(readme).toContain(renderTagMappingMarkdown());
  });
});
