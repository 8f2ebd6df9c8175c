// Loads a district folder over HTTP and validates every layer as it arrives. A layer that is
// missing or unparsable fails alone: the others still load, and every problem is kept to be shown.
import type {
  BoundaryFeature, DistrictIndexEntry, DistrictManifest, Facility, FacilityCategory, LayerId, NetworkEdge, Place,
} from '../domain/facilities/model.ts';
import { LAYER_FILES } from '../domain/facilities/model.ts';
import {
  parseBasemapLayer, parseBoundaryLayer, parseDistrictIndex, parseDistrictManifest, parseFacilityLayer, parseJsonText,
  parseNetworkLayer, parsePlacesLayer, type BasemapFeature, type DataProblem, type LayerParseResult,
} from '../domain/facilities/parse.ts';

export type LayerLoadStatus = 'ok' | 'problems' | 'failed' | 'absent';

export interface LayerLoad {
  layer: LayerId;
  file: string;
  status: LayerLoadStatus;
  itemCount: number;
  problems: DataProblem[];
}

export interface LoadedDistrict {
  manifest: DistrictManifest;
  facilities: Facility[];
  network: NetworkEdge[];
  places: Place[];
  boundary: BoundaryFeature[];
  basemap: BasemapFeature[];
  layers: Record<LayerId, LayerLoad>;
  problems: DataProblem[];
}

export class DistrictLoadError extends Error {
  constructor(message: string, readonly problems: DataProblem[]) {
    super(message);
  }
}

type FetchText = (url: string) => Promise<{ ok: boolean; status: number; text: string }>;

const fetchText: FetchText = async (url) => {
  const response = await fetch(url);
  return { ok: response.ok, status: response.status, text: response.ok ? await response.text() : '' };
};

async function readJson(url: string, file: string, fetcher: FetchText): Promise<{ json: unknown; problem: DataProblem | null; absent: boolean }> {
  try {
    const response = await fetcher(url);
    if (!response.ok) {
      return {
        json: null, absent: response.status === 404,
        problem: { file, featureIndex: null, featureId: null, field: null, code: 'file_missing', severity: 'error', detail: `HTTP ${response.status} when fetching ${file}` },
      };
    }
    return { ...parseJsonText(file, response.text), absent: false };
  } catch (error) {
    return {
      json: null, absent: false,
      problem: { file, featureIndex: null, featureId: null, field: null, code: 'file_missing', severity: 'error', detail: `${file} could not be fetched: ${(error as Error).message}` },
    };
  }
}

export async function fetchDistrictIndex(baseUrl: string, fetcher: FetchText = fetchText): Promise<{ districts: DistrictIndexEntry[]; problems: DataProblem[] }> {
  const { json, problem } = await readJson(`${baseUrl}data/index.json`, 'index.json', fetcher);
  if (problem) return { districts: [], problems: [problem] };
  return parseDistrictIndex('index.json', json);
}

const FACILITY_LAYERS: readonly FacilityCategory[] = ['ramp', 'toilet', 'elevator', 'tactile_paving'];

export async function loadDistrict(baseUrl: string, districtId: string, fetcher: FetchText = fetchText): Promise<LoadedDistrict> {
  const folder = `${baseUrl}data/${encodeURIComponent(districtId)}/`;
  const manifestRead = await readJson(`${folder}district.json`, `${districtId}/district.json`, fetcher);
  if (manifestRead.problem) throw new DistrictLoadError(manifestRead.problem.detail, [manifestRead.problem]);
  const { manifest, problems: manifestProblems } = parseDistrictManifest(`${districtId}/district.json`, manifestRead.json);
  if (manifest === null) throw new DistrictLoadError(manifestProblems.map((problem) => problem.detail).join('; '), manifestProblems);

  async function loadLayer<Item>(layer: LayerId, parse: (file: string, json: unknown) => LayerParseResult<Item>, optional = false): Promise<{ load: LayerLoad; items: Item[] }> {
    const file = LAYER_FILES[layer];
    const read = await readJson(folder + file, `${districtId}/${file}`, fetcher);
    if (read.problem) {
      if (optional && read.absent) return { load: { layer, file, status: 'absent', itemCount: 0, problems: [] }, items: [] };
      return { load: { layer, file, status: 'failed', itemCount: 0, problems: [read.problem] }, items: [] };
    }
    const result = parse(`${districtId}/${file}`, read.json);
    const failed = result.items.length === 0 && result.problems.some((problem) => problem.severity === 'error' && problem.featureIndex === null);
    const status: LayerLoadStatus = failed ? 'failed' : result.problems.length > 0 ? 'problems' : 'ok';
    return { load: { layer, file, status, itemCount: result.items.length, problems: result.problems }, items: result.items };
  }

  const [facilityLoads, network, places, boundary, basemap] = await Promise.all([
    Promise.all(FACILITY_LAYERS.map((category) => loadLayer(category, (file, json) => parseFacilityLayer(category, file, json)))),
    loadLayer('network', parseNetworkLayer),
    loadLayer('places', parsePlacesLayer),
    loadLayer('boundary', parseBoundaryLayer),
    loadLayer('basemap', parseBasemapLayer, true),
  ]);

  const layers = {} as Record<LayerId, LayerLoad>;
  for (const [index, category] of FACILITY_LAYERS.entries()) {
    const load = facilityLoads[index];
    if (load) layers[category] = load.load;
  }
  layers.network = network.load;
  layers.places = places.load;
  layers.boundary = boundary.load;
  layers.basemap = basemap.load;

  return {
    manifest,
    facilities: facilityLoads.flatMap((load) => load.items),
    network: network.items,
    places: places.items,
    boundary: boundary.items,
    basemap: basemap.items,
    layers,
    problems: [...manifestProblems, ...Object.values(layers).flatMap((load) => load.problems)],
  };
}
