// Assembles the files of a district folder (data/README.md, "The district folder") from imported
// layers: the GeoJSON FeatureCollections and a district.json whose bbox, centre, zoom and counts
// are computed from what was actually imported, never typed by hand.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { LAYER_FILES, type BoundingBox, type DistrictManifest, type LayerCounts, type LngLat } from '../facilities/model.ts';

/** Imported GeoJSON features per layer, with the on-disk (snake_case) properties of data/README.md. */
export interface DistrictLayers {
  boundary: Feature[];
  ramps: Feature[];
  toilets: Feature[];
  elevators: Feature[];
  tactilePaving: Feature[];
  network: Feature[];
  places: Feature[];
  /** Optional: omitted from the folder when null. */
  basemap: Feature[] | null;
}

export interface DistrictMetadata {
  id: string;
  name: { zh: string; en: string };
  source: string;
  licence: string;
  attribution: string;
}

/** Lower-case letters, digits and hyphens, starting with a letter or digit: safe as a folder name and in a URL. */
export const DISTRICT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class DistrictFilesError extends Error {}

export function emptyDistrictLayers(): DistrictLayers {
  return { boundary: [], ramps: [], toilets: [], elevators: [], tactilePaving: [], network: [], places: [], basemap: null };
}

function visitPositions(geometry: Geometry | null, visit: (position: Position) => void): void {
  if (geometry === null) return;
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString': case 'Polygon': geometry.coordinates.forEach((line) => line.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit))); break;
    case 'GeometryCollection': geometry.geometries.forEach((part) => visitPositions(part, visit)); break;
  }
}

/** The smallest box around every coordinate of the features; null when there is none. */
export function featuresBoundingBox(features: readonly Feature[]): BoundingBox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of features) {
    visitPositions(feature.geometry, ([longitude, latitude]) => {
      if (longitude === undefined || latitude === undefined) return;
      west = Math.min(west, longitude);
      east = Math.max(east, longitude);
      south = Math.min(south, latitude);
      north = Math.max(north, latitude);
    });
  }
  return west === Infinity ? null : [west, south, east, north];
}

/**
 * The web-mercator zoom at which the box fits a 1024 px wide view: 256 px tiles, so the world is
 * 256·2^z px wide and a span of d degrees of longitude takes 256·2^z·d/360 px.
 */
export function zoomToFit(bbox: BoundingBox): number {
  const [west, south, east, north] = bbox;
  const longitudeSpan = Math.max(east - west, 1e-6);
  // A degree of latitude is taller than a degree of longitude by 1/cos(latitude) on the map.
  const latitudeSpan = Math.max(north - south, 1e-6) / Math.cos((((south + north) / 2) * Math.PI) / 180);
  const zoom = Math.log2((1024 * 360) / (256 * Math.max(longitudeSpan, latitudeSpan)));
  return Math.max(2, Math.min(18, Math.floor(zoom * 2) / 2));
}

/** A rectangle over the box, counter-clockwise as RFC 7946 §3.1.6 asks of exterior rings. */
export function boundingBoxPolygon(bbox: BoundingBox, properties: Record<string, unknown> = {}): Feature {
  const [west, south, east, north] = bbox;
  return {
    type: 'Feature',
    properties: { name_zh: null, name_en: null, ...properties },
    geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
  };
}

/** Margin around the data when a district is made without a boundary. */
export const DEFAULT_BOUNDARY_MARGIN_METERS = 25;

/** The box grown by `meters` on every side (a degree of latitude is about 111.32 km). */
export function widenBoundingBox(bbox: BoundingBox, meters: number): BoundingBox {
  const [west, south, east, north] = bbox;
  const latitudeDegrees = meters / 111_320;
  const longitudeDegrees = latitudeDegrees / Math.max(Math.cos((((south + north) / 2) * Math.PI) / 180), 0.01);
  return [west - longitudeDegrees, south - latitudeDegrees, east + longitudeDegrees, north + latitudeDegrees];
}

const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;

const collection = (features: readonly Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features: [...features] });

/**
 * The files of the district folder, keyed by file name. The bbox covers the boundary when there is
 * one, else every imported feature. Throws DistrictFilesError for a bad id or a district with no
 * features at all (nothing usable came out).
 */
export function buildDistrictFiles(metadata: DistrictMetadata, layers: DistrictLayers): Record<string, unknown> {
  if (!DISTRICT_ID_PATTERN.test(metadata.id)) {
    throw new DistrictFilesError(`District id "${metadata.id}" must be lower-case letters, digits and hyphens (e.g. "paris-marais")`);
  }
  const counts: LayerCounts = {
    ramps: layers.ramps.length,
    toilets: layers.toilets.length,
    elevators: layers.elevators.length,
    tactilePaving: layers.tactilePaving.length,
    network: layers.network.length,
    places: layers.places.length,
  };
  const content = [...layers.ramps, ...layers.toilets, ...layers.elevators, ...layers.tactilePaving, ...layers.network, ...layers.places];
  if (content.length === 0) throw new DistrictFilesError('Nothing usable was imported: no facilities, network edges or places');
  const given = layers.boundary.length > 0;
  const dataBox = featuresBoundingBox(given ? layers.boundary : content) ?? featuresBoundingBox(content);
  if (dataBox === null) throw new DistrictFilesError('Nothing usable was imported: no feature has coordinates');
  // Without a given boundary the district is the data's box widened by a margin, so that one point
  // or one straight street still makes an area (and features on the edge are inside it).
  const box = given ? dataBox : widenBoundingBox(dataBox, DEFAULT_BOUNDARY_MARGIN_METERS);
  const bbox: BoundingBox = [round7(box[0]), round7(box[1]), round7(box[2]), round7(box[3])];
  // The contract wants a boundary around every feature; without a given one, the data's own box is it.
  const boundary = layers.boundary.length > 0 ? layers.boundary : [boundingBoxPolygon(bbox)];
  const center: LngLat = [round7((bbox[0] + bbox[2]) / 2), round7((bbox[1] + bbox[3]) / 2)];
  const manifest: DistrictManifest = {
    id: metadata.id,
    name: metadata.name,
    sample: false,
    bbox,
    center,
    zoom: zoomToFit(bbox),
    coordinateSystem: 'WGS84',
    source: metadata.source,
    licence: metadata.licence,
    attribution: metadata.attribution,
    counts,
  };
  const files: Record<string, unknown> = {
    'district.json': manifest,
    [LAYER_FILES.boundary]: collection(boundary),
    [LAYER_FILES.ramp]: collection(layers.ramps),
    [LAYER_FILES.toilet]: collection(layers.toilets),
    [LAYER_FILES.elevator]: collection(layers.elevators),
    [LAYER_FILES.tactile_paving]: collection(layers.tactilePaving),
    [LAYER_FILES.network]: collection(layers.network),
    [LAYER_FILES.places]: collection(layers.places),
  };
  if (layers.basemap !== null) files[LAYER_FILES.basemap] = collection(layers.basemap);
  return files;
}
