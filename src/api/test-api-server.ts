// For unit tests only: the real app server (server/app.ts) with SQLite in a fresh temporary folder
// and the repository's data/ as its districts, on an ephemeral loopback port. Client tests talk to
// it over real HTTP, so they check the client against the server's actual answers, not a copy.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadDistrictCatalog } from '../../server/api/district-catalog.ts';
import type { Repository } from '../../server/db/repository.ts';
import { openStorage } from '../../server/db/storage.ts';

export const REPOSITORY_DATA_FOLDER = resolve(import.meta.dirname, '..', '..', 'data');

export interface TestApiServer {
  baseUrl: string;
  repository: Repository;
  close(): Promise<void>;
}

export async function startTestApiServer(): Promise<TestApiServer> {
  const folder = mkdtempSync(join(tmpdir(), 'bfmap-client-test-'));
  const root = join(folder, 'dist');
  const dataDirectory = join(folder, 'var');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>test</title>');
  const repository = await openStorage({ dataDirectory });
  const catalog = (await loadDistrictCatalog(REPOSITORY_DATA_FOLDER)).catalog;
  const server = createApp({ root, api: { repository, catalog } });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    repository,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await repository.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
