// The route on the map: the whole line, the current step drawn wider with a light centre line (so
// it differs by shape, not colour alone), and the two endpoints. Pure data for MapLibre.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { LngLat } from '../../domain/facilities/model.ts';

export const ROUTE_SOURCE_ID = 'bfmap-route';

/** Okabe-Ito reddish purple: not used by any facility symbol, and 3:1 against the light basemap with its dark casing. */
export const ROUTE_COLOR = '#CC79A7';
export const ROUTE_CASING_COLOR = '#1B1B1B';

export interface RouteDrawing {
  /** The whole route, origin to destination. */
  coordinates: readonly LngLat[];
  /** Each step's own stretch of the route, in order. */
  steps: readonly (readonly LngLat[])[];
}

export interface RouteFeatureProperties {
  part: 'route' | 'step' | 'origin' | 'destination';
  /** The step's index for `step` parts, else -1. */
  step: number;
}

export const ROUTE_LAYER_IDS = {
  casing: 'route-casing',
  line: 'route-line',
  currentCasing: 'route-current-casing',
  current: 'route-current',
  currentCentre: 'route-current-centre',
  endpoints: 'route-endpoints',
} as const;

/** The source data: nothing when there is no route; single-point steps (an elevator ride) draw nothing. */
export function routeFeatureCollection(route: RouteDrawing | null): FeatureCollection<LineString | Point, RouteFeatureProperties> {
  if (route === null || route.coordinates.length < 2) return { type: 'FeatureCollection', features: [] };
  const line = (coordinates: readonly LngLat[], properties: RouteFeatureProperties): Feature<LineString, RouteFeatureProperties> => ({
    type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coordinates.map(([longitude, latitude]) => [longitude, latitude]) },
  });
  const point = (coordinate: LngLat, part: 'origin' | 'destination'): Feature<Point, RouteFeatureProperties> => ({
    type: 'Feature', properties: { part, step: -1 }, geometry: { type: 'Point', coordinates: [coordinate[0], coordinate[1]] },
  });
  const first = route.coordinates[0] as LngLat;
  const last = route.coordinates[route.coordinates.length - 1] as LngLat;
  return {
    type: 'FeatureCollection',
    features: [
      line(route.coordinates, { part: 'route', step: -1 }),
      ...route.steps.flatMap((coordinates, step) => (coordinates.length >= 2 ? [line(coordinates, { part: 'step', step })] : [])),
      point(first, 'origin'),
      point(last, 'destination'),
    ],
  };
}

export function routeSource(route: RouteDrawing | null): GeoJSONSourceSpecification {
  return { type: 'geojson', data: routeFeatureCollection(route) };
}

/** Matches the current step's line; a step of -1 (none) matches nothing. */
export function currentStepFilter(step: number | null): FilterSpecification {
  return ['all', ['==', ['get', 'part'], 'step'], ['==', ['get', 'step'], step ?? -1]];
}

const ROUTE_FILTER: FilterSpecification = ['==', ['get', 'part'], 'route'];

export function routeLayers(): LayerSpecification[] {
  const round = { 'line-cap': 'round', 'line-join': 'round' } as const;
  return [
    { id: ROUTE_LAYER_IDS.casing, type: 'line', source: ROUTE_SOURCE_ID, filter: ROUTE_FILTER, layout: round, paint: { 'line-color': ROUTE_CASING_COLOR, 'line-width': 9 } },
    { id: ROUTE_LAYER_IDS.line, type: 'line', source: ROUTE_SOURCE_ID, filter: ROUTE_FILTER, layout: round, paint: { 'line-color': ROUTE_COLOR, 'line-width': 5 } },
    { id: ROUTE_LAYER_IDS.currentCasing, type: 'line', source: ROUTE_SOURCE_ID, filter: currentStepFilter(null), layout: round, paint: { 'line-color': ROUTE_CASING_COLOR, 'line-width': 15 } },
    { id: ROUTE_LAYER_IDS.current, type: 'line', source: ROUTE_SOURCE_ID, filter: currentStepFilter(null), layout: round, paint: { 'line-color': ROUTE_COLOR, 'line-width': 10 } },
    { id: ROUTE_LAYER_IDS.currentCentre, type: 'line', source: ROUTE_SOURCE_ID, filter: currentStepFilter(null), layout: round, paint: { 'line-color': '#FFFFFF', 'line-width': 2, 'line-dasharray': [2, 2] } },
    {
      id: ROUTE_LAYER_IDS.endpoints,
      type: 'circle',
      source: ROUTE_SOURCE_ID,
      filter: ['in', ['get', 'part'], ['literal', ['origin', 'destination']]],
      paint: {
        // Origin hollow (white with a dark ring), destination solid dark: told apart by fill, not colour.
        'circle-radius': 8,
        'circle-color': ['match', ['get', 'part'], 'origin', '#FFFFFF', ROUTE_CASING_COLOR],
        'circle-stroke-color': ROUTE_CASING_COLOR,
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** The layers whose filter follows the current step. */
export const CURRENT_STEP_LAYER_IDS: readonly string[] = [ROUTE_LAYER_IDS.currentCasing, ROUTE_LAYER_IDS.current, ROUTE_LAYER_IDS.currentCentre];

/** An identity for a route, so the controller skips re-sending the same one (routes are a few hundred points). */
export function routeSignature(route: RouteDrawing | null): string {
  if (route === null) return 'none';
  return `${route.coordinates.map((coordinate) => coordinate.join(',')).join(';')}|${route.steps.map((step) => step.length).join(',')}`;
}
