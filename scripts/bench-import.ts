// Import bench for `bfmap import-osm`: imports each shared OpenStreetMap extract (../shared/data)
// and a synthetic OSM XML file of about 10 MB (copies of the Paris extract, renumbered and laid
// side by side), each in its own child process, and prints the time of each step and the peak
// resident memory (process.memoryUsage().rss sampled every 10 ms). It prints numbers and never
// fails on them; nothing is written under data/.
//
//   npx tsx scripts/bench-import.ts            all extracts and the synthetic file
//   npx tsx scripts/bench-import.ts <file>…    only these files
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const sharedData = resolve(root, '..', 'shared', 'data');
const EXTRACTS = [
  'osm/paris-marais.osm', 'osm/paris-marais.osm.pbf', 'osm/berlin-neukolln.osm', 'osm/seattle-roosevelt.osm',
  'osm/taipei.osm', 'osm/singapore-bayfront.osm', 'shanghai/huangpu-west-streets.osm',
];
/** The performance target of issue 3: a 10 MB OSM XML file in under 10 s. */
const SYNTHETIC_BYTES = 10 * 1024 * 1024;

interface Measurement {
  file: string;
  megabytes: number;
  readSeconds: number;
  convertSeconds: number;
  writeSeconds: number;
  totalSeconds: number;
  peakRssMegabytes: number;
  nodes: number;
  ways: number;
  network: number;
  facilities: number;
  places: number;
}

/** One import in this process, with the memory sampled while it runs; prints a JSON line. */
async function measureOne(inputPath: string, outDirectory: string): Promise<void> {
  const { importOsmFile } = await import('../bin/osm/import-osm-file.ts');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const start = performance.now();
  const summary = await importOsmFile(inputPath, outDirectory, { replace: true });
  const totalSeconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const { counts } = summary;
  const measurement: Measurement = {
    file: basename(inputPath),
    megabytes: statSync(inputPath).size / 1024 / 1024,
    readSeconds: summary.readSeconds,
    convertSeconds: summary.convertSeconds,
    writeSeconds: summary.writeSeconds,
    totalSeconds,
    peakRssMegabytes: peak / 1024 / 1024,
    nodes: summary.elements.nodes,
    ways: summary.elements.ways,
    network: counts.network,
    facilities: counts.ramps + counts.toilets + counts.elevators + counts.tactilePaving,
    places: counts.places,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

/**
 * An OSM XML file of at least `bytes`: copies of the source's elements with every id moved by
 * copy × 10^11 (beyond any real OSM id) and every longitude moved east by the source's width, so
 * the copies neither clash nor overlap.
 */
export function syntheticXml(sourceText: string, bytes: number): string {
  const body = sourceText.slice(sourceText.indexOf('>', sourceText.indexOf('<osm')) + 1, sourceText.lastIndexOf('</osm>')).replace(/\s*<bounds[^>]*\/>/, '');
  const longitudes = [...body.matchAll(/lon="(-?[\d.]+)"/g)].map((match) => Number(match[1]));
  const width = Math.max(...longitudes) - Math.min(...longitudes) + 0.001;
  const copies: string[] = [];
  let length = 0;
  for (let copy = 0; length < bytes; copy += 1) {
    const shift = copy * 1e11;
    const text = body
      .replace(/\b(id|ref)="(-?\d+)"/g, (_match, name: string, id: string) => `${name}="${Number(id) + shift}"`)
      .replace(/\blon="(-?[\d.]+)"/g, (_match, longitude: string) => `lon="${(Number(longitude) + copy * width).toFixed(7)}"`);
    copies.push(text);
    length += text.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="bfmap bench">${copies.join('')}\n</osm>\n`;
}

function runChild(inputPath: string, outDirectory: string): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bench-import.ts'), '--one', inputPath, outDirectory], {
    cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Measurement;
}

function printTable(measurements: readonly Measurement[]): void {
  const header = ['file', 'MB', 'read s', 'convert s', 'write s', 'total s', 'peak RSS MB', 'nodes', 'ways', 'edges', 'facilities', 'places'];
  const rows = measurements.map((item) => [
    item.file, item.megabytes.toFixed(1), item.readSeconds.toFixed(2), item.convertSeconds.toFixed(2), item.writeSeconds.toFixed(2),
    item.totalSeconds.toFixed(2), item.peakRssMegabytes.toFixed(0), String(item.nodes), String(item.ways), String(item.network), String(item.facilities), String(item.places),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const format = (row: readonly string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  console.log('bfmap import-osm: time and peak memory per file (one child process each)');
  console.log(format(header));
  for (const row of rows) console.log(format(row));
}

async function main(argumentsGiven: readonly string[]): Promise<number> {
  if (argumentsGiven[0] === '--one') {
    await measureOne(argumentsGiven[1] as string, argumentsGiven[2] as string);
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'bfmap-bench-import-'));
  try {
    let inputs = argumentsGiven.map((path) => resolve(path));
    if (inputs.length === 0) {
      inputs = EXTRACTS.map((file) => resolve(sharedData, file)).filter((path) => existsSync(path));
      const paris = resolve(sharedData, 'osm', 'paris-marais.osm');
      if (existsSync(paris)) {
        const synthetic = join(work, 'synthetic-10mb.osm');
        writeFileSync(synthetic, syntheticXml(readFileSync(paris, 'utf8'), SYNTHETIC_BYTES));
        inputs.push(synthetic);
      }
    }
    if (inputs.length === 0) {
      console.error(`bench-import: no OSM files found in ${sharedData}; give files as arguments`);
      return 1;
    }
    const measurements = inputs.map((input, index) => runChild(input, join(work, `district-${index}`)));
    printTable(measurements);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main(process.argv.slice(2));
}
