import { describe, it, expect } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { NETWORK_KINDS, BASEMAP_KINDS, type BoundaryFeature, type NetworkEdge, type NetworkKind } from '../../domain/facilities/model.ts';
import {
  BASEMAP_SOURCE_ID, NETWORK_LAYER_KINDS, NETWORK_SOURCE_ID, basemapFeatureCollection, basemapLabelLayers, basemapLayers, basemapNameField,
  networkFeatureCollection, networkLayers, type BasemapFeatureLike,
} from './basemap.ts';

function edge(kind: NetworkKind, crossing: NetworkEdge['crossing'] = null): NetworkEdge {
  return {
    id: `edge:${kind}:${crossing ?? 'none'}`, kind, nameZh: null, nameEn: null, inclinePercent: null, widthMeters: null, surface: null,
    kerbStart: null, kerbEnd: null, kerbStartHeightMillimeters: null, kerbEndHeightMillimeters: null, tactilePaving: null,
    crossing, crossingSound: null, stepCount: null, handrail: null, facilityId: null,
    geometry: { type: 'LineString', coordinates: [[121.47, 31.23], [121.4705, 31.23]] },
  };
}

function matches(layer: LayerSpecification, properties: Record<string, unknown>, geometryTypeCode: 1 | 2 | 3): boolean {
  if (!('filter' in layer) || layer.filter === undefined) return true;
  return featureFilter(layer.filter as FilterSpecification, 'filter').filter({ zoom: 16 }, { type: geometryTypeCode, properties });
}

const square = { type: 'Polygon' as const, coordinates: [[[121.46, 31.22], [121.48, 31.22], [121.48, 31.24], [121.46, 31.24], [121.46, 31.22]]] };

describe('basemap source data', () => {
  it('turns camelCase names into the snake_case properties the layers read, and marks the boundary', () => {
    const boundary: BoundaryFeature[] = [{ type: 'Feature', properties: { name_zh: '示例街区', name_en: 'Sample' }, geometry: square }];
    const basemap: BasemapFeatureLike[] = [{ kind: 'road', nameZh: '和平路', nameEn: 'Heping Road', geometry: { type: 'LineString', coordinates: [[121.46, 31.23], [121.48, 31.23]] } }];
    const collection = basemapFeatureCollection(boundary, basemap);
    expect(collection.features.map((feature) => feature.properties)).toEqual([
      { kind: 'boundary', name_zh: '示例街区', name_en: 'Sample' },
      { kind: 'road', name_zh: '和平路', name_en: 'Heping Road' },
    ]);
  });

  it('a boundary without names gets null names, not undefined', () => {
    const collection = basemapFeatureCollection([{ type: 'Feature', properties: {}, geometry: square }], []);
    expect(collection.features[0]?.properties).toEqual({ kind: 'boundary', name_zh: null, name_en: null });
  });

  it('the network source keeps only id, kind and crossing', () => {
    const [feature] = networkFeatureCollection([edge('crossing', 'marked')]).features;
    expect(feature?.properties).toEqual({ id: 'edge:crossing:marked', kind: 'crossing', crossing: 'marked' });
  });
});

describe('basemap layers', () => {
  const layers = basemapLayers();

  it('starts with a background so the map is never transparent', () => {
    expect(layers[0]?.type).toBe('background');
  });

  it('every basemap kind in the data contract is drawn by at least one layer', () => {
    for (const kind of BASEMAP_KINDS) {
      const drawing = layers.filter((layer) => 'source' in layer && layer.source === BASEMAP_SOURCE_ID && matches(layer, { kind }, kind === 'road' || kind === 'rail' ? 2 : 3));
      expect(drawing.length, kind).toBeGreaterThan(0);
    }
  });

  it('draws the district area under land use and its outline over the roads', () => {
    const ids = layers.map((layer) => layer.id);
    expect(ids.indexOf('basemap-district')).toBeLessThan(ids.indexOf('basemap-park'));
    expect(ids.indexOf('basemap-district-outline')).toBeGreaterThan(ids.indexOf('basemap-road'));
  });
});

describe('network layers', () => {
  const layers = networkLayers();

  it('every network kind in the data contract is drawn', () => {
    for (const kind of NETWORK_KINDS) {
      const drawing = layers.filter((layer) => matches(layer, { kind, crossing: null }, 2));
      expect(drawing.length, kind).toBeGreaterThan(0);
    }
  });

  it('the kind table names each network kind once', () => {
    const listed = Object.values(NETWORK_LAYER_KINDS).flat();
    expect([...listed].sort()).toEqual([...NETWORK_KINDS].sort());
  });

  it('marked crossings get zebra stripes, unmarked ones do not', () => {
    const stripes = layers.find((layer) => layer.id === 'network-crossing-stripes') as LayerSpecification;
    expect(matches(stripes, { kind: 'crossing', crossing: 'marked' }, 2)).toBe(true);
    expect(matches(stripes, { kind: 'crossing', crossing: 'traffic_signals' }, 2)).toBe(true);
    expect(matches(stripes, { kind: 'crossing', crossing: 'unmarked' }, 2)).toBe(false);
  });

  it('steps look different from sidewalks and crossings', () => {
    const paintOf = (id: string) => JSON.stringify(layers.find((layer) => layer.id === id)?.paint);
    expect(paintOf('network-steps')).not.toBe(paintOf('network-walkway'));
    expect(paintOf('network-steps')).not.toBe(paintOf('network-crossing-stripes'));
  });

  it('all read the network source', () => {
    for (const layer of layers) expect('source' in layer && layer.source).toBe(NETWORK_SOURCE_ID);
  });
});

describe('street names', () => {
  it('name field prefers the chosen language and falls back to the other', () => {
    expect(basemapNameField('en')).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name_zh'], '']);
    expect(basemapNameField('zh')).toEqual(['coalesce', ['get', 'name_zh'], ['get', 'name_en'], '']);
  });

  it('the label layer uses that field', () => {
    const [label] = basemapLabelLayers('en');
    expect(label?.type === 'symbol' && label.layout?.['text-field']).toEqual(basemapNameField('en'));
  });
});
