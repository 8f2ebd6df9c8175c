// Clipping imported geometry to the district: the contract wants every coordinate of every layer
// inside the boundary (data/README.md, "Files and geometry"). Points outside are dropped; lines are
// cut where they cross the boundary, each stretch inside kept with the crossing point as its new
// end; areas are clipped exactly against a rectangle (Sutherland–Hodgman) and, against any other
// boundary, kept only when they lie wholly inside.
import type { BoundingBox, LngLat } from '../../facilities/model.ts';
import { insidePolygon } from '../../geo/index.ts';

/** Polygons as rings of positions: the first ring is the outline, the rest are holes. */
export type ClipPolygons = readonly (readonly (readonly LngLat[])[])[];

interface BoundaryEdge { start: LngLat; end: LngLat }

export interface ClipArea {
  bbox: BoundingBox;
  polygons: ClipPolygons;
  /** True when the area is exactly its bbox, so areas can be clipped rather than dropped. */
  rectangle: boolean;
  /** Boundary edges by grid cell over the bbox, to find the crossings of a segment quickly. */
  grid: { columns: number; rows: number; cells: BoundaryEdge[][] };
}

const GRID_SIZE = 32;

function buildArea(bbox: BoundingBox, polygons: ClipPolygons, rectangle: boolean): ClipArea {
  const [west, south, east, north] = bbox;
  const columns = GRID_SIZE;
  const rows = GRID_SIZE;
  const cells: BoundaryEdge[][] = Array.from({ length: columns * rows }, () => []);
  const cellWidth = (east - west) / columns || 1;
  const cellHeight = (north - south) / rows || 1;
  const column = (longitude: number): number => Math.min(columns - 1, Math.max(0, Math.floor((longitude - west) / cellWidth)));
  const row = (latitude: number): number => Math.min(rows - 1, Math.max(0, Math.floor((latitude - south) / cellHeight)));
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let index = 0; index < ring.length; index += 1) {
        const start = ring[index] as LngLat;
        const end = ring[(index + 1) % ring.length] as LngLat;
        if (start[0] === end[0] && start[1] === end[1]) continue;
        const edge = { start, end };
        for (let x = column(Math.min(start[0], end[0])); x <= column(Math.max(start[0], end[0])); x += 1) {
          for (let y = row(Math.min(start[1], end[1])); y <= row(Math.max(start[1], end[1])); y += 1) (cells[y * columns + x] as BoundaryEdge[]).push(edge);
        }
      }
    }
  }
  return { bbox, polygons, rectangle, grid: { columns, rows, cells } };
}

export function clipAreaFromBoundingBox(bbox: BoundingBox): ClipArea {
  const [west, south, east, north] = bbox;
  return buildArea(bbox, [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]], true);
}

export function clipAreaFromPolygons(polygons: ClipPolygons): ClipArea {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of polygons) {
    for (const [longitude, latitude] of polygon[0] ?? []) {
      west = Math.min(west, longitude);
      east = Math.max(east, longitude);
      south = Math.min(south, latitude);
      north = Math.max(north, latitude);
    }
  }
  if (west === Infinity) throw new RangeError('a clip area needs at least one polygon with positions');
  return buildArea([west, south, east, north], polygons, false);
}

export function containsPosition(area: ClipArea, position: LngLat): boolean {
  const [west, south, east, north] = area.bbox;
  const [longitude, latitude] = position;
  if (longitude < west || longitude > east || latitude < south || latitude > north) return false;
  if (area.rectangle) return true;
  return area.polygons.some((polygon) => insidePolygon(position, polygon));
}

/** Parameters t in (0, 1) where segment start→end crosses an edge of the boundary, sorted. */
function crossings(area: ClipArea, start: LngLat, end: LngLat): number[] {
  const [west, south, east, north] = area.bbox;
  if (Math.max(start[0], end[0]) < west || Math.min(start[0], end[0]) > east || Math.max(start[1], end[1]) < south || Math.min(start[1], end[1]) > north) return [];
  const { columns, rows, cells } = area.grid;
  const cellWidth = (east - west) / columns || 1;
  const cellHeight = (north - south) / rows || 1;
  const column = (longitude: number): number => Math.min(columns - 1, Math.max(0, Math.floor((longitude - west) / cellWidth)));
  const row = (latitude: number): number => Math.min(rows - 1, Math.max(0, Math.floor((latitude - south) / cellHeight)));
  const seen = new Set<BoundaryEdge>();
  const found: number[] = [];
  const deltaX = end[0] - start[0];
  const deltaY = end[1] - start[1];
  for (let x = column(Math.min(start[0], end[0])); x <= column(Math.max(start[0], end[0])); x += 1) {
    for (let y = row(Math.min(start[1], end[1])); y <= row(Math.max(start[1], end[1])); y += 1) {
      for (const edge of cells[y * columns + x] as BoundaryEdge[]) {
        if (seen.has(edge)) continue;
        seen.add(edge);
        const edgeX = edge.end[0] - edge.start[0];
        const edgeY = edge.end[1] - edge.start[1];
        const denominator = deltaX * edgeY - deltaY * edgeX;
        if (denominator === 0) continue;
        const offsetX = edge.start[0] - start[0];
        const offsetY = edge.start[1] - start[1];
        const along = (offsetX * edgeY - offsetY * edgeX) / denominator;
        const alongEdge = (offsetX * deltaY - offsetY * deltaX) / denominator;
        if (along > 0 && along < 1 && alongEdge >= 0 && alongEdge <= 1) found.push(along);
      }
    }
  }
  return found.sort((first, second) => first - second);
}

/** The stretches of the line inside the area, each with at least two positions. */
export function clipLine(area: ClipArea, line: readonly LngLat[]): LngLat[][] {
  const parts: LngLat[][] = [];
  let current: LngLat[] | null = null;
  const at = (start: LngLat, end: LngLat, t: number): LngLat => [start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t];
  for (let index = 1; index < line.length; index += 1) {
    const start = line[index - 1] as LngLat;
    const end = line[index] as LngLat;
    const cuts = [0, ...crossings(area, start, end), 1];
    for (let piece = 1; piece < cuts.length; piece += 1) {
      const from = cuts[piece - 1] as number;
      const to = cuts[piece] as number;
      if (to === from) continue;
      const inside = containsPosition(area, at(start, end, (from + to) / 2));
      if (inside) {
        const pieceStart = from === 0 ? start : at(start, end, from);
        const pieceEnd = to === 1 ? end : at(start, end, to);
        if (current === null) current = [pieceStart];
        current.push(pieceEnd);
      } else if (current !== null) {
        if (current.length >= 2) parts.push(current);
        current = null;
      }
    }
  }
  if (current !== null && current.length >= 2) parts.push(current);
  return parts;
}

/** Sutherland–Hodgman against one side of a rectangle. */
function clipRingToHalfPlane(ring: readonly LngLat[], inside: (position: LngLat) => boolean, cut: (start: LngLat, end: LngLat) => LngLat): LngLat[] {
  const result: LngLat[] = [];
  for (let index = 0; index < ring.length; index += 1) {
    const current = ring[index] as LngLat;
    const previous = ring[(index + ring.length - 1) % ring.length] as LngLat;
    if (inside(current)) {
      if (!inside(previous)) result.push(cut(previous, current));
      result.push(current);
    } else if (inside(previous)) {
      result.push(cut(previous, current));
    }
  }
  return result;
}

/**
 * The ring (closed, first position repeated last) clipped to the area, closed again; null when
 * nothing of it is inside, or when the area is not a rectangle and the ring is not wholly inside.
 */
export function clipRing(area: ClipArea, ring: readonly LngLat[]): LngLat[] | null {
  if (ring.every((position) => containsPosition(area, position))) return [...ring];
  if (!area.rectangle) return null;
  const [west, south, east, north] = area.bbox;
  const crossX = (value: number) => (start: LngLat, end: LngLat): LngLat => [value, start[1] + ((end[1] - start[1]) * (value - start[0])) / (end[0] - start[0])];
  const crossY = (value: number) => (start: LngLat, end: LngLat): LngLat => [start[0] + ((end[0] - start[0]) * (value - start[1])) / (end[1] - start[1]), value];
  let open = ring.slice(0, -1);
  open = clipRingToHalfPlane(open, (position) => position[0] >= west, crossX(west));
  open = clipRingToHalfPlane(open, (position) => position[0] <= east, crossX(east));
  open = clipRingToHalfPlane(open, (position) => position[1] >= south, crossY(south));
  open = clipRingToHalfPlane(open, (position) => position[1] <= north, crossY(north));
  if (open.length < 3) return null;
  return [...open, open[0] as LngLat];
}
