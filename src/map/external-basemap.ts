// Loads the external basemap a district names: its style JSON, or its PMTiles archive's header and
// metadata. Every step has a deadline, so the map never waits forever; a failure is a message and
// the district's own drawing stays. The pmtiles library is imported only when a district uses it.
import { addProtocol } from 'maplibre-gl';
import type { BoundingBox, ExternalBasemapReference } from '../domain/facilities/model.ts';
import {
  checkExternalStyle, pmtilesBasemapDrawing, styleBasemapDrawing, styleUsesPmtiles, type ExternalBasemapDrawing,
} from './layers/external-basemap.ts';

/** Long enough for a slow mobile connection to fetch a style or an archive's first 16 KiB. */
export const BASEMAP_TIMEOUT_MILLISECONDS = 8000;

export interface ExternalBasemapLoad {
  /** What to draw, or null: keep the district's own drawing. */
  drawing: ExternalBasemapDrawing | null;
  /** One English line per location that failed, saying which and why. */
  problems: string[];
}

type PmtilesModule = typeof import('pmtiles');

interface PmtilesRuntime {
  module: PmtilesModule;
  protocol: InstanceType<PmtilesModule['Protocol']>;
}

let pmtilesRuntime: Promise<PmtilesRuntime> | null = null;

/** The pmtiles library, downloaded on first use, with its pmtiles:// protocol registered once. */
function loadPmtilesRuntime(): Promise<PmtilesRuntime> {
  pmtilesRuntime ??= import('pmtiles').then((module) => {
    const protocol = new module.Protocol();
    // The library answers `data: null` for a raster tile the archive lacks, which MapLibre draws as
    // empty; its declared type says `unknown`, hence the cast.
    addProtocol('pmtiles', protocol.tilev4 as Parameters<typeof addProtocol>[1]);
    return { module, protocol };
  });
  // A failed download (offline) may succeed for the next district.
  pmtilesRuntime.catch(() => { pmtilesRuntime = null; });
  return pmtilesRuntime;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The promise, or a rejection naming what did not answer in time. */
function withDeadline<Value>(promise: Promise<Value>, milliseconds: number, what: string): Promise<Value> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${milliseconds / 1000} s`)), milliseconds);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function loadStyle(url: string, timeoutMilliseconds: number): Promise<ExternalBasemapDrawing> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMilliseconds);
  let json: unknown;
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw new Error(controller.signal.aborted ? `no answer within ${timeoutMilliseconds / 1000} s` : errorText(error));
  } finally {
    clearTimeout(timer);
  }
  const check = checkExternalStyle(json);
  if (!check.ok) throw new Error(`not a usable MapLibre style: ${check.problem}`);
  if (styleUsesPmtiles(check.style)) await loadPmtilesRuntime();
  return styleBasemapDrawing(check.style, url);
}

async function loadArchive(url: string, districtBbox: BoundingBox, timeoutMilliseconds: number): Promise<ExternalBasemapDrawing> {
  const { module, protocol } = await withDeadline(loadPmtilesRuntime(), timeoutMilliseconds, 'the pmtiles library');
  const archive = protocol.get(url) ?? new module.PMTiles(url);
  protocol.add(archive);
  const header = await withDeadline(archive.getHeader(), timeoutMilliseconds, 'the archive');
  // Raster archives draw without metadata; vector archives need its vector_layers.
  const metadata = await withDeadline(archive.getMetadata(), timeoutMilliseconds, 'the archive metadata').catch(() => null);
  const result = pmtilesBasemapDrawing({
    url,
    tileType: header.tileType,
    tileCompression: header.tileCompression,
    internalCompression: header.internalCompression,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    metadata,
  }, districtBbox);
  if ('problem' in result) throw new Error(result.problem);
  return result.drawing;
}

/**
 * Tries the style, then the PMTiles archive; the first that loads is drawn. Never rejects: when
 * neither loads, the drawing is null and the problems say why.
 */
export async function loadExternalBasemap(
  reference: ExternalBasemapReference,
  districtBbox: BoundingBox,
  timeoutMilliseconds = BASEMAP_TIMEOUT_MILLISECONDS,
): Promise<ExternalBasemapLoad> {
  const problems: string[] = [];
  if (reference.style !== null) {
    try {
      return { drawing: await loadStyle(reference.style, timeoutMilliseconds), problems };
    } catch (error) {
      problems.push(`The basemap style ${reference.style} could not be used: ${errorText(error)}`);
    }
  }
  if (reference.pmtiles !== null) {
    try {
      return { drawing: await loadArchive(reference.pmtiles, districtBbox, timeoutMilliseconds), problems };
    } catch (error) {
      problems.push(`The PMTiles basemap ${reference.pmtiles} could not be used: ${errorText(error)}`);
    }
  }
  return { drawing: null, problems };
}
