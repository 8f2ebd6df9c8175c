// A hexagon grid over a district, laid out in the routing graph's flat projection plane (metres
// east and north of its origin), so cell sizes, snapping and straight-line distances are all
// measured in the same metres as the network's lengths.
//
// Hexagons are "pointy-top": cells in a row are `cellSizeMeters` apart centre to centre (the
// width across flat sides), rows are 0.75 × the point-to-point height apart, and every odd row is
// shifted half a cell east. Hexagons rather than squares because every neighbour of a cell is the
// same distance away, so a choropleth has no diagonal bias.
import type { BoundingBox, LngLat } from '../facilities/model.ts';
import type { GraphProjection } from '../routing/graph.ts';

/** Project choice: about one city block; small enough to show gaps, large enough to stay readable. */
export const DEFAULT_CELL_SIZE_METERS = 100;

export interface HexCell {
  /** Position in the grid: row from south to north, column from west to east. */
  row: number;
  column: number;
  /** Centre in the projection plane, metres. */
  centerX: number;
  centerY: number;
  center: LngLat;
  /** The six corners, closed (seven positions), counter-clockwise from the east-most upper corner. */
  ring: LngLat[];
}

export interface HexGrid {
  cellSizeMeters: number;
  /** Centre to corner: cellSizeMeters / √3. */
  radiusMeters: number;
  /** Area of one cell: (√3 / 2) × cellSizeMeters². */
  cellAreaSquareMeters: number;
  cells: HexCell[];
}

export function toLngLat(projection: GraphProjection, x: number, y: number): LngLat {
  return [projection.originLongitude + x / projection.metersPerDegreeLongitude, projection.originLatitude + y / projection.metersPerDegreeLatitude];
}

/**
 * The cells whose centre lies within the bounding box grown by one cell radius, so the box is
 * covered to its edges. Throws a RangeError for a cell size that is not a positive number or a box
 * that would need more than `maximumCells` cells.
 */
export function hexGridOver(projection: GraphProjection, bbox: BoundingBox, cellSizeMeters: number, maximumCells = 1_000_000): HexGrid {
  if (!(cellSizeMeters > 0) || !Number.isFinite(cellSizeMeters)) throw new RangeError(`hexGridOver: cell size must be a positive number of metres, got ${cellSizeMeters}`);
  const [west, south, east, north] = bbox;
  const radiusMeters = cellSizeMeters / Math.sqrt(3);
  const rowSpacing = 1.5 * radiusMeters;
  const minimumX = (west - projection.originLongitude) * projection.metersPerDegreeLongitude - radiusMeters;
  const maximumX = (east - projection.originLongitude) * projection.metersPerDegreeLongitude + radiusMeters;
  const minimumY = (south - projection.originLatitude) * projection.metersPerDegreeLatitude - radiusMeters;
  const maximumY = (north - projection.originLatitude) * projection.metersPerDegreeLatitude + radiusMeters;
  const rowCount = Math.floor((maximumY - minimumY) / rowSpacing) + 1;
  const columnCount = Math.floor((maximumX - minimumX) / cellSizeMeters) + 1;
  if (rowCount * columnCount > maximumCells) {
    throw new RangeError(`hexGridOver: ${rowCount * columnCount} cells of ${cellSizeMeters} m would exceed the limit of ${maximumCells}; choose larger cells`);
  }
  const corners: [number, number][] = [];
  for (let corner = 0; corner < 6; corner += 1) {
    // Pointy-top: corners at 30°, 90°, 150° … from east.
    const angle = (Math.PI / 180) * (30 + 60 * corner);
    corners.push([radiusMeters * Math.cos(angle), radiusMeters * Math.sin(angle)]);
  }
  const cells: HexCell[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const centerY = minimumY + row * rowSpacing;
    const shift = row % 2 === 1 ? cellSizeMeters / 2 : 0;
    for (let column = 0; column < columnCount; column += 1) {
      const centerX = minimumX + shift + column * cellSizeMeters;
      if (centerX > maximumX) continue;
      const ring = corners.map(([offsetX, offsetY]) => toLngLat(projection, centerX + offsetX, centerY + offsetY));
      ring.push(ring[0] as LngLat);
      cells.push({ row, column, centerX, centerY, center: toLngLat(projection, centerX, centerY), ring });
    }
  }
  return { cellSizeMeters, radiusMeters, cellAreaSquareMeters: (Math.sqrt(3) / 2) * cellSizeMeters * cellSizeMeters, cells };
}
