// The typed client of the network worker. It starts route-worker.ts, hands it the graph once and
// pairs answers with requests: routes, and coverage analyses with their progress. When Workers
// are unavailable, or the worker fails to start or dies, it runs the same domain functions
// (findRoute, computeCoverage) on the main thread instead, so answers keep coming, only with the
// page busy while they are computed.
import type { Facility, NetworkEdge } from '../domain/facilities/model.ts';
import {
  buildRoutingGraph, deserialiseRoutingGraph, findRoute, type ProfileName, type RouteRequest, type RouteResult, type RoutingGraph,
} from '../domain/routing/index.ts';
import { computeCoverage, networkDiagnostics, type CoverageProgress, type CoverageResult, type NetworkDiagnostic } from '../domain/coverage/index.ts';
import type { CoverageJob, RouteWorkerRequest, RouteWorkerResponse } from './route-worker.ts';

/**
 * Where the graph comes from: the district's network.bin, or its parsed network and facilities
 * (a loaded district has both fields), from which the graph is built on first use.
 */
export type RouteGraphSource = ArrayBuffer | { network: readonly NetworkEdge[]; facilities: readonly Facility[] };

function graphFrom(source: RouteGraphSource): RoutingGraph {
  return source instanceof ArrayBuffer ? deserialiseRoutingGraph(source) : buildRoutingGraph(source.network, source.facilities).graph;
}

export type RouteClientMode = 'worker' | 'main-thread';

export interface RouteClient {
  /** Where routes are computed once the graph is loaded; rejects when the graph cannot be read at all. */
  ready: Promise<RouteClientMode>;
  route(request: RouteRequest): Promise<RouteResult>;
  /** Coverage of the district by a category (the planner view); `onProgress` hears how far it has got. */
  coverage(facilities: readonly Facility[], request: CoverageJob, onProgress?: (progress: CoverageProgress) => void): Promise<CoverageResult>;
  /** Where the step-free network and tactile paving break, and which facilities need a check (as of `now`). */
  diagnostics(facilities: readonly Facility[], now: Date): Promise<NetworkDiagnostic[]>;
  /**
   * Prices a profile's arcs in the worker ahead of an analysis, so the first one is as quick as
   * the next; nothing is done on the main thread, where it would only block the page early.
   */
  prepare(profile: ProfileName): void;
  /** Stops the worker; later requests are refused. */
  dispose(): void;
}

/** The part of a Worker the client uses, so a test can stand in for the browser's. */
export interface RouteWorkerLike {
  postMessage(message: RouteWorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RouteWorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface RouteClientOptions {
  /** Starts the worker; default: the module worker next to this file. Throwing here selects the fallback. */
  createWorker?: () => RouteWorkerLike;
  /** Give up on a worker that has not loaded the graph by then (default 10 s). */
  startTimeoutMilliseconds?: number;
}

function defaultWorker(): RouteWorkerLike {
  if (typeof Worker === 'undefined') throw new Error('Web Workers are not available here');
  return new Worker(new URL('./route-worker.ts', import.meta.url), { type: 'module' }) as unknown as RouteWorkerLike;
}

type Pending =
  | { kind: 'route'; request: RouteRequest; resolve: (result: RouteResult) => void; reject: (error: Error) => void }
  | {
    kind: 'coverage'; facilities: readonly Facility[]; request: CoverageJob; onProgress: (progress: CoverageProgress) => void;
    resolve: (result: CoverageResult) => void; reject: (error: Error) => void;
  }
  | { kind: 'diagnostics'; facilities: readonly Facility[]; now: Date; resolve: (diagnostics: NetworkDiagnostic[]) => void; reject: (error: Error) => void };

export function createRouteClient(source: RouteGraphSource, options: RouteClientOptions = {}): RouteClient {
  let mode: RouteClientMode | 'starting' | 'disposed' = 'starting';
  let worker: RouteWorkerLike | null = null;
  let mainThreadGraph: RoutingGraph | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const waiting: Pending[] = [];
  let settleReady: (mode: RouteClientMode) => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<RouteClientMode>((resolve, reject) => {
    settleReady = resolve;
    failReady = reject;
  });
  // A failed start is reported through route() as well; keep an unobserved rejection quiet.
  ready.catch(() => undefined);

  const runHere = (item: Pending): void => {
    try {
      mainThreadGraph ??= graphFrom(source);
      if (item.kind === 'route') item.resolve(findRoute(mainThreadGraph, item.request));
      else if (item.kind === 'diagnostics') item.resolve(networkDiagnostics(mainThreadGraph, item.facilities, { now: item.now }));
      else item.resolve(computeCoverage(mainThreadGraph, item.facilities, { ...item.request, onProgress: item.onProgress }));
    } catch (error) {
      item.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const send = (item: Pending): void => {
    const id = nextId;
    nextId += 1;
    pending.set(id, item);
    worker?.postMessage(item.kind === 'route'
      ? { type: 'route', id, request: item.request }
      : item.kind === 'diagnostics'
        ? { type: 'diagnostics', id, facilities: item.facilities, nowIso: item.now.toISOString() }
        : { type: 'coverage', id, facilities: item.facilities, request: item.request });
  };
  const fallBack = (): void => {
    if (mode === 'disposed' || mode === 'main-thread') return;
    worker?.terminate();
    worker = null;
    mode = 'main-thread';
    try {
      mainThreadGraph ??= graphFrom(source);
      settleReady('main-thread');
    } catch (error) {
      failReady(error instanceof Error ? error : new Error(String(error)));
    }
    // Whatever the worker was still doing is done here instead.
    const unanswered = [...pending.values(), ...waiting.splice(0)];
    pending.clear();
    for (const item of unanswered) runHere(item);
  };

  try {
    worker = (options.createWorker ?? defaultWorker)();
  } catch {
    worker = null;
  }
  if (worker === null) {
    fallBack();
  } else {
    const started = worker;
    const timer = setTimeout(() => { if (mode === 'starting') fallBack(); }, options.startTimeoutMilliseconds ?? 10_000);
    started.addEventListener('error', () => {
      clearTimeout(timer);
      if (worker === started) fallBack();
    });
    started.addEventListener('message', (event: MessageEvent<RouteWorkerResponse>) => {
      const response = event.data;
      if (response.type === 'loaded') {
        clearTimeout(timer);
        if (mode !== 'starting') return;
        mode = 'worker';
        settleReady('worker');
        for (const item of waiting.splice(0)) send(item);
      } else if (response.type === 'load_failed') {
        clearTimeout(timer);
        fallBack();
      } else {
        const item = pending.get(response.id);
        if (item === undefined) return;
        if (response.type === 'coverage_progress') {
          if (item.kind === 'coverage') item.onProgress(response.progress);
          return;
        }
        pending.delete(response.id);
        if (response.type === 'result' && item.kind === 'route') item.resolve(response.result);
        else if (response.type === 'coverage_result' && item.kind === 'coverage') item.resolve(response.result);
        else if (response.type === 'diagnostics_result' && item.kind === 'diagnostics') item.resolve(response.diagnostics);
        else item.reject(new Error(response.type === 'failed' ? response.message : `the worker answered a ${item.kind} request with ${response.type}`));
      }
    });
    if (source instanceof ArrayBuffer) {
      // A copy goes to the worker, so this side keeps the graph for the fallback.
      const copy = source.slice(0);
      started.postMessage({ type: 'load', buffer: copy }, [copy]);
    } else {
      // Only the two layers routing needs are copied into the worker, not the whole district.
      started.postMessage({ type: 'build', network: source.network, facilities: source.facilities });
    }
  }

  const submit = (item: Pending): void => {
    if (mode === 'disposed') item.reject(new Error('the route client has been disposed'));
    else if (mode === 'main-thread') runHere(item);
    else if (mode === 'worker') send(item);
    else waiting.push(item);
  };

  return {
    ready,
    route(request) {
      return new Promise<RouteResult>((resolve, reject) => submit({ kind: 'route', request, resolve, reject }));
    },
    diagnostics(facilities, now) {
      return new Promise<NetworkDiagnostic[]>((resolve, reject) => submit({ kind: 'diagnostics', facilities, now, resolve, reject }));
    },
    prepare(profile) {
      if (mode === 'worker') worker?.postMessage({ type: 'prepare', profile });
      else if (mode === 'starting') void ready.then((started) => { if (started === 'worker') worker?.postMessage({ type: 'prepare', profile }); }, () => undefined);
    },
    coverage(facilities, request, onProgress = () => undefined) {
      return new Promise<CoverageResult>((resolve, reject) => submit({ kind: 'coverage', facilities, request, onProgress, resolve, reject }));
    },
    dispose() {
      mode = 'disposed';
      worker?.terminate();
      worker = null;
      for (const item of [...pending.values(), ...waiting.splice(0)]) item.reject(new Error('the route client has been disposed'));
      pending.clear();
    },
  };
}
