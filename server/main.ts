// Serves the built app from dist/ and the JSON API under /api on PORT (default 8080): `npm run
// serve`, or `npm start` to build first. Reports are stored in SQLite under DATA_DIR (default
// ./var), or in PostgreSQL when DATABASE_URL is set (server/db/README.md). The districts a report
// may name are read once from DISTRICTS_DIR (default dist/data, what the app serves).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDistrictCatalog } from './api/district-catalog.ts';
import { createApp } from './app.ts';
import { openStorage, storageOptionsFromEnvironment } from './db/storage.ts';

const DEFAULT_PORT = 8080;
/** Open connections get this long to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MILLISECONDS = 5000;

const root = resolve(import.meta.dirname, '..', 'dist');
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build found at ${root}/index.html; run \`npm run build\` first.`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535, got "${process.env.PORT ?? ''}".`);
  process.exit(1);
}

const districtsDirectory = resolve(process.env.DISTRICTS_DIR?.trim() || join(root, 'data'));
let catalogLoad;
try {
  catalogLoad = await loadDistrictCatalog(districtsDirectory);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
for (const problem of catalogLoad.problems) console.warn(`Districts: ${problem}`);
if (catalogLoad.catalog.districts.length === 0) {
  console.warn(`No district found in ${districtsDirectory}: every report will be refused as naming an unknown district.`);
}

let repository;
try {
  repository = await openStorage(storageOptionsFromEnvironment());
} catch (error) {
  console.error('Could not open the report storage:', (error as Error).message);
  process.exit(1);
}
const storage = repository;

const server = createApp({ root, warmCache: true, api: { repository: storage, catalog: catalogLoad.catalog } });

server.on('error', (error) => {
  console.error(`Could not serve on port ${port}:`, error.message);
  storage.close().finally(() => process.exit(1));
});

server.listen(port, () => {
  const address = server.address();
  const listeningPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Serving ${root} and the API at http://localhost:${listeningPort}/ (storage: ${storage.backend}; districts: ${catalogLoad.catalog.districts.map((district) => district.id).join(', ') || 'none'})`);
});

let storageClosing: Promise<void> | null = null;
/** Closes the storage once, after the last request that could use it; exits whatever happens. */
function closeStorageAndExit(): void {
  storageClosing ??= storage.close().catch((error: unknown) => console.error('Could not close the report storage:', error));
  void storageClosing.finally(() => process.exit(0));
}

let shuttingDown = false;
function shutDown(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received; closing the server.`);
  server.close(closeStorageAndExit);
  // Keep-alive connections with no request in flight would hold close() open indefinitely.
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    closeStorageAndExit();
  }, SHUTDOWN_GRACE_MILLISECONDS).unref();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
