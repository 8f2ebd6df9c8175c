// The JSON API under /api: the route table of every endpoint and the handler the static server
// calls for /api paths. server/app.ts composes it with the static files.
import type { ApiHandler } from '../static-server.ts';
import { OPENAPI_DOCUMENT, OPENAPI_PATH } from './openapi.ts';
import { reportRoutes, type ReportsApiOptions } from './reports.ts';
import { createRouter, type ApiRoute } from './router.ts';

export type ApiOptions = ReportsApiOptions;

/** Every route the API serves; the OpenAPI description lists exactly these (a test checks). */
export function apiRoutes(options: ApiOptions): ApiRoute[] {
  return [
    ...reportRoutes(options),
    { path: OPENAPI_PATH, methods: { GET: async () => ({ status: 200, body: OPENAPI_DOCUMENT }) } },
  ];
}

export function createApiHandler(options: ApiOptions): ApiHandler {
  return createRouter(apiRoutes(options));
}
