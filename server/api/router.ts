// A route table and its dispatcher, on plain node:http. Paths are written as OpenAPI path
// templates ("/api/reports/{reportId}") so the OpenAPI description and the router can be compared
// one to one. Unknown paths get 404 JSON, known paths with another method 405 with Allow, handler
// failures (ApiFailure) their 4xx, and anything unexpected a logged 500: always JSON. Before a
// handler runs, the caller is identified (session cookie, CSRF and Origin checks: sessions.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHandler } from '../static-server.ts';
import { anonymousCaller, type Caller } from './caller.ts';
import { ApiFailure, errorResponse, sendApiResponse, type ApiResponse } from './responses.ts';

/** The methods routes may answer. DELETE signs out (DELETE /api/session); PUT and PATCH are not used. */
export const API_METHODS = ['GET', 'POST', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** Methods that change something: they carry the Origin and CSRF checks. */
export function isStateChanging(method: ApiMethod): boolean {
  return method !== 'GET';
}

export interface RouteRequest {
  request: IncomingMessage;
  /** The request target parsed against the server's own origin: use searchParams for the query. */
  url: URL;
  /** Path parameters by template name, percent-decoded. */
  parameters: Readonly<Record<string, string>>;
  /** Who is calling, found before the handler runs. */
  caller: Caller;
}

/**
 * Finds out who is calling a matched route, or throws ApiFailure (a stale session on a change,
 * a missing CSRF token, a foreign Origin) so that the handler never runs.
 */
export type CallerIdentifier = (request: IncomingMessage, method: ApiMethod, routePath: string) => Promise<Caller>;

/** Without sessions every caller is anonymous. */
const everyoneAnonymous: CallerIdentifier = async (request) => anonymousCaller(request.socket.remoteAddress ?? 'unknown', false);

export type RouteHandler = (routeRequest: RouteRequest) => Promise<ApiResponse>;

export interface ApiRoute {
  /** An OpenAPI path template, e.g. "/api/reports/{reportId}"; a parameter matches one non-empty segment. */
  path: string;
  methods: Partial<Record<ApiMethod, RouteHandler>>;
}

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  parameterNames: string[];
}

function compile(route: ApiRoute): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path.split('/').map((segment) => {
    const parameter = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(segment)?.[1];
    if (parameter !== undefined) {
      parameterNames.push(parameter);
      return '([^/]+)';
    }
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
}

/** The methods a route answers, as the Allow header lists them: HEAD wherever GET is (RFC 9110 §9.3.2). */
export function allowedMethods(route: ApiRoute): string[] {
  const methods = API_METHODS.filter((method) => route.methods[method] !== undefined);
  return methods.flatMap((method): string[] => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
}

const compiledRoutes = new WeakMap<readonly ApiRoute[], CompiledRoute[]>();

/**
 * The route whose template matches the decoded path, with its parameters; null when none does.
 * A template with fewer parameters wins, whatever the order of the table: "/api/reports/export.csv"
 * before "/api/reports/{reportId}" (OpenAPI 3.1 §4.8.8, concrete paths match before templated ones).
 */
export function matchRoute(routes: readonly ApiRoute[], path: string): { route: ApiRoute; parameters: Record<string, string> } | null {
  let compiledList = compiledRoutes.get(routes);
  if (!compiledList) {
    // Array#sort is stable: among templates with as many parameters, the table's order stands.
    compiledList = routes.map(compile).sort((first, second) => first.parameterNames.length - second.parameterNames.length);
    compiledRoutes.set(routes, compiledList);
  }
  for (const compiled of compiledList) {
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    const parameters: Record<string, string> = {};
    compiled.parameterNames.forEach((name, index) => {
      parameters[name] = match[index + 1] ?? '';
    });
    return { route: compiled.route, parameters };
  }
  return null;
}

async function answer(routes: readonly ApiRoute[], identify: CallerIdentifier, request: IncomingMessage, apiPath: string): Promise<ApiResponse> {
  const matched = matchRoute(routes, apiPath);
  if (!matched) {
    return errorResponse(404, 'not_found', { zh: `没有这个接口：${apiPath}`, en: `There is no API at ${apiPath}` });
  }
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const handler = (API_METHODS as readonly string[]).includes(method ?? '') ? matched.route.methods[method as ApiMethod] : undefined;
  if (!handler) {
    const allow = allowedMethods(matched.route).join(', ');
    return errorResponse(405, 'method_not_allowed', {
      zh: `${apiPath} 不支持 ${request.method ?? ''} 请求，可用：${allow}`,
      en: `${apiPath} does not accept ${request.method ?? ''}; use ${allow}`,
    }, { Allow: allow });
  }
  // The path given is already decoded by the static server; the URL is only for the query.
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    const caller = await identify(request, method as ApiMethod, matched.route.path);
    return await handler({ request, url, parameters: matched.parameters, caller });
  } catch (error) {
    if (error instanceof ApiFailure) return error.toResponse();
    throw error;
  }
}

/** The handler the static server calls for every path under /api. */
export function createRouter(routes: readonly ApiRoute[], identify: CallerIdentifier = everyoneAnonymous): ApiHandler {
  return async (request: IncomingMessage, response: ServerResponse, apiPath: string) => {
    let result: ApiResponse;
    try {
      result = await answer(routes, identify, request, apiPath);
    } catch (error) {
      console.error(`${request.method ?? '?'} ${request.url ?? '?'} failed:`, error);
      result = errorResponse(500, 'internal_error', {
        zh: '服务器出错，请稍后用同一个幂等键重试（不会重复提交）',
        en: 'The server failed; try again later with the same Idempotency-Key (a retry never files twice)',
      });
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendApiResponse(response, result);
  };
}
