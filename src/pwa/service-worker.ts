// The service worker: the app shell and the current district's data keep working offline.
// scripts/service-worker-build.ts bundles this file into dist/sw.js, one classic script, with the
// build's precache list and version in __BFMAP_SERVICE_WORKER__. The rules live in strategy.ts;
// this file only fetches and stores.
//
// Update: a new version installs beside the old one and waits (no skipWaiting): it takes over once
// every page of the old version has closed, so a page never runs code from two builds, and a form
// being filled in is never swapped out under the user. It then deletes the old caches.
import {
  cacheNamesFor, dataDistrictId, earlierDataCacheNames, obsoleteCacheNames, otherDistrictUrls,
  parseLoadedFilesMessage, strategyFor, type CacheStrategy,
} from './strategy.ts';

declare const self: ServiceWorkerGlobalScope;
declare const __BFMAP_SERVICE_WORKER__: { version: string; precache: readonly string[] };

const { version, precache } = __BFMAP_SERVICE_WORKER__;
const cacheNames = cacheNamesFor(version);
const precachedPaths = new Set(precache);
const scopeUrl = (): string => self.registration.scope;
/** Vary: Accept-Encoding on the server's files is no reason to miss: the browser stores decoded bodies. */
const MATCH_OPTIONS: CacheQueryOptions = { ignoreVary: true };

self.addEventListener('install', (event) => {
  event.waitUntil(install());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(obsoleteCacheNames(names, cacheNames).map((name) => caches.delete(name)))));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor(
    { method: request.method, url: request.url, mode: request.mode, hasRangeHeader: request.headers.has('range') },
    scopeUrl(),
    precachedPaths,
  );
  // Not calling respondWith leaves the request to the browser, untouched and never stored.
  if (strategy === 'network-only') return;
  event.respondWith(respond(strategy, request, event));
});

self.addEventListener('message', (event) => {
  const urls = parseLoadedFilesMessage(event.data);
  if (urls !== null) event.waitUntil(keepLoadedFiles(urls));
});

async function install(): Promise<void> {
  const shell = await caches.open(cacheNames.shell);
  // no-cache: revalidate with the server, so an HTTP-cached index.html of the previous build is never taken.
  await shell.addAll(precache.map((path) => new Request(new URL(path, scopeUrl()), { cache: 'no-cache' })));
  await carryDataOver();
}

/**
 * The district an earlier version kept offline is fetched again for this version, so an update
 * never leaves an inspector without data. Best effort: a file that cannot be fetched keeps its
 * old copy, and no failure here stops the install.
 */
async function carryDataOver(): Promise<void> {
  const earlier = earlierDataCacheNames(await caches.keys(), cacheNames);
  const data = await caches.open(cacheNames.data);
  for (const name of earlier) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      try {
        const response = await fetch(request.url, { cache: 'no-cache' });
        if (response.ok) await data.put(request.url, response);
      } catch {
        const kept = await old.match(request, MATCH_OPTIONS);
        if (kept) await data.put(request.url, kept);
      }
    }
  }
}

function respond(strategy: Exclude<CacheStrategy, 'network-only'>, request: Request, event: FetchEvent): Promise<Response> {
  if (strategy === 'cache-first') return cacheFirst(request, event);
  if (strategy === 'network-first') return networkFirst(request, event);
  return navigation(request);
}

async function cacheFirst(request: Request, event: ExtendableEvent): Promise<Response> {
  const shell = await caches.open(cacheNames.shell);
  const cached = await shell.match(request, MATCH_OPTIONS);
  if (cached) return cached;
  const response = await fetch(request);
  // A lazily loaded chunk (the map, the route client and its worker) is kept on first use.
  if (response.ok && response.type === 'basic') event.waitUntil(shell.put(request, response.clone()));
  return response;
}

async function networkFirst(request: Request, event: ExtendableEvent): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await (await caches.open(cacheNames.data)).match(request, MATCH_OPTIONS);
    if (cached) return cached;
    throw error;
  }
  if (response.ok && response.type === 'basic') event.waitUntil(keepData(request.url, response.clone()));
  return response;
}

async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    // Every view of the app is index.html; the query (district, facility, route) is read by the app.
    const shell = await (await caches.open(cacheNames.shell)).match(new URL('index.html', scopeUrl()).href, MATCH_OPTIONS);
    if (shell) return shell;
    throw error;
  }
}

/** Stores a data file and drops the files of any other district, so the cache holds one district. */
async function keepData(url: string, response: Response): Promise<void> {
  const data = await caches.open(cacheNames.data);
  await data.put(url, response);
  const districtId = dataDistrictId(url, scopeUrl());
  if (districtId === null) return;
  const cachedUrls = (await data.keys()).map((request) => request.url);
  await Promise.all(otherDistrictUrls(cachedUrls, districtId, scopeUrl()).map((other) => data.delete(other)));
}

/** The files a page loaded before this worker controlled it, kept as if they had passed through it. */
async function keepLoadedFiles(urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    const strategy = strategyFor({ method: 'GET', url, mode: 'cors', hasRangeHeader: false }, scopeUrl(), precachedPaths);
    if (strategy !== 'cache-first' && strategy !== 'network-first') continue;
    const cache = await caches.open(strategy === 'cache-first' ? cacheNames.shell : cacheNames.data);
    if (await cache.match(url, MATCH_OPTIONS)) continue;
    try {
      const response = await fetch(url);
      if (!response.ok) continue;
      if (strategy === 'cache-first') await cache.put(url, response);
      else await keepData(url, response);
    } catch {
      // Offline again already: the file is kept the next time it is used.
    }
  }
}
