// The JSON API under /api: the route table of every endpoint and the handler the static server
// calls for /api paths. server/app.ts composes it with the static files.
import type { ApiHandler } from '../static-server.ts';
import { exportRoutes } from './exports.ts';
import { facilityStatusRoutes } from './facility-statuses.ts';
import { OPENAPI_DOCUMENT, OPENAPI_PATH } from './openapi.ts';
import { resolveApiOptions, type ApiContext, type ApiOptions } from './options.ts';
import { photoRoutes } from './photos.ts';
import { reportRoutes } from './reports.ts';
import { createRouter, type ApiRoute } from './router.ts';
import { createCallerIdentifier, sessionRoutes } from './sessions.ts';
import { workRoutes } from './work.ts';

export type { ApiOptions } from './options.ts';

function routesOf(context: ApiContext): ApiRoute[] {
  return [
    ...sessionRoutes(context),
    ...reportRoutes(context),
    ...exportRoutes(context),
    ...photoRoutes(context),
    ...workRoutes(context),
    ...facilityStatusRoutes(context),
    { path: OPENAPI_PATH, methods: { GET: async () => ({ status: 200, body: OPENAPI_DOCUMENT }) } },
  ];
}

/** Every route the API serves; the OpenAPI description lists exactly these (a test checks). */
export function apiRoutes(options: ApiOptions): ApiRoute[] {
  return routesOf(resolveApiOptions(options));
}

export function createApiHandler(options: ApiOptions): ApiHandler {
  const context = resolveApiOptions(options);
  // Made now rather than at the first unknown username, whose refusal would otherwise take twice as long.
  context.decoyPasswordHash().catch((error: unknown) => console.error('Could not make the decoy password hash:', error));
  return createRouter(routesOf(context), createCallerIdentifier(context));
}
