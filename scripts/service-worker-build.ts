// Builds dist/sw.js at the end of `vite build`: the precache list comes from Vite's own bundle (the
// entry chunk, the chunks and CSS it imports statically, index.html) plus the public files and the
// icons; src/pwa/service-worker.ts is bundled on its own into one classic script with that list and
// a version derived from its content. Small lazily loaded chunks (the details panel, the route
// planner, the report form, the planner view) are listed too, so they open offline without having
// been opened online first; big ones (MapLibre) stay out: the worker keeps them on first use, so a
// visitor who never opens the map never downloads MapLibre for it.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

/** What the precache list needs to know of one file of Vite's bundle. */
export interface BundleFile {
  fileName: string;
  type: 'chunk' | 'asset';
  isEntry: boolean;
  /** Chunks this chunk imports statically. */
  imports: readonly string[];
  /** Chunks it imports lazily: listed only when small (LAZY_CHUNK_PRECACHE_LIMIT_BYTES). */
  dynamicImports: readonly string[];
  /** The file's size in bytes (a chunk's code). */
  sizeBytes: number;
  importedCss: readonly string[];
  importedAssets: readonly string[];
}

export const SERVICE_WORKER_FILE = 'sw.js';
/** Lazy chunks at most this big are precached: every panel of the app is well under it, MapLibre (about 1 MB) far over. */
export const LAZY_CHUNK_PRECACHE_LIMIT_BYTES = 64 * 1024;
const SERVICE_WORKER_SOURCE = 'src/pwa/service-worker.ts';
/** Replaced by the hash of the script it sits in, once that script is built. */
const VERSION_PLACEHOLDER = '__BFMAP_SERVICE_WORKER_VERSION__';

/**
 * The files the worker stores at install, as paths relative to the app's base URL, sorted: every
 * HTML page at the top of the build, each entry chunk with the chunks it imports statically and the
 * small ones it imports lazily (and theirs), their CSS and assets, and `extraFiles` (public files, icons). District data and the
 * worker itself never are: data is kept when used, and the browser fetches the worker itself.
 */
export function precacheList(files: readonly BundleFile[], extraFiles: readonly string[]): string[] {
  const byName = new Map(files.map((file) => [file.fileName, file]));
  const listed = new Set<string>();
  const visit = (file: BundleFile): void => {
    if (listed.has(file.fileName)) return;
    listed.add(file.fileName);
    for (const name of [...file.importedCss, ...file.importedAssets]) listed.add(name);
    for (const name of file.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
    for (const name of file.dynamicImports) {
      const imported = byName.get(name);
      if (imported && imported.sizeBytes <= LAZY_CHUNK_PRECACHE_LIMIT_BYTES) visit(imported);
    }
  };
  for (const file of files) {
    if (file.type === 'chunk' && file.isEntry) visit(file);
    if (file.type === 'asset' && file.fileName.endsWith('.html') && !file.fileName.includes('/')) listed.add(file.fileName);
  }
  for (const name of extraFiles) listed.add(name);
  return [...listed].filter((name) => name !== SERVICE_WORKER_FILE && !name.startsWith('data/')).sort();
}

/** Every file under `folder`, as "/"-separated paths relative to it. */
function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}

/**
 * The worker as one classic script (a module service worker is not supported everywhere yet) with
 * the precache list built in. The version is a hash of the script, so any change to the list or
 * to the worker's code gives new cache names.
 */
export async function buildServiceWorkerScript(root: string, precache: readonly string[]): Promise<{ code: string; version: string }> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: { __BFMAP_SERVICE_WORKER__: JSON.stringify({ version: VERSION_PLACEHOLDER, precache }) },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: { input: join(root, SERVICE_WORKER_SOURCE), output: { format: 'iife', entryFileNames: SERVICE_WORKER_FILE } },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  const chunk = outputs.flatMap((result) => ('output' in result ? result.output : [])).find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`Building ${SERVICE_WORKER_SOURCE} gave no script`);
  if (!chunk.code.includes(VERSION_PLACEHOLDER)) throw new Error(`${SERVICE_WORKER_SOURCE} lost its version placeholder in the build`);
  const version = createHash('sha256').update(chunk.code).digest('hex').slice(0, 16);
  return { code: chunk.code.replaceAll(VERSION_PLACEHOLDER, version), version };
}

/** Writes sw.js into the build; `extraFiles` are files other plugins emit outside assets/ (the icons). */
export function serviceWorker(extraFiles: readonly string[]): Plugin {
  let config: ResolvedConfig | null = null;
  return {
    name: 'bfmap-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      // After Vite's own plugins have added index.html to the bundle.
      order: 'post',
      async handler(_options, bundle) {
        if (!config) throw new Error('bfmap-service-worker: the config was not resolved');
        const files: BundleFile[] = Object.values(bundle).map((file) => ({
          fileName: file.fileName,
          type: file.type,
          isEntry: file.type === 'chunk' && file.isEntry,
          imports: file.type === 'chunk' ? file.imports : [],
          dynamicImports: file.type === 'chunk' ? file.dynamicImports : [],
          sizeBytes: file.type === 'chunk' ? Buffer.byteLength(file.code) : typeof file.source === 'string' ? Buffer.byteLength(file.source) : file.source.byteLength,
          importedCss: [...(file.viteMetadata?.importedCss ?? [])],
          importedAssets: [...(file.viteMetadata?.importedAssets ?? [])],
        }));
        const publicFiles = config.publicDir ? filesUnder(config.publicDir) : [];
        const precache = precacheList(files, [...publicFiles, ...extraFiles]);
        const { code, version } = await buildServiceWorkerScript(config.root, precache);
        this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: code });
        config.logger.info(`sw.js: version ${version}, ${precache.length} files precached`);
      },
    },
  };
}
