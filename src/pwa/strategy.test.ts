import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  LOADED_FILES_LIMIT, LOADED_FILES_MESSAGE, cacheNamesFor, dataDistrictId, earlierDataCacheNames, obsoleteCacheNames,
  otherDistrictUrls, parseLoadedFilesMessage, scopeRelativePath, strategyFor, type RequestFacts,
} from './strategy.ts';
import { SEARCH_DATA_FILE } from '../domain/search/search-data.ts';
import { ROUTING_GRAPH_FILE } from '../../scripts/routing-graph.ts';

const SCOPE = 'https://map.example.cn/';
const PRECACHED = new Set(['index.html', 'assets/index-Dd8SLmMq.js', 'assets/index-DhZLBYjb.css', 'manifest.webmanifest', 'favicon.svg', 'icons/icon-192.png']);

function facts(path: string, overrides: Partial<RequestFacts> = {}): RequestFacts {
  return { method: 'GET', url: new URL(path, SCOPE).href, mode: 'cors', hasRangeHeader: false, ...overrides };
}

const strategy = (path: string, overrides: Partial<RequestFacts> = {}, scope = SCOPE): ReturnType<typeof strategyFor> =>
  strategyFor({ ...facts(path, overrides), url: new URL(path, scope).href }, scope, PRECACHED);

describe('strategyFor', () => {
  it('answers the precached shell and every hashed asset from the cache first, lazily loaded chunks included', () => {
    for (const path of [...PRECACHED].filter((path) => path !== 'index.html')) expect(strategy(path), path).toBe('cache-first');
    for (const path of ['assets/facility-map-CXHSiPXp.js', 'assets/route-worker-CzMpXjqA.js', 'assets/maplibre-gl-worker-CZtFQQIV.mjs']) {
      expect(strategy(path), path).toBe('cache-first');
    }
  });

  it('fetches every file of a district folder network first, the derived search index and routing graph included', () => {
    const sampleFolder = resolve(import.meta.dirname, '..', '..', 'data', 'sample');
    const files = [...readdirSync(sampleFolder).filter((file) => /\.(?:geojson|json)$/.test(file)), SEARCH_DATA_FILE, ROUTING_GRAPH_FILE];
    expect(files).toContain('district.json');
    for (const file of files) expect(strategy(`data/sample/${file}`), file).toBe('network-first');
    expect(strategy('data/index.json')).toBe('network-first');
  });

  it('never handles the API: reads, reports, the OpenAPI description (a .json) and a page opened under /api', () => {
    expect(strategy('api/reports')).toBe('network-only');
    expect(strategy('api/openapi.json')).toBe('network-only');
    expect(strategy('api/reports/3f2a', { mode: 'navigate' })).toBe('network-only');
    expect(strategy('api/reports', { method: 'POST' })).toBe('network-only');
    expect(strategy('api')).toBe('network-only');
  });

  it('leaves every method but GET to the network, even on files it would cache', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      expect(strategy('data/sample/ramps.geojson', { method }), method).toBe('network-only');
      expect(strategy('assets/index-Dd8SLmMq.js', { method }), method).toBe('network-only');
    }
  });

  it('leaves byte ranges to the network, since the Cache API refuses partial responses', () => {
    expect(strategy('data/sample/network.bin', { hasRangeHeader: true })).toBe('network-only');
    expect(strategy('assets/index-Dd8SLmMq.js', { hasRangeHeader: true })).toBe('network-only');
  });

  it('keeps no PMTiles basemap or tile: they are large and read in ranges', () => {
    expect(strategy('data/sample/basemap.pmtiles')).toBe('network-only');
    expect(strategy('data/sample/tiles/14/13722/6700.pbf')).toBe('network-only');
  });

  it('leaves other origins alone: an external basemap style and its tiles', () => {
    const external: RequestFacts = { method: 'GET', url: 'https://tiles.example.org/styles/basic.json', mode: 'cors', hasRangeHeader: false };
    expect(strategyFor(external, SCOPE, PRECACHED)).toBe('network-only');
  });

  it('treats a page load of any app view as a navigation, with its query, but a page load of a file by its kind', () => {
    for (const path of ['', '?district=sample&facility=sample%3Aramp%3A0012', 'facility/sample:ramp:0012', 'index.html']) {
      expect(strategy(path, { mode: 'navigate' }), path).toBe('navigation');
    }
    expect(strategy('data/sample/ramps.geojson', { mode: 'navigate' })).toBe('network-first');
    expect(strategy('robots.txt', { mode: 'navigate' })).toBe('network-only');
  });

  it('follows the scope when the app is served under a base path', () => {
    const scope = 'https://example.cn/map/';
    expect(strategy('/map/assets/index-Dd8SLmMq.js', {}, scope)).toBe('cache-first');
    expect(strategy('/map/data/sample/ramps.geojson', {}, scope)).toBe('network-first');
    expect(strategy('/map/', { mode: 'navigate' }, scope)).toBe('navigation');
    expect(strategy('/assets/index-Dd8SLmMq.js', {}, scope)).toBe('network-only');
    expect(strategy('/api/reports', {}, scope)).toBe('network-only');
  });

  it('leaves unknown files to the network, so nothing it was not meant to keep is kept', () => {
    expect(strategy('robots.txt')).toBe('network-only');
    expect(strategy('data/sample/notes/readme.json')).toBe('network-only');
  });
});

describe('scopeRelativePath', () => {
  it('decodes the path within the scope and refuses other origins and paths outside it', () => {
    expect(scopeRelativePath('https://map.example.cn/data/%E9%BB%84%E6%B5%A6/district.json', SCOPE)).toBe('data/黄浦/district.json');
    expect(scopeRelativePath('https://other.example.cn/data/index.json', SCOPE)).toBeNull();
    expect(scopeRelativePath('https://example.cn/elsewhere/x.js', 'https://example.cn/map/')).toBeNull();
    expect(scopeRelativePath('https://map.example.cn/%E0%A4%A', SCOPE)).toBeNull();
  });
});

describe('the current district only', () => {
  it('names the district of a data file, decoded, and none for the district index', () => {
    expect(dataDistrictId(`${SCOPE}data/sample/ramps.geojson`, SCOPE)).toBe('sample');
    expect(dataDistrictId(`${SCOPE}data/${encodeURIComponent('黄浦')}/network.bin`, SCOPE)).toBe('黄浦');
    expect(dataDistrictId(`${SCOPE}data/index.json`, SCOPE)).toBeNull();
    expect(dataDistrictId(`${SCOPE}assets/index-Dd8SLmMq.js`, SCOPE)).toBeNull();
  });

  it('drops the files of every other district and keeps the index and the current district', () => {
    const cached = ['data/index.json', 'data/sample/ramps.geojson', 'data/sample/network.bin', 'data/test-paris-marais/ramps.geojson', 'data/test-paris-marais/search.json']
      .map((path) => `${SCOPE}${path}`);
    expect(otherDistrictUrls(cached, 'sample', SCOPE)).toEqual([`${SCOPE}data/test-paris-marais/ramps.geojson`, `${SCOPE}data/test-paris-marais/search.json`]);
    expect(otherDistrictUrls(cached, 'test-paris-marais', SCOPE)).toEqual([`${SCOPE}data/sample/ramps.geojson`, `${SCOPE}data/sample/network.bin`]);
  });
});

describe('cache names across versions', () => {
  const current = cacheNamesFor('a1b2c3');

  it('deletes this app’s caches of other versions and never a cache it did not create', () => {
    const existing = ['bfmap-shell-0f0f0f', 'bfmap-data-0f0f0f', current.shell, current.data, 'photos-before-upload'];
    expect(obsoleteCacheNames(existing, current)).toEqual(['bfmap-shell-0f0f0f', 'bfmap-data-0f0f0f']);
  });

  it('carries data over from earlier data caches only', () => {
    expect(earlierDataCacheNames(['bfmap-shell-0f0f0f', 'bfmap-data-0f0f0f', current.data, 'other-data-1'], current)).toEqual(['bfmap-data-0f0f0f']);
  });

  it('gives each version its own shell and data cache', () => {
    const other = cacheNamesFor('d4e5f6');
    expect(new Set([current.shell, current.data, other.shell, other.data]).size).toBe(4);
  });
});

describe('parseLoadedFilesMessage', () => {
  it('accepts the page’s list of loaded files and drops entries that are not strings', () => {
    expect(parseLoadedFilesMessage({ type: LOADED_FILES_MESSAGE, urls: [`${SCOPE}data/index.json`, 42, null] })).toEqual([`${SCOPE}data/index.json`]);
  });

  it('ignores any other message', () => {
    for (const data of [null, 'bfmap-loaded-files', { type: 'skip-waiting' }, { type: LOADED_FILES_MESSAGE, urls: 'data/index.json' }]) {
      expect(parseLoadedFilesMessage(data), JSON.stringify(data)).toBeNull();
    }
  });

  it('takes at most its limit of files from one message', () => {
    const urls = Array.from({ length: LOADED_FILES_LIMIT + 50 }, (_, index) => `${SCOPE}assets/chunk-${index}.js`);
    const parsed = parseLoadedFilesMessage({ type: LOADED_FILES_MESSAGE, urls });
    expect(parsed).toHaveLength(LOADED_FILES_LIMIT);
    expect(parsed?.[0]).toBe(urls[0]);
  });
});
