// The service worker's decisions as pure functions: which strategy answers a request, which
// cached files belong to another district, which caches an update leaves behind. The worker
// (service-worker.ts) imports them and only does the fetching and storing, so every rule here is
// unit-tested without a browser.

export type CacheStrategy =
  /** The worker stays out of the way: the browser fetches as if there were no worker, and nothing is kept. */
  | 'network-only'
  /** The cached copy answers when there is one; otherwise fetched and kept. For files whose name changes with their content. */
  | 'cache-first'
  /** Fetched and kept, so fresh data wins online; the kept copy answers only when the network fails. */
  | 'network-first'
  /** A page load: fetched; when the network fails, the precached index.html answers whatever the path and query. */
  | 'navigation';

/** What the strategy depends on, copied out of a Request so tests need no browser. */
export interface RequestFacts {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Request.mode; only 'navigate' matters here. */
  mode: string;
  hasRangeHeader: boolean;
}

/** Every cache this app creates starts with this, so an update deletes only its own old caches. */
export const CACHE_PREFIX = 'bfmap-';

export interface CacheNames {
  /** The precached shell, plus hashed chunks and assets loaded on first use. */
  shell: string;
  /** The current district's data files, kept when used. */
  data: string;
}

/**
 * Both caches carry the build's version: the data is built with the app (network.bin's layout and
 * search.json's fields follow the code), so a new version never reads another version's files.
 */
export function cacheNamesFor(version: string): CacheNames {
  return { shell: `${CACHE_PREFIX}shell-${version}`, data: `${CACHE_PREFIX}data-${version}` };
}

/** Caches of this app that the current version does not use: deleted when it activates. */
export function obsoleteCacheNames(existing: readonly string[], current: CacheNames): string[] {
  return existing.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current.shell && name !== current.data);
}

/** Data caches of earlier versions, whose files a new version fetches again at install so it works offline at once. */
export function earlierDataCacheNames(existing: readonly string[], current: CacheNames): string[] {
  return existing.filter((name) => name.startsWith(`${CACHE_PREFIX}data-`) && name !== current.data);
}

/**
 * The URL's path relative to the scope (the app's base URL, ending in "/"), decoded; null when
 * the URL is on another origin or outside the scope.
 */
export function scopeRelativePath(url: string, scopeUrl: string): string | null {
  let target: URL;
  let scope: URL;
  try {
    target = new URL(url);
    scope = new URL(scopeUrl);
  } catch {
    return null;
  }
  if (target.origin !== scope.origin || !target.pathname.startsWith(scope.pathname)) return null;
  try {
    return decodeURIComponent(target.pathname.slice(scope.pathname.length));
  } catch {
    return null;
  }
}

/** Files the app reads from a district folder (data/README.md): layers, manifest, search index, routing graph. */
const DATA_FILE_PATTERN = /^data\/[^/]+\/[^/]+\.(?:geojson|json|bin)$/;
const DISTRICT_INDEX_PATH = 'data/index.json';

/** The district a data file belongs to (data/<id>/<file>), or null for anything else, data/index.json included. */
export function dataDistrictId(url: string, scopeUrl: string): string | null {
  const path = scopeRelativePath(url, scopeUrl);
  if (path === null) return null;
  const match = /^data\/([^/]+)\/[^/]+$/.exec(path);
  return match?.[1] ?? null;
}

/**
 * The JSON API (server/static-server.ts). The server answers it at the origin's root; under a base
 * path that root lies outside the scope, which the worker never handles anyway.
 */
function isApiPath(scopePath: string): boolean {
  return scopePath === 'api' || scopePath.startsWith('api/');
}

/** The last segment has no dot, so the path names a view of the app, as the server's SPA fallback decides. */
function namesAppView(scopePath: string): boolean {
  const lastSegment = scopePath.split('/').pop() ?? '';
  return !lastSegment.includes('.') || scopePath === 'index.html';
}

/**
 * The strategy for one request. `precachedPaths` are the scope-relative paths of the shell.
 * Reports and every other /api call are never answered from or stored in a cache: the app's own
 * queue decides what happens to a report made offline.
 */
export function strategyFor(request: RequestFacts, scopeUrl: string, precachedPaths: ReadonlySet<string>): CacheStrategy {
  if (request.method !== 'GET') return 'network-only';
  const scopePath = scopeRelativePath(request.url, scopeUrl);
  if (scopePath === null || isApiPath(scopePath)) return 'network-only';
  // The Cache API cannot store a partial (206) response; PMTiles basemaps are read in ranges.
  if (request.hasRangeHeader) return 'network-only';
  if (request.mode === 'navigate' && namesAppView(scopePath)) return 'navigation';
  // Vite names everything under assets/ by its content hash, so a cached copy is never stale.
  if (precachedPaths.has(scopePath) || scopePath.startsWith('assets/')) return 'cache-first';
  if (scopePath === DISTRICT_INDEX_PATH || DATA_FILE_PATTERN.test(scopePath)) return 'network-first';
  return 'network-only';
}

/** Cached data URLs that belong to a district other than `districtId`: only the current district is kept. */
export function otherDistrictUrls(cachedUrls: readonly string[], districtId: string, scopeUrl: string): string[] {
  return cachedUrls.filter((url) => {
    const owner = dataDistrictId(url, scopeUrl);
    return owner !== null && owner !== districtId;
  });
}

/**
 * Sent by a page the worker does not control yet (its first visit): the same-origin files it
 * already loaded, so the worker can keep them and the next visit works offline.
 */
export const LOADED_FILES_MESSAGE = 'bfmap-loaded-files';
/** More than a visit loads (about 30 files); a bound so a stray message cannot start thousands of fetches. */
export const LOADED_FILES_LIMIT = 200;

export interface LoadedFilesMessage {
  type: typeof LOADED_FILES_MESSAGE;
  urls: string[];
}

/** The URLs of a well-formed loaded-files message, at most LOADED_FILES_LIMIT of them; null for anything else. */
export function parseLoadedFilesMessage(data: unknown): string[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, urls } = data as { type?: unknown; urls?: unknown };
  if (type !== LOADED_FILES_MESSAGE || !Array.isArray(urls)) return null;
  return urls.filter((url): url is string => typeof url === 'string').slice(0, LOADED_FILES_LIMIT);
}
