import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSearchData } from './scripts/search-data.ts';
import { readDistrictForSearch } from './bin/district-folder.ts';
import { formatJsonFile } from './src/domain/sample/format-json-file.ts';
import { SEARCH_DATA_FILE } from './src/domain/search/search-data.ts';
import { ROUTING_GRAPH_FILE, loadDistrictRoutingData } from './scripts/routing-graph.ts';
import { serialiseRoutingGraph } from './src/domain/routing/serialise.ts';
import { dataRoots, districtFile, districtFileNames, listDistricts, type DerivedFile } from './scripts/district-assets.ts';
import { contentTypeFor, parseRangeHeader } from './server/static-server.ts';
import { APP_ICONS, appIcons } from './scripts/service-worker-icons.ts';
import { serviceWorker } from './scripts/service-worker-build.ts';

/** Derived files a district folder may lack: computed from its layers at build (and per dev request). */
const DERIVED_FILES: Record<string, DerivedFile> = {
  [SEARCH_DATA_FILE]: (directory) => {
    try {
      const district = readDistrictForSearch(directory);
      return formatJsonFile(buildSearchData(district.facilities, district.places));
    } catch {
      // A folder whose layers cannot be read has nothing to search; the app reports its layers itself.
      return null;
    }
  },
  // The routing graph as compact typed arrays, so the browser never builds it from the network's GeoJSON.
  [ROUTING_GRAPH_FILE]: (directory) => {
    try {
      return new Uint8Array(serialiseRoutingGraph(loadDistrictRoutingData(directory).graph));
    } catch {
      // No usable network: the app builds no route there and says so.
      return null;
    }
  },
};


/**
 * Serves the district folders under /data/ in development and copies them into the build,
 * together with a generated data/index.json, so the app fetches districts as static files.
 */
function districtData(): Plugin {
  const roots = dataRoots(import.meta.dirname);
  return {
    name: 'bfmap-district-data',
    configureServer(server) {
      server.middlewares.use('/data/', (request, response, next) => {
        const path = decodeURIComponent((request.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        const { districts } = listDistricts(roots);
        if (path === 'index.json') {
          response.setHeader('Content-Type', 'application/json');
          response.end(JSON.stringify(districts.map((district) => district.entry)));
          return;
        }
        const [districtId, file, ...rest] = path.split('/');
        const district = districts.find((candidate) => candidate.entry.id === districtId);
        const source = district && file && rest.length === 0 ? districtFile(district, file, DERIVED_FILES) : null;
        if (source === null || !file) {
          next();
          return;
        }
        response.setHeader('Content-Type', contentTypeFor(file).mediaType);
        response.setHeader('Accept-Ranges', 'bytes');
        // Byte ranges as the production server answers them: a PMTiles basemap is read in parts.
        const bytes = typeof source === 'string' ? Buffer.from(source) : source;
        const range = request.method === 'GET' ? parseRangeHeader(request.headers.range, bytes.length) : { kind: 'none' as const };
        if (range.kind === 'unsatisfiable') {
          response.statusCode = 416;
          response.setHeader('Content-Range', `bytes */${bytes.length}`);
          response.end();
          return;
        }
        if (range.kind === 'range') {
          response.statusCode = 206;
          response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${bytes.length}`);
          response.end(bytes.subarray(range.start, range.end + 1));
          return;
        }
        response.end(bytes);
      });
    },
    generateBundle() {
      const { districts, skipped } = listDistricts(roots);
      for (const entry of skipped) this.warn(`${entry.folder} is not listed: ${entry.reason}`);
      this.emitFile({ type: 'asset', fileName: 'data/index.json', source: JSON.stringify(districts.map((district) => district.entry)) });
      for (const district of districts) {
        const files = new Set([...districtFileNames(district.directory), ...Object.keys(DERIVED_FILES)]);
        for (const file of files) {
          const source = districtFile(district, file, DERIVED_FILES);
          if (source !== null) this.emitFile({ type: 'asset', fileName: `data/${district.entry.id}/${file}`, source });
          else if (!existsSync(join(district.directory, file))) this.warn(`data/${district.entry.id}: ${file} could not be computed`);
        }
      }
    },
  };
}

export default defineConfig({
  // The service worker lists the icons among the files it keeps for offline use.
  plugins: [react(), districtData(), appIcons(), serviceWorker(APP_ICONS.map((icon) => icon.fileName))],
  build: {
    target: 'es2022',
    sourcemap: false,
    // MapLibre alone is ~250 KiB gzip; it is loaded by dynamic import after the list paints.
    chunkSizeWarningLimit: 1200,
  },
});
