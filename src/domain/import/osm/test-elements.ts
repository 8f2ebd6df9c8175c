// Builds small OSM extracts in code for the unit tests: nodes placed in metres east and north of
// a point in Shanghai, ways and relations by node id. Test support only; not used by the import.
import type { Feature } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { OsmElementStore, type OsmMember, type OsmTags } from './elements.ts';
import { METERS_PER_DEGREE_LATITUDE, metersPerDegreeLongitude } from './geometry.ts';

export const ORIGIN: LngLat = [121.47, 31.23];

/** The position `east` and `north` metres from ORIGIN, at 7 decimals as OSM stores it. */
export function at(east: number, north: number): LngLat {
  const longitude = ORIGIN[0] + east / metersPerDegreeLongitude(ORIGIN[1]);
  const latitude = ORIGIN[1] + north / METERS_PER_DEGREE_LATITUDE;
  return [Math.round(longitude * 1e7) / 1e7, Math.round(latitude * 1e7) / 1e7];
}

export interface ExtractDescription {
  nodes: Record<number, [east: number, north: number, tags?: OsmTags]>;
  ways?: Record<number, [nodeIds: number[], tags: OsmTags]>;
  relations?: Record<number, [members: OsmMember[], tags: OsmTags]>;
}

export function extract(description: ExtractDescription): OsmElementStore {
  const store = new OsmElementStore();
  for (const [id, [east, north, tags]] of Object.entries(description.nodes)) {
    const [longitude, latitude] = at(east, north);
    store.addNode(Number(id), longitude, latitude, tags ?? null);
  }
  for (const [id, [nodeIds, tags]] of Object.entries(description.ways ?? {})) store.addWay(Number(id), nodeIds, tags);
  for (const [id, [members, tags]] of Object.entries(description.relations ?? {})) store.addRelation(Number(id), members, tags);
  return store;
}

export const byId = (features: readonly Feature[], id: string): Feature | undefined => features.find((item) => item.properties?.id === id);

export const coordinatesOf = (item: Feature | undefined): LngLat[] => {
  const geometry = item?.geometry;
  if (geometry?.type === 'LineString') return geometry.coordinates as LngLat[];
  if (geometry?.type === 'Point') return [geometry.coordinates as LngLat];
  return [];
};
