import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { Script, createContext, runInContext } from 'node:vm';
import { buildServiceWorkerScript, precacheList, SERVICE_WORKER_FILE, type BundleFile } from './service-worker-build.ts';

const projectRoot = resolve(import.meta.dirname, '..');

function chunk(fileName: string, details: Partial<BundleFile> = {}): BundleFile {
  return { fileName, type: 'chunk', isEntry: false, imports: [], dynamicImports: [], sizeBytes: 4000, importedCss: [], importedAssets: [], ...details };
}

function asset(fileName: string): BundleFile {
  return { fileName, type: 'asset', isEntry: false, imports: [], dynamicImports: [], sizeBytes: 1000, importedCss: [], importedAssets: [] };
}

// The shape of this app's build: an entry that imports a shared chunk, the map (big) and a panel
// (small) loaded by dynamic import, each with its own files.
const bundle: BundleFile[] = [
  chunk('assets/index-Dd8SLmMq.js', {
    isEntry: true, imports: ['assets/react-B1.js'], importedCss: ['assets/index-DhZLBYjb.css'],
    dynamicImports: ['assets/facility-map-CXHSiPXp.js', 'assets/FacilityDetails-A1.js'],
  }),
  chunk('assets/react-B1.js', { importedAssets: ['assets/font-C2.woff2'] }),
  chunk('assets/FacilityDetails-A1.js', { sizeBytes: 9000, imports: ['assets/fault-codes-B2.js'] }),
  chunk('assets/fault-codes-B2.js'),
  chunk('assets/facility-map-CXHSiPXp.js', { sizeBytes: 1_100_000, importedCss: ['assets/facility-map-BRvd8CH-.css'], importedAssets: ['assets/maplibre-gl-worker-CZtFQQIV.mjs'] }),
  chunk('assets/route-client-DjHDdULN.js', { importedAssets: ['assets/route-worker-CzMpXjqA.js'] }),
  asset('assets/index-DhZLBYjb.css'),
  asset('assets/facility-map-BRvd8CH-.css'),
  asset('assets/maplibre-gl-worker-CZtFQQIV.mjs'),
  asset('assets/route-worker-CzMpXjqA.js'),
  asset('index.html'),
  asset('data/index.json'),
  asset('data/sample/ramps.geojson'),
  asset('icons/icon-192.png'),
];

describe('precacheList', () => {
  const list = precacheList(bundle, ['favicon.svg', 'manifest.webmanifest', 'icons/icon-192.png']);

  it('lists index.html, the entry, what it imports statically, small lazy chunks, their CSS and assets, and the extra files', () => {
    expect(list).toEqual([
      'assets/FacilityDetails-A1.js',
      'assets/fault-codes-B2.js',
      'assets/font-C2.woff2',
      'assets/index-Dd8SLmMq.js',
      'assets/index-DhZLBYjb.css',
      'assets/react-B1.js',
      'favicon.svg',
      'icons/icon-192.png',
      'index.html',
      'manifest.webmanifest',
    ]);
  });

  it('leaves out big lazily loaded chunks and everything they bring, so the map is downloaded only by those who open it', () => {
    for (const lazy of ['assets/facility-map-CXHSiPXp.js', 'assets/facility-map-BRvd8CH-.css', 'assets/maplibre-gl-worker-CZtFQQIV.mjs', 'assets/route-worker-CzMpXjqA.js']) {
      expect(list).not.toContain(lazy);
    }
  });

  it('never lists district data or the worker itself', () => {
    const withWorker = precacheList([...bundle, asset(SERVICE_WORKER_FILE)], ['data/index.json', SERVICE_WORKER_FILE]);
    expect(withWorker.filter((name) => name.startsWith('data/') || name === SERVICE_WORKER_FILE)).toEqual([]);
  });

  it('follows imports through a cycle without looping', () => {
    const cyclic = [chunk('assets/a.js', { isEntry: true, imports: ['assets/b.js'] }), chunk('assets/b.js', { imports: ['assets/a.js'] })];
    expect(precacheList(cyclic, [])).toEqual(['assets/a.js', 'assets/b.js']);
  });
});

describe('buildServiceWorkerScript', () => {
  const precache = ['assets/index-Dd8SLmMq.js', 'index.html'];

  it('builds one classic script (no import or export) that registers the worker’s four handlers, with the list built in', async () => {
    const { code, version } = await buildServiceWorkerScript(projectRoot, precache);
    // A classic script: vm.Script rejects import and export statements.
    expect(() => new Script(code, { filename: SERVICE_WORKER_FILE })).not.toThrow();
    expect(code).not.toContain('__BFMAP_SERVICE_WORKER_VERSION__');
    expect(code).toContain(version);
    for (const path of precache) expect(code).toContain(path);
    const handlers: string[] = [];
    const context = createContext({ self: { addEventListener: (type: string) => handlers.push(type) }, URL, Set });
    runInContext(code, context);
    expect(handlers.sort()).toEqual(['activate', 'fetch', 'install', 'message']);
  });

  it('gives the same list the same version and another list another version', async () => {
    const [first, again, other] = await Promise.all([
      buildServiceWorkerScript(projectRoot, precache),
      buildServiceWorkerScript(projectRoot, precache),
      buildServiceWorkerScript(projectRoot, [...precache, 'assets/index-NewHash1.css']),
    ]);
    expect(again.version).toBe(first.version);
    expect(other.version).not.toBe(first.version);
    expect(first.version).toMatch(/^[0-9a-f]{16}$/);
  });
});
