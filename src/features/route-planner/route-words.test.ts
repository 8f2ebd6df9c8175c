import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FACILITY_CATEGORIES, LAYER_FILES, type Facility } from '../../domain/facilities/model.ts';
import { parseFacilityLayer, parseNetworkLayer } from '../../domain/facilities/parse.ts';
import { buildRoutingGraph } from '../../domain/routing/graph.ts';
import { findRoute, type RouteFound, type RouteNotFound } from '../../domain/routing/route.ts';
import { routingProfile } from '../../domain/routing/profiles.ts';
import { createTranslate } from '../../i18n/index.ts';
import { noRouteWords, routeWords, stepCoordinates } from './route-words.ts';

const sample = resolve(import.meta.dirname, '..', '..', '..', 'data', 'sample');
const read = (file: string): unknown => JSON.parse(readFileSync(resolve(sample, file), 'utf8'));
const facilities: Facility[] = FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], read(LAYER_FILES[category])).items);
const network = parseNetworkLayer(LAYER_FILES.network, read(LAYER_FILES.network)).items;
const graph = buildRoutingGraph(network, facilities).graph;
const byId = new Map(facilities.map((facility) => [facility.id, facility]));
const zh = createTranslate('zh');
const en = createTranslate('en');

function sampleRoute(profile: 'walk' | 'wheelchair' | 'blind', origin: [number, number] = [121.4625, 31.2255], destination: [number, number] = [121.478, 31.235]): RouteFound {
  const result = findRoute(graph, { origin, destination, profile });
  if (result.status !== 'found') throw new Error(`no ${profile} route in the sample district: ${JSON.stringify(result.reason)}`);
  return result;
}

describe('route words', () => {
  it('give every step of a real route one sentence in each language, with no holes', () => {
    for (const profile of ['walk', 'wheelchair', 'blind'] as const) {
      const route = sampleRoute(profile);
      for (const [t, language] of [[zh, 'zh'], [en, 'en']] as const) {
        const words = routeWords(t, language, route, byId);
        expect(words.steps).toHaveLength(route.directions.length);
        for (const sentence of [words.summary, ...words.notes, ...words.steps]) {
          expect(sentence.trim().length).toBeGreaterThan(3);
          expect(sentence).not.toMatch(/undefined|null|NaN|\[object/);
        }
        expect(words.steps.at(-1)).toMatch(language === 'zh' ? /到达/ : /arrived/);
      }
    }
  });

  it('put the counts the route uses into the summary, and say how many stretches are unknown', () => {
    const route = sampleRoute('wheelchair');
    const words = routeWords(en, 'en', route, byId);
    expect(words.summary).toContain(`${route.uses.crossings} crossings`);
    expect(words.summary).toContain(`${route.uses.elevators} elevators`);
    const unknownNote = route.unknownSegments > 0 ? `${route.unknownSegments} stretches have unknown` : 'Every stretch';
    expect(words.notes.join(' ')).toContain(unknownNote);
  });

  it('name the facilities a route avoided', () => {
    const route = { ...sampleRoute('wheelchair'), avoided: [{ facilityId: facilities[0]?.id ?? '', kind: 'elevator' as const, reason: 'out_of_service' as const, onBestPath: true }] };
    const name = facilities[0]?.nameZh ?? facilities[0]?.id ?? '';
    expect(routeWords(zh, 'zh', route, byId).notes.join('')).toContain(name);
  });

  it('cover the whole line with the steps, in order', () => {
    const route = sampleRoute('walk');
    const pieces = stepCoordinates(route).filter((piece) => piece.length > 1);
    expect(pieces[0]?.[0]).toEqual(route.coordinates[0]);
    expect(pieces.at(-1)?.at(-1)).toEqual(route.coordinates.at(-1));
  });
});

describe('no-route words', () => {
  it('say which limit closes every way out and offer to relax it', () => {
    const result: RouteNotFound = {
      status: 'no_route', profile: routingProfile('wheelchair'), origin: null, destination: null, avoided: [],
      reason: { kind: 'origin_enclosed', blockingLimit: 'avoidSteps', blockedArcs: { avoidSteps: 3 }, reachableNodes: 4, relax: 'avoidSteps' },
    };
    const words = noRouteWords(zh, result);
    expect(words.reason).toBe('没有路线：离开起点的每条路都有台阶。');
    expect(words.relax).toBe('avoidSteps');
    expect(words.relaxLabel).toBe('允许走台阶再试');
    expect(noRouteWords(en, { ...result, reason: { ...result.reason, relax: null } as RouteNotFound['reason'] }).relaxLabel).toBeNull();
  });

  it('tell a point far from any footway from a network in pieces', () => {
    const off: RouteNotFound = { status: 'no_route', profile: null, origin: null, destination: null, avoided: [], reason: { kind: 'destination_off_network', maxSnapDistanceMeters: 200 } };
    expect(noRouteWords(en, off).reason).toContain('200 metres of the destination');
    expect(noRouteWords(en, { ...off, reason: { kind: 'disconnected' } }).reason).toBe('No footway joins the start and the destination.');
  });
});

describe('short steps', () => {
  it('say "a few metres" rather than "close by" after a verb', () => {
    // This route turns into 同心路 a few metres before crossing it.
    const route = sampleRoute('wheelchair', [121.47, 31.23], [121.475, 31.232]);
    const short = route.directions.findIndex((step) => step.kind === 'turn' && step.distanceMeters < 15);
    expect(short).toBeGreaterThanOrEqual(0);
    const sentence = routeWords(zh, 'zh', route, byId).steps[short] ?? '';
    expect(sentence).not.toContain('就在附近');
  });
});
