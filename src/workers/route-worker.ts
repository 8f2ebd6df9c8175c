// The network Web Worker: a thin shell over the pure routing and coverage cores. It receives the
// district's graph once, as the binary network.bin or as the parsed network and facilities to
// build it from, then answers route requests and coverage analyses (the planner view), so a long
// search never blocks the page. Messages are plain data; the client (route-client.ts) pairs
// answers with requests by id. A coverage run posts its progress as it goes.
import type { Facility, NetworkEdge } from '../domain/facilities/model.ts';
import {
  buildRoutingGraph, deserialiseRoutingGraph, findRoute, prepareProfileCosts, type ProfileName, type RouteRequest, type RouteResult, type RoutingGraph,
} from '../domain/routing/index.ts';
import {
  computeCoverage, networkDiagnostics, type CoverageProgress, type CoverageRequest, type CoverageResult, type NetworkDiagnostic,
} from '../domain/coverage/index.ts';

/** A coverage request as it crosses to the worker: plain data, the progress callback stays behind. */
export type CoverageJob = Omit<CoverageRequest, 'onProgress'>;

export type RouteWorkerRequest =
  | { type: 'load'; buffer: ArrayBuffer }
  | { type: 'build'; network: readonly NetworkEdge[]; facilities: readonly Facility[] }
  | { type: 'route'; id: number; request: RouteRequest }
  | { type: 'coverage'; id: number; facilities: readonly Facility[]; request: CoverageJob }
  | { type: 'diagnostics'; id: number; facilities: readonly Facility[]; nowIso: string }
  /** Price every arc for a profile ahead of need (the planner is still choosing); answers nothing. */
  | { type: 'prepare'; profile: ProfileName };

export type RouteWorkerResponse =
  | { type: 'loaded'; nodeCount: number; edgeCount: number }
  | { type: 'load_failed'; message: string }
  | { type: 'result'; id: number; result: RouteResult }
  | { type: 'coverage_progress'; id: number; progress: CoverageProgress }
  | { type: 'coverage_result'; id: number; result: CoverageResult }
  | { type: 'diagnostics_result'; id: number; diagnostics: NetworkDiagnostic[] }
  | { type: 'failed'; id: number; message: string };

export interface RouteWorkerState {
  graph: RoutingGraph | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Answers one message through `post` (progress first, then the answer) and returns the new state. */
export function handleRouteWorkerMessage(state: RouteWorkerState, message: RouteWorkerRequest, post: (response: RouteWorkerResponse) => void): RouteWorkerState {
  if (message.type === 'load' || message.type === 'build') {
    try {
      const graph = message.type === 'load' ? deserialiseRoutingGraph(message.buffer) : buildRoutingGraph(message.network, message.facilities).graph;
      post({ type: 'loaded', nodeCount: graph.nodeCount, edgeCount: graph.edgeCount });
      return { graph };
    } catch (error) {
      post({ type: 'load_failed', message: messageOf(error) });
      return { graph: null };
    }
  }
  if (message.type === 'prepare') {
    if (state.graph !== null) prepareProfileCosts(state.graph, message.profile);
    return state;
  }
  if (state.graph === null) {
    post({ type: 'failed', id: message.id, message: 'the routing graph is not loaded yet' });
    return state;
  }
  try {
    if (message.type === 'route') {
      post({ type: 'result', id: message.id, result: findRoute(state.graph, message.request) });
    } else if (message.type === 'diagnostics') {
      post({ type: 'diagnostics_result', id: message.id, diagnostics: networkDiagnostics(state.graph, message.facilities, { now: new Date(message.nowIso) }) });
    } else {
      const onProgress = (progress: CoverageProgress): void => post({ type: 'coverage_progress', id: message.id, progress });
      post({ type: 'coverage_result', id: message.id, result: computeCoverage(state.graph, message.facilities, { ...message.request, onProgress }) });
    }
  } catch (error) {
    post({ type: 'failed', id: message.id, message: messageOf(error) });
  }
  return state;
}

// Wire up only inside a worker, so importing this file for its types or in a test does nothing.
declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  let state: RouteWorkerState = { graph: null };
  scope.addEventListener('message', (event: MessageEvent<RouteWorkerRequest>) => {
    state = handleRouteWorkerMessage(state, event.data, (response) => scope.postMessage(response));
  });
}
