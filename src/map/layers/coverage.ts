// The planner's coverage on the map: every hex cell on the network filled by its class, and the
// proposed facilities of a "what if" as rings. Pure data for MapLibre.
//
// Colours: one hue (ColorBrewer "Blues") in three clearly different lightnesses, darkest for the
// worst gap. Classes that differ by lightness alone stay apart for every kind of colour vision
// deficiency and in greyscale print; the panel's legend names each class in words, and the
// accessible table carries the same result without the map.
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { LngLat } from '../../domain/facilities/model.ts';
import type { CoverageCell, CoverageResult } from '../../domain/coverage/index.ts';

export const COVERAGE_SOURCE_ID = 'bfmap-coverage';

export const COVERAGE_CLASSES = ['covered', 'straight_line_only', 'gap'] as const;
/**
 * covered: a facility is within the distance along the network; straight_line_only: a circle on
 * the map would claim it, the network does not (the gap the planner view exists to show);
 * gap: not within the distance either way.
 */
export type CoverageClass = (typeof COVERAGE_CLASSES)[number];

export const COVERAGE_CLASS_COLORS: Readonly<Record<CoverageClass, string>> = {
  covered: '#DEEBF7',
  straight_line_only: '#6BAED6',
  gap: '#08306B',
};
export const PROPOSED_FACILITY_COLOR = '#1B1B1B';

export const COVERAGE_LAYER_IDS = { fill: 'coverage-fill', outline: 'coverage-outline', proposed: 'coverage-proposed' } as const;

export function coverageClass(cell: Pick<CoverageCell, 'coveredNetwork' | 'coveredStraightLine'>): CoverageClass {
  if (cell.coveredNetwork) return 'covered';
  return cell.coveredStraightLine ? 'straight_line_only' : 'gap';
}

export interface CoverageFeatureProperties {
  part: 'cell' | 'proposed';
  /** The cell's class; null for proposed facilities. */
  coverage: CoverageClass | null;
}

/** What the map draws of a coverage result: cells on the network, then the proposed facilities. */
export interface CoverageDrawing {
  cells: readonly Pick<CoverageCell, 'ring' | 'onNetwork' | 'coveredNetwork' | 'coveredStraightLine'>[];
  proposed: readonly LngLat[];
}

export function coverageDrawing(result: CoverageResult | null, proposed: readonly LngLat[]): CoverageDrawing | null {
  return result === null ? null : { cells: result.cells, proposed };
}

export function coverageFeatureCollection(drawing: CoverageDrawing | null): FeatureCollection<Polygon | Point, CoverageFeatureProperties> {
  if (drawing === null) return { type: 'FeatureCollection', features: [] };
  const cells = drawing.cells.filter((cell) => cell.onNetwork).map((cell): Feature<Polygon, CoverageFeatureProperties> => ({
    type: 'Feature',
    properties: { part: 'cell', coverage: coverageClass(cell) },
    geometry: { type: 'Polygon', coordinates: [cell.ring.map(([longitude, latitude]) => [longitude, latitude])] },
  }));
  const proposed = drawing.proposed.map((position): Feature<Point, CoverageFeatureProperties> => ({
    type: 'Feature', properties: { part: 'proposed', coverage: null }, geometry: { type: 'Point', coordinates: [position[0], position[1]] },
  }));
  return { type: 'FeatureCollection', features: [...cells, ...proposed] };
}

export function coverageSource(drawing: CoverageDrawing | null): GeoJSONSourceSpecification {
  return { type: 'geojson', data: coverageFeatureCollection(drawing) };
}

/** Cells under the route and the facilities; proposed facilities as a dark ring with a white halo. */
export function coverageLayers(): LayerSpecification[] {
  const colorByClass = ['match', ['get', 'coverage'], ...COVERAGE_CLASSES.flatMap((name) => [name, COVERAGE_CLASS_COLORS[name]]), '#FFFFFF'];
  return [
    {
      id: COVERAGE_LAYER_IDS.fill, type: 'fill', source: COVERAGE_SOURCE_ID, filter: ['==', ['get', 'part'], 'cell'],
      paint: { 'fill-color': colorByClass as unknown as string, 'fill-opacity': 0.6 },
    },
    {
      id: COVERAGE_LAYER_IDS.outline, type: 'line', source: COVERAGE_SOURCE_ID, filter: ['==', ['get', 'part'], 'cell'],
      paint: { 'line-color': '#FFFFFF', 'line-width': 0.5, 'line-opacity': 0.8 },
    },
    {
      id: COVERAGE_LAYER_IDS.proposed, type: 'circle', source: COVERAGE_SOURCE_ID, filter: ['==', ['get', 'part'], 'proposed'],
      paint: { 'circle-radius': 9, 'circle-color': '#FFFFFF', 'circle-stroke-color': PROPOSED_FACILITY_COLOR, 'circle-stroke-width': 4 },
    },
  ];
}

export function coverageSignature(drawing: CoverageDrawing | null): string {
  if (drawing === null) return 'none';
  const classes = drawing.cells.filter((cell) => cell.onNetwork).map((cell) => COVERAGE_CLASSES.indexOf(coverageClass(cell))).join('');
  return `${drawing.cells.length}:${drawing.cells[0]?.ring[0]?.join(',') ?? ''}:${classes}|${drawing.proposed.map((position) => position.join(',')).join(';')}`;
}
