// The routing Web Worker: a thin shell over the pure routing core. It receives the district's
// graph once, as the binary network.bin or as the parsed network and facilities to build it from,
// then answers route requests, so a long search never blocks the page. Messages are plain data;
// the client (route-client.ts) pairs answers with requests by id.
import type { Facility, NetworkEdge } from '../domain/facilities/model.ts';
import { buildRoutingGraph, deserialiseRoutingGraph, findRoute, type RouteRequest, type RouteResult, type RoutingGraph } from '../domain/routing/index.ts';

export type RouteWorkerRequest =
  | { type: 'load'; buffer: ArrayBuffer }
  | { type: 'build'; network: readonly NetworkEdge[]; facilities: readonly Facility[] }
  | { type: 'route'; id: number; request: RouteRequest };

export type RouteWorkerResponse =
  | { type: 'loaded'; nodeCount: number; edgeCount: number }
  | { type: 'load_failed'; message: string }
  | { type: 'result'; id: number; result: RouteResult }
  | { type: 'failed'; id: number; message: string };

export interface RouteWorkerState {
  graph: RoutingGraph | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Answers one message; the worker wiring below posts what it returns. */
export function handleRouteWorkerMessage(state: RouteWorkerState, message: RouteWorkerRequest): { state: RouteWorkerState; response: RouteWorkerResponse } {
  if (message.type === 'load' || message.type === 'build') {
    try {
      const graph = message.type === 'load' ? deserialiseRoutingGraph(message.buffer) : buildRoutingGraph(message.network, message.facilities).graph;
      return { state: { graph }, response: { type: 'loaded', nodeCount: graph.nodeCount, edgeCount: graph.edgeCount } };
    } catch (error) {
      return { state: { graph: null }, response: { type: 'load_failed', message: messageOf(error) } };
    }
  }
  if (state.graph === null) return { state, response: { type: 'failed', id: message.id, message: 'the routing graph is not loaded yet' } };
  try {
    return { state, response: { type: 'result', id: message.id, result: findRoute(state.graph, message.request) } };
  } catch (error) {
    return { state, response: { type: 'failed', id: message.id, message: messageOf(error) } };
  }
}

// Wire up only inside a worker, so importing this file for its types or in a test does nothing.
declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  let state: RouteWorkerState = { graph: null };
  scope.addEventListener('message', (event: MessageEvent<RouteWorkerRequest>) => {
    const handled = handleRouteWorkerMessage(state, event.data);
    state = handled.state;
    scope.postMessage(handled.response);
  });
}
