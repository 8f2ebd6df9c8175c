// Point facilities of an OSM extract that do not come from the network step: accessible toilets,
// elevators, wheelchair ramps at entrances, and kerb ramps on kerb nodes that no crossing uses.
import type { Feature } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { type ConversionContext, facilityCommonProperties, feature, pointGeometry } from './context.ts';
import { elementLabel, type OsmTags, type OsmWay } from './elements.ts';
import { lineMidpoint, ringRepresentativePoint } from './geometry.ts';
import { elementNames } from './names.ts';
import { type NetworkResult, osmId } from './network.ts';
import { ACCESSIBLE_TOILET_READINGS, KERB_RAMP_KINDS, readTag } from './tag-mapping.ts';

export interface FacilityResult {
  ramps: Feature[];
  toilets: Feature[];
  elevators: Feature[];
  /** Elements that became toilets or elevators: they are not also places. */
  facilityElements: Set<string>;
}

interface Located {
  /** "node/1", "way/2". */
  label: string;
  id: string;
  tags: OsmTags;
  position: LngLat;
}

/** The representative point of a way: the inside centre of a closed way, the middle of an open one. */
export function wayPoint(context: ConversionContext, way: OsmWay): LngLat | null {
  const resolved = context.resolveWay(way);
  if (resolved === null) return null;
  const positions = resolved.positions;
  const closed = way.nodeIds.length >= 4 && way.nodeIds[0] === way.nodeIds[way.nodeIds.length - 1];
  return closed ? ringRepresentativePoint(positions) : lineMidpoint(positions);
}

function levelsConnected(tags: OsmTags): { connectsZh: string | null; connectsEn: string | null } {
  const level = tags.level?.trim();
  if (level === undefined || level === '') return { connectsZh: null, connectsEn: null };
  const levels = level.split(';').map((part) => part.trim()).filter((part) => part !== '');
  if (levels.length < 2) return { connectsZh: null, connectsEn: null };
  return { connectsZh: levels.map((part) => `${part}层`).join(' ↔ '), connectsEn: `levels ${levels.join(' ↔ ')}` };
}

export function buildFacilities(context: ConversionContext, network: NetworkResult): FacilityResult {
  const { store, warnings } = context;
  const ramps: Feature[] = [];
  const toilets: Feature[] = [];
  const elevators: Feature[] = [];
  const facilityElements = new Set<string>();

  const candidates: Located[] = [];
  const taggedNodes = [...store.taggedNodes()].sort(([first], [second]) => first - second);
  for (const [nodeId, tags] of taggedNodes) {
    const position = store.nodePosition(nodeId);
    if (position !== null) candidates.push({ label: elementLabel('node', nodeId), id: osmId('node', nodeId), tags, position });
  }
  const interestingWay = (tags: OsmTags): boolean =>
    tags.amenity === 'toilets' || tags['toilets:wheelchair'] !== undefined || tags.highway === 'elevator' || tags.elevator !== undefined;
  for (const way of [...store.ways].sort((first, second) => first.id - second.id)) {
    if (!interestingWay(way.tags)) continue;
    // An open highway=elevator way is also an elevator edge of the network; its facility stands at its middle.
    const position = wayPoint(context, way);
    if (position !== null) candidates.push({ label: elementLabel('way', way.id), id: osmId('way', way.id), tags: way.tags, position });
  }

  for (const element of candidates) {
    const { tags, label, position } = element;
    const nodeId = label.startsWith('node/') ? Number(label.slice(5)) : null;

    // Toilets (data/README.md: toilets.geojson lists accessible toilets only).
    const isToilet = tags.amenity === 'toilets';
    const toiletWheelchair = readTag(tags, 'toiletsWheelchair', label, warnings);
    const wheelchair = readTag(tags, 'wheelchair', label, warnings);
    if (isToilet || toiletWheelchair !== null) {
      const reading = isToilet ? toiletWheelchair ?? wheelchair : toiletWheelchair;
      const access = readTag(tags, 'toiletAccess', label, warnings) ?? (tags.centralkey !== undefined && tags.centralkey !== 'no' ? 'key' : null);
      if (reading === null || !ACCESSIBLE_TOILET_READINGS.includes(reading)) {
        if (isToilet) context.countNotImported(reading === 'no' ? 'toilets with wheelchair=no (not accessible)' : 'toilets without wheelchair information (not listed as accessible)');
      } else if (access === 'closed') {
        context.countNotImported('accessible toilets not open to the public (access=private or no)');
      } else if (context.inside(position)) {
        const names = elementNames(tags);
        const toiletNames = isToilet ? names : {
          nameZh: names.nameZh === null ? null : `${names.nameZh}无障碍卫生间`,
          nameEn: names.nameEn === null ? null : `Accessible toilet, ${names.nameEn}`,
        };
        toilets.push(feature({
          ...facilityCommonProperties(context.claimId(isToilet ? element.id : `${element.id}:toilets`), 'toilet', tags, toiletNames),
          door_width_m: readTag(tags, 'doorWidth', label, warnings), turning_space_m: null, grab_bars: null, emergency_call: null,
          access, opening_hours: readTag(tags, 'openingHours', label, warnings), changing_table: readTag(tags, 'changingTable', label, warnings),
        }, pointGeometry(position)));
        if (isToilet) facilityElements.add(element.id);
      }
    }

    // Elevators: highway=elevator, or elevator=yes on a node or an area.
    const isElevator = tags.highway === 'elevator' || readTag(tags, 'elevatorYes', label, warnings) === true;
    if (isElevator && context.inside(position)) {
      const connects = levelsConnected(tags);
      elevators.push(feature({
        ...facilityCommonProperties(context.claimId(element.id), 'elevator', tags),
        elevator_type: 'elevator', cabin_width_m: null, cabin_depth_m: null, door_width_m: readTag(tags, 'doorWidth', label, warnings),
        braille: readTag(tags, 'braille', label, warnings), voice: readTag(tags, 'speechOutput', label, warnings),
        connects_zh: connects.connectsZh, connects_en: connects.connectsEn,
      }, pointGeometry(position)));
      facilityElements.add(element.id);
    }

    if (nodeId === null) continue;
    // Kerb ramps on kerb nodes that no crossing used (e.g. a lowered kerb on a sidewalk at a driveway).
    if (!network.placedKerbNodes.has(nodeId) && (tags.barrier === 'kerb' || tags.kerb !== undefined)) {
      const kerb = readTag(tags, 'kerb', label, warnings);
      if (kerb !== null && KERB_RAMP_KINDS.includes(kerb) && context.inside(position)) {
        ramps.push(feature({
          ...facilityCommonProperties(context.claimId(element.id), 'ramp', tags),
          ramp_type: 'kerb_ramp', kerb_ramp_form: null, slope_percent: null, clear_width_m: null,
          kerb_lip_mm: readTag(tags, 'kerbHeight', label, warnings), handrail: null,
        }, pointGeometry(position)));
        context.countNotImported('kerb ramps not at the end of a crossing (kept, not joined to the network)');
      }
    }
    // Wheelchair ramps at entrances and other nodes.
    if (tags.barrier !== 'kerb' && tags.kerb === undefined) {
      const wheelchairRamp = readTag(tags, 'ramp', label, warnings, ['ramp:wheelchair']);
      const anyRamp = wheelchairRamp ?? readTag(tags, 'ramp', label, warnings, ['ramp']);
      if (anyRamp === true && context.inside(position)) {
        ramps.push(feature({
          ...facilityCommonProperties(context.claimId(element.id), 'ramp', tags),
          ramp_type: 'wheelchair_ramp', kerb_ramp_form: null,
          slope_percent: (() => {
            const incline = readTag(tags, 'incline', label, warnings);
            return incline === null ? null : Math.abs(incline);
          })(),
          clear_width_m: readTag(tags, 'width', label, warnings), kerb_lip_mm: null,
          handrail: readTag(tags, 'handrail', label, warnings),
        }, pointGeometry(position)));
      }
    }
  }
  return { ramps, toilets, elevators, facilityElements };
}
