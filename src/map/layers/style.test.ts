import { describe, it, expect } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { FACILITY_CATEGORIES, FACILITY_STATUSES } from '../../domain/facilities/model.ts';
import { buildMapStyle } from './style.ts';
import { testFacility } from './test-facilities.ts';

const style = buildMapStyle({
  boundary: [],
  basemap: [{ kind: 'road', nameZh: '和平路', nameEn: 'Heping Road', geometry: { type: 'LineString', coordinates: [[121.46, 31.23], [121.48, 31.23]] } }],
  network: [],
  facilities: FACILITY_CATEGORIES.flatMap((category) => FACILITY_STATUSES.map((status) => testFacility(category, status))),
  language: 'zh',
});

describe('map style', () => {
  it('passes the MapLibre style specification validator', () => {
    expect(validateStyleMin(style).map((error) => error.message)).toEqual([]);
  });

  it('needs nothing from the network: no glyphs, no sprite, only inline GeoJSON sources', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const [id, source] of Object.entries(style.sources)) {
      expect(source.type, id).toBe('geojson');
      expect(source.type === 'geojson' && typeof source.data, id).toBe('object');
    }
  });

  it('every layer reads a source the style declares, and ids are unique', () => {
    for (const layer of style.layers) {
      if ('source' in layer && typeof layer.source === 'string') expect(Object.keys(style.sources), layer.id).toContain(layer.source);
    }
    expect(new Set(style.layers.map((layer) => layer.id)).size).toBe(style.layers.length);
  });

  it('draws the basemap first, then the network, then facilities on top', () => {
    const ids = style.layers.map((layer) => layer.id);
    const lastBasemap = Math.max(...ids.map((id, index) => (id.startsWith('basemap-') && id !== 'basemap-road-label' ? index : -1)));
    const firstNetwork = ids.findIndex((id) => id.startsWith('network-'));
    const lastNetwork = Math.max(...ids.map((id, index) => (id.startsWith('network-') ? index : -1)));
    const firstFacility = ids.findIndex((id) => id.startsWith('facility-'));
    expect(lastBasemap).toBeLessThan(firstNetwork);
    expect(lastNetwork).toBeLessThan(firstFacility);
  });
});
