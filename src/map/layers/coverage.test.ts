import { describe, it, expect } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification } from 'maplibre-gl';
import type { LngLat } from '../../domain/facilities/model.ts';
import { contrastRatio, relativeLuminance } from './contrast.ts';
import {
  COVERAGE_CLASSES, COVERAGE_CLASS_COLORS, COVERAGE_LAYER_IDS, coverageClass, coverageFeatureCollection, coverageLayers, coverageSignature,
} from './coverage.ts';
import { ROUTE_COLOR } from './route.ts';
import { CATEGORY_SYMBOLS } from './symbols.ts';

const ring = (east: number): LngLat[] => [[east, 0], [east + 0.001, 0], [east + 0.001, 0.001], [east, 0]];
const cells = [
  { ring: ring(0), onNetwork: true, coveredNetwork: true, coveredStraightLine: true },
  { ring: ring(1), onNetwork: true, coveredNetwork: false, coveredStraightLine: true },
  { ring: ring(2), onNetwork: true, coveredNetwork: false, coveredStraightLine: false },
  { ring: ring(3), onNetwork: false, coveredNetwork: false, coveredStraightLine: false },
];

describe('coverage on the map', () => {
  it('classes a cell by network first, then straight line', () => {
    expect(cells.map(coverageClass)).toEqual(['covered', 'straight_line_only', 'gap', 'gap']);
  });

  it('draws only cells on the network, then each proposed facility', () => {
    const proposed: LngLat[] = [[121.5, 31.2]];
    const { features } = coverageFeatureCollection({ cells, proposed });
    expect(features.map((feature) => [feature.properties.part, feature.properties.coverage])).toEqual([
      ['cell', 'covered'], ['cell', 'straight_line_only'], ['cell', 'gap'], ['proposed', null],
    ]);
    expect(features[3]?.geometry.coordinates).toEqual(proposed[0]);
    expect(coverageFeatureCollection(null).features).toEqual([]);
  });

  it('tells classes apart by lightness alone, darker for worse, so colour vision does not matter', () => {
    const luminances = COVERAGE_CLASSES.map((name) => relativeLuminance(COVERAGE_CLASS_COLORS[name]));
    expect([...luminances].sort((first, second) => second - first)).toEqual(luminances);
    for (let index = 1; index < COVERAGE_CLASSES.length; index += 1) {
      expect(contrastRatio(COVERAGE_CLASS_COLORS[COVERAGE_CLASSES[index - 1]!], COVERAGE_CLASS_COLORS[COVERAGE_CLASSES[index]!])).toBeGreaterThanOrEqual(1.8);
    }
    const taken = [ROUTE_COLOR, ...Object.values(CATEGORY_SYMBOLS).map((symbol) => symbol.color)].map((color) => color.toUpperCase());
    for (const color of Object.values(COVERAGE_CLASS_COLORS)) expect(taken).not.toContain(color.toUpperCase());
  });

  it('fills cells and rings proposed facilities through their own filters', () => {
    const layers = coverageLayers();
    const filterOf = (id: string): FilterSpecification => (layers.find((layer) => layer.id === id) as { filter: FilterSpecification }).filter;
    const matches = (id: string, part: string, type: 1 | 3): boolean => featureFilter(filterOf(id), 'filter').filter({ zoom: 16 }, { type, properties: { part } });
    expect(matches(COVERAGE_LAYER_IDS.fill, 'cell', 3)).toBe(true);
    expect(matches(COVERAGE_LAYER_IDS.fill, 'proposed', 1)).toBe(false);
    expect(matches(COVERAGE_LAYER_IDS.proposed, 'proposed', 1)).toBe(true);
  });

  it('changes its signature when a class or a proposed facility changes', () => {
    const base = coverageSignature({ cells, proposed: [] });
    expect(coverageSignature({ cells, proposed: [] })).toBe(base);
    expect(coverageSignature({ cells: cells.map((cell, index) => (index === 2 ? { ...cell, coveredNetwork: true } : cell)), proposed: [] })).not.toBe(base);
    expect(coverageSignature({ cells, proposed: [[1, 2]] })).not.toBe(base);
    expect(coverageSignature(null)).toBe('none');
  });
});
