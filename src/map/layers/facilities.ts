// Facility layers: one symbol layer per point category, tactile paving as cased dotted lines, and
// a selection highlight. Every facility handed to the source is drawn at every zoom
// (icon-allow-overlap), so the map never silently shows fewer facilities than the list.
import type { ExpressionSpecification, FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, LineString, Point } from 'geojson';
import { FACILITY_STATUSES, type Facility, type FacilityCategory, type FacilityStatus } from '../../domain/facilities/model.ts';
import {
  CATEGORY_SYMBOLS, HALO_COLOR, OUTLINE_COLOR, POINT_CATEGORIES, TACTILE_LINE_STYLES, badgeIconName, facilityIconName,
} from './symbols.ts';

export const FACILITIES_SOURCE_ID = 'bfmap-facilities';

export interface FacilityFeatureProperties {
  id: string;
  category: FacilityCategory;
  status: FacilityStatus;
  icon: string;
  /** Higher draws on top: a symbol that carries a status mark must not hide under a plain one. */
  sortKey: number;
}

const STATUS_SORT_KEYS: Readonly<Record<FacilityStatus, number>> = { working: 0, unknown: 1, out_of_service: 2 };

export function facilityFeatureCollection(facilities: readonly Facility[]): FeatureCollection<Point | LineString, FacilityFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: facilities.map((facility) => ({
      type: 'Feature',
      properties: {
        id: facility.id,
        category: facility.category,
        status: facility.status,
        icon: facilityIconName(facility.category, facility.status),
        sortKey: STATUS_SORT_KEYS[facility.status],
      },
      geometry: facility.location,
    })),
  };
}

export function facilitiesSource(facilities: readonly Facility[]): GeoJSONSourceSpecification {
  return { type: 'geojson', data: facilityFeatureCollection(facilities) };
}

export function pointLayerId(category: FacilityCategory): string {
  return `facility-${category}`;
}

export function tactileCasingLayerId(status: FacilityStatus): string {
  return `facility-tactile-casing-${status}`;
}

export const SELECTION_LINE_LAYER_ID = 'facility-selection-line';
export const SELECTION_RING_LAYER_ID = 'facility-selection-ring';
export const SELECTED_SYMBOL_LAYER_ID = 'facility-selected-symbol';
export const SELECTION_LAYER_IDS: readonly string[] = [SELECTION_LINE_LAYER_ID, SELECTION_RING_LAYER_ID, SELECTED_SYMBOL_LAYER_ID];

/** Layers a click, a tap or `queryRenderedFeatures` looks at to find facilities. */
export const FACILITY_INTERACTIVE_LAYER_IDS: readonly string[] = [
  ...POINT_CATEGORIES.map(pointLayerId),
  ...FACILITY_STATUSES.map(tactileCasingLayerId),
];

/** Matches the selected facility; matches nothing when none is selected. */
export function facilitySelectionFilter(facilityId: string | null, geometryType: 'Point' | 'LineString'): FilterSpecification {
  if (facilityId === null) return false;
  return ['all', ['==', ['geometry-type'], geometryType], ['==', ['get', 'id'], facilityId]];
}

/** Icons are 32 CSS px at size 1; smaller when zoomed out so a dense district stays legible. */
const ICON_SIZE: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 13, 0.55, 15, 0.75, 17, 1];
const SELECTED_ICON_SIZE: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 13, 0.7, 15, 0.9, 17, 1.15];

function lineWidth(widthAtZoom14Pixels: number, widthAtZoom18Pixels: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 14, widthAtZoom14Pixels, 18, widthAtZoom18Pixels];
}

function isCategory(category: FacilityCategory): ExpressionSpecification {
  return ['==', ['get', 'category'], category];
}

function tactileLayers(): LayerSpecification[] {
  const source = FACILITIES_SOURCE_ID;
  const tactile = isCategory('tactile_paving');
  const layers: LayerSpecification[] = [
    {
      id: SELECTION_LINE_LAYER_ID, type: 'line', source, filter: facilitySelectionFilter(null, 'LineString'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': OUTLINE_COLOR, 'line-width': lineWidth(11, 26) },
    },
    {
      id: 'facility-tactile-halo', type: 'line', source, filter: tactile,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': HALO_COLOR, 'line-width': lineWidth(5, 15) },
    },
  ];
  for (const status of FACILITY_STATUSES) {
    const style = TACTILE_LINE_STYLES[status];
    layers.push({
      id: tactileCasingLayerId(status), type: 'line', source, filter: ['all', tactile, ['==', ['get', 'status'], status]],
      layout: { 'line-join': 'round', 'line-cap': style.casingDasharray ? 'butt' : 'round' },
      paint: {
        'line-color': OUTLINE_COLOR,
        'line-width': lineWidth(3, 10),
        ...(style.casingDasharray ? { 'line-dasharray': style.casingDasharray } : {}),
      },
    });
  }
  for (const status of FACILITY_STATUSES) {
    const style = TACTILE_LINE_STYLES[status];
    layers.push({
      id: `facility-tactile-dots-${status}`, type: 'line', source, filter: ['all', tactile, ['==', ['get', 'status'], status]],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': CATEGORY_SYMBOLS.tactile_paving.color, 'line-width': lineWidth(1.5, 5), 'line-dasharray': style.dotsDasharray },
    });
  }
  for (const status of FACILITY_STATUSES) {
    const badge = TACTILE_LINE_STYLES[status].badge;
    if (badge === null) continue;
    // The same badge as on the icons, repeated along the line; allowed to give way to icons.
    layers.push({
      id: `facility-tactile-badge-${status}`, type: 'symbol', source, minzoom: 15,
      filter: ['all', tactile, ['==', ['get', 'status'], status]],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 120,
        'icon-image': badgeIconName(badge),
        'icon-size': ICON_SIZE,
        'icon-rotation-alignment': 'viewport',
        'icon-padding': 0,
      },
    });
  }
  return layers;
}

function pointLayers(): LayerSpecification[] {
  const source = FACILITIES_SOURCE_ID;
  const layers: LayerSpecification[] = [
    {
      id: SELECTION_RING_LAYER_ID, type: 'circle', source, filter: facilitySelectionFilter(null, 'Point'),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 13, 15, 17, 17, 22],
        'circle-color': HALO_COLOR,
        'circle-opacity': 0.9,
        'circle-stroke-color': OUTLINE_COLOR,
        'circle-stroke-width': 4,
      },
    },
  ];
  for (const category of POINT_CATEGORIES) {
    layers.push({
      id: pointLayerId(category), type: 'symbol', source,
      filter: ['all', ['==', ['geometry-type'], 'Point'], isCategory(category)],
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-size': ICON_SIZE,
        'icon-allow-overlap': true,
        'icon-padding': 0,
        'symbol-sort-key': ['get', 'sortKey'],
      },
    });
  }
  layers.push({
    id: SELECTED_SYMBOL_LAYER_ID, type: 'symbol', source, filter: facilitySelectionFilter(null, 'Point'),
    layout: { 'icon-image': ['get', 'icon'], 'icon-size': SELECTED_ICON_SIZE, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  });
  return layers;
}

/** Tactile paving, then the point symbols above it, the selected symbol on top of everything. */
export function facilityLayers(): LayerSpecification[] {
  return [...tactileLayers(), ...pointLayers()];
}

/**
 * What the map shows of a facility list: each id with its status, in order. Two lists with the same
 * signature draw the same symbols, so the controller can skip re-sending the data.
 */
export function facilitySignature(facilities: readonly Facility[]): string {
  return facilities.map((facility) => `${facility.id}\u0000${facility.status}`).join('\u0001');
}
