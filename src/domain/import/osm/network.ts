// The walkable network of an OSM extract (data/README.md, "network.geojson"), with the kerb ramps
// and tactile paving that belong to its crossings.
//
// - Walkable ways (tag-mapping.ts: highway, footway, sidewalk, foot, access) are split at every node
//   another walkable way shares, so edges that meet share exactly their end coordinate; also at
//   kerb nodes of crossings, at crossing nodes of walked streets and at elevators.
// - Streets without separately mapped sidewalks are walked along their centre line as
//   `assumed_sidewalk` (accessibility unknown).
// - A crossing way is `crossing` between its outermost kerb nodes (the carriageway) and `footway`
//   outside them (on the sidewalk). Kerbs go to the crossing edge's kerb_start/kerb_end; a kerb on
//   the crossing node covers the ends without a kerb node of their own.
// - A crossing node on a street (or cycle track) with no crossing way through it becomes a crossing
//   across it, perpendicular to it: on each side up to the nearest walkable node straight ahead (a
//   mapped sidewalk, joined there), else as far as the carriageway is wide (width, lanes or a
//   default per class). On a walked street it is two halves from the centre line out to each side,
//   joined to the street at the node; on a street nobody walks along, one edge from side to side.
// - Lowered and flush kerbs give kerb ramps at exactly the crossing end; tactile paving on a
//   crossing or kerb node gives a warning strip across each crossing end it covers.
// - Each way reaching an elevator node starts with a short `elevator` edge through the lift.
import type { Feature } from 'geojson';
import type { CrossingKind, KerbKind, LngLat, NetworkKind } from '../../facilities/model.ts';
import { type ConversionContext, type ResolvedWay, dedupeRounded, facilityCommonProperties, feature, lineGeometry, pointGeometry } from './context.ts';
import { elementLabel, type OsmTags, type OsmWay } from './elements.ts';
import { METERS_PER_DEGREE_LATITUDE, directionMeters, lineLengthMeters, metersPerDegreeLongitude, lineMidpoint, lineSelfIntersects, offsetPosition, roundPosition, samePosition, splitLineAtDistance } from './geometry.ts';
import { type ElementNames, elementNames } from './names.ts';
import type { OsmWarnings } from './warnings.ts';
import {
  CROSSABLE_WAY_CLASSES, FOOTWAY_TYPES, HIGHWAY_WAY_CLASSES, KERB_RAMP_KINDS, type TactileReading, WAY_CLASS_NETWORK_KIND, type WayClass, readTag,
} from './tag-mapping.ts';

/** Length of a warning strip across a crossing end: about a kerb ramp's width (GB 50763-2012 §3.1.3: at least 1.20 m). */
export const WARNING_STRIP_METERS = 1.2;
/** An elevator edge is the first stretch of each way from the lift, this long at most. */
export const ELEVATOR_EDGE_METERS = 2;
/** Lane width for crossing lengths: 3.5 m, CJJ 37-2012 Table 5.3.2 (mixed traffic, design speed ≤ 60 km/h). */
export const LANE_WIDTH_METERS = 3.5;
/** Lanes assumed when a street has neither width nor lanes. */
export const DEFAULT_LANES: Readonly<Record<string, number>> = {
  motorway: 4, trunk: 4, primary: 4, secondary: 4, tertiary: 2, unclassified: 2, residential: 2, road: 2, living_street: 1, service: 1,
};

interface KerbInfo {
  kind: KerbKind | null;
  heightMillimeters: number | null;
  tactile: TactileReading | null;
}

interface CrossingInfo {
  crossing: CrossingKind | null;
  impossible: boolean;
  sound: boolean | null;
  tactile: TactileReading | null;
  kerb: KerbInfo | null;
}

interface CrossingPlan {
  nodeId: number;
  position: LngLat;
  info: CrossingInfo;
  names: ElementNames;
  /** The two ends, and the walkable node each reached (null at an estimated kerb). */
  ends: { position: LngLat; node: number | null }[];
  /** Whether the node is on the network (a walked street, a footway), so the crossing joins it there. */
  walked: boolean;
}

interface WalkableWay {
  resolved: ResolvedWay;
  label: string;
  tags: OsmTags;
  wayClass: WayClass;
  kind: NetworkKind;
  /** A street walked along its centre line. */
  isRoad: boolean;
  /** A way people cross at its crossing nodes (a street, a living street, a cycleway). */
  crossable: boolean;
  names: ElementNames;
  /** The facility the way passes through: the wheelchair ramp of a `ramp` way, the lift of an `elevator` way. */
  facilityId: string | null;
}

interface EdgeEnd {
  kerb: KerbInfo | null;
}

interface Piece {
  owner: WalkableWay | null;
  /** Id prefix: the piece's id is `${idBase}:${serial}`, or idBase itself when `single`. */
  idBase: string;
  single: boolean;
  line: LngLat[];
  /** OSM nodes at the piece's ends; null for synthesised ends. */
  startNode: number | null;
  endNode: number | null;
  kind: NetworkKind;
  start: EdgeEnd;
  end: EdgeEnd;
  facilityId: string | null;
  properties: Record<string, unknown>;
}

export interface NetworkResult {
  network: Feature[];
  ramps: Feature[];
  tactilePaving: Feature[];
  /** Nodes whose kerb or tactile paving became facilities here, so the facility step skips them. */
  placedKerbNodes: Set<number>;
  placedTactileNodes: Set<number>;
}

const tactileFlag = (reading: TactileReading | null): boolean | null => (reading === 'yes' ? true : reading === 'no' ? false : null);

export const osmId = (type: 'node' | 'way' | 'relation', id: number): string => `osm:${type}/${id}`;

/** The walkable class and network kind of a way, or null when people do not walk it here. */
export function classifyWay(tags: OsmTags, label: string, context: ConversionContext | null): { wayClass: WayClass; kind: NetworkKind; isRoad: boolean } | null {
  const highway = tags.highway;
  if (highway === undefined) return null;
  const wayClass = HIGHWAY_WAY_CLASSES[highway];
  if (wayClass === undefined) return null;
  const warnings = context?.warnings ?? null;
  const foot = readTag(tags, 'foot', label, warnings);
  if (foot === false) return null;
  if (foot === null && readTag(tags, 'access', label, warnings) === false) return null;
  if (tags.area === 'yes' && wayClass !== 'pedestrian' && wayClass !== 'footway') return null;
  if (wayClass === 'cycleway' && foot !== true) return null;
  if (wayClass === 'road' || wayClass === 'fast_road') {
    const sidewalk = sidewalkOf(tags, label, context);
    if (sidewalk === 'none') return null;
    if (wayClass === 'fast_road' && foot !== true && sidewalk !== 'assumed') return null;
    return { wayClass, kind: 'assumed_sidewalk', isRoad: true };
  }
  let kind = WAY_CLASS_NETWORK_KIND[wayClass];
  const subtypeKey = wayClass === 'cycleway' ? 'cycleway' : wayClass === 'path' ? 'path' : 'footway';
  const subtype = tags[subtypeKey] ?? tags.footway;
  if (subtype !== undefined && (wayClass === 'footway' || wayClass === 'path' || wayClass === 'cycleway')) kind = FOOTWAY_TYPES[subtype] ?? kind;
  return { wayClass, kind, isRoad: false };
}

/** sidewalk=*, then sidewalk:both, then the two sides: unknown (absent) counts as assumed. */
function sidewalkOf(tags: OsmTags, label: string, context: ConversionContext | null): 'assumed' | 'none' | null {
  const warnings = context?.warnings ?? null;
  const whole = readTag(tags, 'sidewalk', label, warnings, ['sidewalk', 'sidewalk:both']);
  if (whole !== null) return whole;
  if (tags['sidewalk:left'] === undefined && tags['sidewalk:right'] === undefined) return null;
  const left = readTag(tags, 'sidewalk', label, warnings, ['sidewalk:left']);
  const right = readTag(tags, 'sidewalk', label, warnings, ['sidewalk:right']);
  if (left === 'assumed' || right === 'assumed') return 'assumed';
  return left === 'none' && right === 'none' ? 'none' : null;
}

function isRampWay(tags: OsmTags, wayClass: WayClass, label: string, context: ConversionContext): boolean {
  const wheelchair = readTag(tags, 'ramp', label, context.warnings, ['ramp:wheelchair']);
  if (wayClass === 'steps') return wheelchair === true;
  if (!['footway', 'path', 'pedestrian', 'cycleway'].includes(wayClass)) return false;
  if (wheelchair !== null) return wheelchair;
  return readTag(tags, 'ramp', label, context.warnings, ['ramp']) === true;
}

function handrailOf(tags: OsmTags, label: string, warnings: OsmWarnings | null): boolean | null {
  const readings = ['handrail', 'handrail:left', 'handrail:right', 'handrail:center'].map((key) => readTag(tags, 'handrail', label, warnings, [key]));
  if (readings.includes(true)) return true;
  return readings.includes(false) ? false : null;
}

function networkProperties(id: string, kind: NetworkKind, names: ElementNames): Record<string, unknown> {
  return {
    id, kind, name_zh: names.nameZh, name_en: names.nameEn, incline_percent: null, width_m: null, surface: null,
    kerb_start: null, kerb_end: null, kerb_start_height_mm: null, kerb_end_height_mm: null, tactile_paving: null,
    crossing: null, crossing_sound: null, step_count: null, handrail: null, facility_id: null,
  };
}

/** Properties a way gives all its edges (id, kind, kerbs and facility are set per edge). */
function wayEdgeProperties(walkable: WalkableWay, context: ConversionContext): Record<string, unknown> {
  const { tags, label, kind } = walkable;
  const warnings = context.warnings;
  const properties = networkProperties('', kind, walkable.names);
  properties.incline_percent = readTag(tags, 'incline', label, warnings);
  readTag(tags, 'smoothness', label, warnings);
  if (walkable.isRoad) {
    properties.width_m = readTag(tags, 'sidewalkWidth', label, warnings);
    properties.surface = readTag(tags, 'sidewalkSurface', label, warnings);
    return properties;
  }
  properties.width_m = readTag(tags, 'width', label, warnings);
  properties.surface = readTag(tags, 'surface', label, warnings);
  properties.tactile_paving = tactileFlag(readTag(tags, 'tactilePaving', label, warnings));
  if (kind === 'steps') properties.step_count = readTag(tags, 'stepCount', label, warnings);
  if (kind === 'steps' || kind === 'ramp') properties.handrail = handrailOf(tags, label, warnings);
  return properties;
}

function crossingNames(roadNames: ElementNames | null, own: ElementNames): ElementNames {
  if (own.nameZh !== null || own.nameEn !== null) return own;
  if (roadNames === null) return own;
  return {
    nameZh: roadNames.nameZh === null ? null : `${roadNames.nameZh}人行横道`,
    nameEn: roadNames.nameEn === null ? null : `${roadNames.nameEn} crossing`,
  };
}

export function buildNetwork(context: ConversionContext): NetworkResult {
  const { store, warnings } = context;
  const kerbCache = new Map<number, KerbInfo | null>();
  const crossingCache = new Map<number, CrossingInfo>();

  /** Kerb tags of a node (barrier=kerb, kerb, kerb:height), or null when it has none. */
  const kerbOf = (nodeId: number): KerbInfo | null => {
    const cached = kerbCache.get(nodeId);
    if (cached !== undefined) return cached;
    const tags = context.tagsOfNode(nodeId);
    const label = elementLabel('node', nodeId);
    let info: KerbInfo | null = null;
    if (tags.barrier === 'kerb' || tags.kerb !== undefined || tags['kerb:height'] !== undefined) {
      info = {
        kind: readTag(tags, 'kerb', label, warnings),
        heightMillimeters: readTag(tags, 'kerbHeight', label, warnings),
        tactile: readTag(tags, 'tactilePaving', label, warnings),
      };
    }
    kerbCache.set(nodeId, info);
    return info;
  };

  const crossingOfTags = (tags: OsmTags, label: string): CrossingInfo => {
    const reading = readTag(tags, 'crossing', label, warnings);
    let crossing: CrossingKind | null = reading === 'impossible' ? null : reading;
    if (crossing === null && readTag(tags, 'crossingSignals', label, warnings) === true) crossing = 'traffic_signals';
    if (crossing === null) crossing = readTag(tags, 'crossingMarkings', label, warnings);
    let sound = readTag(tags, 'signalSound', label, warnings);
    // data/README.md: crossing_sound is false where there are no signals.
    if (sound === null && crossing !== null && crossing !== 'traffic_signals') sound = false;
    return { crossing, impossible: reading === 'impossible', sound, tactile: readTag(tags, 'tactilePaving', label, warnings), kerb: null };
  };

  const crossingOfNode = (nodeId: number): CrossingInfo => {
    const cached = crossingCache.get(nodeId);
    if (cached !== undefined) return cached;
    const info = { ...crossingOfTags(context.tagsOfNode(nodeId), elementLabel('node', nodeId)), kerb: kerbOf(nodeId) };
    crossingCache.set(nodeId, info);
    return info;
  };

  const isCrossingNode = (nodeId: number): boolean => context.tagsOfNode(nodeId).highway === 'crossing';

  // 1. The walkable ways, in id order so the output does not depend on the file's order.
  const ways = [...store.ways].sort((first, second) => first.id - second.id);
  const walkable: WalkableWay[] = [];
  const roadsByNode = new Map<number, OsmWay[]>();
  const crossingNodeIds = new Set<number>();
  for (const [nodeId, tags] of store.taggedNodes()) if (tags.highway === 'crossing') crossingNodeIds.add(nodeId);
  for (const way of ways) {
    const label = elementLabel('way', way.id);
    const highwayClass = way.tags.highway === undefined ? undefined : HIGHWAY_WAY_CLASSES[way.tags.highway];
    if (highwayClass !== undefined && CROSSABLE_WAY_CLASSES.includes(highwayClass)) {
      for (const nodeId of way.nodeIds) {
        const list = roadsByNode.get(nodeId) ?? [];
        list.push(way);
        roadsByNode.set(nodeId, list);
      }
    }
    const classified = classifyWay(way.tags, label, context);
    if (classified === null) continue;
    const closed = way.nodeIds.length > 2 && way.nodeIds[0] === way.nodeIds[way.nodeIds.length - 1];
    if (classified.kind === 'elevator' && closed) continue;
    const resolved = context.resolveWay(way);
    if (resolved === null) continue;
    if (lineSelfIntersects(resolved.positions)) warnings.add('self_intersecting', label, `${label} crosses itself; it is kept as a walkable line`);
    let kind = classified.kind;
    let facilityId: string | null = kind === 'elevator' ? osmId('way', way.id) : null;
    if (!classified.isRoad && kind !== 'crossing' && kind !== 'elevator' && isRampWay(way.tags, classified.wayClass, label, context)) {
      kind = 'ramp';
      facilityId = osmId('way', way.id);
    }
    walkable.push({
      resolved, label, tags: way.tags, wayClass: classified.wayClass, kind, isRoad: classified.isRoad,
      crossable: CROSSABLE_WAY_CLASSES.includes(classified.wayClass), names: elementNames(way.tags), facilityId,
    });
  }

  // 2. Where the ways meet: nodes used more than once are split points.
  const usage = new Map<number, number>();
  const firstWalkableAt = new Map<number, WalkableWay>();
  for (const entry of walkable) {
    for (const nodeId of entry.resolved.nodeIds) {
      usage.set(nodeId, (usage.get(nodeId) ?? 0) + 1);
      if (!firstWalkableAt.has(nodeId)) firstWalkableAt.set(nodeId, entry);
    }
  }
  const crossingWayNodes = new Set<number>();
  for (const entry of walkable) if (entry.kind === 'crossing') for (const nodeId of entry.resolved.nodeIds) crossingWayNodes.add(nodeId);
  const elevatorNodes = new Set<number>();
  for (const [nodeId, tags] of store.taggedNodes()) if (tags.highway === 'elevator' && usage.has(nodeId)) elevatorNodes.add(nodeId);

  // 2b. Crossing nodes with no crossing way through them, planned before the ways are cut: each
  // becomes a crossing perpendicular to the street, ending at the nearest walkable node straight
  // ahead on either side (a mapped sidewalk) or, when there is none, at the estimated kerb.
  const plans: CrossingPlan[] = [];
  const looseCrossingNodes: number[] = [];
  const impossibleCrossingNodes: number[] = [];
  const snappedNodes = new Set<number>();
  const joinedCrossingNodes = new Set<number>();
  const sidewalkNodes = new NodeGrid(store, walkable.filter((entry) => entry.kind !== 'crossing').flatMap((entry) => entry.resolved.nodeIds));
  for (const nodeId of [...crossingNodeIds].sort((first, second) => first - second)) {
    if (crossingWayNodes.has(nodeId)) continue;
    const info = crossingOfNode(nodeId);
    const position = store.nodePosition(nodeId);
    if (position === null) continue;
    if (info.impossible) {
      context.countNotImported('crossing nodes tagged crossing=no (nobody may cross there)');
      impossibleCrossingNodes.push(nodeId);
      continue;
    }
    const roads = roadsByNode.get(nodeId) ?? [];
    const along = roadDirectionAt(nodeId, roads, context);
    if (roads.length === 0 || along === null) {
      looseCrossingNodes.push(nodeId);
      continue;
    }
    const road = roads[0] as OsmWay;
    // The street being crossed is not where the crossing lands, even where it bends.
    const crossedNodes = new Set(roads.flatMap((crossed) => crossed.nodeIds));
    const halfLength = crossingLengthMeters(road.tags, elementLabel('way', road.id)) / 2;
    const ends = [1, -1].map((sign) => {
      const across: [number, number] = [-along[1] * sign, along[0] * sign];
      const found = sidewalkNodes.aheadOf(position, across, crossedNodes);
      if (found !== null) {
        snappedNodes.add(found.nodeId);
        return { position: found.position, node: found.nodeId };
      }
      return { position: roundPosition(offsetPosition(position, across[0] * halfLength, across[1] * halfLength)), node: null };
    });
    // On the network (a walked street, or a footway through the node), the crossing joins it at the node.
    const walked = usage.has(nodeId);
    if (walked) joinedCrossingNodes.add(nodeId);
    plans.push({ nodeId, position, info, names: crossingNames(elementNames(road.tags), { nameZh: null, nameEn: null }), ends, walked });
  }

  const isSplitNode = (nodeId: number, owner: WalkableWay): boolean =>
    (usage.get(nodeId) ?? 0) >= 2
    || elevatorNodes.has(nodeId)
    || snappedNodes.has(nodeId)
    || joinedCrossingNodes.has(nodeId)
    || (owner.kind === 'crossing' && kerbOf(nodeId) !== null);

  // 3. Pieces of each way between split points.
  const pieces: Piece[] = [];
  const piecesByWay = new Map<WalkableWay, Piece[]>();
  for (const entry of walkable) {
    const { nodeIds, positions } = entry.resolved;
    const base = wayEdgeProperties(entry, context);
    const wayPieces: Piece[] = [];
    let startIndex = 0;
    for (let index = 1; index < nodeIds.length; index += 1) {
      if (index < nodeIds.length - 1 && !isSplitNode(nodeIds[index] as number, entry)) continue;
      wayPieces.push({
        owner: entry, idBase: osmId('way', entry.resolved.way.id), single: false,
        line: positions.slice(startIndex, index + 1), startNode: nodeIds[startIndex] as number, endNode: nodeIds[index] as number,
        kind: entry.kind, start: { kerb: null }, end: { kerb: null }, facilityId: entry.facilityId, properties: base,
      });
      startIndex = index;
    }
    piecesByWay.set(entry, wayPieces);
    pieces.push(...wayPieces);
  }

  const ramps: Feature[] = [];
  const tactilePaving: Feature[] = [];
  const placedKerbNodes = new Set<number>();
  const placedTactileNodes = new Set<number>();

  const kerbRamp = (id: string, position: LngLat, kerb: KerbInfo, names: ElementNames): void => {
    if (kerb.kind === null || !KERB_RAMP_KINDS.includes(kerb.kind) || !context.inside(position)) return;
    const rampNames = {
      nameZh: names.nameZh === null ? null : `${names.nameZh}缘石坡道`,
      nameEn: names.nameEn === null ? null : `Kerb ramp, ${names.nameEn}`,
    };
    ramps.push(feature({
      ...facilityCommonProperties(context.claimId(id), 'ramp', {}, rampNames),
      ramp_type: 'kerb_ramp', kerb_ramp_form: null, slope_percent: null, clear_width_m: null, kerb_lip_mm: kerb.heightMillimeters, handrail: null,
    }, pointGeometry(position)));
  };

  /** A warning strip centred on `position`, across the direction `along` (a unit vector in metres). */
  const warningStrip = (id: string, position: LngLat, along: [number, number], names: ElementNames): void => {
    if (along[0] === 0 && along[1] === 0) return;
    const half = WARNING_STRIP_METERS / 2;
    const across: [number, number] = [-along[1], along[0]];
    const line = context.clipLine([offsetPosition(position, across[0] * half, across[1] * half), offsetPosition(position, -across[0] * half, -across[1] * half)]);
    const stripNames = {
      nameZh: names.nameZh === null ? null : `${names.nameZh}提示盲道`,
      nameEn: names.nameEn === null ? null : `Warning tactile paving, ${names.nameEn}`,
    };
    line.forEach((part, index) => {
      tactilePaving.push(feature({
        ...facilityCommonProperties(context.claimId(line.length === 1 ? id : `${id}-${index + 1}`), 'tactile_paving', {}, stripNames),
        tactile_type: 'warning', continuity: null,
      }, lineGeometry(part)));
    });
  };

  const roadNamesAt = (nodeIds: readonly number[]): ElementNames | null => {
    for (const nodeId of nodeIds) {
      const road = roadsByNode.get(nodeId)?.[0];
      if (road) return elementNames(road.tags);
    }
    return null;
  };

  // 4. Crossing ways: carriageway between the outermost kerbs, kerbs on the ends.
  for (const entry of walkable) {
    if (entry.kind !== 'crossing') continue;
    const wayPieces = piecesByWay.get(entry) ?? [];
    const nodeIds = entry.resolved.nodeIds;
    const kerbIndexes = nodeIds.flatMap((nodeId, index) => (kerbOf(nodeId) !== null ? [index] : []));
    const roadIndexes = nodeIds.flatMap((nodeId, index) => (crossingNodeIds.has(nodeId) || roadsByNode.has(nodeId) ? [index] : []));
    let spanStart = 0;
    let spanEnd = nodeIds.length - 1;
    if (kerbIndexes.length >= 2) {
      spanStart = kerbIndexes[0] as number;
      spanEnd = kerbIndexes[kerbIndexes.length - 1] as number;
    } else if (kerbIndexes.length === 1) {
      const kerbIndex = kerbIndexes[0] as number;
      if (roadIndexes.some((index) => index > kerbIndex)) spanStart = kerbIndex;
      else if (roadIndexes.some((index) => index < kerbIndex)) spanEnd = kerbIndex;
    }
    const spanStartNode = nodeIds[spanStart] as number;
    const spanEndNode = nodeIds[spanEnd] as number;
    const crossingNodes = nodeIds.filter((nodeId) => isCrossingNode(nodeId));
    const wayInfo = crossingOfTags(entry.tags, entry.label);
    const nodeInfos = crossingNodes.map(crossingOfNode);
    const crossing = wayInfo.crossing ?? nodeInfos.find((info) => info.crossing !== null)?.crossing ?? null;
    const sound = wayInfo.sound ?? nodeInfos.find((info) => info.sound !== null)?.sound ?? (crossing !== null && crossing !== 'traffic_signals' ? false : null);
    const wayKerb: KerbInfo | null = entry.tags.kerb !== undefined
      ? { kind: readTag(entry.tags, 'kerb', entry.label, warnings), heightMillimeters: readTag(entry.tags, 'kerbHeight', entry.label, warnings), tactile: null }
      : null;
    // A kerb on a crossing node covers the span end nearest to it: the first such node the start,
    // the last one the end (a crossing over a dual carriageway has one per carriageway).
    const kerbedCrossingNodes = crossingNodes.filter((nodeId) => kerbOf(nodeId) !== null);
    const inheritedKerbNodes = [kerbedCrossingNodes[0], kerbedCrossingNodes[kerbedCrossingNodes.length - 1]];
    const inheritedKerbs = inheritedKerbNodes.map((nodeId) => (nodeId === undefined ? null : kerbOf(nodeId)) ?? wayKerb);
    const spanEndsKerbs = [kerbOf(spanStartNode), kerbOf(spanEndNode)];
    const sharedTactile = wayInfo.tactile ?? nodeInfos.find((info) => info.tactile !== null)?.tactile ?? null;
    const endTactiles = spanEndsKerbs.map((kerb) => kerb?.tactile ?? sharedTactile);
    const tactile = sharedTactile !== null ? tactileFlag(sharedTactile)
      : endTactiles.includes('yes') ? true : endTactiles.every((reading) => reading === 'no') ? false : null;
    const names = crossingNames(roadNamesAt(nodeIds), entry.names);

    let position = 0;
    for (const piece of wayPieces) {
      const pieceStart = position;
      position += piece.line.length - 1;
      const pieceEnd = position;
      if (pieceEnd <= spanStart || pieceStart >= spanEnd) {
        piece.kind = 'footway';
        piece.properties = { ...piece.properties, tactile_paving: null };
        continue;
      }
      piece.properties = { ...piece.properties, name_zh: names.nameZh, name_en: names.nameEn, crossing, crossing_sound: sound, tactile_paving: tactile };
      const startKerb = piece.startNode === null ? null : kerbOf(piece.startNode);
      const endKerb = piece.endNode === null ? null : kerbOf(piece.endNode);
      // A kerb between two crossing pieces (an island) is counted once: on the piece arriving at it.
      if (startKerb !== null && pieceStart === spanStart) piece.start.kerb = startKerb;
      if (endKerb !== null) piece.end.kerb = endKerb;
      if (pieceStart === spanStart && startKerb === null) piece.start.kerb = inheritedKerbs[0] ?? null;
      if (pieceEnd === spanEnd && endKerb === null) piece.end.kerb = inheritedKerbs[1] ?? null;
    }

    // Facilities at the two ends of the carriageway span.
    const spanPieces = wayPieces.filter((piece) => piece.kind === 'crossing');
    const firstPiece = spanPieces[0];
    const lastPiece = spanPieces[spanPieces.length - 1];
    if (firstPiece === undefined || lastPiece === undefined) continue;
    const ends: { position: LngLat; inward: [number, number]; node: number; kerb: KerbInfo | null; serial: number }[] = [
      { position: firstPiece.line[0] as LngLat, inward: directionMeters(firstPiece.line[0] as LngLat, firstPiece.line[1] as LngLat), node: spanStartNode, kerb: spanEndsKerbs[0] ?? null, serial: 1 },
      { position: lastPiece.line[lastPiece.line.length - 1] as LngLat, inward: directionMeters(lastPiece.line[lastPiece.line.length - 1] as LngLat, lastPiece.line[lastPiece.line.length - 2] as LngLat), node: spanEndNode, kerb: spanEndsKerbs[1] ?? null, serial: 2 },
    ];
    for (const end of ends) {
      if (end.kerb !== null) {
        if (!placedKerbNodes.has(end.node)) kerbRamp(osmId('node', end.node), end.position, end.kerb, names);
        placedKerbNodes.add(end.node);
      } else {
        const inheritedKerb = inheritedKerbs[end.serial - 1] ?? null;
        const inheritedNode = inheritedKerbNodes[end.serial - 1];
        const source = inheritedNode === undefined ? osmId('way', entry.resolved.way.id) : osmId('node', inheritedNode);
        if (inheritedKerb !== null) kerbRamp(`${source}:kerb-${end.serial}`, end.position, inheritedKerb, names);
      }
      const ownTactile = end.kerb?.tactile ?? null;
      if (ownTactile !== null) {
        if (ownTactile === 'yes' && !placedTactileNodes.has(end.node)) warningStrip(`${osmId('node', end.node)}:tactile`, end.position, end.inward, names);
        placedTactileNodes.add(end.node);
      } else if (sharedTactile === 'yes') {
        const tactileSource = wayInfo.tactile !== null ? osmId('way', entry.resolved.way.id) : osmId('node', crossingNodes.find((nodeId) => crossingOfNode(nodeId).tactile !== null) as number);
        warningStrip(`${tactileSource}:tactile-${end.serial}`, end.position, end.inward, names);
      }
    }
    for (const nodeId of crossingNodes) {
      placedKerbNodes.add(nodeId);
      placedTactileNodes.add(nodeId);
    }
    // Kerb nodes inside the span (islands) still give their ramps and strips.
    for (const kerbIndex of kerbIndexes) {
      const nodeId = nodeIds[kerbIndex] as number;
      if (kerbIndex === spanStart || kerbIndex === spanEnd || placedKerbNodes.has(nodeId)) continue;
      const kerb = kerbOf(nodeId) as KerbInfo;
      const nodePosition = entry.resolved.positions[kerbIndex] as LngLat;
      kerbRamp(osmId('node', nodeId), nodePosition, kerb, names);
      placedKerbNodes.add(nodeId);
      const neighbour = entry.resolved.positions[kerbIndex + 1] ?? entry.resolved.positions[kerbIndex - 1] as LngLat;
      if (kerb.tactile === 'yes') warningStrip(`${osmId('node', nodeId)}:tactile`, nodePosition, directionMeters(nodePosition, neighbour), names);
      placedTactileNodes.add(nodeId);
    }
  }

  // 5. The planned crossings, and crossing nodes on no street (facilities at the node itself).
  // A kerb ramp where nobody may cross (crossing=no) would lead people to a crossing that is not there.
  for (const nodeId of impossibleCrossingNodes) {
    placedKerbNodes.add(nodeId);
    placedTactileNodes.add(nodeId);
  }
  for (const nodeId of looseCrossingNodes) {
    const info = crossingOfNode(nodeId);
    const position = store.nodePosition(nodeId) as LngLat;
    const onWay = firstWalkableAt.get(nodeId);
    if (info.kerb !== null) kerbRamp(osmId('node', nodeId), position, info.kerb, onWay?.names ?? { nameZh: null, nameEn: null });
    if (info.tactile === 'yes') {
      if (onWay) {
        const index = onWay.resolved.nodeIds.indexOf(nodeId);
        const neighbour = onWay.resolved.positions[index + 1] ?? onWay.resolved.positions[index - 1] as LngLat;
        warningStrip(`${osmId('node', nodeId)}:tactile`, position, directionMeters(position, neighbour), onWay.names);
      } else {
        context.countNotImported('tactile paving on nodes that are on no walkable way (its direction is unknown)');
      }
    }
    context.countNotImported(onWay ? 'crossing nodes on a footway but on no street (kept as facilities at the node)' : 'crossing nodes on no way (kept as facilities at the node)');
    placedKerbNodes.add(nodeId);
    placedTactileNodes.add(nodeId);
  }
  const synthesised: Piece[] = [];
  for (const plan of plans) {
    const { nodeId, position, info, names } = plan;
    const properties = {
      ...networkProperties('', 'crossing', names),
      crossing: info.crossing, crossing_sound: info.sound, tactile_paving: tactileFlag(info.tactile),
    };
    // A sidewalk node the crossing reaches may carry its own kerb; else the crossing node's kerb applies.
    const endKerbs = plan.ends.map((end) => ({ kerb: (end.node === null ? null : kerbOf(end.node)) ?? info.kerb }));
    const [first, second] = plan.ends as [CrossingPlan['ends'][number], CrossingPlan['ends'][number]];
    if (plan.walked) {
      plan.ends.forEach((end, index) => synthesised.push({
        owner: null, idBase: `${osmId('node', nodeId)}:crossing-${index + 1}`, single: true, line: [position, end.position], startNode: nodeId, endNode: end.node,
        kind: 'crossing', start: { kerb: null }, end: endKerbs[index] as EdgeEnd, facilityId: null, properties,
      }));
    } else {
      synthesised.push({
        owner: null, idBase: `${osmId('node', nodeId)}:crossing`, single: true, line: [first.position, position, second.position], startNode: first.node, endNode: second.node,
        kind: 'crossing', start: endKerbs[0] as EdgeEnd, end: endKerbs[1] as EdgeEnd, facilityId: null, properties,
      });
    }
    plan.ends.forEach((end, index) => {
      const ownKerb = end.node === null ? null : kerbOf(end.node);
      if (ownKerb !== null && end.node !== null) {
        if (!placedKerbNodes.has(end.node)) {
          kerbRamp(osmId('node', end.node), end.position, ownKerb, names);
          if (ownKerb.tactile === 'yes') warningStrip(`${osmId('node', end.node)}:tactile`, end.position, directionMeters(end.position, position), names);
        }
        placedKerbNodes.add(end.node);
        placedTactileNodes.add(end.node);
        if (ownKerb.tactile !== null) return;
      } else if (info.kerb !== null) {
        kerbRamp(`${osmId('node', nodeId)}:kerb-${index + 1}`, end.position, info.kerb, names);
      }
      if (info.tactile === 'yes') warningStrip(`${osmId('node', nodeId)}:tactile-${index + 1}`, end.position, directionMeters(end.position, position), names);
    });
    placedKerbNodes.add(nodeId);
    placedTactileNodes.add(nodeId);
  }
  pieces.push(...synthesised);

  // 5b. Tactile paving on other nodes of the network (the top of steps, a kerb away from any
  // crossing): a warning strip across the way there.
  for (const [nodeId, tags] of [...store.taggedNodes()].sort(([first], [second]) => first - second)) {
    if (placedTactileNodes.has(nodeId) || tags.tactile_paving === undefined) continue;
    if (readTag(tags, 'tactilePaving', elementLabel('node', nodeId), warnings) !== 'yes') continue;
    const onWay = firstWalkableAt.get(nodeId);
    const position = store.nodePosition(nodeId) as LngLat;
    if (onWay === undefined) {
      context.countNotImported('tactile paving on nodes that are on no walkable way (its direction is unknown)');
      continue;
    }
    const index = onWay.resolved.nodeIds.indexOf(nodeId);
    const neighbour = onWay.resolved.positions[index + 1] ?? onWay.resolved.positions[index - 1] as LngLat;
    warningStrip(`${osmId('node', nodeId)}:tactile`, position, directionMeters(position, neighbour), onWay.names);
    placedTactileNodes.add(nodeId);
  }

  // 6. Elevators on the network: each way reaching one starts with a short elevator edge.
  const withSpokes: Piece[] = [];
  const spokeSerials = new Map<number, number>();
  for (const piece of pieces) {
    let current: Piece | null = piece;
    const spokes: Piece[] = [];
    for (const atStart of [true, false]) {
      if (current === null) break;
      const nodeId = atStart ? current.startNode : current.endNode;
      if (nodeId === null || !elevatorNodes.has(nodeId)) continue;
      const line: LngLat[] = atStart ? current.line : [...current.line].reverse();
      const spokeLength = Math.min(ELEVATOR_EDGE_METERS, lineLengthMeters(line) * 0.4);
      const split = splitLineAtDistance(line, spokeLength);
      if (split === null) continue;
      const serial = (spokeSerials.get(nodeId) ?? 0) + 1;
      spokeSerials.set(nodeId, serial);
      const facilityId = osmId('node', nodeId);
      spokes.push({
        owner: null, idBase: `${facilityId}:elevator-${serial}`, single: true, line: split[0], startNode: nodeId, endNode: null,
        kind: 'elevator', start: { kerb: null }, end: { kerb: null }, facilityId,
        properties: networkProperties('', 'elevator', elementNames(context.tagsOfNode(nodeId))),
      });
      const rest = split[1];
      current = atStart
        ? { ...current, line: rest, startNode: null }
        : { ...current, line: [...rest].reverse(), endNode: null };
    }
    if (current !== null) withSpokes.push(current);
    withSpokes.push(...spokes);
  }

  // 7. Edges: clipped to the district, numbered per way.
  const network: Feature[] = [];
  const serials = new Map<string, number>();
  for (const piece of withSpokes) {
    if (dedupeRounded(piece.line).length < 2) {
      const where = piece.owner?.label ?? piece.idBase;
      warnings.add('zero_length', where, `${where}: an edge of zero length (its ends at the same position) is left out`);
      continue;
    }
    const parts = context.clipLine(piece.line);
    const originalStart = roundPosition(piece.line[0] as LngLat);
    const originalEnd = roundPosition(piece.line[piece.line.length - 1] as LngLat);
    for (const part of parts) {
      let id = piece.idBase;
      if (!piece.single || parts.length > 1) {
        const serial = (serials.get(piece.idBase) ?? 0) + 1;
        serials.set(piece.idBase, serial);
        id = `${piece.idBase}:${serial}`;
      }
      const keepsStart = samePosition(part[0] as LngLat, originalStart);
      const keepsEnd = samePosition(part[part.length - 1] as LngLat, originalEnd);
      const startKerb = keepsStart ? piece.start.kerb : null;
      const endKerb = keepsEnd ? piece.end.kerb : null;
      network.push(feature({
        ...piece.properties,
        id: context.claimId(id), kind: piece.kind,
        kerb_start: startKerb?.kind ?? null, kerb_end: endKerb?.kind ?? null,
        kerb_start_height_mm: startKerb?.heightMillimeters ?? null, kerb_end_height_mm: endKerb?.heightMillimeters ?? null,
        facility_id: piece.facilityId,
      }, lineGeometry(part)));
    }
  }

  // 8. Guiding lines along ways tagged with tactile paving; warning strips at the ends of steps.
  for (const entry of walkable) {
    const reading = readTag(entry.tags, 'tactilePaving', entry.label, null);
    if (reading !== 'yes' && reading !== 'partial') continue;
    if (entry.kind === 'crossing' || entry.isRoad) continue;
    const baseId = `${osmId('way', entry.resolved.way.id)}:tactile`;
    const names = { nameZh: entry.names.nameZh === null ? null : `${entry.names.nameZh}盲道`, nameEn: entry.names.nameEn === null ? null : `Tactile paving, ${entry.names.nameEn}` };
    if (entry.kind === 'steps') {
      if (reading !== 'yes') continue;
      const positions = entry.resolved.positions;
      const first = positions[0] as LngLat;
      const last = positions[positions.length - 1] as LngLat;
      warningStrip(`${baseId}-1`, first, directionMeters(first, positions[1] as LngLat), names);
      warningStrip(`${baseId}-2`, last, directionMeters(last, positions[positions.length - 2] as LngLat), names);
      continue;
    }
    const parts = context.clipLine(entry.resolved.positions);
    parts.forEach((part, index) => {
      tactilePaving.push(feature({
        ...facilityCommonProperties(context.claimId(parts.length === 1 ? baseId : `${baseId}-${index + 1}`), 'tactile_paving', {}, names),
        tactile_type: 'guiding', continuity: reading === 'partial' ? 'interrupted' : null,
      }, lineGeometry(part)));
    });
  }

  // 9. Wheelchair ramps that are ways: one facility per way, at its middle.
  for (const entry of walkable) {
    if (entry.kind !== 'ramp' || entry.facilityId === null) continue;
    const parts = context.clipLine(entry.resolved.positions);
    const longest = parts.sort((first, second) => lineLengthMeters(second) - lineLengthMeters(first))[0];
    if (longest === undefined) continue;
    const incline = readTag(entry.tags, 'incline', entry.label, null);
    ramps.push(feature({
      ...facilityCommonProperties(context.claimId(entry.facilityId), 'ramp', entry.tags),
      ramp_type: 'wheelchair_ramp', kerb_ramp_form: null,
      slope_percent: incline === null ? null : Math.abs(incline),
      clear_width_m: readTag(entry.tags, 'width', entry.label, null),
      kerb_lip_mm: null,
      handrail: handrailOf(entry.tags, entry.label, null),
    }, pointGeometry(lineMidpoint(longest))));
  }

  return { network, ramps, tactilePaving, placedKerbNodes, placedTactileNodes };
}

/** How far a crossing may reach to a mapped sidewalk: half of an eight-lane carriageway (8 × 3.5 m / 2) plus a verge. */
export const CROSSING_REACH_METERS = 16;
/** How far beside the crossing's line a sidewalk node may lie and still be where it lands. */
export const CROSSING_CORRIDOR_METERS = 1.5;

/** Walkable nodes by grid cell, to find the sidewalk node a crossing reaches. */
class NodeGrid {
  private readonly cells = new Map<string, number[]>();
  private readonly cellDegrees = CROSSING_REACH_METERS / METERS_PER_DEGREE_LATITUDE;

  constructor(private readonly store: ConversionContext['store'], nodeIds: readonly number[]) {
    for (const nodeId of new Set(nodeIds)) {
      const position = store.nodePosition(nodeId);
      if (position === null) continue;
      const key = this.key(position[0], position[1]);
      const cell = this.cells.get(key) ?? [];
      cell.push(nodeId);
      this.cells.set(key, cell);
    }
  }

  private key(longitude: number, latitude: number): string {
    return `${Math.floor(longitude / this.cellDegrees)},${Math.floor(latitude / this.cellDegrees)}`;
  }

  /** The nearest node ahead of `from` in direction `ahead` (unit vector in metres), within the reach and corridor. */
  aheadOf(from: LngLat, ahead: [number, number], exclude: ReadonlySet<number>): { nodeId: number; position: LngLat } | null {
    const column = Math.floor(from[0] / this.cellDegrees);
    const row = Math.floor(from[1] / this.cellDegrees);
    // Cells are CROSSING_REACH_METERS tall but only cos(latitude) of that wide: look as many columns each way as cover the reach.
    const columnSpan = Math.ceil(1 / Math.max(0.05, Math.cos((from[1] * Math.PI) / 180)));
    let best: { nodeId: number; position: LngLat; distance: number } | null = null;
    for (let x = column - columnSpan; x <= column + columnSpan; x += 1) {
      for (let y = row - 1; y <= row + 1; y += 1) {
        for (const nodeId of this.cells.get(`${x},${y}`) ?? []) {
          if (exclude.has(nodeId)) continue;
          const position = this.store.nodePosition(nodeId) as LngLat;
          const east = (position[0] - from[0]) * metersPerDegreeLongitude(from[1]);
          const north = (position[1] - from[1]) * METERS_PER_DEGREE_LATITUDE;
          const distance = east * ahead[0] + north * ahead[1];
          const beside = Math.abs(east * ahead[1] - north * ahead[0]);
          if (distance < 1 || distance > CROSSING_REACH_METERS || beside > CROSSING_CORRIDOR_METERS) continue;
          if (best === null || distance < best.distance) best = { nodeId, position, distance };
        }
      }
    }
    return best === null ? null : { nodeId: best.nodeId, position: best.position };
  }
}

/** Direction of the street at a node, as a unit vector in metres, from its neighbours on the street ways. */
function roadDirectionAt(nodeId: number, roads: readonly OsmWay[], context: ConversionContext): [number, number] | null {
  let before: LngLat | null = null;
  let after: LngLat | null = null;
  for (const road of roads) {
    const resolved = context.resolveWay(road);
    if (resolved === null) continue;
    const index = resolved.nodeIds.indexOf(nodeId);
    if (index < 0) continue;
    before ??= resolved.positions[index - 1] ?? null;
    after ??= resolved.positions[index + 1] ?? null;
    if (before !== null && after !== null) break;
  }
  const here = context.store.nodePosition(nodeId);
  if (here === null) return null;
  const direction = directionMeters(before ?? here, after ?? here);
  return direction[0] === 0 && direction[1] === 0 ? null : direction;
}

/** The carriageway a crossing spans: width=*, else lanes × LANE_WIDTH_METERS, else DEFAULT_LANES of the class. */
function crossingLengthMeters(tags: OsmTags, label: string): number {
  const width = readTag(tags, 'width', label, null);
  if (width !== null && width >= 2 && width <= 60) return width;
  const lanes = Number(tags.lanes);
  const highway = (tags.highway ?? '').replace(/_link$/, '');
  const laneCount = Number.isInteger(lanes) && lanes >= 1 && lanes <= 12 ? lanes : DEFAULT_LANES[highway] ?? 2;
  return laneCount * LANE_WIDTH_METERS;
}
