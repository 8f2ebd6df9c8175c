import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyseDist, entryScripts, formatBenchReport, resolveReference, staticImportSpecifiers, FIRST_PAINT_BUDGET_GZIP_BYTES } from './bench.ts';

let dist = '';
const files: Record<string, string> = {
  'index.html': `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-A1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-B2.js">
    <link rel="stylesheet" href="/assets/index-C3.css">
    <script src="/legacy-not-a-module.js"></script>
  </head><body><div id="root"></div></body></html>`,
  // The entry: static imports (minified, with and without a clause) and a dynamic import of the map.
  'assets/index-A1.js': `import{j as e}from"./react-B2.js";import"./shared-D4.js";const t="import x from './not-a-file.js'";const m=()=>import("./map-E5.js");export{e,t,m};`,
  'assets/react-B2.js': `export*from"./scheduler-F6.js";export const j=1;`,
  'assets/scheduler-F6.js': `export const s=${JSON.stringify('s'.repeat(300))};`,
  'assets/shared-D4.js': `import {\n  j as jsx\n} from './react-B2.js';\nexport const shared = jsx;`,
  // MapLibre and its worker, recognised by their own strings, reached only through import().
  'assets/map-E5.js': `import{j}from"./react-B2.js";throw new Error("Style is not done loading");`,
  'assets/worker-G7.js': `const a="variableAnchorOffsetCollection";`,
  'assets/index-C3.css': '.list{color:#1b1b1b}',
  'data/index.json': '[{"id":"sample"}]',
  'data/sample/ramps.geojson': JSON.stringify({ type: 'FeatureCollection', features: [] }),
  'data/sample/district.json': '{"id":"sample","name":{"zh":"示例","en":"Sample"}}',
};

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'bfmap-bench-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

const byteLength = (path: string): number => Buffer.byteLength(files[path] ?? '');
const gzipLength = (path: string): number => gzipSync(files[path] ?? '', { level: 9 }).length;

describe('finding the first-paint JavaScript', () => {
  it('takes module scripts and modulepreload links from index.html, not classic scripts or styles', () => {
    expect(entryScripts(files['index.html'] ?? '')).toEqual(['/assets/index-A1.js', '/assets/react-B2.js']);
  });

  it('reads static import and export-from statements but not dynamic import()', () => {
    expect(staticImportSpecifiers(`import{a}from"./a.js";import"./b.js";import*as c from'./c.js';export*from"./d.js";export{e}from"./e.js";import("./lazy.js");x.import("./no.js")`))
      .toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js']);
  });

  it('resolves relative and root-relative references against the importing file', () => {
    expect(resolveReference('./chunk.js?v=1', '/assets/index.js')).toBe('/assets/chunk.js');
    expect(resolveReference('../data/x.json', '/assets/index.js')).toBe('/data/x.json');
    expect(resolveReference('/assets/a.js', '/index.html')).toBe('/assets/a.js');
    expect(resolveReference('react', '/assets/index.js')).toBeNull();
    expect(resolveReference('//cdn.example.org/a.js', '/index.html')).toBeNull();
  });

  it('follows static imports through every chunk and sums raw and gzip sizes of exactly those files', () => {
    const report = analyseDist(dist);
    const expected = ['assets/index-A1.js', 'assets/react-B2.js', 'assets/shared-D4.js', 'assets/scheduler-F6.js'];
    expect(report.firstPaint.files.map((file) => file.path).sort()).toEqual([...expected].sort());
    expect(report.firstPaint.rawBytes).toBe(expected.reduce((sum, path) => sum + byteLength(path), 0));
    expect(report.firstPaint.gzipBytes).toBe(expected.reduce((sum, path) => sum + gzipLength(path), 0));
    expect(report.firstPaint.missing).toEqual([]);
  });
});

describe('locating MapLibre, axe-core and the sample data', () => {
  it('finds the MapLibre chunk and its worker and reports none of them in the first-paint set', () => {
    const report = analyseDist(dist);
    expect(report.maplibre.files.map((file) => file.path)).toEqual(['assets/map-E5.js', 'assets/worker-G7.js']);
    expect(report.maplibre.gzipBytes).toBe(gzipLength('assets/map-E5.js') + gzipLength('assets/worker-G7.js'));
    expect(report.maplibre.inFirstPaint).toEqual([]);
  });

  it('reports MapLibre in the first-paint set when the entry imports it statically', () => {
    const eager = mkdtempSync(join(tmpdir(), 'bfmap-bench-eager-'));
    mkdirSync(join(eager, 'assets'));
    writeFileSync(join(eager, 'index.html'), '<script type="module" src="./assets/main.js"></script>');
    writeFileSync(join(eager, 'assets', 'main.js'), 'import{Map}from"./maplibre-gl-X9.js";new Map();');
    writeFileSync(join(eager, 'assets', 'maplibre-gl-X9.js'), 'export class Map{}');
    const report = analyseDist(eager);
    rmSync(eager, { recursive: true, force: true });
    expect(report.maplibre.inFirstPaint).toEqual(['assets/maplibre-gl-X9.js']);
    expect(report.sampleData).toBeNull();
    expect(formatBenchReport(report)).toContain('MapLibre code in the first-paint set: YES (assets/maplibre-gl-X9.js)');
  });

  it('says axe-core is absent from a clean build and PRESENT once a chunk mentions axe.run', () => {
    expect(analyseDist(dist).axeCore.files).toEqual([]);
    expect(formatBenchReport(analyseDist(dist))).toContain('(c) axe-core in dist/: absent');
    writeFileSync(join(dist, 'assets', 'leak-H8.js'), 'window.axe.run(document)');
    const leaked = analyseDist(dist);
    rmSync(join(dist, 'assets', 'leak-H8.js'));
    expect(leaked.axeCore.files).toEqual(['assets/leak-H8.js']);
    expect(formatBenchReport(leaked)).toContain('PRESENT (assets/leak-H8.js)');
  });

  it('sums every file of dist/data/sample and nothing else under data/', () => {
    const sample = ['data/sample/district.json', 'data/sample/ramps.geojson'];
    expect(analyseDist(dist).sampleData).toEqual({
      fileCount: 2,
      rawBytes: sample.reduce((sum, path) => sum + byteLength(path), 0),
      gzipBytes: sample.reduce((sum, path) => sum + gzipLength(path), 0),
    });
  });

  it('prints the first-paint total beside the 120 KiB gzip target', () => {
    const report = analyseDist(dist);
    const totalLine = formatBenchReport(report).split('\n').find((line) => line.trimStart().startsWith('total ')) ?? '';
    expect(totalLine).toContain(`${(report.firstPaint.gzipBytes / 1024).toFixed(1)} KiB gzip`);
    expect(totalLine).toContain(`target ${(FIRST_PAINT_BUDGET_GZIP_BYTES / 1024).toFixed(1)} KiB gzip: within`);
  });
});
