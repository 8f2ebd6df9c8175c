// Size bench of the production build (`npm run bench` builds first). It prints numbers and never
// fails on them: the JavaScript a visitor loads before the list can paint, where MapLibre went,
// whether axe-core leaked into the bundle, and how big the sample district is.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget for first-paint JavaScript, gzip: the list must be usable before MapLibre arrives. */
export const FIRST_PAINT_BUDGET_GZIP_BYTES = 120 * 1024;

/**
 * Strings only MapLibre's own code carries (error messages and a style-spec property name in the
 * main and worker bundles, and the licence URL when a minifier keeps it); app code that merely
 * mentions maplibregl-* class names does not match.
 */
const MAPLIBRE_MARKERS = ['maplibre-gl-js', 'Style is not done loading', 'WebGL2 is required', 'variableAnchorOffsetCollection'];
const AXE_MARKERS = ['axe-core', 'axe.run'];

export interface FileSize {
  /** Relative to the dist folder, with forward slashes. */
  path: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface BenchReport {
  firstPaint: { files: FileSize[]; rawBytes: number; gzipBytes: number; missing: string[] };
  maplibre: { files: FileSize[]; gzipBytes: number; inFirstPaint: string[] };
  axeCore: { files: string[] };
  sampleData: { fileCount: number; rawBytes: number; gzipBytes: number } | null;
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1];
    if (!name) continue;
    attributes.set(name.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** The URL path a reference in a file at `fromPath` points to, or null for bare or remote specifiers. */
export function resolveReference(reference: string, fromPath: string): string | null {
  const withoutQuery = reference.split(/[?#]/, 1)[0] ?? '';
  if (withoutQuery.startsWith('/') && !withoutQuery.startsWith('//')) return posix.normalize(withoutQuery);
  if (withoutQuery.startsWith('./') || withoutQuery.startsWith('../')) return posix.normalize(posix.join(posix.dirname(fromPath), withoutQuery));
  return null;
}

/**
 * The module scripts an HTML page loads at once: <script type="module" src> and
 * <link rel="modulepreload" href>, as URL paths from the site root, in document order.
 */
export function entryScripts(html: string, htmlPath = '/index.html'): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const element = (match[1] ?? '').toLowerCase();
    const attributes = attributesOf(match[2] ?? '');
    let reference: string | undefined;
    if (element === 'script' && attributes.get('type') === 'module') reference = attributes.get('src');
    if (element === 'link' && (attributes.get('rel') ?? '').toLowerCase().split(/\s+/).includes('modulepreload')) reference = attributes.get('href');
    const resolved = reference ? resolveReference(reference, htmlPath) : null;
    if (resolved && !found.includes(resolved)) found.push(resolved);
  }
  return found;
}

/**
 * Specifiers of static `import … from`, `import "…"` and `export … from` statements; dynamic
 * import("…") is left out because it loads later. Callers keep only specifiers that resolve to a
 * real file, which also drops look-alikes inside string literals.
 */
export function staticImportSpecifiers(source: string): string[] {
  const pattern = /(?:import|export)\s*(?:(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\*|\{[^}]*\})?\s*from\s*)?(["'])([^"'\n]+)\1/g;
  return Array.from(source.matchAll(pattern), (match) => match[2] ?? '').filter((specifier) => specifier !== '');
}

function sizeOf(distDirectory: string, path: string): FileSize {
  const body = readFileSync(join(distDirectory, path));
  return { path, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

function total(files: readonly FileSize[], key: 'rawBytes' | 'gzipBytes'): number {
  return files.reduce((sum, file) => sum + file[key], 0);
}

/** Every file under a folder, relative to `base`, with forward slashes. */
function listFiles(folder: string, base: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = join(folder, entry.name);
    if (entry.isDirectory()) return listFiles(entryPath, base);
    return entry.isFile() ? [relative(base, entryPath).split(sep).join('/')] : [];
  }).sort();
}

/** The first-paint module graph: the entries of index.html and everything they import statically. */
export function firstPaintModules(distDirectory: string): { files: string[]; missing: string[] } {
  const html = readFileSync(join(distDirectory, 'index.html'), 'utf8');
  const queue = entryScripts(html);
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const urlPath = queue.shift() ?? '';
    if (seen.has(urlPath)) continue;
    seen.add(urlPath);
    const filePath = join(distDirectory, urlPath);
    if (!existsSync(filePath) || !statSync(filePath).isFile()) {
      missing.push(urlPath);
      continue;
    }
    files.push(urlPath.replace(/^\//, ''));
    for (const specifier of staticImportSpecifiers(readFileSync(filePath, 'utf8'))) {
      const resolved = resolveReference(specifier, urlPath);
      if (resolved && existsSync(join(distDirectory, resolved))) queue.push(resolved);
    }
  }
  return { files, missing };
}

export function analyseDist(distDirectory: string): BenchReport {
  const firstPaint = firstPaintModules(distDirectory);
  const firstPaintSizes = firstPaint.files.map((path) => sizeOf(distDirectory, path));
  const allFiles = listFiles(distDirectory, distDirectory);
  const scripts = allFiles.filter((path) => /\.m?js$/.test(path));
  const maplibreFiles = scripts.filter((path) => {
    if (/maplibre/i.test(posix.basename(path))) return true;
    const source = readFileSync(join(distDirectory, path), 'utf8');
    return MAPLIBRE_MARKERS.some((marker) => source.includes(marker));
  });
  const maplibreSizes = maplibreFiles.map((path) => sizeOf(distDirectory, path));
  const axeFiles = allFiles.filter((path) => {
    const text = readFileSync(join(distDirectory, path)).toString('latin1');
    return AXE_MARKERS.some((marker) => text.includes(marker));
  });
  const sampleFolder = join(distDirectory, 'data', 'sample');
  const sampleSizes = listFiles(sampleFolder, distDirectory).map((path) => sizeOf(distDirectory, path));
  return {
    firstPaint: { files: firstPaintSizes, rawBytes: total(firstPaintSizes, 'rawBytes'), gzipBytes: total(firstPaintSizes, 'gzipBytes'), missing: firstPaint.missing },
    maplibre: { files: maplibreSizes, gzipBytes: total(maplibreSizes, 'gzipBytes'), inFirstPaint: maplibreFiles.filter((path) => firstPaint.files.includes(path)) },
    axeCore: { files: axeFiles },
    sampleData: existsSync(sampleFolder)
      ? { fileCount: sampleSizes.length, rawBytes: total(sampleSizes, 'rawBytes'), gzipBytes: total(sampleSizes, 'gzipBytes') }
      : null,
  };
}

function kibibytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function sizeLine(label: string, rawBytes: number, gzipBytes: number, width: number): string {
  return `  ${label.padEnd(width)}  ${kibibytes(rawBytes).padStart(11)} raw  ${kibibytes(gzipBytes).padStart(11)} gzip`;
}

export function formatBenchReport(report: BenchReport): string {
  const width = Math.max(20, ...[...report.firstPaint.files, ...report.maplibre.files].map((file) => file.path.length));
  const lines: string[] = [];
  const { firstPaint, maplibre, axeCore, sampleData } = report;
  const verdict = firstPaint.gzipBytes <= FIRST_PAINT_BUDGET_GZIP_BYTES ? 'within' : 'OVER';
  lines.push('(a) JavaScript loaded before the list paints (index.html entries + static imports)');
  for (const file of firstPaint.files) lines.push(sizeLine(file.path, file.rawBytes, file.gzipBytes, width));
  for (const path of firstPaint.missing) lines.push(`  ${path}: referenced but not in dist/`);
  lines.push(`${sizeLine('total', firstPaint.rawBytes, firstPaint.gzipBytes, width)}   target ${kibibytes(FIRST_PAINT_BUDGET_GZIP_BYTES)} gzip: ${verdict}`);
  lines.push('');
  lines.push('(b) MapLibre chunks (loaded by dynamic import)');
  if (maplibre.files.length === 0) lines.push('  none found');
  for (const file of maplibre.files) lines.push(sizeLine(file.path, file.rawBytes, file.gzipBytes, width));
  if (maplibre.files.length > 0) lines.push(sizeLine('total', total(maplibre.files, 'rawBytes'), maplibre.gzipBytes, width));
  lines.push(`  MapLibre code in the first-paint set: ${maplibre.inFirstPaint.length === 0 ? 'no' : `YES (${maplibre.inFirstPaint.join(', ')})`}`);
  lines.push('');
  lines.push(`(c) axe-core in dist/: ${axeCore.files.length === 0 ? 'absent' : `PRESENT (${axeCore.files.join(', ')})`}`);
  lines.push('');
  lines.push(sampleData
    ? `(d) dist/data/sample: ${sampleData.fileCount} file${sampleData.fileCount === 1 ? '' : 's'}, ${kibibytes(sampleData.rawBytes)} raw, ${kibibytes(sampleData.gzipBytes)} gzip`
    : '(d) dist/data/sample: not found');
  return lines.join('\n');
}

// Run only as a script, not when the unit test imports the functions above.
if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  const distDirectory = join(import.meta.dirname, '..', 'dist');
  if (!existsSync(join(distDirectory, 'index.html'))) {
    console.error(`No build at ${distDirectory}; run \`npm run bench\`, which builds first.`);
    process.exit(1);
  }
  console.log(formatBenchReport(analyseDist(distDirectory)));
}
