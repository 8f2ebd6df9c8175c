import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, normalize } from 'node:path';
import { buildDistrictIndex, listDistrictFiles } from './scripts/district-index.ts';
import { buildSearchData } from './scripts/search-data.ts';
import { readDistrictForSearch } from './bin/district-folder.ts';
import { formatJsonFile } from './src/domain/sample/format-json-file.ts';
import { SEARCH_DATA_FILE } from './src/domain/search/search-data.ts';

const dataDirectory = resolve(import.meta.dirname, 'data');

/** A district's search.json as it should be served: the folder's own, or computed from its layers when it has none. */
function searchDataFile(districtId: string): string | Buffer | null {
  const stored = join(dataDirectory, districtId, SEARCH_DATA_FILE);
  if (existsSync(stored)) return readFileSync(stored);
  try {
    const district = readDistrictForSearch(join(dataDirectory, districtId));
    return formatJsonFile(buildSearchData(district.facilities, district.places));
  } catch {
    // A folder whose layers cannot be read has nothing to search; the app reports its layers itself.
    return null;
  }
}

/**
 * Serves the district folders under /data/ in development and copies them into the build,
 * together with a generated data/index.json, so the app fetches districts as static files.
 */
function districtData(): Plugin {
  return {
    name: 'bfmap-district-data',
    configureServer(server) {
      server.middlewares.use('/data/', (request, response, next) => {
        const path = decodeURIComponent((request.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        if (path === 'index.json') {
          const index = buildDistrictIndex(dataDirectory);
          response.setHeader('Content-Type', 'application/json');
          response.end(JSON.stringify(index.districts));
          return;
        }
        const searchMatch = /^([^/]+)\/search\.json$/.exec(path);
        if (searchMatch?.[1] && buildDistrictIndex(dataDirectory).districts.some((district) => district.id === searchMatch[1])) {
          const source = searchDataFile(searchMatch[1]);
          if (source !== null) {
            response.setHeader('Content-Type', 'application/json');
            response.end(source);
            return;
          }
        }
        const filePath = normalize(join(dataDirectory, path));
        if (!filePath.startsWith(dataDirectory) || !existsSync(filePath) || !/\.(json|geojson|bin)$/.test(filePath)) {
          next();
          return;
        }
        response.setHeader('Content-Type', filePath.endsWith('.geojson') ? 'application/geo+json' : 'application/json');
        response.end(readFileSync(filePath));
      });
    },
    generateBundle() {
      const index = buildDistrictIndex(dataDirectory);
      for (const skipped of index.skipped) this.warn(`data/${skipped.folder} is not listed: ${skipped.reason}`);
      this.emitFile({ type: 'asset', fileName: 'data/index.json', source: JSON.stringify(index.districts) });
      for (const file of listDistrictFiles(dataDirectory, index.districts)) {
        this.emitFile({ type: 'asset', fileName: `data/${file}`, source: readFileSync(join(dataDirectory, file)) });
      }
      // Pinyin for search is derived data: a district folder without search.json gets one computed here.
      for (const district of index.districts) {
        if (existsSync(join(dataDirectory, district.id, SEARCH_DATA_FILE))) continue;
        const source = searchDataFile(district.id);
        if (source === null) this.warn(`data/${district.id}: no search.json could be computed; search there works without pinyin`);
        else this.emitFile({ type: 'asset', fileName: `data/${district.id}/${SEARCH_DATA_FILE}`, source });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), districtData()],
  build: {
    target: 'es2022',
    sourcemap: false,
    // MapLibre alone is ~250 KiB gzip; it is loaded by dynamic import after the list paints.
    chunkSizeWarningLimit: 1200,
  },
});
