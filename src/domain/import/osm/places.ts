// Places of an OSM extract (data/README.md, "places.geojson"): named points of interest, named
// areas (closed ways, multipolygon relations) at a point inside them, and one place per named
// street at the middle of its longest stretch, which is mid-block as the contract asks.
import type { Feature } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { type ConversionContext, feature, pointGeometry } from './context.ts';
import { elementLabel, type OsmRelation, type OsmTags } from './elements.ts';
import { wayPoint } from './facilities.ts';
import { lineLengthMeters, lineMidpoint, ringRepresentativePoint } from './geometry.ts';
import { elementAddress, elementNames } from './names.ts';
import { osmId } from './network.ts';
import { NOT_STREET_HIGHWAYS, placeKindOf, readTag } from './tag-mapping.ts';

function placeFeature(context: ConversionContext, id: string, kind: string, tags: OsmTags, position: LngLat): Feature {
  const names = elementNames(tags);
  const address = elementAddress(tags);
  return feature({
    id: context.claimId(id), kind, name_zh: names.nameZh, name_en: names.nameEn, address_zh: address.addressZh, address_en: address.addressEn,
  }, pointGeometry(position));
}

const hasName = (tags: OsmTags): boolean => {
  const names = elementNames(tags);
  return names.nameZh !== null || names.nameEn !== null;
};

/** A point of a multipolygon relation: inside its outline when that is one closed way, else the mean of its outer positions. */
function relationPoint(context: ConversionContext, relation: OsmRelation): LngLat | null {
  const label = elementLabel('relation', relation.id);
  const outerWays = relation.members.filter((member) => member.type === 'way' && (member.role === 'outer' || member.role === ''));
  if (outerWays.length === 0) {
    context.warnings.add('empty_geometry', label, `${label} has no outer way; it is left out`);
    return null;
  }
  const waysById = new Map(context.store.ways.map((way) => [way.id, way]));
  const positions: LngLat[] = [];
  let missing = 0;
  let single: LngLat[] | null = null;
  for (const member of outerWays) {
    const way = waysById.get(member.ref);
    const resolved = way === undefined ? null : context.resolveWay(way);
    if (resolved === null) {
      missing += 1;
      continue;
    }
    positions.push(...resolved.positions);
    if (outerWays.length === 1 && way !== undefined && way.nodeIds[0] === way.nodeIds[way.nodeIds.length - 1]) single = resolved.positions;
  }
  if (missing > 0) context.warnings.add('incomplete_relation', label, `${label}: ${missing} of its ${outerWays.length} outer ways are not in the file${positions.length > 0 ? '; the rest is used' : '; it is left out'}`);
  if (positions.length === 0) return null;
  if (single !== null) return ringRepresentativePoint(single);
  return [positions.reduce((sum, [longitude]) => sum + longitude, 0) / positions.length, positions.reduce((sum, [, latitude]) => sum + latitude, 0) / positions.length];
}

export function buildPlaces(context: ConversionContext, facilityElements: ReadonlySet<string>): Feature[] {
  const { store } = context;
  const places: Feature[] = [];

  for (const [nodeId, tags] of [...store.taggedNodes()].sort(([first], [second]) => first - second)) {
    const id = osmId('node', nodeId);
    if (facilityElements.has(id) || !hasName(tags)) continue;
    const kind = placeKindOf(tags);
    const position = store.nodePosition(nodeId);
    if (kind === null || position === null || !context.inside(position)) continue;
    places.push(placeFeature(context, id, kind, tags, position));
  }

  const ways = [...store.ways].sort((first, second) => first.id - second.id);
  for (const way of ways) {
    const id = osmId('way', way.id);
    if (facilityElements.has(id) || !hasName(way.tags)) continue;
    const kind = placeKindOf(way.tags);
    if (kind === null) continue;
    readTag(way.tags, 'wheelchair', elementLabel('way', way.id), context.warnings);
    const position = wayPoint(context, way);
    if (position === null || !context.inside(position)) continue;
    places.push(placeFeature(context, id, kind, way.tags, position));
  }

  for (const relation of [...store.relations].sort((first, second) => first.id - second.id)) {
    if (relation.tags.type !== 'multipolygon' || !hasName(relation.tags)) continue;
    const kind = placeKindOf(relation.tags);
    if (kind === null) continue;
    const position = relationPoint(context, relation);
    if (position === null || !context.inside(position)) continue;
    places.push(placeFeature(context, osmId('relation', relation.id), kind, relation.tags, position));
  }

  // Streets: every named highway way (not sidewalks, crossings, steps or stops), grouped by name.
  const streets = new Map<string, { firstWayId: number; tags: OsmTags; longest: LngLat[] | null; longestMeters: number }>();
  for (const way of ways) {
    const highway = way.tags.highway;
    if (highway === undefined || NOT_STREET_HIGHWAYS.includes(highway) || way.tags.footway === 'sidewalk' || way.tags.footway === 'crossing' || way.tags.area === 'yes') continue;
    const names = elementNames(way.tags);
    if (names.nameZh === null && names.nameEn === null) continue;
    const key = `${names.nameZh ?? ''}\u0000${names.nameEn ?? ''}`;
    const resolved = context.resolveWay(way);
    if (resolved === null) continue;
    const street = streets.get(key) ?? { firstWayId: way.id, tags: way.tags, longest: null, longestMeters: 0 };
    for (const part of context.clipLine(resolved.positions)) {
      const length = lineLengthMeters(part);
      if (length > street.longestMeters) {
        street.longest = part;
        street.longestMeters = length;
      }
    }
    streets.set(key, street);
  }
  for (const street of streets.values()) {
    if (street.longest === null) continue;
    const names = elementNames(street.tags);
    places.push(feature({
      id: context.claimId(`${osmId('way', street.firstWayId)}:street`), kind: 'street', name_zh: names.nameZh, name_en: names.nameEn, address_zh: null, address_en: null,
    }, pointGeometry(lineMidpoint(street.longest))));
  }
  return places;
}
