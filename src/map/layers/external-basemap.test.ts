import { describe, it, expect } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { BoundingBox } from '../../domain/facilities/model.ts';
import { BASEMAP_COLORS, ROAD_LABEL_LAYER_ID, basemapLayers } from './basemap.ts';
import {
  districtDrawingLayerIds, EXTERNAL_ID_PREFIX, EXTERNAL_LAYERS_BEFORE_ID, PMTILES_SOURCE_ID, RASTER_TILE_SIZE_PIXELS,
  checkExternalStyle, genericVectorLayers, plainAttribution, pmtilesBasemapDrawing, styleBasemapDrawing,
  styleUsesPmtiles, vectorLayerRole, withExternalBasemap, type ExternalBasemapDrawing, type PmtilesArchiveSummary,
} from './external-basemap.ts';
import { FACILITY_INTERACTIVE_LAYER_IDS } from './facilities.ts';
import { resolveBasemapReference } from '../basemap-reference.ts';
import { buildMapStyle } from './style.ts';

const appStyle = buildMapStyle({ boundary: [], basemap: [], network: [], facilities: [], language: 'zh' });
const districtBbox: BoundingBox = [121.459, 31.2226, 121.4811, 31.2373];
const styleUrl = 'https://tiles.example.org/styles/light/style.json';

/** A small provider style, shaped like the ones OpenMapTiles-based services publish. */
const providerStyle = {
  version: 8,
  name: 'Light',
  glyphs: '../../fonts/{fontstack}/{range}.pbf',
  sprite: 'https://tiles.example.org/sprites/light',
  sources: {
    openmaptiles: { type: 'vector', url: '/data/v3.json', attribution: '<a href="https://openmaptiles.org/">&copy; OpenMapTiles</a> <a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap contributors</a>' },
    hillshade: { type: 'raster', tiles: ['hillshade/{z}/{x}/{y}.png'], tileSize: 256 },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f8f4f0' } },
    { id: 'water', type: 'fill', source: 'openmaptiles', 'source-layer': 'water', paint: { 'fill-color': '#a0c8f0' } },
    { id: 'hills', type: 'raster', source: 'hillshade' },
    { id: 'road-name', type: 'symbol', source: 'openmaptiles', 'source-layer': 'transportation_name', layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'] } },
  ],
};

function archive(overrides: Partial<PmtilesArchiveSummary> = {}): PmtilesArchiveSummary {
  return {
    url: 'https://example.org/data/huangpu/basemap.pmtiles', tileType: 2, tileCompression: 1, internalCompression: 1,
    minZoom: 10, maxZoom: 14, bounds: [121.4, 31.2, 121.5, 31.3], metadata: { attribution: '© OpenStreetMap contributors' }, ...overrides,
  };
}

function drawingOf(result: ReturnType<typeof pmtilesBasemapDrawing>): ExternalBasemapDrawing {
  if ('problem' in result) throw new Error(`expected a drawing, got: ${result.problem}`);
  return result.drawing;
}

const layerIds = (style: StyleSpecification): string[] => style.layers.map((layer) => layer.id);
const visibility = (layer: LayerSpecification | undefined): unknown => (layer && 'layout' in layer ? (layer.layout as Record<string, unknown> | undefined)?.visibility : undefined);

describe('basemap locations', () => {
  it('resolve a folder file and keep an absolute URL', () => {
    const folder = 'http://127.0.0.1:4173/data/huangpu/';
    expect(resolveBasemapReference({ style: 'https://tiles.example.org/style.json', pmtiles: 'basemap.pmtiles' }, folder))
      .toEqual({ style: 'https://tiles.example.org/style.json', pmtiles: 'http://127.0.0.1:4173/data/huangpu/basemap.pmtiles' });
  });

  it('are nothing to load when the manifest gives none', () => {
    expect(resolveBasemapReference(null, 'http://x/')).toBeNull();
    expect(resolveBasemapReference(undefined, 'http://x/')).toBeNull();
    expect(resolveBasemapReference({ style: null, pmtiles: null }, 'http://x/')).toBeNull();
  });
});

describe('an external style', () => {
  it('is accepted when it has version 8, sources and layers', () => {
    expect(checkExternalStyle(providerStyle).ok).toBe(true);
  });

  it('is refused with the reason when it is not a usable style', () => {
    const refusals: [unknown, RegExp][] = [
      ['<html>', /not a JSON object/],
      [{ ...providerStyle, version: 7 }, /version is 7/],
      [{ ...providerStyle, sources: undefined }, /no "sources"/],
      [{ ...providerStyle, layers: [] }, /no layers/],
      [{ ...providerStyle, layers: [{ type: 'fill' }] }, /layer #0 has no id/],
      [{ ...providerStyle, layers: [{ id: 'roads', type: 'line', source: 'missing' }] }, /"roads" reads the source "missing"/],
    ];
    for (const [json, reason] of refusals) {
      const check = checkExternalStyle(json);
      expect(check.ok, JSON.stringify(json).slice(0, 60)).toBe(false);
      if (!check.ok) expect(check.problem).toMatch(reason);
    }
  });

  const drawing = styleBasemapDrawing(providerStyle as StyleSpecification, styleUrl);

  it('gets every source and layer id prefixed, with each layer reading its renamed source', () => {
    expect(Object.keys(drawing.sources).sort()).toEqual(Object.keys(providerStyle.sources).map((id) => EXTERNAL_ID_PREFIX + id).sort());
    expect(drawing.layers.map((layer) => layer.id)).toEqual(providerStyle.layers.map((layer) => EXTERNAL_ID_PREFIX + layer.id));
    for (const layer of drawing.layers) {
      if ('source' in layer && typeof layer.source === 'string') expect(Object.keys(drawing.sources)).toContain(layer.source);
    }
  });

  it('has its relative locations made absolute against its own URL, tile braces kept', () => {
    const hillshade = drawing.sources[`${EXTERNAL_ID_PREFIX}hillshade`];
    const vector = drawing.sources[`${EXTERNAL_ID_PREFIX}openmaptiles`];
    expect(hillshade && 'tiles' in hillshade && hillshade.tiles).toEqual([new URL('hillshade/', styleUrl).href + '{z}/{x}/{y}.png']);
    expect(vector && 'url' in vector && vector.url).toBe(new URL('/data/v3.json', styleUrl).href);
    expect(drawing.glyphs).toBe(`${new URL('../../fonts/', styleUrl).href}{fontstack}/{range}.pbf`);
    expect(drawing.sprite).toBe(providerStyle.sprite);
  });

  it('does not change the style it was given', () => {
    const before = JSON.stringify(providerStyle);
    styleBasemapDrawing(providerStyle as StyleSpecification, styleUrl);
    expect(JSON.stringify(providerStyle)).toBe(before);
  });

  it('brings its credit as plain text', () => {
    expect(drawing.attribution).toBe('© OpenMapTiles © OpenStreetMap contributors');
  });

  it('that reads a PMTiles archive needs the pmtiles protocol, and its archive location is made absolute', () => {
    const style = { version: 8, sources: { tiles: { type: 'vector', url: 'pmtiles://basemap.pmtiles' } }, layers: [{ id: 'land', type: 'fill', source: 'tiles', 'source-layer': 'earth' }] } as StyleSpecification;
    expect(styleUsesPmtiles(style)).toBe(true);
    expect(styleUsesPmtiles(providerStyle as StyleSpecification)).toBe(false);
    const source = styleBasemapDrawing(style, 'http://127.0.0.1:4173/data/huangpu/style.json').sources[`${EXTERNAL_ID_PREFIX}tiles`];
    expect(source && 'url' in source && source.url).toBe('pmtiles://http://127.0.0.1:4173/data/huangpu/basemap.pmtiles');
  });

  it('merged into the app style validates, sits under the outline, network, route and symbols, and hides the own drawing and street names', () => {
    const merged = withExternalBasemap(appStyle, drawing);
    expect(validateStyleMin(merged).map((error) => error.message)).toEqual([]);
    const ids = layerIds(merged);
    const lastExternal = Math.max(...drawing.layers.map((layer) => ids.indexOf(layer.id)));
    const appOnTop = [EXTERNAL_LAYERS_BEFORE_ID, 'network-walkway', ...FACILITY_INTERACTIVE_LAYER_IDS];
    for (const id of appOnTop) expect(ids.indexOf(id), id).toBeGreaterThan(lastExternal);
    expect(ids[lastExternal + 1]).toBe(EXTERNAL_LAYERS_BEFORE_ID);
    for (const id of [...districtDrawingLayerIds(), ROAD_LABEL_LAYER_ID]) expect(visibility(merged.layers.find((layer) => layer.id === id)), id).toBe('none');
    expect(visibility(merged.layers.find((layer) => layer.id === EXTERNAL_LAYERS_BEFORE_ID))).toBeUndefined();
    expect(merged.glyphs).toBe(drawing.glyphs);
    expect(layerIds(appStyle)).not.toContain(drawing.layers[0]?.id);
  });
});

describe('the district drawing hidden under an external basemap', () => {
  it('is every own basemap layer except the background and the district outline', () => {
    const own = basemapLayers().map((layer) => layer.id);
    expect([...districtDrawingLayerIds(), 'basemap-outside', EXTERNAL_LAYERS_BEFORE_ID].sort()).toEqual([...own].sort());
  });
});

describe('a raster PMTiles archive', () => {
  const drawing = drawingOf(pmtilesBasemapDrawing(archive(), districtBbox));
  const source = drawing.sources[PMTILES_SOURCE_ID];

  it('becomes one raster source over the pmtiles protocol, with the header zooms and bounds', () => {
    expect(source).toEqual({
      type: 'raster', tileSize: RASTER_TILE_SIZE_PIXELS, tiles: [`pmtiles://${archive().url}/{z}/{x}/{y}`],
      minzoom: archive().minZoom, maxzoom: archive().maxZoom, bounds: archive().bounds, attribution: '© OpenStreetMap contributors',
    });
    expect(drawing.layers.map((layer) => [layer.type, 'source' in layer ? layer.source : null])).toEqual([['raster', PMTILES_SOURCE_ID]]);
    expect(drawing.attribution).toBe('© OpenStreetMap contributors');
  });

  it('is muted, and hides the street names its tiles already show', () => {
    const paint = drawing.layers[0]?.paint as Record<string, number>;
    expect(paint['raster-saturation']).toBeLessThan(0);
    expect(drawing.hiddenLayerIds).toContain(ROAD_LABEL_LAYER_ID);
  });

  it('merged into the app style validates', () => {
    expect(validateStyleMin(withExternalBasemap(appStyle, drawing)).map((error) => error.message)).toEqual([]);
  });

  it('is drawn for PNG, JPEG and WebP tiles', () => {
    for (const tileType of [2, 3, 4]) expect('drawing' in pmtilesBasemapDrawing(archive({ tileType }), districtBbox), String(tileType)).toBe(true);
  });
});

describe('a PMTiles archive that cannot be drawn', () => {
  it('is refused with the reason', () => {
    const refusals: [Partial<PmtilesArchiveSummary>, RegExp][] = [
      [{ bounds: [2.33, 48.85, 2.37, 48.87] }, /does not reach the district/],
      [{ tileType: 5 }, /tiles are avif/],
      [{ tileType: 0 }, /tiles are unknown/],
      [{ tileCompression: 3 }, /tiles are compressed with brotli/],
      [{ internalCompression: 4 }, /directories are compressed with zstd/],
      [{ tileType: 1, metadata: { name: 'no layers' } }, /no vector_layers/],
    ];
    for (const [overrides, reason] of refusals) {
      const result = pmtilesBasemapDrawing(archive(overrides), districtBbox);
      expect('problem' in result ? result.problem : 'drawn', JSON.stringify(overrides)).toMatch(reason);
    }
  });
});

describe('a vector PMTiles archive', () => {
  // The layer names of the Protomaps basemap schema.
  const protomapsLayers = ['boundaries', 'buildings', 'earth', 'landcover', 'landuse', 'natural', 'places', 'pois', 'roads', 'transit', 'water'];
  const metadata = { vector_layers: protomapsLayers.map((id) => ({ id, fields: {} })), attribution: '<a href="https://protomaps.com">Protomaps</a> © <a href="https://openstreetmap.org">OpenStreetMap</a>' };
  const drawing = drawingOf(pmtilesBasemapDrawing(archive({ tileType: 1, tileCompression: 2, metadata }), districtBbox));

  it('gets generic layers over its vector_layers that validate in the app style', () => {
    expect(drawing.sources[PMTILES_SOURCE_ID]?.type).toBe('vector');
    expect(validateStyleMin(withExternalBasemap(appStyle, drawing)).map((error) => error.message)).toEqual([]);
    const sourceLayers = new Set(drawing.layers.map((layer) => ('source-layer' in layer ? layer['source-layer'] : null)));
    for (const id of ['buildings', 'earth', 'roads', 'water', 'transit']) expect(sourceLayers, id).toContain(id);
  });

  it('leaves out boundaries, labels and points, which would compete with the district outline and symbols', () => {
    const sourceLayers = drawing.layers.map((layer) => ('source-layer' in layer ? layer['source-layer'] : null));
    for (const id of ['boundaries', 'places', 'pois']) expect(sourceLayers, id).not.toContain(id);
    expect(drawing.layers.every((layer) => layer.type === 'fill' || layer.type === 'line')).toBe(true);
  });

  it('draws land first and roads over water and buildings', () => {
    const position = (sourceLayer: string): number => drawing.layers.findIndex((layer) => 'source-layer' in layer && layer['source-layer'] === sourceLayer);
    expect(position('earth')).toBe(0);
    expect(position('roads')).toBeGreaterThan(position('water'));
    expect(position('roads')).toBeGreaterThan(position('buildings'));
  });

  it('uses only the colours of the own drawing, against which the symbols contrast is checked', () => {
    const palette = new Set<string>(Object.values(BASEMAP_COLORS));
    const colours = drawing.layers.flatMap((layer) => Object.entries((layer.paint ?? {}) as Record<string, unknown>)
      .filter(([property]) => property.endsWith('-color')).map(([, value]) => String(value)));
    expect(colours.length).toBeGreaterThan(0);
    for (const colour of colours) expect(palette, colour).toContain(colour);
  });

  it('keeps the district street names, since the generic layers draw no text', () => {
    expect(drawing.hiddenLayerIds).not.toContain(ROAD_LABEL_LAYER_ID);
    expect(drawing.attribution).toBe('Protomaps © OpenStreetMap');
  });

  it('recognises the OpenMapTiles layer names too', () => {
    expect(['water', 'waterway', 'landcover', 'park', 'building', 'transportation'].map(vectorLayerRole))
      .toEqual(['water', 'water', 'park', 'park', 'building', 'road']);
  });

  it('with one layer of unknown purpose still draws its polygons and lines', () => {
    expect(genericVectorLayers(['parcels'], 'source').map((layer) => layer.type)).toEqual(['fill', 'line']);
  });
});

describe('plain attribution', () => {
  it('drops tags and decodes entities', () => {
    expect(plainAttribution('<a href="x">&copy; OSM</a> &amp; &#169; &#xA9; <b>Me</b>')).toBe('© OSM & © © Me');
  });
});
