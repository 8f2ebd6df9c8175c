// Serves the built app from dist/ and the JSON API under /api on PORT (default 8080): `npm run
// serve`, or `npm start` to build first. Reports are stored in SQLite under DATA_DIR (default
// ./var), or in PostgreSQL when DATABASE_URL is set (server/db/README.md). The districts a report
// may name are read once from DISTRICTS_DIR (default dist/data, what the app serves). Behind a
// reverse proxy, TRUST_PROXY=1 makes the X-Forwarded-For/-Proto/-Host headers count, and
// PUBLIC_ORIGIN names the origin browsers use, and RATE_LIMITS=off turns the anonymous filing and
// sign-in limits off for test servers (server/api/README.md).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDistrictCatalog } from './api/district-catalog.ts';
import { NO_RATE_LIMITS } from './api/rate-limits.ts';
import { normalisePublicOrigin } from './api/request-origin.ts';
import { createApp } from './app.ts';
import { openStorage, storageOptionsFromEnvironment } from './db/storage.ts';

const DEFAULT_PORT = 8080;
/** Open connections get this long to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MILLISECONDS = 5000;
/** Ended sessions and rate-limit windows are deleted this often; they are refused anyway once ended, so this only keeps the tables small. */
const CLEAN_UP_INTERVAL_MILLISECONDS = 60 * 60 * 1000;

// STATIC_ROOT: the folder of the built app (default dist/); tests point it at a folder with only an index.html.
const root = resolve(process.env.STATIC_ROOT?.trim() || join(import.meta.dirname, '..', 'dist'));
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build found at ${root}/index.html; run \`npm run build\` first.`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535, got "${process.env.PORT ?? ''}".`);
  process.exit(1);
}

/** TRUST_PROXY: 1/true/yes or 0/false/no (or unset); anything else is a mistake worth stopping for. */
function readTrustProxy(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no'].includes(text)) return false;
  if (['1', 'true', 'yes'].includes(text)) return true;
  console.error(`TRUST_PROXY must be 1 or 0 (true/false, yes/no), got "${value ?? ''}".`);
  process.exit(1);
}
const trustProxy = readTrustProxy(process.env.TRUST_PROXY);

let publicOrigin: string | null = null;
if (process.env.PUBLIC_ORIGIN?.trim()) {
  try {
    publicOrigin = normalisePublicOrigin(process.env.PUBLIC_ORIGIN.trim());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const rateLimitsText = process.env.RATE_LIMITS?.trim().toLowerCase() ?? '';
if (!['', 'on', 'off'].includes(rateLimitsText)) {
  console.error(`RATE_LIMITS must be on or off, got "${process.env.RATE_LIMITS ?? ''}".`);
  process.exit(1);
}
const rateLimits = rateLimitsText === 'off' ? NO_RATE_LIMITS : undefined;
if (rateLimits) console.warn('RATE_LIMITS=off: anonymous reports and sign-in attempts are not limited. Use this for test servers only.');

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

const server = createApp({ root, warmCache: true, api: { repository: storage, catalog: catalogLoad.catalog, trustProxy, publicOrigin, ...(rateLimits ? { rateLimits } : {}) } });

function cleanUp(): void {
  const now = new Date();
  Promise.all([storage.deleteExpiredSessions(now), storage.deleteExpiredRateLimits(now)])
    .catch((error: unknown) => console.warn('Could not delete ended sessions and rate-limit windows:', error));
}
cleanUp();
const cleanUpTimer = setInterval(cleanUp, CLEAN_UP_INTERVAL_MILLISECONDS);
cleanUpTimer.unref();

server.on('error', (error) => {
  console.error(`Could not serve on port ${port}:`, error.message);
  storage.close().finally(() => process.exit(1));
});

server.listen(port, () => {
  const address = server.address();
  const listeningPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Serving ${root} and the API at http://localhost:${listeningPort}/ (storage: ${storage.backend}; districts: ${catalogLoad.catalog.districts.map((district) => district.id).join(', ') || 'none'}; ${trustProxy ? 'trusting X-Forwarded-* from a proxy' : 'no proxy trusted'}${publicOrigin === null ? '' : `; public origin ${publicOrigin}`})`);
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
  clearInterval(cleanUpTimer);
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
