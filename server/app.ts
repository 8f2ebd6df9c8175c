// The whole HTTP server: the JSON API under /api (server/api) and the built app's static files
// for everything else (static-server.ts, wrapped, not changed).
import type { Server } from 'node:http';
import { createApiHandler, type ApiOptions } from './api/index.ts';
import { createAppServer, type AppServerOptions } from './static-server.ts';

export interface AppOptions extends Omit<AppServerOptions, 'api'> {
  api: ApiOptions;
}

export function createApp(options: AppOptions): Server {
  const { api, ...staticOptions } = options;
  return createAppServer({ ...staticOptions, api: createApiHandler(api) });
}
