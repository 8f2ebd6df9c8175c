// Serves the built app from dist/ on PORT (default 8080): `npm run serve`, or `npm start` to build first.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppServer } from './static-server.ts';

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

const server = createAppServer({ root, warmCache: true });

server.on('error', (error) => {
  console.error(`Could not serve on port ${port}:`, error.message);
  process.exit(1);
});

server.listen(port, () => {
  const address = server.address();
  const listeningPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Serving ${root} at http://localhost:${listeningPort}/`);
});

let shuttingDown = false;
function shutDown(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received; closing the server.`);
  server.close(() => process.exit(0));
  // Keep-alive connections with no request in flight would hold close() open indefinitely.
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_GRACE_MILLISECONDS).unref();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
