// The route engine for the current district. The routing graph comes from the district's
// network.bin (built with the data), read in the route worker; without that file the graph is
// built from the network already loaded for the map. The worker client falls back to the main
// thread when the browser cannot run the worker.
import { useEffect, useMemo } from 'react';
import type { LoadedDistrict } from '../../api/district-client.ts';
import type { RouteRequest, RouteResult } from '../../domain/routing/route.ts';
import type { ProfileName } from '../../domain/routing/profiles.ts';
import type { RouteClient } from '../../workers/route-client.ts';
import type { CoverageJob } from '../../workers/route-worker.ts';
import type { CoverageProgress, CoverageResult, NetworkDiagnostic } from '../../domain/coverage/index.ts';

/** Routes, and coverage analyses for the planner view, on one graph in one worker. */
export interface RouteEngine {
  route(request: RouteRequest): Promise<RouteResult>;
  coverage(request: CoverageJob, onProgress?: (progress: CoverageProgress) => void): Promise<CoverageResult>;
  /** The network diagnostics of the district as of `now`. */
  diagnostics(now: Date): Promise<NetworkDiagnostic[]>;
  /** Get a profile ready for a coverage analysis in the background (starts the worker if needed). */
  prepare(profile: ProfileName): void;
}

async function startClient(district: LoadedDistrict): Promise<RouteClient> {
  // Loaded on first use: the routing core stays out of the JavaScript needed for the first paint.
  const { createRouteClient } = await import('../../workers/route-client.ts');
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}data/${encodeURIComponent(district.manifest.id)}/network.bin`);
    if (response.ok) return createRouteClient(await response.arrayBuffer());
  } catch {
    // Offline or missing: build the graph from the loaded network instead.
  }
  return createRouteClient({ network: district.network, facilities: district.facilities });
}

export function useRouteEngine(district: LoadedDistrict | null): RouteEngine | null {
  // The client starts on the first request, so a visit that never asks for a route loads nothing.
  const engine = useMemo(() => {
    if (!district) return null;
    let client: Promise<RouteClient> | null = null;
    return {
      route: async (request: RouteRequest) => {
        client ??= startClient(district);
        return (await client).route(request);
      },
      diagnostics: async (now: Date) => {
        client ??= startClient(district);
        return (await client).diagnostics(district.facilities, now);
      },
      prepare: (profile: ProfileName) => {
        client ??= startClient(district);
        void client.then((started) => started.prepare(profile), () => undefined);
      },
      coverage: async (request: CoverageJob, onProgress?: (progress: CoverageProgress) => void) => {
        client ??= startClient(district);
        return (await client).coverage(district.facilities, request, onProgress);
      },
      dispose: () => { void client?.then((started) => started.dispose()); },
    };
  }, [district]);
  useEffect(() => () => engine?.dispose(), [engine]);
  return engine;
}
