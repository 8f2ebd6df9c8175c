// One OSM import from file to district folder: read (XML, PBF, Overpass JSON), convert through the
// tag mapping (src/domain/import/osm), check every layer with the project's parsers, and write the
// folder atomically (bin/district-writer.ts). Used by `bfmap import-osm` and by test setups that
// need an imported real district.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Feature } from 'geojson';
import { LAYER_FILES, type BoundingBox, type FacilityCategory } from '../../src/domain/facilities/model.ts';
import { type DataProblem, parseBasemapLayer, parseFacilityLayer, parseNetworkLayer, parsePlacesLayer } from '../../src/domain/facilities/parse.ts';
import {
  DISTRICT_ID_PATTERN, DistrictFilesError, boundingBoxPolygon, buildDistrictFiles, type DistrictLayers,
} from '../../src/domain/import/district-files.ts';
import { type ClipArea, clipAreaFromBoundingBox, clipAreaFromPolygons, type ClipPolygons } from '../../src/domain/import/osm/clip.ts';
import { convertOsm } from '../../src/domain/import/osm/convert.ts';
import type { OsmWarningGroup } from '../../src/domain/import/osm/warnings.ts';
import { DistrictFolderError, readBoundaryFile } from '../district-folder.ts';
import { writeDistrictFolder } from '../district-writer.ts';
import { OsmReadError } from './read-error.ts';
import { type OsmFileFormat, readOsmFile } from './read-osm-file.ts';

export interface ImportOsmOptions {
  /** District id; default: the output folder's name. */
  id?: string;
  nameZh?: string;
  nameEn?: string;
  /** A GeoJSON file whose Polygon/MultiPolygon features are the district (WGS84). */
  boundaryPath?: string;
  /** Only the polygon of this name from the boundary file. */
  boundaryName?: string;
  /** The district as a box [west, south, east, north]. */
  bbox?: BoundingBox;
  /** Replace an existing folder. */
  replace?: boolean;
  /** Draw basemap.geojson from the extract (default true). */
  basemap?: boolean;
}

export interface ImportOsmSummary {
  /** The absolute path of the district folder written. */
  directory: string;
  id: string;
  format: OsmFileFormat;
  elements: { nodes: number; ways: number; relations: number };
  /** What the district was clipped to, in words. */
  clippedTo: string;
  counts: { ramps: number; toilets: number; elevators: number; tactilePaving: number; network: number; places: number; basemap: number };
  /** Features per kind: network kinds, ramp types, tactile types, place kinds. */
  kinds: { network: Record<string, number>; ramps: Record<string, number>; tactilePaving: Record<string, number>; places: Record<string, number> };
  warnings: OsmWarningGroup[];
  notImported: Record<string, number>;
  readSeconds: number;
  convertSeconds: number;
  writeSeconds: number;
}

/** An import that cannot be done; `exitCode` 2 for wrong usage, 1 for bad input or nothing usable. */
export class OsmImportError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

function countBy(features: readonly Feature[], property: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of features) {
    const value = String(item.properties?.[property]);
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

function boundaryPolygonsOf(features: readonly Feature[]): ClipPolygons {
  return features.flatMap((item) => {
    const geometry = item.geometry;
    if (geometry?.type === 'Polygon') return [geometry.coordinates as [number, number][][]];
    if (geometry?.type === 'MultiPolygon') return geometry.coordinates as [number, number][][][];
    return [];
  });
}

/** Runs the project's parsers over the layers; any error means the converter wrote something the app would drop. */
function checkLayers(layers: Omit<DistrictLayers, 'boundary'>): DataProblem[] {
  const collection = (features: readonly Feature[]) => ({ type: 'FeatureCollection', features });
  const facility = (category: FacilityCategory, features: readonly Feature[]) => parseFacilityLayer(category, LAYER_FILES[category], collection(features)).problems;
  return [
    ...facility('ramp', layers.ramps), ...facility('toilet', layers.toilets), ...facility('elevator', layers.elevators), ...facility('tactile_paving', layers.tactilePaving),
    ...parseNetworkLayer(LAYER_FILES.network, collection(layers.network)).problems,
    ...parsePlacesLayer(LAYER_FILES.places, collection(layers.places)).problems,
    ...(layers.basemap === null ? [] : parseBasemapLayer(LAYER_FILES.basemap, collection(layers.basemap)).problems),
  ];
}

const seconds = (start: number): number => Math.round((performance.now() - start) / 10) / 100;

/**
 * Imports one OSM file into the district folder `outDirectory`. Throws OsmImportError (with the
 * exit code a command should use) when the input cannot be read or nothing usable comes out; the
 * folder is then left as it was.
 */
export async function importOsmFile(inputPath: string, outDirectory: string, options: ImportOsmOptions = {}): Promise<ImportOsmSummary> {
  const target = resolve(outDirectory);
  const id = options.id ?? basename(target);
  if (!DISTRICT_ID_PATTERN.test(id)) throw new OsmImportError(`the district id "${id}" must be lower-case letters, digits and hyphens; give one with --id`, 2);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new OsmImportError(`--out ${outDirectory} is a file, not a folder`, 2);
  if (existsSync(target) && !options.replace) throw new OsmImportError(`${outDirectory} already exists; add --replace to overwrite it`, 2);
  if (options.boundaryPath !== undefined && options.bbox !== undefined) throw new OsmImportError('give --boundary or --bbox, not both', 2);
  if (options.boundaryName !== undefined && options.boundaryPath === undefined) throw new OsmImportError('--boundary-name needs --boundary <geojson>', 2);

  let boundary: Feature[] = [];
  let clip: ClipArea | null = null;
  let clippedTo = 'nothing';
  if (options.boundaryPath !== undefined) {
    try {
      boundary = readBoundaryFile(resolve(options.boundaryPath), options.boundaryName ?? null);
    } catch (error) {
      if (error instanceof DistrictFolderError) throw new OsmImportError(error.message, 1);
      throw error;
    }
    clip = clipAreaFromPolygons(boundaryPolygonsOf(boundary));
    clippedTo = `the boundary in ${basename(options.boundaryPath)}${options.boundaryName === undefined ? '' : ` named ${options.boundaryName}`}`;
  } else if (options.bbox !== undefined) {
    boundary = [boundingBoxPolygon(options.bbox)];
    clip = clipAreaFromBoundingBox(options.bbox);
    clippedTo = `--bbox ${options.bbox.join(',')}`;
  }

  const readStart = performance.now();
  let read;
  try {
    read = await readOsmFile(resolve(inputPath));
  } catch (error) {
    if (error instanceof OsmReadError) throw new OsmImportError(error.message, 1);
    throw error;
  }
  const { store, format } = read;
  const readSeconds = seconds(readStart);
  const extent = store.nodeExtent();
  if (clip === null && store.bounds !== null) {
    // The file says which area it covers; ways reaching beyond it are cut at its edge.
    boundary = [boundingBoxPolygon(store.bounds)];
    clip = clipAreaFromBoundingBox(store.bounds);
    clippedTo = `the file's bounds ${store.bounds.join(',')}`;
  } else if (clip === null && extent !== null && extent[0] < extent[2] && extent[1] < extent[3]) {
    // Without bounds the district is the box around every node of the file, basemap included.
    boundary = [boundingBoxPolygon(extent)];
    clip = clipAreaFromBoundingBox(extent);
    clippedTo = `the box around the file's nodes ${extent.join(',')}`;
  }

  const convertStart = performance.now();
  const conversion = convertOsm(store, { clip, basemap: options.basemap ?? true });
  const { layers } = conversion;
  const problems = checkLayers(layers);
  if (problems.length > 0) {
    throw new OsmImportError(`the converted layers do not pass the data contract (${problems.length} problems, first: ${problems[0]?.detail}); this is a bug in import-osm, please report it with the input file`, 1);
  }
  const convertSeconds = seconds(convertStart);

  const boundaryNames = boundary.length === 1 ? boundary[0]?.properties ?? {} : {};
  const writeStart = performance.now();
  let files: Record<string, unknown>;
  try {
    files = buildDistrictFiles({
      id,
      name: {
        zh: options.nameZh ?? (typeof boundaryNames.name_zh === 'string' ? boundaryNames.name_zh : id),
        en: options.nameEn ?? (typeof boundaryNames.name_en === 'string' ? boundaryNames.name_en : id),
      },
      source: `OpenStreetMap (${basename(inputPath)})`,
      licence: 'ODbL-1.0',
      attribution: '© OpenStreetMap contributors',
    }, { ...layers, boundary });
  } catch (error) {
    if (error instanceof DistrictFilesError) {
      const why = store.nodeCount === 0 ? ` (the file has no nodes${store.ways.length > 0 ? `, only ${store.ways.length} ways` : ''})` : ` (read ${store.nodeCount} nodes and ${store.ways.length} ways${clip === null ? '' : `; clipped to ${clippedTo}`})`;
      throw new OsmImportError(`${error.message}${why}; ${outDirectory} was not written`, 1);
    }
    throw error;
  }
  try {
    writeDistrictFolder(target, files);
  } catch (error) {
    throw new OsmImportError(`could not write ${outDirectory}: ${(error as Error).message}; nothing was changed`, 1);
  }
  return {
    directory: target,
    id,
    format,
    elements: { nodes: store.nodeCount, ways: store.ways.length, relations: store.relations.length },
    clippedTo,
    counts: {
      ramps: layers.ramps.length, toilets: layers.toilets.length, elevators: layers.elevators.length, tactilePaving: layers.tactilePaving.length,
      network: layers.network.length, places: layers.places.length, basemap: layers.basemap?.length ?? 0,
    },
    kinds: {
      network: countBy(layers.network, 'kind'), ramps: countBy(layers.ramps, 'ramp_type'),
      tactilePaving: countBy(layers.tactilePaving, 'tactile_type'), places: countBy(layers.places, 'kind'),
    },
    warnings: conversion.warnings.list(),
    notImported: conversion.notImported,
    readSeconds,
    convertSeconds,
    writeSeconds: seconds(writeStart),
  };
}
