import { describe, it, expect } from 'vitest';
import { buildRoutingGraph, deserialiseRoutingGraph, findRoute, serialiseRoutingGraph, type RouteRequest } from '../domain/routing/index.ts';
import { at, edge, fineSidewalk } from '../domain/routing/test-support.ts';
import { createRouteClient, type RouteWorkerLike } from './route-client.ts';
import { computeCoverage, networkDiagnostics, type CoverageProgress } from '../domain/coverage/index.ts';
import type { Facility } from '../domain/facilities/model.ts';
import { handleRouteWorkerMessage, type CoverageJob, type RouteWorkerRequest, type RouteWorkerResponse, type RouteWorkerState } from './route-worker.ts';

const edges = [fineSidewalk('a', [[0, 0], [100, 0]]), fineSidewalk('b', [[100, 0], [100, 80]]), fineSidewalk('c', [[100, 80], [0, 80]])];
const buffer = serialiseRoutingGraph(buildRoutingGraph(edges, []).graph);
const request: RouteRequest = { origin: at(10, 1), destination: at(20, 79), profile: 'wheelchair' };
const expected = findRoute(deserialiseRoutingGraph(buffer), request);

/**
 * Stands in for the browser's Worker: runs the real worker message handler, answering on a later
 * turn as a worker would, or fails in the way a test asks.
 */
class StandInWorker implements RouteWorkerLike {
  private state: RouteWorkerState = { graph: null };
  private readonly events = new EventTarget();
  terminated = false;
  received: RouteWorkerRequest['type'][] = [];
  constructor(private readonly failure: 'none' | 'error_on_start' | 'silent' = 'none') {}
  postMessage(message: RouteWorkerRequest): void {
    this.received.push(message.type);
    setTimeout(() => {
      if (this.terminated || this.failure === 'silent') return;
      if (this.failure === 'error_on_start') {
        this.events.dispatchEvent(new Event('error'));
        return;
      }
      this.state = handleRouteWorkerMessage(this.state, message, (response) => {
        this.events.dispatchEvent(new MessageEvent<RouteWorkerResponse>('message', { data: structuredClone(response) }));
      });
    }, 0);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.events.addEventListener(type, listener as EventListener);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('the route client', () => {
  it('routes in the worker when one starts, with the same answer as the domain function', async () => {
    const worker = new StandInWorker();
    const client = createRouteClient(buffer, { createWorker: () => worker });
    const result = await client.route(request);
    await expect(client.ready).resolves.toBe('worker');
    expect(result).toEqual(expected);
    expect(worker.received).toEqual(['load', 'route']);
    client.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('builds the graph from a loaded district’s network and facilities, in the worker or here', async () => {
    const layers = { network: edges, facilities: [] };
    const worker = new StandInWorker();
    const inWorker = createRouteClient(layers, { createWorker: () => worker });
    expect(await inWorker.route(request)).toEqual(expected);
    expect(worker.received).toEqual(['build', 'route']);
    const here = createRouteClient(layers);
    await expect(here.ready).resolves.toBe('main-thread');
    expect(await here.route(request)).toEqual(expected);
  });

  it('falls back to the main thread where there are no Web Workers (as in Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const client = createRouteClient(buffer);
    await expect(client.ready).resolves.toBe('main-thread');
    expect(await client.route(request)).toEqual(expected);
  });

  it('falls back when the worker cannot be created, fails on start, or never answers', async () => {
    const failing = [
      { createWorker: (): RouteWorkerLike => { throw new Error('blocked by the content security policy'); } },
      { createWorker: (): RouteWorkerLike => new StandInWorker('error_on_start') },
      { createWorker: (): RouteWorkerLike => new StandInWorker('silent'), startTimeoutMilliseconds: 20 },
    ];
    for (const options of failing) {
      const client = createRouteClient(buffer, options);
      const answer = client.route(request);
      await expect(client.ready).resolves.toBe('main-thread');
      expect(await answer).toEqual(expected);
    }
  });

  it('keeps the graph for the fallback although the worker got its own copy', async () => {
    const client = createRouteClient(buffer, { createWorker: () => new StandInWorker('error_on_start') });
    await client.ready;
    expect(buffer.byteLength).toBeGreaterThan(0);
    expect(await client.route(request)).toEqual(expected);
  });

  it('rejects, saying why, when the graph cannot be read anywhere, and after it is disposed', async () => {
    const broken = createRouteClient(new ArrayBuffer(16), { createWorker: () => new StandInWorker() });
    await expect(broken.ready).rejects.toThrow(/too short for a routing graph/);
    await expect(broken.route(request)).rejects.toThrow(/too short/);
    const client = createRouteClient(buffer);
    client.dispose();
    await expect(client.route(request)).rejects.toThrow(/disposed/);
  });

  it('runs a coverage analysis in the worker with its progress, equal to the domain function', async () => {
    const toilet: Facility = {
      id: 't', category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null, lastVerified: null, source: 'test',
      doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null, openingHours: null, changingTable: null,
      location: { type: 'Point', coordinates: at(5, 2) },
    };
    const job: CoverageJob = { category: 'toilet', profile: 'wheelchair', withinMeters: 120, cellSizeMeters: 20 };
    const direct = computeCoverage(deserialiseRoutingGraph(buffer), [toilet], job);
    const worker = new StandInWorker();
    const client = createRouteClient(buffer, { createWorker: () => worker });
    const heard: CoverageProgress[] = [];
    const result = await client.coverage([toilet], job, (progress) => heard.push(progress));
    expect(worker.received).toEqual(['load', 'coverage']);
    expect(result).toEqual(direct);
    expect(result.cellsCoveredNetwork).toBeGreaterThan(0);
    expect(heard.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    // The same on the main thread, and a request the core refuses is rejected with its reason.
    const here = createRouteClient(buffer);
    expect(await here.coverage([toilet], job)).toEqual(direct);
    await expect(client.coverage([toilet], { ...job, withinMeters: -5 })).rejects.toThrow(/withinMeters must be a positive number/);
  });

  it('prepares a profile in the worker without an answer, and does nothing of the kind on the main thread', async () => {
    const worker = new StandInWorker();
    const client = createRouteClient(buffer, { createWorker: () => worker });
    client.prepare('wheelchair');
    await client.ready;
    await expect(client.route(request)).resolves.toEqual(expected);
    expect(worker.received).toEqual(['load', 'prepare', 'route']);
    const posted: RouteWorkerResponse[] = [];
    const graph = deserialiseRoutingGraph(buffer);
    handleRouteWorkerMessage({ graph }, { type: 'prepare', profile: 'cane' }, (response) => posted.push(response));
    handleRouteWorkerMessage({ graph: null }, { type: 'prepare', profile: 'cane' }, (response) => posted.push(response));
    expect(posted).toEqual([]);
    const here = createRouteClient(buffer);
    here.prepare('wheelchair');
    await expect(here.ready).resolves.toBe('main-thread');
  });

  it('lists the network diagnostics in the worker as the domain function does', async () => {
    // A crossing with a ramp at one end only, between two sidewalks.
    const network = [
      fineSidewalk('north', [[0, 20], [50, 20]]),
      fineSidewalk('south', [[0, 0], [50, 0]]),
      edge('crossing', 'crossing', [[25, 0], [25, 20]], { kerbStart: 'lowered', kerbEnd: 'raised' }),
    ];
    const graphBuffer = serialiseRoutingGraph(buildRoutingGraph(network, []).graph);
    const now = new Date('2026-11-29T00:00:00Z');
    const direct = networkDiagnostics(deserialiseRoutingGraph(graphBuffer), [], { now });
    expect(direct.map((finding) => finding.code)).toContain('crossing_ramp_one_end');
    const worker = new StandInWorker();
    const client = createRouteClient(graphBuffer, { createWorker: () => worker });
    expect(await client.diagnostics([], now)).toEqual(direct);
    expect(worker.received).toEqual(['load', 'diagnostics']);
    expect(await createRouteClient(graphBuffer).diagnostics([], now)).toEqual(direct);
  });
});
