// Snapping a point (a typed coordinate, a facility, a click) to the nearest point ON an edge of
// the network, not merely its nearest node: the point is projected onto every nearby segment and
// the route starts or ends part-way along the edge. Nearby segments come from a uniform grid over
// the projection plane, built once per graph on first use.
import type { LngLat } from '../facilities/model.ts';
import { projectX, projectY, type RoutingGraph } from './graph.ts';

/** Where a point lands on the network. */
export interface SnappedPoint {
  /** The point given. */
  input: LngLat;
  /** The nearest point on the edge. */
  coordinate: LngLat;
  edge: number;
  edgeId: string;
  /** How far along the edge (0 = its first position, 1 = its last), by length. */
  edgeFraction: number;
  /** From the point given to the snapped point, in metres. */
  distanceMeters: number;
}

interface SegmentGrid {
  minimumX: number;
  minimumY: number;
  cellSizeMeters: number;
  columns: number;
  rows: number;
  /** Segments of cell c are cellSegments[cellOffsets[c]] … [cellOffsets[c + 1] − 1]; a segment is the index of its first position. */
  cellOffsets: Int32Array;
  cellSegments: Int32Array;
  /** Edge of each position's segment (the last position of an edge starts no segment). */
  positionEdge: Int32Array;
  /** Distance along the edge to each position, metres. */
  positionDistance: Float64Array;
  positionX: Float64Array;
  positionY: Float64Array;
  /** Generation stamps, so a segment seen in two cells is measured once per query. */
  seen: Uint32Array;
  generation: number;
}

const gridCache = new WeakMap<RoutingGraph, SegmentGrid>();

function buildGrid(graph: RoutingGraph): SegmentGrid {
  const positionCount = graph.coordinates.length / 2;
  const positionX = new Float64Array(positionCount);
  const positionY = new Float64Array(positionCount);
  const positionEdge = new Int32Array(positionCount).fill(-1);
  const positionDistance = new Float64Array(positionCount);
  let minimumX = Infinity, minimumY = Infinity, maximumX = -Infinity, maximumY = -Infinity;
  for (let position = 0; position < positionCount; position += 1) {
    const x = projectX(graph.projection, graph.coordinates[2 * position] as number);
    const y = projectY(graph.projection, graph.coordinates[2 * position + 1] as number);
    positionX[position] = x;
    positionY[position] = y;
    minimumX = Math.min(minimumX, x); maximumX = Math.max(maximumX, x);
    minimumY = Math.min(minimumY, y); maximumY = Math.max(maximumY, y);
  }
  let segmentCount = 0;
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    const first = graph.edgeCoordinateOffsets[edge] as number;
    const last = (graph.edgeCoordinateOffsets[edge + 1] as number) - 1;
    let distance = 0;
    for (let position = first; position <= last; position += 1) {
      if (position > first) {
        distance += Math.hypot((positionX[position] as number) - (positionX[position - 1] as number), (positionY[position] as number) - (positionY[position - 1] as number));
      }
      positionDistance[position] = distance;
      if (position < last) {
        positionEdge[position] = edge;
        segmentCount += 1;
      }
    }
  }
  if (segmentCount === 0) {
    return {
      minimumX: 0, minimumY: 0, cellSizeMeters: 1, columns: 0, rows: 0, cellOffsets: new Int32Array(1), cellSegments: new Int32Array(0),
      positionEdge, positionDistance, positionX, positionY, seen: new Uint32Array(positionCount), generation: 0,
    };
  }
  // About one segment per cell on average, never finer than 5 m.
  const width = Math.max(maximumX - minimumX, 1);
  const height = Math.max(maximumY - minimumY, 1);
  const cellSizeMeters = Math.max(5, Math.sqrt((width * height) / segmentCount));
  const columns = Math.max(1, Math.ceil(width / cellSizeMeters));
  const rows = Math.max(1, Math.ceil(height / cellSizeMeters));
  const cellOf = (value: number, minimum: number, count: number): number => Math.min(count - 1, Math.max(0, Math.floor((value - minimum) / cellSizeMeters)));

  const cellOffsets = new Int32Array(columns * rows + 1);
  const visitCells = (segment: number, visit: (cell: number) => void): void => {
    const x1 = positionX[segment] as number, y1 = positionY[segment] as number;
    const x2 = positionX[segment + 1] as number, y2 = positionY[segment + 1] as number;
    const columnFrom = cellOf(Math.min(x1, x2), minimumX, columns), columnTo = cellOf(Math.max(x1, x2), minimumX, columns);
    const rowFrom = cellOf(Math.min(y1, y2), minimumY, rows), rowTo = cellOf(Math.max(y1, y2), minimumY, rows);
    for (let row = rowFrom; row <= rowTo; row += 1) for (let column = columnFrom; column <= columnTo; column += 1) visit(row * columns + column);
  };
  for (let position = 0; position < positionCount; position += 1) {
    if ((positionEdge[position] as number) >= 0) visitCells(position, (cell) => { cellOffsets[cell + 1] = (cellOffsets[cell + 1] as number) + 1; });
  }
  for (let cell = 0; cell < columns * rows; cell += 1) cellOffsets[cell + 1] = (cellOffsets[cell + 1] as number) + (cellOffsets[cell] as number);
  const cellSegments = new Int32Array(cellOffsets[columns * rows] as number);
  const fill = cellOffsets.slice(0, columns * rows);
  for (let position = 0; position < positionCount; position += 1) {
    if ((positionEdge[position] as number) < 0) continue;
    visitCells(position, (cell) => {
      cellSegments[fill[cell] as number] = position;
      fill[cell] = (fill[cell] as number) + 1;
    });
  }
  return { minimumX, minimumY, cellSizeMeters, columns, rows, cellOffsets, cellSegments, positionEdge, positionDistance, positionX, positionY, seen: new Uint32Array(positionCount), generation: 0 };
}

function gridOf(graph: RoutingGraph): SegmentGrid {
  let grid = gridCache.get(graph);
  if (grid === undefined) {
    grid = buildGrid(graph);
    gridCache.set(graph, grid);
  }
  return grid;
}

/**
 * The nearest point on an edge allowed by `edgeAllowed` (an array with 1 for allowed edges, or a
 * test asked only of the edges near enough to matter; null: every edge), within
 * `maximumDistanceMeters`; null when there is none.
 */
export function snapToNetwork(
  graph: RoutingGraph, point: LngLat, edgeAllowed: Uint8Array | ((edge: number) => boolean) | null, maximumDistanceMeters: number,
): SnappedPoint | null {
  const grid = gridOf(graph);
  if (grid.columns === 0) return null;
  grid.generation += 1;
  if (grid.generation === 0xffffffff) {
    grid.seen.fill(0);
    grid.generation = 1;
  }
  const generation = grid.generation;
  const allowedArray = edgeAllowed instanceof Uint8Array ? edgeAllowed : null;
  const allowedTest = typeof edgeAllowed === 'function' ? edgeAllowed : null;
  const pointX = projectX(graph.projection, point[0]);
  const pointY = projectY(graph.projection, point[1]);
  const column = Math.floor((pointX - grid.minimumX) / grid.cellSizeMeters);
  const row = Math.floor((pointY - grid.minimumY) / grid.cellSizeMeters);
  // Rings of cells around the point's cell, until a ring cannot hold anything nearer than the best so far.
  const outside = Math.max(0, -column, column - grid.columns + 1, -row, row - grid.rows + 1);
  const lastRing = outside + Math.ceil(maximumDistanceMeters / grid.cellSizeMeters) + 1;
  let bestDistanceSquared = maximumDistanceMeters * maximumDistanceMeters;
  let bestSegment = -1;
  let bestAlong = 0;
  for (let ring = 0; ring <= lastRing; ring += 1) {
    if (bestSegment >= 0 && (ring - 1) * grid.cellSizeMeters > Math.sqrt(bestDistanceSquared)) break;
    for (let cellRow = row - ring; cellRow <= row + ring; cellRow += 1) {
      if (cellRow < 0 || cellRow >= grid.rows) continue;
      const onEdgeRow = cellRow === row - ring || cellRow === row + ring;
      const step = onEdgeRow ? 1 : Math.max(1, 2 * ring);
      for (let cellColumn = column - ring; cellColumn <= column + ring; cellColumn += step) {
        if (cellColumn < 0 || cellColumn >= grid.columns) continue;
        const cell = cellRow * grid.columns + cellColumn;
        for (let index = grid.cellOffsets[cell] as number; index < (grid.cellOffsets[cell + 1] as number); index += 1) {
          const segment = grid.cellSegments[index] as number;
          if (grid.seen[segment] === generation) continue;
          grid.seen[segment] = generation;
          if (allowedArray !== null && allowedArray[grid.positionEdge[segment] as number] !== 1) continue;
          const startX = grid.positionX[segment] as number, startY = grid.positionY[segment] as number;
          const deltaX = (grid.positionX[segment + 1] as number) - startX, deltaY = (grid.positionY[segment + 1] as number) - startY;
          const lengthSquared = deltaX * deltaX + deltaY * deltaY;
          const along = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((pointX - startX) * deltaX + (pointY - startY) * deltaY) / lengthSquared));
          const offsetX = startX + deltaX * along - pointX, offsetY = startY + deltaY * along - pointY;
          const distanceSquared = offsetX * offsetX + offsetY * offsetY;
          const better = distanceSquared < bestDistanceSquared || (distanceSquared === bestDistanceSquared && bestSegment >= 0 && segment < bestSegment);
          if (better && (allowedTest === null || allowedTest(grid.positionEdge[segment] as number))) {
            bestDistanceSquared = distanceSquared;
            bestSegment = segment;
            bestAlong = along;
          }
        }
      }
    }
  }
  if (bestSegment < 0) return null;
  const edge = grid.positionEdge[bestSegment] as number;
  const last = (graph.edgeCoordinateOffsets[edge + 1] as number) - 1;
  const segmentLength = (grid.positionDistance[bestSegment + 1] as number) - (grid.positionDistance[bestSegment] as number);
  const edgeLength = grid.positionDistance[last] as number;
  const alongEdge = (grid.positionDistance[bestSegment] as number) + bestAlong * segmentLength;
  const startLongitude = graph.coordinates[2 * bestSegment] as number, startLatitude = graph.coordinates[2 * bestSegment + 1] as number;
  const endLongitude = graph.coordinates[2 * bestSegment + 2] as number, endLatitude = graph.coordinates[2 * bestSegment + 3] as number;
  const coordinate: LngLat = bestAlong === 0 ? [startLongitude, startLatitude] : bestAlong === 1 ? [endLongitude, endLatitude]
    : [startLongitude + (endLongitude - startLongitude) * bestAlong, startLatitude + (endLatitude - startLatitude) * bestAlong];
  return {
    input: point,
    coordinate,
    edge,
    edgeId: graph.edgeIds[edge] as string,
    edgeFraction: edgeLength === 0 ? 0 : Math.max(0, Math.min(1, alongEdge / edgeLength)),
    distanceMeters: Math.sqrt(bestDistanceSquared),
  };
}
