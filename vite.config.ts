import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, normalize } from 'node:path';
import { buildDistrictIndex, listDistrictFiles } from './scripts/district-index.ts';

const dataDirectory = resolve(import.meta.dirname, 'data');

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
