import { describe, it, expect } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { FACILITY_CATEGORIES, FACILITY_STATUSES, type Facility, type FacilityStatus } from '../../domain/facilities/model.ts';
import {
  FACILITIES_SOURCE_ID, FACILITY_INTERACTIVE_LAYER_IDS, SELECTED_SYMBOL_LAYER_ID, SELECTION_LAYER_IDS, SELECTION_RING_LAYER_ID,
  facilityFeatureCollection, facilityLayers, facilitySelectionFilter, facilitySignature, pointLayerId,
} from './facilities.ts';
import { FACILITY_ICONS, POINT_CATEGORIES, badgeIconName, STATUS_BADGES } from './symbols.ts';
import { testFacility } from './test-facilities.ts';

const GEOMETRY_TYPE_CODES = { Point: 1, LineString: 2, Polygon: 3 } as const;

/** Evaluates a layer's filter the way MapLibre does, with MapLibre's own style-spec code. */
function layerMatches(layer: LayerSpecification, facility: Facility): boolean {
  if (!('filter' in layer) || layer.filter === undefined) return true;
  const [feature] = facilityFeatureCollection([facility]).features;
  if (!feature) return false;
  const filter = featureFilter(layer.filter as FilterSpecification, 'filter');
  return filter.filter({ zoom: 16 }, { type: GEOMETRY_TYPE_CODES[feature.geometry.type], properties: feature.properties });
}

const everyFacility = FACILITY_CATEGORIES.flatMap((category) => FACILITY_STATUSES.map((status) => testFacility(category, status)));

describe('facility source data', () => {
  it('keeps id, category and status and names the icon of that category in that status', () => {
    const collection = facilityFeatureCollection(everyFacility);
    expect(collection.features).toHaveLength(everyFacility.length);
    for (const [index, feature] of collection.features.entries()) {
      const facility = everyFacility[index];
      expect(feature.properties.id).toBe(facility?.id);
      const icon = FACILITY_ICONS.find((entry) => entry.name === feature.properties.icon);
      expect(icon).toMatchObject({ category: facility?.category, status: facility?.status });
      expect(feature.geometry).toBe(facility?.location);
    }
  });

  it('draws marked statuses above working ones (a higher sort key draws later)', () => {
    const sortKeyOf = (status: FacilityStatus): number =>
      facilityFeatureCollection([testFacility('ramp', status)]).features[0]?.properties.sortKey ?? Number.NaN;
    expect(sortKeyOf('out_of_service')).toBeGreaterThan(sortKeyOf('working'));
    expect(sortKeyOf('unknown')).toBeGreaterThan(sortKeyOf('working'));
  });

  it('does not change the facilities it is given', () => {
    const facilities = [testFacility('toilet', 'working')];
    const before = JSON.stringify(facilities);
    facilityFeatureCollection(facilities);
    expect(JSON.stringify(facilities)).toBe(before);
  });
});

describe('facility signature', () => {
  it('is the same for equal lists and changes when a status or the set of ids changes', () => {
    const list = [testFacility('ramp', 'working', 'a'), testFacility('toilet', 'working', 'b')];
    const copy = list.map((facility) => ({ ...facility }));
    expect(facilitySignature(copy)).toBe(facilitySignature(list));
    expect(facilitySignature([list[0] as Facility, testFacility('toilet', 'out_of_service', 'b')])).not.toBe(facilitySignature(list));
    expect(facilitySignature(list.slice(0, 1))).not.toBe(facilitySignature(list));
    expect(facilitySignature([])).not.toBe(facilitySignature([testFacility('ramp', 'working', '')]));
  });
});

describe('facility layers', () => {
  const layers = facilityLayers();
  const interactive = layers.filter((layer) => FACILITY_INTERACTIVE_LAYER_IDS.includes(layer.id));

  it('every layer reads the facilities source and has a unique id', () => {
    for (const layer of layers) expect('source' in layer && layer.source, layer.id).toBe(FACILITIES_SOURCE_ID);
    expect(new Set(layers.map((layer) => layer.id)).size).toBe(layers.length);
  });

  it('every facility, whatever its category and status, is drawn by exactly one clickable layer', () => {
    expect(interactive).toHaveLength(FACILITY_INTERACTIVE_LAYER_IDS.length);
    for (const facility of everyFacility) {
      const drawnBy = interactive.filter((layer) => layerMatches(layer, facility)).map((layer) => layer.id);
      expect(drawnBy, `${facility.category} ${facility.status}`).toHaveLength(1);
    }
  });

  it('each point category has its own symbol layer that never hides a symbol to avoid overlap', () => {
    for (const category of POINT_CATEGORIES) {
      const layer = layers.find((candidate) => candidate.id === pointLayerId(category));
      expect(layer?.type).toBe('symbol');
      if (layer?.type !== 'symbol') continue;
      expect(layer.layout?.['icon-allow-overlap']).toBe(true);
      expect(layer.layout?.['icon-image']).toEqual(['get', 'icon']);
    }
  });

  it('tactile paving is drawn as a dark casing under a yellow line, casing first', () => {
    const tactile = testFacility('tactile_paving', 'working');
    const lines = layers.filter((layer) => layer.type === 'line' && layerMatches(layer, tactile));
    const casingIndex = lines.findIndex((layer) => layer.type === 'line' && layer.paint?.['line-color'] === '#1B1B1B');
    const dotsIndex = lines.findIndex((layer) => layer.type === 'line' && layer.paint?.['line-color'] === '#F0E442');
    expect(casingIndex).toBeGreaterThanOrEqual(0);
    expect(dotsIndex).toBeGreaterThan(casingIndex);
  });

  it('tactile lines of different statuses get different dash patterns', () => {
    const patterns = FACILITY_STATUSES.map((status) => {
      const facility = testFacility('tactile_paving', status);
      return JSON.stringify(layers.filter((layer) => layer.type === 'line' && layerMatches(layer, facility))
        .map((layer) => layer.type === 'line' ? layer.paint?.['line-dasharray'] ?? null : null));
    });
    expect(new Set(patterns).size).toBe(FACILITY_STATUSES.length);
  });

  it('badge layers along tactile lines use badge images that exist', () => {
    const badgeNames = STATUS_BADGES.map(badgeIconName);
    const badgeLayers = layers.filter((layer) => layer.type === 'symbol' && layer.layout?.['symbol-placement'] === 'line');
    expect(badgeLayers.length).toBeGreaterThan(0);
    for (const layer of badgeLayers) {
      expect(layer.type === 'symbol' && badgeNames.includes(layer.layout?.['icon-image'] as string)).toBe(true);
    }
  });

  it('selection layers match nothing until a facility is selected, then only that facility', () => {
    const selected = testFacility('elevator', 'working', 'selected');
    const other = testFacility('elevator', 'working', 'other');
    for (const id of SELECTION_LAYER_IDS) {
      const layer = layers.find((candidate) => candidate.id === id);
      expect(layer, id).toBeDefined();
      if (layer) expect(layerMatches(layer, selected), id).toBe(false);
    }
    const ring = { ...(layers.find((layer) => layer.id === SELECTION_RING_LAYER_ID) as LayerSpecification), filter: facilitySelectionFilter('selected', 'Point') } as LayerSpecification;
    expect(layerMatches(ring, selected)).toBe(true);
    expect(layerMatches(ring, other)).toBe(false);
    const line = testFacility('tactile_paving', 'working', 'selected');
    expect(layerMatches({ ...ring, filter: facilitySelectionFilter('selected', 'LineString') } as LayerSpecification, line)).toBe(true);
    expect(layerMatches(ring, line)).toBe(false);
  });

  it('the selected symbol is drawn last, above every other facility', () => {
    expect(layers.at(-1)?.id).toBe(SELECTED_SYMBOL_LAYER_ID);
  });
});
