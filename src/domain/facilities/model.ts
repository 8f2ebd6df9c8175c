// The facility data model: the one vocabulary shared by the data files, the app, the server and
// the later search, routing and coverage code. The schema of every property is documented in
// data/README.md; keep the two in step.
//
// Unknown is a first-class value: every measurement or attribute that may be missing is `null`,
// and `null` means "nobody has told us", never "fine". Code that grades or routes must treat
// `null` as unknown explicitly.

import type { Feature, LineString, Point, Polygon, MultiPolygon } from 'geojson';

export const FACILITY_CATEGORIES = ['ramp', 'toilet', 'elevator', 'tactile_paving'] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number];

export const FACILITY_STATUSES = ['working', 'out_of_service', 'unknown'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/** The layer files of a district folder, keyed by layer id. */
export const LAYER_FILES = {
  ramp: 'ramps.geojson',
  toilet: 'toilets.geojson',
  elevator: 'elevators.geojson',
  tactile_paving: 'tactile-paving.geojson',
  network: 'network.geojson',
  places: 'places.geojson',
  boundary: 'boundary.geojson',
  basemap: 'basemap.geojson',
} as const;
export type LayerId = keyof typeof LAYER_FILES;
/** Layers a district folder must have; `basemap` is optional. */
export const REQUIRED_LAYERS: readonly LayerId[] = ['boundary', 'ramp', 'toilet', 'elevator', 'tactile_paving', 'network', 'places'];

/** ISO 8601 calendar date, e.g. "2026-05-14". */
export type IsoDate = string;

/** Properties every facility carries, whatever its category. */
export interface FacilityBase {
  /** Stable across data rebuilds, e.g. "sample:ramp:0012" or "osm:node/123". */
  id: string;
  category: FacilityCategory;
  nameZh: string | null;
  nameEn: string | null;
  addressZh: string | null;
  addressEn: string | null;
  status: FacilityStatus;
  /** Why it is out of service, in the words of the source; null when not given. */
  statusNote: string | null;
  /** When someone last checked it on site; null when never verified. */
  lastVerified: IsoDate | null;
  /** Where the record comes from, e.g. "sample-generator", "osm", "inspection". */
  source: string;
}

export const RAMP_TYPES = ['kerb_ramp', 'wheelchair_ramp'] as const;
export type RampType = (typeof RAMP_TYPES)[number];
/** Kerb ramp forms named by GB 50763-2012 §3.1.2 / §3.1.3; they set which slope and width limits apply. */
export const KERB_RAMP_FORMS = ['full_width', 'three_sided', 'other'] as const;
export type KerbRampForm = (typeof KERB_RAMP_FORMS)[number];

export interface RampFacility extends FacilityBase {
  category: 'ramp';
  rampType: RampType;
  kerbRampForm: KerbRampForm | null;
  slopePercent: number | null;
  clearWidthMeters: number | null;
  kerbLipMillimeters: number | null;
  handrail: boolean | null;
  location: Point;
}

export const TOILET_ACCESS = ['public', 'customers', 'key'] as const;
export type ToiletAccess = (typeof TOILET_ACCESS)[number];

export interface ToiletFacility extends FacilityBase {
  category: 'toilet';
  doorWidthMeters: number | null;
  turningSpaceMeters: number | null;
  grabBars: boolean | null;
  emergencyCall: boolean | null;
  access: ToiletAccess | null;
  /** OpenStreetMap opening_hours syntax, e.g. "Mo-Su 06:00-22:00". */
  openingHours: string | null;
  changingTable: boolean | null;
  location: Point;
}

export const ELEVATOR_TYPES = ['elevator', 'platform_lift'] as const;
export type ElevatorType = (typeof ELEVATOR_TYPES)[number];

export interface ElevatorFacility extends FacilityBase {
  category: 'elevator';
  elevatorType: ElevatorType;
  cabinWidthMeters: number | null;
  cabinDepthMeters: number | null;
  doorWidthMeters: number | null;
  braille: boolean | null;
  voice: boolean | null;
  /** What it connects, in words, e.g. "street ↔ footbridge". */
  connectsZh: string | null;
  connectsEn: string | null;
  location: Point;
}

export const TACTILE_TYPES = ['guiding', 'warning'] as const;
export type TactileType = (typeof TACTILE_TYPES)[number];
export const TACTILE_CONTINUITY = ['continuous', 'interrupted'] as const;
export type TactileContinuity = (typeof TACTILE_CONTINUITY)[number];

export interface TactilePavingFacility extends FacilityBase {
  category: 'tactile_paving';
  tactileType: TactileType;
  continuity: TactileContinuity | null;
  location: LineString;
}

export type Facility = RampFacility | ToiletFacility | ElevatorFacility | TactilePavingFacility;

// ---------------------------------------------------------------------------------------------
// Pedestrian network

export const NETWORK_KINDS = [
  'sidewalk', 'footway', 'pedestrian', 'path', 'living_street', 'crossing', 'steps', 'elevator', 'ramp', 'assumed_sidewalk',
] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const KERB_KINDS = ['lowered', 'flush', 'raised', 'rolled', 'none'] as const;
export type KerbKind = (typeof KERB_KINDS)[number];

export const CROSSING_KINDS = ['traffic_signals', 'marked', 'unmarked'] as const;
export type CrossingKind = (typeof CROSSING_KINDS)[number];

/** One walkable connection. Incline is signed along the direction the line is drawn. */
export interface NetworkEdge {
  id: string;
  kind: NetworkKind;
  nameZh: string | null;
  nameEn: string | null;
  inclinePercent: number | null;
  widthMeters: number | null;
  surface: string | null;
  kerbStart: KerbKind | null;
  kerbEnd: KerbKind | null;
  kerbStartHeightMillimeters: number | null;
  kerbEndHeightMillimeters: number | null;
  tactilePaving: boolean | null;
  crossing: CrossingKind | null;
  /** Audible signal at a signalled crossing. */
  crossingSound: boolean | null;
  stepCount: number | null;
  handrail: boolean | null;
  /** The facility this edge passes through (an elevator, a ramp), if any. */
  facilityId: string | null;
  geometry: LineString;
}

// ---------------------------------------------------------------------------------------------
// Places and basemap

export const PLACE_KINDS = ['street', 'metro_station', 'metro_exit', 'public_building', 'park', 'mall', 'hospital', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Place {
  id: string;
  kind: PlaceKind;
  nameZh: string | null;
  nameEn: string | null;
  addressZh: string | null;
  addressEn: string | null;
  geometry: Point;
}

/** Kinds of feature in the optional basemap layer, drawn under everything else. */
export const BASEMAP_KINDS = ['road', 'building', 'park', 'water', 'rail'] as const;
export type BasemapKind = (typeof BASEMAP_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// District manifest (district.json)

export type LngLat = [longitude: number, latitude: number];
export type BoundingBox = [west: number, south: number, east: number, north: number];

export interface LayerCounts {
  ramps: number;
  toilets: number;
  elevators: number;
  tactilePaving: number;
  network: number;
  places: number;
}

/**
 * A real basemap drawn under the district's data instead of its own drawing (data/README.md, "Real
 * basemap"). Each value is an http(s) URL or the name of a file in the district folder.
 */
export interface ExternalBasemapReference {
  /** A MapLibre style JSON; tried first. */
  style: string | null;
  /** A PMTiles v3 archive (raster or vector tiles); tried when there is no style or it fails. */
  pmtiles: string | null;
}

export interface DistrictManifest {
  id: string;
  name: { zh: string; en: string };
  /** True for generated sample data; the app labels it as such. */
  sample: boolean;
  bbox: BoundingBox;
  center: LngLat;
  /** Initial zoom level for the map. */
  zoom: number;
  /** Always "WGS84": data in GCJ-02 or BD-09 is converted on import. */
  coordinateSystem: 'WGS84';
  source: string;
  licence: string;
  attribution: string;
  counts: LayerCounts;
  /**
   * Optional real basemap; null or absent: the district's own drawing. The parser always sets it
   * (null when there is none or it is unusable); writers that do not know the field may leave it out.
   */
  basemap?: ExternalBasemapReference | null;
}

/** One entry of data/index.json, generated from the district folders. */
export interface DistrictIndexEntry {
  id: string;
  name: { zh: string; en: string };
  sample: boolean;
}

// The on-disk GeoJSON property shapes are snake_case (see data/README.md); these aliases name the
// GeoJSON features as they sit in the files, before parsing into the camelCase model above.
export type FacilityFeature = Feature<Point | LineString, Record<string, unknown>>;
export type BoundaryFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;
