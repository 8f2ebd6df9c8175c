import { describe, it, expect } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification } from 'maplibre-gl';
import type { LngLat } from '../../domain/facilities/model.ts';
import { CURRENT_STEP_LAYER_IDS, ROUTE_COLOR, currentStepFilter, routeFeatureCollection, routeLayers, routeSignature } from './route.ts';
import { CATEGORY_SYMBOLS } from './symbols.ts';

const coordinates: LngLat[] = [[121.47, 31.23], [121.471, 31.23], [121.471, 31.231]];
const route = { coordinates, steps: [coordinates.slice(0, 2), coordinates.slice(1, 3), [coordinates[2] as LngLat]] };

const matches = (filter: FilterSpecification, properties: Record<string, unknown>, type: 1 | 2): boolean =>
  featureFilter(filter, 'filter').filter({ zoom: 16 }, { type, properties });

describe('route source', () => {
  it('holds the whole line, each step with two or more points, and both endpoints', () => {
    const { features } = routeFeatureCollection(route);
    expect(features.map((feature) => feature.properties.part)).toEqual(['route', 'step', 'step', 'origin', 'destination']);
    expect(features[0]?.geometry.coordinates).toEqual(coordinates);
    expect(features[3]?.geometry.coordinates).toEqual(coordinates[0]);
    expect(features[4]?.geometry.coordinates).toEqual(coordinates[2]);
  });

  it('is empty without a route', () => {
    expect(routeFeatureCollection(null).features).toEqual([]);
  });
});

describe('route layers', () => {
  it('highlight only the current step', () => {
    const filter = currentStepFilter(1);
    expect(matches(filter, { part: 'step', step: 1 }, 2)).toBe(true);
    expect(matches(filter, { part: 'step', step: 0 }, 2)).toBe(false);
    expect(matches(currentStepFilter(null), { part: 'step', step: 0 }, 2)).toBe(false);
    const ids = routeLayers().map((layer) => layer.id);
    for (const id of CURRENT_STEP_LAYER_IDS) expect(ids).toContain(id);
  });

  it('use a colour no facility symbol uses', () => {
    expect(Object.values(CATEGORY_SYMBOLS).map((symbol) => symbol.color.toUpperCase())).not.toContain(ROUTE_COLOR.toUpperCase());
  });

  it('tell routes with the same ends but different paths apart', () => {
    const other = { ...route, coordinates: [coordinates[0] as LngLat, [121.47, 31.231] as LngLat, coordinates[2] as LngLat] };
    expect(routeSignature(other)).not.toBe(routeSignature(route));
    expect(routeSignature({ ...route })).toBe(routeSignature(route));
  });
});
