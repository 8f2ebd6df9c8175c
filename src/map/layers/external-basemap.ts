// A real basemap under the district's data: a MapLibre style from elsewhere, or a PMTiles archive
// drawn with generic layers. Pure functions from what was fetched to the sources and layers to add;
// the fetching is src/map/external-basemap.ts. External ids get a prefix so they never clash with
// the app's own, and everything external sits under the district outline, the walkable network, the
// route and the facility symbols.
import type {
  ExpressionSpecification, LayerSpecification, SourceSpecification, SpriteSpecification, StyleSpecification,
} from 'maplibre-gl';
import type { BoundingBox } from '../../domain/facilities/model.ts';
import { BASEMAP_COLORS, ROAD_LABEL_LAYER_ID, basemapLayers } from './basemap.ts';

/** Which basemap the map shows: the district's own drawing, an external style or a PMTiles archive. */
export type BasemapSourceKind = 'district' | 'style' | 'pmtiles';

/** Prefix of every external source and layer id. */
export const EXTERNAL_ID_PREFIX = 'external-';

/** External layers go just under this layer: the district outline stays visible on top of them. */
export const EXTERNAL_LAYERS_BEFORE_ID = 'basemap-district-outline';

/** Kept whatever the basemap: the background shows where external tiles do not reach. */
const BACKGROUND_LAYER_ID = 'basemap-outside';

/**
 * The district's own drawing (area fill, parks, water, buildings, roads, rail), hidden while an
 * external basemap shows so the two never draw over each other.
 */
export function districtDrawingLayerIds(): string[] {
  return basemapLayers().map((layer) => layer.id).filter((id) => id !== BACKGROUND_LAYER_ID && id !== EXTERNAL_LAYERS_BEFORE_ID);
}

/** Everything the map needs to show an external basemap, and to take it away again. */
export interface ExternalBasemapDrawing {
  kind: Exclude<BasemapSourceKind, 'district'>;
  /** Keyed by prefixed id. */
  sources: Record<string, SourceSpecification>;
  /** Bottom to top, prefixed ids, each reading a source of `sources`. */
  layers: LayerSpecification[];
  /** App layers to hide while the external basemap shows. */
  hiddenLayerIds: string[];
  /** Font and icon locations the external layers need; null when they need none. */
  glyphs: string | null;
  sprite: SpriteSpecification | null;
  /** Plain text credit the map must show beside the district's own. */
  attribution: string | null;
}

// ---------------------------------------------------------------------------------------------
// Locations inside a style

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const PMTILES_SCHEME = 'pmtiles://';

/**
 * A location inside a style made absolute against the style's own URL. Tile templates keep their
 * `{z}/{x}/{y}` braces, which URL parsing would percent-encode, and `pmtiles://` locations have
 * the archive inside them resolved.
 */
function absoluteStyleLocation(location: string, styleUrl: string): string {
  if (location.startsWith(PMTILES_SCHEME)) return PMTILES_SCHEME + absoluteStyleLocation(location.slice(PMTILES_SCHEME.length), styleUrl);
  if (HAS_SCHEME.test(location)) return location;
  return new URL(location, styleUrl).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

// ---------------------------------------------------------------------------------------------
// Attribution

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©' };

/** Source attributions are HTML by convention (TileJSON 3.0 `attribution`); the map shows text. */
export function plainAttribution(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const codePoint = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
      }
      return HTML_ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function joinAttributions(attributions: readonly unknown[]): string | null {
  const texts = attributions.filter((value): value is string => typeof value === 'string').map(plainAttribution).filter((text) => text !== '');
  return texts.length === 0 ? null : [...new Set(texts)].join(' · ');
}

// ---------------------------------------------------------------------------------------------
// External styles

export type StyleCheck = { ok: true; style: StyleSpecification } | { ok: false; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether fetched JSON is a MapLibre style the map can merge: version 8, sources and layers, each
 * layer with an id and a type, reading only sources the style declares. The map validates each
 * source and layer again as it adds them.
 */
export function checkExternalStyle(json: unknown): StyleCheck {
  if (!isObject(json)) return { ok: false, problem: 'it is not a JSON object' };
  if (json.version !== 8) return { ok: false, problem: `its version is ${JSON.stringify(json.version) ?? 'missing'}, not 8 (MapLibre style specification)` };
  if (!isObject(json.sources)) return { ok: false, problem: 'it has no "sources" object' };
  for (const [id, source] of Object.entries(json.sources)) {
    if (!isObject(source) || typeof source.type !== 'string') return { ok: false, problem: `its source "${id}" has no type` };
  }
  if (!Array.isArray(json.layers) || json.layers.length === 0) return { ok: false, problem: 'it has no layers' };
  for (const [index, layer] of json.layers.entries()) {
    if (!isObject(layer) || typeof layer.id !== 'string' || typeof layer.type !== 'string') {
      return { ok: false, problem: `its layer #${index} has no id or type` };
    }
    if (typeof layer.source === 'string' && !(layer.source in json.sources)) {
      return { ok: false, problem: `its layer "${layer.id}" reads the source "${layer.source}", which the style does not declare` };
    }
  }
  return { ok: true, style: json as unknown as StyleSpecification };
}

/** True when a style reads a PMTiles archive, so the pmtiles:// protocol must be registered first. */
export function styleUsesPmtiles(style: StyleSpecification): boolean {
  return Object.values(style.sources).some((source) => {
    const locations = [('url' in source ? source.url : undefined), ...('tiles' in source ? source.tiles ?? [] : [])];
    return locations.some((location) => typeof location === 'string' && location.startsWith(PMTILES_SCHEME));
  });
}

function absoluteSource(source: SourceSpecification, styleUrl: string): SourceSpecification {
  const copy = { ...source } as Record<string, unknown>;
  if (typeof copy.url === 'string') copy.url = absoluteStyleLocation(copy.url, styleUrl);
  if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((tile: unknown) => (typeof tile === 'string' ? absoluteStyleLocation(tile, styleUrl) : tile));
  if (typeof copy.data === 'string') copy.data = absoluteStyleLocation(copy.data, styleUrl);
  return copy as unknown as SourceSpecification;
}

function absoluteSprite(sprite: SpriteSpecification, styleUrl: string): SpriteSpecification {
  return typeof sprite === 'string'
    ? absoluteStyleLocation(sprite, styleUrl)
    : sprite.map((entry) => ({ id: entry.id, url: absoluteStyleLocation(entry.url, styleUrl) }));
}

/**
 * An external style's sources and layers with prefixed ids, locations made absolute against the
 * style's URL. Its own labels replace the district's street names, which would double them.
 */
export function styleBasemapDrawing(style: StyleSpecification, styleUrl: string): ExternalBasemapDrawing {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, source] of Object.entries(style.sources)) sources[EXTERNAL_ID_PREFIX + id] = absoluteSource(source, styleUrl);
  const layers = style.layers.map((layer): LayerSpecification => {
    const renamed = { ...layer, id: EXTERNAL_ID_PREFIX + layer.id } as LayerSpecification & { source?: unknown };
    if (typeof renamed.source === 'string') renamed.source = EXTERNAL_ID_PREFIX + renamed.source;
    return renamed;
  });
  return {
    kind: 'style',
    sources,
    layers,
    hiddenLayerIds: [...districtDrawingLayerIds(), ROAD_LABEL_LAYER_ID],
    glyphs: typeof style.glyphs === 'string' ? absoluteStyleLocation(style.glyphs, styleUrl) : null,
    sprite: style.sprite === undefined ? null : absoluteSprite(style.sprite, styleUrl),
    attribution: joinAttributions(Object.values(style.sources).map((source) => ('attribution' in source ? source.attribution : undefined))),
  };
}

// ---------------------------------------------------------------------------------------------
// PMTiles archives

/** The tile type byte of a PMTiles v3 header (spec v3, header offset 99). */
export const PMTILES_TILE_TYPES: Readonly<Record<number, string>> = { 0: 'unknown', 1: 'mvt', 2: 'png', 3: 'jpeg', 4: 'webp', 5: 'avif', 6: 'mlt' };
/** The compression bytes of a PMTiles v3 header (offsets 97 and 98). */
export const PMTILES_COMPRESSIONS: Readonly<Record<number, string>> = { 0: 'unknown', 1: 'none', 2: 'gzip', 3: 'brotli', 4: 'zstd' };

/** Raster tile types every browser MapLibre runs in can decode. */
const RASTER_TILE_TYPES = new Set(['png', 'jpeg', 'webp']);
/** The pmtiles library decodes these in the browser (DecompressionStream); brotli and zstd it cannot. */
const READABLE_COMPRESSIONS = new Set(['none', 'gzip', 'unknown']);

/** What the map needs from an archive's header and metadata. */
export interface PmtilesArchiveSummary {
  /** Absolute http(s) URL of the archive. */
  url: string;
  tileType: number;
  tileCompression: number;
  internalCompression: number;
  minZoom: number;
  maxZoom: number;
  bounds: BoundingBox;
  /** The JSON metadata, or null when it could not be read. */
  metadata: unknown;
}

export const PMTILES_SOURCE_ID = `${EXTERNAL_ID_PREFIX}pmtiles`;
/**
 * Raster archives do not record their tile size; 256 px is the size of the common XYZ raster
 * tilesets (OpenStreetMap's standard tiles among them).
 */
export const RASTER_TILE_SIZE_PIXELS = 256;

function boxesOverlap(first: BoundingBox, second: BoundingBox): boolean {
  return first[0] <= second[2] && second[0] <= first[2] && first[1] <= second[3] && second[1] <= first[3];
}

/** Ids of the archive's vector layers, from its metadata's TileJSON 3.0 `vector_layers`. */
export function vectorLayerIds(metadata: unknown): string[] {
  if (!isObject(metadata) || !Array.isArray(metadata.vector_layers)) return [];
  return metadata.vector_layers.flatMap((layer: unknown) => (isObject(layer) && typeof layer.id === 'string' && layer.id !== '' ? [layer.id] : []));
}

/**
 * Layers for an archive, or why it cannot be drawn: raster tiles as one muted raster layer, vector
 * tiles through generic layers from its `vector_layers`.
 */
export function pmtilesBasemapDrawing(archive: PmtilesArchiveSummary, districtBbox: BoundingBox): { drawing: ExternalBasemapDrawing } | { problem: string } {
  const tileType = PMTILES_TILE_TYPES[archive.tileType] ?? `type ${archive.tileType}`;
  for (const [part, value] of [['tiles', archive.tileCompression], ['directories', archive.internalCompression]] as const) {
    const compression = PMTILES_COMPRESSIONS[value] ?? `compression ${value}`;
    if (!READABLE_COMPRESSIONS.has(compression)) return { problem: `its ${part} are compressed with ${compression}, which the browser cannot decode; write them with gzip or none` };
  }
  if (!boxesOverlap(archive.bounds, districtBbox)) {
    return { problem: `it covers [${archive.bounds.join(', ')}], which does not reach the district [${districtBbox.join(', ')}]` };
  }
  const metadata = isObject(archive.metadata) ? archive.metadata : {};
  const source = {
    tiles: [`${PMTILES_SCHEME}${archive.url}/{z}/{x}/{y}`],
    minzoom: archive.minZoom,
    maxzoom: archive.maxZoom,
    bounds: archive.bounds,
    ...(typeof metadata.attribution === 'string' ? { attribution: metadata.attribution } : {}),
  };
  const attribution = joinAttributions([metadata.attribution]);
  if (RASTER_TILE_TYPES.has(tileType)) {
    return {
      drawing: {
        kind: 'pmtiles',
        sources: { [PMTILES_SOURCE_ID]: { type: 'raster', tileSize: RASTER_TILE_SIZE_PIXELS, ...source } },
        layers: [rasterLayer(PMTILES_SOURCE_ID)],
        // Raster tiles carry their own street names.
        hiddenLayerIds: [...districtDrawingLayerIds(), ROAD_LABEL_LAYER_ID],
        glyphs: null,
        sprite: null,
        attribution,
      },
    };
  }
  if (tileType === 'mvt') {
    const ids = vectorLayerIds(archive.metadata);
    if (ids.length === 0) return { problem: 'its metadata lists no vector_layers, so there is nothing to draw' };
    return {
      drawing: {
        kind: 'pmtiles',
        sources: { [PMTILES_SOURCE_ID]: { type: 'vector', ...source } },
        layers: genericVectorLayers(ids, PMTILES_SOURCE_ID),
        // The generic layers draw no text, so the district's own street names stay.
        hiddenLayerIds: districtDrawingLayerIds(),
        glyphs: null,
        sprite: null,
        attribution,
      },
    };
  }
  return { problem: `its tiles are ${tileType}; only PNG, JPEG and WebP raster tiles and MVT vector tiles are drawn` };
}

/**
 * Raster tiles muted towards the calm palette of the district's own drawing. The facility symbols
 * keep their contrast on any imagery through their dark outline and white halo (layers/symbols.ts);
 * less saturation and contrast keep them the loudest thing on the map.
 */
export function rasterLayer(sourceId: string): LayerSpecification {
  return {
    id: `${sourceId}-raster`, type: 'raster', source: sourceId,
    paint: { 'raster-saturation': -0.4, 'raster-contrast': -0.2, 'raster-brightness-min': 0.1, 'raster-fade-duration': 0 },
  };
}

type VectorRole = 'land' | 'park' | 'water' | 'building' | 'road' | 'rail' | 'other';

/**
 * What a vector layer holds, guessed from its name: the layer names of the OpenMapTiles and
 * Protomaps basemap schemas (water, landcover, park, building, transportation; earth, landuse,
 * roads, buildings) and of ad-hoc tilesets all match one of these words.
 */
const VECTOR_ROLE_PATTERNS: readonly [VectorRole, RegExp][] = [
  ['water', /water|ocean|sea|lake|river|canal/i],
  ['building', /building/i],
  ['rail', /rail|transit/i],
  ['road', /road|street|transport|highway|path/i],
  ['park', /park|green|wood|forest|grass|landcover|natural|leisure/i],
  ['land', /earth|land|area/i],
];

/** Layers that would compete with the district's own outline, labels or symbols are not drawn. */
const SKIPPED_VECTOR_LAYERS = /boundar|admin|label|place|poi|housenumber|mountain_peak|aerodrome/i;

export function vectorLayerRole(layerId: string): VectorRole {
  return VECTOR_ROLE_PATTERNS.find(([, pattern]) => pattern.test(layerId))?.[0] ?? 'other';
}

const ROLE_ORDER: readonly VectorRole[] = ['land', 'other', 'park', 'water', 'building', 'road', 'rail'];

const polygons: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const lines: ExpressionSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];

/** Same widths as the district's own drawing: thin at district zoom, wider when close. */
const hairline = (atZoom14Pixels: number, atZoom18Pixels: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 14, atZoom14Pixels, 18, atZoom18Pixels];

/**
 * Generic layers for a vector archive whose style we do not know: a fill for its polygons and a
 * line for its lines, in the colours of the district's own drawing (layers/basemap.ts), bottom to
 * top land, park, water, buildings, roads, rail. Points and labels are left out.
 */
export function genericVectorLayers(layerIds: readonly string[], sourceId: string): LayerSpecification[] {
  const drawn = layerIds.filter((id) => !SKIPPED_VECTOR_LAYERS.test(id));
  const ordered = [...drawn].sort((first, second) => ROLE_ORDER.indexOf(vectorLayerRole(first)) - ROLE_ORDER.indexOf(vectorLayerRole(second)));
  return ordered.flatMap((sourceLayer): LayerSpecification[] => {
    const id = `${sourceId}-${sourceLayer}`;
    const common = { source: sourceId, 'source-layer': sourceLayer };
    switch (vectorLayerRole(sourceLayer)) {
      case 'water':
        return [
          { id: `${id}-fill`, type: 'fill', ...common, filter: polygons, paint: { 'fill-color': BASEMAP_COLORS.water } },
          { id: `${id}-line`, type: 'line', ...common, filter: lines, paint: { 'line-color': BASEMAP_COLORS.water, 'line-width': hairline(1, 4) } },
        ];
      case 'park':
        return [{ id: `${id}-fill`, type: 'fill', ...common, filter: polygons, paint: { 'fill-color': BASEMAP_COLORS.park } }];
      case 'building':
        return [{
          id: `${id}-fill`, type: 'fill', ...common, filter: polygons,
          paint: { 'fill-color': BASEMAP_COLORS.building, 'fill-outline-color': BASEMAP_COLORS.buildingOutline },
        }];
      case 'road':
        return [
          { id: `${id}-casing`, type: 'line', ...common, filter: lines, layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': BASEMAP_COLORS.roadCasing, 'line-width': hairline(2, 12) } },
          { id: `${id}-line`, type: 'line', ...common, filter: lines, layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': BASEMAP_COLORS.road, 'line-width': hairline(1, 9) } },
        ];
      case 'rail':
        return [{ id: `${id}-line`, type: 'line', ...common, filter: lines, paint: { 'line-color': BASEMAP_COLORS.rail, 'line-width': hairline(1, 2), 'line-dasharray': [3, 2] } }];
      case 'land':
        return [{ id: `${id}-fill`, type: 'fill', ...common, filter: polygons, paint: { 'fill-color': BASEMAP_COLORS.district } }];
      case 'other':
        return [
          { id: `${id}-fill`, type: 'fill', ...common, filter: polygons, paint: { 'fill-color': BASEMAP_COLORS.district, 'fill-outline-color': BASEMAP_COLORS.buildingOutline } },
          { id: `${id}-line`, type: 'line', ...common, filter: lines, paint: { 'line-color': BASEMAP_COLORS.assumedSidewalk, 'line-width': hairline(0.75, 2) } },
        ];
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Merging

/**
 * The app's style with an external basemap in it: its sources added, its layers just under the
 * district outline, the district's own drawing hidden. The controller applies the same drawing to
 * a running map one call at a time; this whole-style form is what tests validate.
 */
export function withExternalBasemap(style: StyleSpecification, drawing: ExternalBasemapDrawing): StyleSpecification {
  const hidden = new Set(drawing.hiddenLayerIds);
  const appLayers = style.layers.map((layer): LayerSpecification => (
    hidden.has(layer.id) ? { ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification : layer
  ));
  const outlineAt = appLayers.findIndex((layer) => layer.id === EXTERNAL_LAYERS_BEFORE_ID);
  // Without an outline, just above the background: never over the network or the symbols.
  const at = outlineAt !== -1 ? outlineAt : appLayers.findIndex((layer) => layer.id === BACKGROUND_LAYER_ID) + 1;
  return {
    ...style,
    sources: { ...style.sources, ...drawing.sources },
    layers: [...appLayers.slice(0, at), ...drawing.layers, ...appLayers.slice(at)],
    ...(drawing.glyphs !== null ? { glyphs: drawing.glyphs } : {}),
    ...(drawing.sprite !== null ? { sprite: drawing.sprite } : {}),
  };
}
