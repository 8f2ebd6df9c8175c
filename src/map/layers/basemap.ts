// The district's own basemap, built from its data files alone: no remote tiles, sprites or glyphs,
// so the map works offline. A light, calm palette keeps the facility symbols the loudest thing.
import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BoundaryFeature, NetworkEdge, NetworkKind } from '../../domain/facilities/model.ts';
import { CATEGORY_SYMBOLS } from './symbols.ts';

export const BASEMAP_SOURCE_ID = 'bfmap-basemap';
export const NETWORK_SOURCE_ID = 'bfmap-network';

/** The parsed basemap feature (src/domain/facilities/parse.ts); structural so either side can evolve. */
export interface BasemapFeatureLike {
  kind: string;
  nameZh: string | null;
  nameEn: string | null;
  geometry: Geometry;
}

export type MapLanguage = 'zh' | 'en';

/** Basemap colours, exported so tests can check symbol contrast against every one of them. */
export const BASEMAP_COLORS = {
  /** Outside the district: a shade darker, so the area with data reads as the "page". */
  outside: '#E9E6DF',
  district: '#F7F6F2',
  districtOutline: '#77726A',
  park: '#D6E9CB',
  water: '#BCD9EC',
  building: '#E2DDD3',
  buildingOutline: '#C9C1B3',
  roadCasing: '#D0C9BD',
  road: '#FFFFFF',
  rail: '#8E8A83',
  walkway: '#A8A39A',
  assumedSidewalk: '#C2BDB4',
  crossingBase: '#A8A39A',
  crossingStripes: '#FFFFFF',
  steps: '#4F4339',
  labelText: '#3E3B36',
  labelHalo: '#FFFFFF',
} as const;

/** Colours a symbol may sit on: the fills and line colours of the basemap. */
export const BASEMAP_SURFACE_COLORS: readonly string[] = [
  BASEMAP_COLORS.outside, BASEMAP_COLORS.district, BASEMAP_COLORS.park, BASEMAP_COLORS.water,
  BASEMAP_COLORS.building, BASEMAP_COLORS.roadCasing, BASEMAP_COLORS.road, BASEMAP_COLORS.walkway,
  BASEMAP_COLORS.assumedSidewalk, BASEMAP_COLORS.crossingBase,
];

export interface BasemapProperties { kind: string; name_zh: string | null; name_en: string | null }

/** Boundary and basemap features as one collection; the boundary gets kind "boundary". */
export function basemapFeatureCollection(
  boundary: readonly BoundaryFeature[],
  basemap: readonly BasemapFeatureLike[],
): FeatureCollection<Geometry, BasemapProperties> {
  const boundaryFeatures: Feature<Geometry, BasemapProperties>[] = boundary.map((feature) => ({
    type: 'Feature',
    properties: { kind: 'boundary', name_zh: stringOrNull(feature.properties?.name_zh), name_en: stringOrNull(feature.properties?.name_en) },
    geometry: feature.geometry,
  }));
  const basemapFeatures: Feature<Geometry, BasemapProperties>[] = basemap.map((feature) => ({
    type: 'Feature',
    properties: { kind: feature.kind, name_zh: feature.nameZh, name_en: feature.nameEn },
    geometry: feature.geometry,
  }));
  return { type: 'FeatureCollection', features: [...boundaryFeatures, ...basemapFeatures] };
}

export interface NetworkProperties { id: string; kind: NetworkKind; crossing: string | null }

/** Only what the network layers style by; details stay in the app's data. */
export function networkFeatureCollection(edges: readonly NetworkEdge[]): FeatureCollection<Geometry, NetworkProperties> {
  return {
    type: 'FeatureCollection',
    features: edges.map((edge) => ({
      type: 'Feature',
      properties: { id: edge.id, kind: edge.kind, crossing: edge.crossing },
      geometry: edge.geometry,
    })),
  };
}

export function basemapSource(boundary: readonly BoundaryFeature[], basemap: readonly BasemapFeatureLike[]): GeoJSONSourceSpecification {
  return { type: 'geojson', data: basemapFeatureCollection(boundary, basemap) };
}

export function networkSource(edges: readonly NetworkEdge[]): GeoJSONSourceSpecification {
  return { type: 'geojson', data: networkFeatureCollection(edges) };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function kindIs(...kinds: string[]): ExpressionSpecification {
  return ['match', ['get', 'kind'], kinds, true, false];
}

/** Width that doubles with each zoom level, as ground distances do on screen. */
function groundWidth(widthAtZoom14Pixels: number): ExpressionSpecification {
  return ['interpolate', ['exponential', 2], ['zoom'], 14, widthAtZoom14Pixels, 18, widthAtZoom14Pixels * 16];
}

/** Width that grows gently with zoom, for lines that stand for things narrower than a pixel. */
function hairlineWidth(widthAtZoom14Pixels: number, widthAtZoom18Pixels: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 14, widthAtZoom14Pixels, 18, widthAtZoom18Pixels];
}

/** Background, district area, land use, buildings, roads and rail, bottom to top. */
export function basemapLayers(): LayerSpecification[] {
  const source = BASEMAP_SOURCE_ID;
  return [
    { id: 'basemap-outside', type: 'background', paint: { 'background-color': BASEMAP_COLORS.outside } },
    { id: 'basemap-district', type: 'fill', source, filter: kindIs('boundary'), paint: { 'fill-color': BASEMAP_COLORS.district } },
    { id: 'basemap-park', type: 'fill', source, filter: kindIs('park'), paint: { 'fill-color': BASEMAP_COLORS.park } },
    { id: 'basemap-water', type: 'fill', source, filter: kindIs('water'), paint: { 'fill-color': BASEMAP_COLORS.water } },
    {
      id: 'basemap-building', type: 'fill', source, filter: kindIs('building'),
      paint: { 'fill-color': BASEMAP_COLORS.building, 'fill-outline-color': BASEMAP_COLORS.buildingOutline },
    },
    {
      id: 'basemap-road-casing', type: 'line', source, filter: kindIs('road'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': BASEMAP_COLORS.roadCasing, 'line-width': groundWidth(2.5) },
    },
    {
      id: 'basemap-road', type: 'line', source, filter: kindIs('road'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': BASEMAP_COLORS.road, 'line-width': groundWidth(2) },
    },
    {
      id: 'basemap-rail', type: 'line', source, filter: kindIs('rail'),
      paint: { 'line-color': BASEMAP_COLORS.rail, 'line-width': hairlineWidth(1.5, 3), 'line-dasharray': [3, 2] },
    },
    {
      id: 'basemap-district-outline', type: 'line', source, filter: kindIs('boundary'),
      paint: { 'line-color': BASEMAP_COLORS.districtOutline, 'line-width': 2, 'line-dasharray': [4, 2] },
    },
  ];
}

/** The walkable network, one look per kind of edge; `NETWORK_LAYER_KINDS` says which layer draws which kind. */
export const NETWORK_LAYER_KINDS: Readonly<Record<string, readonly NetworkKind[]>> = {
  'network-walkway': ['sidewalk', 'footway', 'pedestrian', 'path', 'living_street'],
  'network-assumed-sidewalk': ['assumed_sidewalk'],
  'network-crossing': ['crossing'],
  'network-steps': ['steps'],
  'network-ramp': ['ramp'],
  'network-elevator': ['elevator'],
};

export function networkLayers(): LayerSpecification[] {
  const source = NETWORK_SOURCE_ID;
  const kinds = (layerId: string): string[] => [...(NETWORK_LAYER_KINDS[layerId] ?? [])];
  return [
    {
      id: 'network-walkway', type: 'line', source, filter: kindIs(...kinds('network-walkway')),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': BASEMAP_COLORS.walkway, 'line-width': hairlineWidth(0.75, 3) },
    },
    {
      id: 'network-assumed-sidewalk', type: 'line', source, filter: kindIs(...kinds('network-assumed-sidewalk')),
      paint: { 'line-color': BASEMAP_COLORS.assumedSidewalk, 'line-width': hairlineWidth(0.75, 2.5), 'line-dasharray': [2, 2] },
    },
    // A crossing is drawn as one band; its marked kinds get zebra stripes on top, its unmarked kind a thin dash.
    {
      id: 'network-crossing', type: 'line', source,
      filter: ['all', kindIs(...kinds('network-crossing')), ['!=', ['get', 'crossing'], 'unmarked']],
      paint: { 'line-color': BASEMAP_COLORS.crossingBase, 'line-width': hairlineWidth(1.5, 9) },
    },
    {
      id: 'network-crossing-stripes', type: 'line', source,
      filter: ['all', kindIs(...kinds('network-crossing')), ['!=', ['get', 'crossing'], 'unmarked']],
      paint: { 'line-color': BASEMAP_COLORS.crossingStripes, 'line-width': hairlineWidth(1, 7), 'line-dasharray': [0.4, 0.4] },
    },
    {
      id: 'network-crossing-unmarked', type: 'line', source,
      filter: ['all', kindIs(...kinds('network-crossing')), ['==', ['get', 'crossing'], 'unmarked']],
      paint: { 'line-color': BASEMAP_COLORS.crossingBase, 'line-width': hairlineWidth(0.75, 2.5), 'line-dasharray': [1, 1.5] },
    },
    // Steps: dark rungs across the line, like the treads seen from above.
    {
      id: 'network-steps', type: 'line', source, filter: kindIs(...kinds('network-steps')),
      paint: { 'line-color': BASEMAP_COLORS.steps, 'line-width': hairlineWidth(2, 9), 'line-dasharray': [0.25, 0.25] },
    },
    {
      id: 'network-ramp', type: 'line', source, filter: kindIs(...kinds('network-ramp')),
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': CATEGORY_SYMBOLS.ramp.color, 'line-width': hairlineWidth(1, 4), 'line-dasharray': [2, 1] },
    },
    {
      id: 'network-elevator', type: 'line', source, filter: kindIs(...kinds('network-elevator')),
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': CATEGORY_SYMBOLS.elevator.color, 'line-width': hairlineWidth(1, 4), 'line-dasharray': [0, 2] },
    },
  ];
}

/** The text shown for a basemap name in a language, falling back to the other language. */
export function basemapNameField(language: MapLanguage): ExpressionSpecification {
  return language === 'en'
    ? ['coalesce', ['get', 'name_en'], ['get', 'name_zh'], '']
    : ['coalesce', ['get', 'name_zh'], ['get', 'name_en'], ''];
}

export const ROAD_LABEL_LAYER_ID = 'basemap-road-label';

/**
 * Street names along the roads. MapLibre 6 draws glyphs with the browser's own fonts when the
 * style has no `glyphs` URL (GlyphManager: "If the style hasn't opted into server-side fonts …
 * draw the glyph locally"), so Latin and CJK names render offline.
 */
export function basemapLabelLayers(language: MapLanguage): LayerSpecification[] {
  return [
    {
      id: ROAD_LABEL_LAYER_ID, type: 'symbol', source: BASEMAP_SOURCE_ID, filter: kindIs('road'), minzoom: 14,
      layout: {
        'symbol-placement': 'line',
        'text-field': basemapNameField(language),
        'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 14],
        'text-max-angle': 30,
        'symbol-spacing': 400,
      },
      paint: { 'text-color': BASEMAP_COLORS.labelText, 'text-halo-color': BASEMAP_COLORS.labelHalo, 'text-halo-width': 1.5 },
    },
  ];
}
