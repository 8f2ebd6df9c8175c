// Parsing and validation of district files. Nothing here throws on bad input and nothing is dropped
// silently: a feature with bad geometry or a bad required property is left out and reported as an
// error; a bad optional property is reported as a warning and read as unknown (null).
import GJV from 'geojson-validation';
import type { Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import {
  type BasemapKind, type BoundaryFeature, type DistrictIndexEntry, type DistrictManifest, type ExternalBasemapReference, type Facility,
  type FacilityCategory, type LayerCounts, type NetworkEdge, type Place,
} from './model.ts';
import {
  BASEMAP_PROPERTIES, BOUNDARY_PROPERTIES, CATEGORY_PROPERTIES, COMMON_FACILITY_PROPERTIES, NETWORK_PROPERTIES, PLACE_PROPERTIES,
  type PropertySpec,
} from './properties.ts';

export type ProblemCode =
  // file_missing: the HTTP client (src/api) reports a layer it could not fetch in the same list.
  | 'unparsable' | 'file_missing' | 'not_feature_collection' | 'invalid_geometry' | 'wrong_geometry_type' | 'coordinates_out_of_range'
  | 'missing_field' | 'invalid_value' | 'duplicate_id' | 'category_mismatch' | 'invalid_manifest';

export interface DataProblem {
  file: string;
  featureIndex: number | null;
  featureId: string | null;
  field: string | null;
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** English, says what and where. */
  detail: string;
}

export interface LayerParseResult<Item> {
  items: Item[];
  problems: DataProblem[];
}

export interface BasemapFeature {
  kind: BasemapKind;
  nameZh: string | null;
  nameEn: string | null;
  geometry: LineString | MultiLineString | Polygon | MultiPolygon;
}

/** Line and column (both from 1) of a character offset, as editors show them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Where JSON.parse stopped: V8 says "at position N", or nothing when the text ends too early. */
function syntaxErrorOffset(message: string, text: string): number | null {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  return /end of (JSON )?input/i.test(message) ? text.length : null;
}

export function parseJsonText(file: string, text: string): { json: unknown; problem: DataProblem | null } {
  try {
    return { json: JSON.parse(text), problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = syntaxErrorOffset(message, text);
    const position = offset === null ? null : lineAndColumn(text, offset);
    const where = position === null ? '' : ` at line ${position.line}, column ${position.column}`;
    const detail = text.trim() === '' ? `${file} is empty` : `${file} is not valid JSON${where} (${message})`;
    return { json: null, problem: { file, featureIndex: null, featureId: null, field: null, code: 'unparsable', severity: 'error', detail } };
  }
}

// ---------------------------------------------------------------------------------------------
// Properties

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function readValue(spec: PropertySpec, value: unknown): { value: unknown } | { error: string } {
  const type = spec.type;
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? { value } : { error: 'expected a non-empty string' };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { error: 'expected a number' };
      if (!type.signed && value < 0) return { error: 'expected a number of at least 0' };
      if (type.integer && !Number.isInteger(value)) return { error: 'expected a whole number' };
      return { value };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { error: 'expected true, false or null' };
    case 'enum':
      return typeof value === 'string' && type.values.includes(value) ? { value } : { error: `expected one of ${type.values.join(', ')}` };
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { error: 'expected a date as YYYY-MM-DD' };
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? { value } : { error: 'expected a real calendar date' };
    }
  }
}

interface FeatureContext { file: string; featureIndex: number; featureId: string | null }

function problemAt(context: FeatureContext, code: ProblemCode, severity: DataProblem['severity'], field: string | null, detail: string): DataProblem {
  return { file: context.file, featureIndex: context.featureIndex, featureId: context.featureId, field, code, severity, detail };
}

function featureLabel(context: FeatureContext): string {
  return `${context.file} feature ${context.featureIndex}${context.featureId ? ` (${context.featureId})` : ''}`;
}

/** Reads properties through the table; `ok` is false when a required property is missing or bad. */
function readProperties(specs: readonly PropertySpec[], properties: Record<string, unknown>, context: FeatureContext): { values: Record<string, unknown>; problems: DataProblem[]; ok: boolean } {
  const values: Record<string, unknown> = {};
  const problems: DataProblem[] = [];
  let ok = true;
  for (const spec of specs) {
    const raw = properties[spec.name];
    if (raw === undefined || raw === null) {
      values[spec.field] = null;
      if (spec.required) {
        ok = false;
        problems.push(problemAt(context, 'missing_field', 'error', spec.name, `${featureLabel(context)}: required property ${spec.name} is missing`));
      }
      continue;
    }
    const read = readValue(spec, raw);
    if ('value' in read) {
      values[spec.field] = read.value;
    } else {
      values[spec.field] = null;
      if (spec.required) ok = false;
      problems.push(problemAt(
        context, 'invalid_value', spec.required ? 'error' : 'warning', spec.name,
        `${featureLabel(context)}: ${spec.name} is ${describeValue(raw)}, ${read.error}${spec.required ? '' : '; read as unknown'}`,
      ));
    }
  }
  return { values, problems, ok };
}

// ---------------------------------------------------------------------------------------------
// Geometry

type AllowedGeometry = Geometry['type'];

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'MultiPoint': case 'LineString': return geometry.coordinates;
    case 'MultiLineString': case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'GeometryCollection': return geometry.geometries.flatMap(positionsOf);
  }
}

function distinctCount(positions: readonly Position[]): number {
  return new Set(positions.map((position) => `${position[0]},${position[1]}`)).size;
}

/** Checks a feature's geometry: RFC 7946 structure (geojson-validation), allowed type, WGS84 range, no degenerate lines. */
function checkGeometry(feature: Record<string, unknown>, allowed: readonly AllowedGeometry[], context: FeatureContext): DataProblem | null {
  const geometry = feature.geometry as Geometry | null | undefined;
  if (geometry === null || geometry === undefined || typeof geometry !== 'object') {
    return problemAt(context, 'invalid_geometry', 'error', 'geometry', `${featureLabel(context)} has no geometry`);
  }
  if (!allowed.includes(geometry.type)) {
    return problemAt(context, 'wrong_geometry_type', 'error', 'geometry', `${featureLabel(context)} is a ${String(geometry.type)}, expected ${allowed.join(' or ')}`);
  }
  const structureErrors = GJV.isGeometryObject(geometry, true) as unknown as string[];
  if (Array.isArray(structureErrors) && structureErrors.length > 0) {
    return problemAt(context, 'invalid_geometry', 'error', 'geometry', `${featureLabel(context)} has invalid ${geometry.type} geometry: ${structureErrors.slice(0, 3).join('; ')}`);
  }
  const positions = positionsOf(geometry);
  const outOfRange = positions.find((position) => !(Math.abs(position[0] ?? NaN) <= 180 && Math.abs(position[1] ?? NaN) <= 90));
  if (outOfRange) {
    return problemAt(context, 'coordinates_out_of_range', 'error', 'geometry', `${featureLabel(context)} has the position [${outOfRange.join(', ')}], outside WGS84 longitude −180…180 / latitude −90…90`);
  }
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
  if (lines.some((line) => distinctCount(line) < 2)) {
    return problemAt(context, 'invalid_geometry', 'error', 'geometry', `${featureLabel(context)} is a line with fewer than two distinct positions`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Layers

interface FeatureRead { context: FeatureContext; properties: Record<string, unknown>; feature: Record<string, unknown> }

/** Walks a FeatureCollection, yielding each well-formed feature object; reports the rest. */
function readCollection(file: string, json: unknown, problems: DataProblem[]): FeatureRead[] {
  const collection = json as { type?: unknown; features?: unknown } | null;
  if (collection === null || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    problems.push({
      file, featureIndex: null, featureId: null, field: null, code: 'not_feature_collection', severity: 'error',
      detail: `${file} is not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})`,
    });
    return [];
  }
  const reads: FeatureRead[] = [];
  collection.features.forEach((candidate: unknown, featureIndex: number) => {
    const feature = candidate as Record<string, unknown> | null;
    const rawId = feature && typeof feature === 'object' ? (feature.properties as Record<string, unknown> | null)?.id ?? feature.id : undefined;
    const context: FeatureContext = { file, featureIndex, featureId: typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null };
    if (feature === null || typeof feature !== 'object' || feature.type !== 'Feature') {
      problems.push(problemAt(context, 'invalid_geometry', 'error', null, `${featureLabel(context)} is not a GeoJSON Feature`));
      return;
    }
    const properties = feature.properties;
    if (properties !== null && properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties))) {
      problems.push(problemAt(context, 'invalid_value', 'error', 'properties', `${featureLabel(context)} has properties that are not an object`));
      return;
    }
    reads.push({ context, properties: (properties ?? {}) as Record<string, unknown>, feature });
  });
  return reads;
}

function parseLayer<Item>(
  file: string, json: unknown, specs: (read: FeatureRead) => readonly PropertySpec[], allowed: readonly AllowedGeometry[],
  build: (values: Record<string, unknown>, geometry: Geometry, read: FeatureRead, problems: DataProblem[]) => Item | null,
  uniqueIds: boolean,
): LayerParseResult<Item> {
  const problems: DataProblem[] = [];
  const items: Item[] = [];
  const seenIds = new Map<string, number>();
  for (const read of readCollection(file, json, problems)) {
    const geometryProblem = checkGeometry(read.feature, allowed, read.context);
    const properties = readProperties(specs(read), read.properties, read.context);
    problems.push(...(geometryProblem ? [geometryProblem] : []), ...properties.problems);
    if (geometryProblem || !properties.ok) continue;
    if (uniqueIds) {
      const id = properties.values.id as string;
      const firstIndex = seenIds.get(id);
      if (firstIndex !== undefined) {
        problems.push(problemAt(read.context, 'duplicate_id', 'error', 'id', `${featureLabel(read.context)}: id ${id} is already used by feature ${firstIndex}; this one is left out`));
        continue;
      }
      seenIds.set(id, read.context.featureIndex);
    }
    const item = build(properties.values, read.feature.geometry as Geometry, read, problems);
    if (item !== null) items.push(item);
  }
  // In file order: whole-file problems first, then by feature (the sort is stable within a feature).
  problems.sort((first, second) => (first.featureIndex ?? -1) - (second.featureIndex ?? -1));
  return { items, problems };
}

export function parseFacilityLayer(category: FacilityCategory, file: string, json: unknown): LayerParseResult<Facility> {
  const specs = [...COMMON_FACILITY_PROPERTIES, ...CATEGORY_PROPERTIES[category]];
  const allowed: AllowedGeometry[] = category === 'tactile_paving' ? ['LineString'] : ['Point'];
  return parseLayer<Facility>(file, json, () => specs, allowed, (values, geometry, read, problems) => {
    if (values.category !== category) {
      problems.push(problemAt(read.context, 'category_mismatch', 'error', 'category', `${featureLabel(read.context)} has category ${String(values.category)} in the ${category} layer; it is left out`));
      return null;
    }
    return { ...values, location: geometry } as unknown as Facility;
  }, true);
}

export function parseNetworkLayer(file: string, json: unknown): LayerParseResult<NetworkEdge> {
  return parseLayer<NetworkEdge>(file, json, () => NETWORK_PROPERTIES, ['LineString'], (values, geometry) => ({ ...values, geometry } as unknown as NetworkEdge), true);
}

export function parsePlacesLayer(file: string, json: unknown): LayerParseResult<Place> {
  return parseLayer<Place>(file, json, () => PLACE_PROPERTIES, ['Point'], (values, geometry, read, problems) => {
    if (values.nameZh === null && values.nameEn === null) {
      problems.push(problemAt(read.context, 'missing_field', 'error', 'name_zh', `${featureLabel(read.context)}: a place needs name_zh or name_en; it is left out`));
      return null;
    }
    return { ...values, geometry } as unknown as Place;
  }, true);
}

export function parseBoundaryLayer(file: string, json: unknown): LayerParseResult<BoundaryFeature> {
  // The properties are rebuilt from the table, so a bad name reads as null here as everywhere else.
  return parseLayer<BoundaryFeature>(file, json, () => BOUNDARY_PROPERTIES, ['Polygon', 'MultiPolygon'], (values, geometry) => ({
    type: 'Feature', properties: { name_zh: values.nameZh, name_en: values.nameEn }, geometry: geometry as Polygon | MultiPolygon,
  }), false);
}

const BASEMAP_GEOMETRY: Record<BasemapKind, AllowedGeometry[]> = {
  road: ['LineString', 'MultiLineString'], rail: ['LineString', 'MultiLineString'],
  building: ['Polygon', 'MultiPolygon'], park: ['Polygon', 'MultiPolygon'], water: ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'],
};

export function parseBasemapLayer(file: string, json: unknown): LayerParseResult<BasemapFeature> {
  const allGeometry: AllowedGeometry[] = ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];
  return parseLayer<BasemapFeature>(file, json, () => BASEMAP_PROPERTIES, allGeometry, (values, geometry, read, problems) => {
    const kind = values.kind as BasemapKind;
    if (!BASEMAP_GEOMETRY[kind].includes(geometry.type)) {
      problems.push(problemAt(read.context, 'wrong_geometry_type', 'error', 'geometry', `${featureLabel(read.context)}: a ${kind} cannot be a ${geometry.type}; it is left out`));
      return null;
    }
    return { kind, nameZh: values.nameZh as string | null, nameEn: values.nameEn as string | null, geometry: geometry as BasemapFeature['geometry'] };
  }, false);
}

// ---------------------------------------------------------------------------------------------
// Manifest and index

function manifestProblem(file: string, field: string | null, detail: string, severity: DataProblem['severity'] = 'error'): DataProblem {
  return { file, featureIndex: null, featureId: null, field, code: 'invalid_manifest', severity, detail: `${file}: ${detail}` };
}

/** The file kind each basemap field may name inside the district folder. */
const BASEMAP_FILE_EXTENSIONS: Record<keyof ExternalBasemapReference, string> = { style: '.json', pmtiles: '.pmtiles' };

/**
 * Why a basemap location cannot be used, or null when it can: an http(s) URL, or the name of a
 * file directly in the district folder (the only files the app serves from it). Anything that could
 * reach outside the folder or the web (`..`, absolute paths, file: or data: URLs) is refused.
 */
function basemapLocationProblem(field: keyof ExternalBasemapReference, location: string): string | null {
  if (location.trim() === '') return 'is empty';
  if (/^[a-z]:[\\/]/i.test(location) || location.startsWith('/') || location.startsWith('\\')) {
    return 'is an absolute path; give an http(s) URL or the name of a file in the district folder';
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1];
  if (scheme !== undefined) {
    if (!/^https?$/i.test(scheme)) return `uses the scheme "${scheme}:"; only http and https URLs are accepted`;
    try {
      return new URL(location).host === '' ? 'is not a usable URL' : null;
    } catch {
      return 'is not a usable URL';
    }
  }
  if (location.split(/[\\/]/).some((segment) => segment === '..')) return 'leaves the district folder ("..")';
  if (/[\\/]/.test(location)) return 'names a sub-folder; the file must sit directly in the district folder';
  const extension = BASEMAP_FILE_EXTENSIONS[field];
  if (!location.toLowerCase().endsWith(extension)) return `must name a ${extension} file`;
  return null;
}

/**
 * The optional `basemap` field. A bad value is a warning, never an error: the district still loads
 * and draws its own basemap.
 */
function parseBasemapReference(file: string, value: unknown): { basemap: ExternalBasemapReference | null; problems: DataProblem[] } {
  if (value === undefined || value === null) return { basemap: null, problems: [] };
  const ignored = "the district's own drawing is used";
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { basemap: null, problems: [manifestProblem(file, 'basemap', `basemap is ${describeValue(value)}, expected an object with "style" and/or "pmtiles"; ${ignored}`, 'warning')] };
  }
  const problems: DataProblem[] = [];
  const fields = value as Record<string, unknown>;
  const read = (field: keyof ExternalBasemapReference): string | null => {
    const location = fields[field];
    if (location === undefined || location === null) return null;
    const problem = typeof location === 'string' ? basemapLocationProblem(field, location) : 'must be a string';
    if (problem === null) return location as string;
    problems.push(manifestProblem(file, `basemap.${field}`, `basemap.${field} ${describeValue(location)} ${problem}; it is ignored`, 'warning'));
    return null;
  };
  const basemap = { style: read('style'), pmtiles: read('pmtiles') };
  if (basemap.style === null && basemap.pmtiles === null) {
    if (problems.length === 0) problems.push(manifestProblem(file, 'basemap', `basemap gives neither "style" nor "pmtiles"; ${ignored}`, 'warning'));
    return { basemap: null, problems };
  }
  return { basemap, problems };
}

const isNumberArray = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'number' && Number.isFinite(item));

export function parseDistrictManifest(file: string, json: unknown): { manifest: DistrictManifest | null; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const manifest = json as Record<string, unknown> | null;
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return { manifest: null, problems: [manifestProblem(file, null, 'expected a JSON object')] };
  }
  const name = manifest.name as { zh?: unknown; en?: unknown } | undefined;
  if (typeof manifest.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(manifest.id)) problems.push(manifestProblem(file, 'id', 'id must be lower-case letters, digits and hyphens'));
  if (typeof name?.zh !== 'string' || typeof name.en !== 'string') problems.push(manifestProblem(file, 'name', 'name.zh and name.en must be strings'));
  const bbox = manifest.bbox;
  if (!isNumberArray(bbox, 4) || !((bbox[0] as number) < (bbox[2] as number) && (bbox[1] as number) < (bbox[3] as number)) || bbox.some((value, index) => Math.abs(value) > (index % 2 === 0 ? 180 : 90))) {
    problems.push(manifestProblem(file, 'bbox', 'bbox must be [west, south, east, north] in WGS84 with west < east and south < north'));
  }
  const center = manifest.center;
  if (!isNumberArray(center, 2) || Math.abs(center[0] as number) > 180 || Math.abs(center[1] as number) > 90) problems.push(manifestProblem(file, 'center', 'center must be [longitude, latitude]'));
  if (typeof manifest.zoom !== 'number' || manifest.zoom < 0 || manifest.zoom > 24) problems.push(manifestProblem(file, 'zoom', 'zoom must be a number from 0 to 24'));
  if (manifest.coordinateSystem !== 'WGS84') problems.push(manifestProblem(file, 'coordinateSystem', `coordinateSystem is ${describeValue(manifest.coordinateSystem)}; only "WGS84" is accepted (convert GCJ-02 or BD-09 on import)`));
  for (const field of ['source', 'licence', 'attribution'] as const) {
    if (typeof manifest[field] !== 'string') problems.push(manifestProblem(file, field, `${field} must be a string`));
  }
  const counts = manifest.counts as Record<string, unknown> | undefined;
  const countKeys: (keyof LayerCounts)[] = ['ramps', 'toilets', 'elevators', 'tactilePaving', 'network', 'places'];
  if (!counts || typeof counts !== 'object' || countKeys.some((key) => typeof counts[key] !== 'number')) {
    problems.push(manifestProblem(file, 'counts', `counts must give a number for each of ${countKeys.join(', ')}`));
  }
  if (problems.length > 0) return { manifest: null, problems };
  const basemap = parseBasemapReference(file, manifest.basemap);
  problems.push(...basemap.problems);
  return {
    manifest: {
      id: manifest.id as string, name: { zh: name?.zh as string, en: name?.en as string }, sample: manifest.sample === true,
      bbox: bbox as DistrictManifest['bbox'], center: center as DistrictManifest['center'], zoom: manifest.zoom as number,
      coordinateSystem: 'WGS84', source: manifest.source as string, licence: manifest.licence as string, attribution: manifest.attribution as string,
      counts: Object.fromEntries(countKeys.map((key) => [key, counts?.[key]])) as unknown as LayerCounts,
      basemap: basemap.basemap,
    },
    problems,
  };
}

export function parseDistrictIndex(file: string, json: unknown): { districts: DistrictIndexEntry[]; problems: DataProblem[] } {
  if (!Array.isArray(json)) return { districts: [], problems: [manifestProblem(file, null, 'expected a JSON array of districts')] };
  const districts: DistrictIndexEntry[] = [];
  const problems: DataProblem[] = [];
  json.forEach((entry: unknown, index) => {
    const district = entry as { id?: unknown; name?: { zh?: unknown; en?: unknown }; sample?: unknown } | null;
    if (district && typeof district.id === 'string' && typeof district.name?.zh === 'string' && typeof district.name.en === 'string') {
      districts.push({ id: district.id, name: { zh: district.name.zh, en: district.name.en }, sample: district.sample === true });
    } else {
      problems.push(manifestProblem(file, null, `entry ${index} needs id, name.zh and name.en`));
    }
  });
  return { districts, problems };
}

