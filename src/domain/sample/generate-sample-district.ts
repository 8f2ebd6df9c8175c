// Generates the fictional sample district (data/sample/): every file of a district folder as JSON,
// keyed by file name. Pure and deterministic: all variation comes from seeded random streams, so
// every run gives the same bytes. scripts/generate-sample.ts writes the result to disk.
//
// The contents are fiction shaped like a Shanghai street grid, with deliberate imperfections
// (missing kerb ramps, steep ramps, interrupted tactile paving, elevators out of service, unknown
// values) so the app's grading, routing and reporting have something to find.
import type { FeatureCollection, Geometry } from 'geojson';
import type {
  BasemapKind, CrossingKind, DistrictManifest, FacilityCategory, FacilityStatus, KerbKind, KerbRampForm, LayerCounts, LngLat, NetworkKind,
  PlaceKind, ToiletAccess,
} from '../facilities/model.ts';
import { LAYER_FILES } from '../facilities/model.ts';
import { createLocalProjection, roundCoordinate, type LocalPoint } from './local-projection.ts';
import {
  createLabelledRandom, randomBetween, randomChance, randomInteger, randomPick, randomWeighted, type RandomSource,
} from './random.ts';
import {
  alongPosition, buildBlocks, buildSidewalkRuns, buildStreetGrid, crossingEndKey, crossPosition, DISTRICT_HALF_HEIGHT_METERS,
  DISTRICT_HALF_WIDTH_METERS, findIntersection, findStreet, intersectionsAlong, intersectOffsetLines, pointBesideLine, pointInBlock, quadrantOf, sideName,
  streetExtent, type Block, type GuideLine, type Intersection, type Leg, type LineSide, type Quadrant, type SidewalkAttachment,
  type SidewalkRun, type Street, type StreetGrid,
} from './street-grid.ts';

const SEED = 20250314;
const ORIGIN: LngLat = [121.47, 31.23];
const DISTRICT_ID = 'sample';
const SOURCE = 'sample-generator';
/** From the middle of a sidewalk to the building line. */
const BUILDING_GAP_METERS = 7;
const EDGE_MARGIN_METERS = 10;
const CANAL_HALF_WIDTH_METERS = 9;
/** The canal runs this far south of Qingxi Road (清溪路, named after it). */
const CANAL_SOUTH_OF_QINGXI_METERS = 85;
/** Clear height under the footbridge; GB 50763-2012 does not set it, city practice is about 5 m for a road. */
const FOOTBRIDGE_RISE_METERS = 5.4;
const METRO_CONCOURSE_DEPTH_METERS = 5.0;
/** A typical riser height, used to count steps from a rise. */
const STEP_RISER_METERS = 0.15;

// ---------------------------------------------------------------------------------------------
// Small helpers

function roundTo(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  // Fix the float noise of the division and drop negative zero.
  const tidy = Number(rounded.toFixed(6));
  return tidy === 0 ? 0 : tidy;
}

function distance(first: LocalPoint, second: LocalPoint): number {
  return Math.hypot(second.x - first.x, second.y - first.y);
}

function polylineLength(points: readonly LocalPoint[]): number {
  let length = 0;
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1];
    const current = points[index];
    if (previous !== undefined && current !== undefined) length += distance(previous, current);
  }
  return length;
}

function midpoint(first: LocalPoint, second: LocalPoint): LocalPoint {
  return { x: (first.x + second.x) / 2, y: (first.y + second.y) / 2 };
}

function offsetPoint(point: LocalPoint, eastMeters: number, northMeters: number): LocalPoint {
  return { x: point.x + eastMeters, y: point.y + northMeters };
}

/** A short line across `direction` (from `from` to `to`), centred on `centre`. */
function lineAcross(centre: LocalPoint, from: LocalPoint, to: LocalPoint, lengthMeters: number): LocalPoint[] {
  const length = distance(from, to);
  const across = { x: -(to.y - from.y) / length, y: (to.x - from.x) / length };
  const half = lengthMeters / 2;
  return [offsetPoint(centre, -across.x * half, -across.y * half), offsetPoint(centre, across.x * half, across.y * half)];
}

/** A point `meters` from `from` towards `to`. */
function towards(from: LocalPoint, to: LocalPoint, meters: number): LocalPoint {
  const length = distance(from, to);
  return { x: from.x + ((to.x - from.x) / length) * meters, y: from.y + ((to.y - from.y) / length) * meters };
}

/** Points of the offset line strictly between two along positions, so curved streets stay curved. */
function pointsBetween(line: GuideLine, side: LineSide, distanceMeters: number, fromAlong: number, toAlong: number): LocalPoint[] {
  if (line.bendAmplitudeMeters === 0) return [];
  const stepMeters = 40;
  const count = Math.floor(Math.abs(toAlong - fromAlong) / stepMeters);
  const points: LocalPoint[] = [];
  for (let index = 1; index <= count; index += 1) {
    const along = fromAlong + ((toAlong - fromAlong) * index) / (count + 1);
    points.push(pointBesideLine(line, along, side, distanceMeters));
  }
  return points;
}

function isoDate(dayNumber: number): string {
  return new Date(Date.UTC(2025, 0, 1 + dayNumber)).toISOString().slice(0, 10);
}

/** Sample surveys run from 2025-01-01 to 2026-04-30, the last day a record may claim a site check. */
const LAST_SURVEY_DAY_NUMBER = Math.round((Date.UTC(2026, 3, 30) - Date.UTC(2025, 0, 1)) / 86400000);

function surveyDate(random: RandomSource, earliestDayNumber = 0): string {
  return isoDate(randomInteger(random, earliestDayNumber, LAST_SURVEY_DAY_NUMBER));
}

const QUADRANT_WORDS: Record<Quadrant, { zh: string; en: string }> = {
  south_west: { zh: '西南角', en: 'south-west corner' },
  south_east: { zh: '东南角', en: 'south-east corner' },
  north_west: { zh: '西北角', en: 'north-west corner' },
  north_east: { zh: '东北角', en: 'north-east corner' },
};

const SIDE_WORDS: Record<'north' | 'south' | 'east' | 'west', { zh: string; en: string }> = {
  north: { zh: '北侧', en: 'north side' },
  south: { zh: '南侧', en: 'south side' },
  east: { zh: '东侧', en: 'east side' },
  west: { zh: '西侧', en: 'west side' },
};

/** A house number in the Shanghai manner: even on one side of the street, odd on the other. */
function houseNumber(street: Street, along: number, side: LineSide): number {
  const halfLength = street.axis === 'east_west' ? DISTRICT_HALF_WIDTH_METERS : DISTRICT_HALF_HEIGHT_METERS;
  const step = Math.max(1, Math.round((along + halfLength) / 8));
  return step * 2 + (side === 1 ? 0 : 1);
}

function streetAddress(street: Street, along: number, side: LineSide): { zh: string; en: string } {
  const number = houseNumber(street, along, side);
  return { zh: `${street.nameZh}${number}号`, en: `${number} ${street.nameEn}` };
}

function junctionAddress(intersection: Intersection): { zh: string; en: string } {
  return {
    zh: `${intersection.eastWest.nameZh}与${intersection.northSouth.nameZh}交叉口`,
    en: `${intersection.eastWest.nameEn} & ${intersection.northSouth.nameEn}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Draft records in the local frame; ids are given out at the end, in order, per layer.

interface Survey {
  status: FacilityStatus;
  status_note: string | null;
  last_verified: string | null;
}

interface FacilityDraft {
  key: string;
  category: FacilityCategory;
  nameZh: string | null;
  nameEn: string | null;
  address: { zh: string; en: string } | null;
  survey: Survey;
  /** Category-specific properties, in the order of data/README.md. */
  details: Record<string, unknown>;
  location: LocalPoint | LocalPoint[];
}

interface NetworkFields {
  kind: NetworkKind;
  name_zh: string | null;
  name_en: string | null;
  incline_percent: number | null;
  width_m: number | null;
  surface: string | null;
  kerb_start: KerbKind | null;
  kerb_end: KerbKind | null;
  kerb_start_height_mm: number | null;
  kerb_end_height_mm: number | null;
  tactile_paving: boolean | null;
  crossing: CrossingKind | null;
  crossing_sound: boolean | null;
  step_count: number | null;
  handrail: boolean | null;
}

interface NetworkDraft {
  fields: NetworkFields;
  /** Key of the facility draft this edge passes through. */
  facilityKey: string | null;
  points: LocalPoint[];
}

function networkEdge(kind: NetworkKind, points: LocalPoint[], fields: Partial<NetworkFields>, facilityKey: string | null = null): NetworkDraft {
  return {
    fields: {
      kind,
      name_zh: null,
      name_en: null,
      incline_percent: null,
      width_m: null,
      surface: null,
      kerb_start: null,
      kerb_end: null,
      kerb_start_height_mm: null,
      kerb_end_height_mm: null,
      tactile_paving: null,
      crossing: null,
      crossing_sound: null,
      step_count: null,
      handrail: null,
      ...fields,
    },
    facilityKey,
    points,
  };
}

interface PlaceDraft {
  kind: PlaceKind;
  nameZh: string;
  nameEn: string;
  address: { zh: string; en: string } | null;
  location: LocalPoint;
}

interface BasemapDraft {
  kind: BasemapKind;
  nameZh: string | null;
  nameEn: string | null;
  /** A line for roads and rail, a closed counter-clockwise ring for areas. */
  points: LocalPoint[];
}

function closedRing(points: readonly LocalPoint[]): LocalPoint[] {
  const first = points[0];
  if (first === undefined) throw new Error('a ring needs points');
  return [...points, first];
}

// ---------------------------------------------------------------------------------------------
// Statuses

const OUT_OF_SERVICE_NOTES: Record<FacilityCategory, readonly string[]> = {
  ramp: ['施工围挡遮挡坡道 / blocked by construction hoarding', '坡道被违停车辆占用 / blocked by parked cars'],
  toilet: ['门锁损坏，维修中 / door lock broken, under repair'],
  elevator: ['电梯维修中 / under repair'],
  tactile_paving: ['盲道被停放的共享单车占用 / blocked by parked shared bicycles', '盲道砖破损 / broken tiles'],
};

function randomSurvey(random: RandomSource, category: FacilityCategory, weights: { working: number; outOfService: number; unknown: number }): Survey {
  const status = randomWeighted<FacilityStatus>(random, [['working', weights.working], ['out_of_service', weights.outOfService], ['unknown', weights.unknown]]);
  return fixedSurvey(random, category, status);
}

function fixedSurvey(random: RandomSource, category: FacilityCategory, status: FacilityStatus, note?: string): Survey {
  if (status === 'out_of_service') {
    // Faults are reported recently: from 2026 on.
    return { status, status_note: note ?? randomPick(random, OUT_OF_SERVICE_NOTES[category]), last_verified: surveyDate(random, 365) };
  }
  if (status === 'unknown') return { status, status_note: null, last_verified: randomChance(random, 0.2) ? surveyDate(random) : null };
  return { status, status_note: null, last_verified: randomChance(random, 0.85) ? surveyDate(random) : null };
}

// ---------------------------------------------------------------------------------------------
// Heights, for inclines: Shanghai is flat; the slopes that matter are bridge approaches and hills
// heaped up in parks.

interface CanalBridge {
  street: Street;
  /** Where each sidewalk line crosses the canal's centre line, by side. */
  canalAlong: Record<LineSide, number>;
  riseMeters: number;
  approachMeters: number;
}

interface ParkHill {
  centre: LocalPoint;
  radiusMeters: number;
  heightMeters: number;
}

function terrainHeight(point: LocalPoint, hills: readonly ParkHill[]): number {
  const gentle = 0.6 * Math.sin(point.x / 450 + 0.3) + 0.4 * Math.cos(point.y / 380);
  const hillHeight = hills.reduce((sum, hill) => sum + hill.heightMeters * Math.max(0, 1 - distance(point, hill.centre) / hill.radiusMeters), 0);
  return gentle + hillHeight;
}

function bridgeRise(bridges: readonly CanalBridge[], street: Street, side: LineSide, along: number): number {
  const bridge = bridges.find((candidate) => candidate.street === street);
  if (bridge === undefined) return 0;
  const fromCanal = Math.abs(along - bridge.canalAlong[side]);
  if (fromCanal <= CANAL_HALF_WIDTH_METERS) return bridge.riseMeters;
  if (fromCanal >= CANAL_HALF_WIDTH_METERS + bridge.approachMeters) return 0;
  return bridge.riseMeters * (1 - (fromCanal - CANAL_HALF_WIDTH_METERS) / bridge.approachMeters);
}

function inclinePercent(points: readonly LocalPoint[], startHeight: number, endHeight: number): number {
  return roundTo(((endHeight - startHeight) / polylineLength(points)) * 100, 0.1);
}

// ---------------------------------------------------------------------------------------------
// The plan: where the special places go. Blocks are named by their south and west boundaries.

interface BlockReference {
  south: string;
  west: string;
  north: string;
  east: string;
}

const WUTONG_PARK_BLOCK: BlockReference = { south: 'wutong', west: 'changle', north: 'anlan', east: 'mingde' };
const YULAN_PARK_BLOCK: BlockReference = { south: 'qingxi', west: 'chunshen', north: 'wangjiang', east: 'yunling' };
const MALL_BLOCK: BlockReference = { south: 'huachen', west: 'jiahe', north: 'yongfu', east: 'tongxin' };
const HOSPITAL_BLOCK: BlockReference = { south: 'anlan', west: 'tongxin', north: 'heping', east: 'chunshen' };
const CIVIC_BLOCK: BlockReference = { south: 'heping', west: 'mingde', north: 'huachen', east: 'jiahe' };
const SPECIAL_BLOCKS = [WUTONG_PARK_BLOCK, YULAN_PARK_BLOCK, MALL_BLOCK, HOSPITAL_BLOCK, CIVIC_BLOCK];

function findBlock(blocks: readonly Block[], reference: BlockReference): Block {
  const block = blocks.find((candidate) => candidate.southKey === reference.south && candidate.westKey === reference.west);
  if (block === undefined || block.northKey !== reference.north || block.eastKey !== reference.east) {
    throw new Error(`no block ${reference.south}/${reference.west} bounded by ${reference.north}/${reference.east}`);
  }
  return block;
}

function sameBlock(block: Block, reference: BlockReference): boolean {
  return block.southKey === reference.south && block.westKey === reference.west;
}

/** A point of a block's street-facing edge, and the sidewalk attachment facing it. */
interface Frontage {
  street: Street;
  side: LineSide;
  along: number;
  /** On the building line. */
  buildingPoint: LocalPoint;
}

function frontage(grid: StreetGrid, block: Block, face: 'south' | 'north' | 'west' | 'east', fraction: number): Frontage {
  const facePoint = {
    south: () => pointInBlock(block, fraction, 0),
    north: () => pointInBlock(block, fraction, 1),
    west: () => pointInBlock(block, 0, fraction),
    east: () => pointInBlock(block, 1, fraction),
  }[face]();
  const streetKey = { south: block.southKey, north: block.northKey, west: block.westKey, east: block.eastKey }[face];
  const street = findStreet(grid, streetKey);
  // The block lies north of its south street, so it faces that street's north side, and so on.
  const side: LineSide = face === 'south' || face === 'west' ? 1 : -1;
  return { street, side, along: alongPosition(street, facePoint), buildingPoint: facePoint };
}

// ---------------------------------------------------------------------------------------------
// Kerb ramps, graded against GB 50763-2012 §3.1: lip at most 10 mm (§3.1.1); full-width ramps at
// most 1:20 = 5 % (§3.1.2); three-sided and other forms at most 1:12 ≈ 8.33 % (§3.1.2); width of a
// three-sided ramp at least 1.20 m, of other forms at least 1.50 m, full-width as wide as the
// sidewalk (§3.1.3).

interface KerbRampMeasurements {
  form: KerbRampForm | null;
  slopePercent: number | null;
  clearWidthMeters: number | null;
  kerbLipMillimeters: number | null;
}

function kerbRampMeasurements(random: RandomSource, kerb: 'lowered' | 'flush', sidewalkWidthMeters: number | null): KerbRampMeasurements {
  const form = randomWeighted<KerbRampForm | null>(random, [['full_width', 0.3], ['three_sided', 0.38], ['other', 0.22], [null, 0.1]]);
  const slopeLimit = form === 'full_width' ? 5 : 8.3;
  let outcome = randomWeighted(random, [['meets', 0.68], ['too_steep', 0.08], ['high_lip', 0.08], ['too_narrow', 0.06], ['unmeasured', 0.1]] as const);
  if (outcome === 'too_narrow' && form === 'full_width') outcome = 'too_steep';
  if (outcome === 'high_lip' && kerb === 'flush') outcome = 'meets';
  const minimumWidth = form === 'three_sided' ? 1.2 : 1.5;
  let slopePercent = roundTo(randomBetween(random, form === 'full_width' ? 2 : 3.5, slopeLimit), 0.1);
  let kerbLipMillimeters = kerb === 'flush' ? randomInteger(random, 0, 5) : randomInteger(random, 0, 10);
  let clearWidthMeters = form === 'full_width'
    ? (sidewalkWidthMeters ?? roundTo(randomBetween(random, 2, 4), 0.1))
    : roundTo(randomBetween(random, minimumWidth, minimumWidth + 0.8), 0.05);
  if (outcome === 'too_steep') slopePercent = roundTo(form === 'full_width' ? randomBetween(random, 5.6, 9) : randomBetween(random, 8.9, 14), 0.1);
  if (outcome === 'high_lip') kerbLipMillimeters = randomInteger(random, 15, 30);
  if (outcome === 'too_narrow') clearWidthMeters = roundTo(randomBetween(random, minimumWidth - 0.3, minimumWidth - 0.1), 0.05);
  if (outcome === 'unmeasured') {
    const unknownCount = randomInteger(random, 1, 3);
    const order = randomPick(random, [['slope', 'width', 'lip'], ['width', 'lip', 'slope'], ['lip', 'slope', 'width']] as const);
    const unknown = new Set(order.slice(0, unknownCount));
    return {
      form,
      slopePercent: unknown.has('slope') ? null : slopePercent,
      clearWidthMeters: unknown.has('width') ? null : clearWidthMeters,
      kerbLipMillimeters: unknown.has('lip') ? null : kerbLipMillimeters,
    };
  }
  return { form, slopePercent, clearWidthMeters, kerbLipMillimeters };
}

// ---------------------------------------------------------------------------------------------
// The generator

interface CrossingEnd {
  key: string;
  point: LocalPoint;
  quadrant: Quadrant;
  /** Width of the sidewalk the crossing lands on, for full-width ramps. */
  sidewalkWidthMeters: number | null;
}

export function generateSampleDistrict(): Record<string, unknown> {
  const projection = createLocalProjection(ORIGIN);
  const stream = (label: string): RandomSource => createLabelledRandom(SEED, label);
  const grid = buildStreetGrid(stream('streets'));
  const blocks = buildBlocks(grid, BUILDING_GAP_METERS, EDGE_MARGIN_METERS);
  const avenue = findStreet(grid, 'huachen');
  const qingxi = findStreet(grid, 'qingxi');

  // --- The canal and the road bridges over it.
  const canal: GuideLine = { ...qingxi, baseMeters: qingxi.baseMeters - CANAL_SOUTH_OF_QINGXI_METERS };
  const bridgeRandom = stream('bridges');
  const bridges: CanalBridge[] = [];
  for (const street of grid.northSouth) {
    const extent = streetExtent(grid, street);
    const crossingAt = (side: LineSide): number => intersectOffsetLines(
      { line: canal, side: 1, distanceMeters: 0 },
      { line: street, side, distanceMeters: street.sidewalkOffsetMeters },
    ).y;
    const canalAlong = { [-1]: crossingAt(-1), [1]: crossingAt(1) } as Record<LineSide, number>;
    if (canalAlong[1] <= extent.start || canalAlong[1] >= extent.end) continue;
    bridges.push({
      street,
      canalAlong,
      riseMeters: roundTo(randomBetween(bridgeRandom, 1.2, 2.0), 0.1),
      approachMeters: roundTo(randomBetween(bridgeRandom, 25, 40), 1),
    });
  }

  // --- Places that need a node on a sidewalk.
  const attachments: SidewalkAttachment[] = [];
  const attach = (key: string, street: Street, side: LineSide, along: number): void => {
    attachments.push({ key, streetKey: street.key, side, along });
  };
  for (const bridge of bridges) {
    for (const side of [-1, 1] as const) {
      const canalAlong = bridge.canalAlong[side];
      const offsets = [-CANAL_HALF_WIDTH_METERS - bridge.approachMeters, -CANAL_HALF_WIDTH_METERS, CANAL_HALF_WIDTH_METERS, CANAL_HALF_WIDTH_METERS + bridge.approachMeters];
      offsets.forEach((offset, index) => attach(`bridge:${bridge.street.key}:${sideName(bridge.street, side)}:${index}`, bridge.street, side, canalAlong + offset));
    }
  }

  // Footbridge over the avenue, mid-block between Chunshen Road and Yunling Road.
  const footbridgeAlong = (findIntersection(grid, 'huachen', 'chunshen').centre.x + findIntersection(grid, 'huachen', 'yunling').centre.x) / 2;
  attach('footbridge:stairs:south', avenue, -1, footbridgeAlong - 14);
  attach('footbridge:elevator:south', avenue, -1, footbridgeAlong + 7);
  attach('footbridge:stairs:north', avenue, 1, footbridgeAlong + 14);
  attach('footbridge:elevator:north', avenue, 1, footbridgeAlong - 7);

  // Metro station under Huachen Avenue & Jiahe Road, exits 1–4 clockwise from the north-west.
  const metroJunction = findIntersection(grid, 'huachen', 'jiahe');
  const metroExits = ([[1, 1, -1], [2, 1, 1], [3, -1, 1], [4, -1, -1]] as const).map(([number, side, direction]) => {
    const corner = metroJunction.corners[quadrantOf(side, direction)];
    const along = corner.x + direction * 25;
    return { number, side, direction, along, quadrant: quadrantOf(side, direction) };
  });
  for (const exit of metroExits) attach(`metro:exit:${exit.number}`, avenue, exit.side, exit.along);
  const liftExit = metroExits[1];
  if (liftExit === undefined) throw new Error('exit 2 is planned above');
  attach('metro:exit:2:elevator', avenue, liftExit.side, liftExit.along + liftExit.direction * 18);

  // Building entrances.
  const mallBlock = findBlock(blocks, MALL_BLOCK);
  const hospitalBlock = findBlock(blocks, HOSPITAL_BLOCK);
  const civicBlock = findBlock(blocks, CIVIC_BLOCK);
  const entrances = {
    mall: frontage(grid, mallBlock, 'south', 0.5),
    hospital: frontage(grid, hospitalBlock, 'north', 0.5),
    communityCentre: frontage(grid, civicBlock, 'south', 0.25),
    library: frontage(grid, civicBlock, 'south', 0.75),
  };
  for (const [name, entrance] of Object.entries(entrances)) attach(`entrance:${name}`, entrance.street, entrance.side, entrance.along);

  // Park gates, one in the middle of each side.
  const parkPlans = [
    { key: 'wutong', nameZh: '梧桐公园', nameEn: 'Wutong Park', block: findBlock(blocks, WUTONG_PARK_BLOCK), hillMeters: 2.4 },
    { key: 'yulan', nameZh: '玉兰公园', nameEn: 'Yulan Park', block: findBlock(blocks, YULAN_PARK_BLOCK), hillMeters: 0 },
  ];
  const parkRandom = stream('parks');
  const parks = parkPlans.map((plan) => {
    const gates = (['south', 'east', 'north', 'west'] as const).map((face) => ({ face, place: frontage(grid, plan.block, face, randomBetween(parkRandom, 0.4, 0.6)) }));
    for (const gate of gates) attach(`park:${plan.key}:${gate.face}`, gate.place.street, gate.place.side, gate.place.along);
    const plaza = pointInBlock(plan.block, randomBetween(parkRandom, 0.45, 0.55), randomBetween(parkRandom, 0.45, 0.55));
    return { ...plan, gates, plaza };
  });
  const hills: ParkHill[] = parks.filter((park) => park.hillMeters > 0).map((park) => ({ centre: park.plaza, radiusMeters: 70, heightMeters: park.hillMeters }));

  // --- Sidewalks.
  const runs = buildSidewalkRuns(grid, attachments);
  const nodePoints = new Map<string, LocalPoint>();
  const sidewalkWidthAt = new Map<string, number | null>();
  const network: NetworkDraft[] = [];
  const facilities: FacilityDraft[] = [];
  const guidedStreets = new Set(['huachen', 'heping', 'jiahe']);
  const sidewalkRandom = stream('sidewalks');
  const widthRange: Record<Street['rank'], [number, number]> = { avenue: [4, 6], main: [2.5, 4.5], local: [1.5, 3.5] };
  const nodeHeight = (run: SidewalkRun, index: number): number => {
    const node = run.nodes[index];
    if (node === undefined) throw new Error('node index out of range');
    return terrainHeight(node.point, hills) + bridgeRise(bridges, run.street, run.side, node.along);
  };
  for (const run of runs) {
    const [minimumWidth, maximumWidth] = widthRange[run.street.rank];
    const widthMeters = randomChance(sidewalkRandom, 0.08) ? null : roundTo(randomBetween(sidewalkRandom, minimumWidth, maximumWidth), 0.1);
    const surface = randomWeighted<string | null>(sidewalkRandom, [['paving_stones', 0.7], ['concrete', 0.15], ['asphalt', 0.05], [null, 0.1]]);
    const tactilePaving = guidedStreets.has(run.street.key) ? true : randomWeighted<boolean | null>(sidewalkRandom, [[false, 0.4], [null, 0.6]]);
    run.nodes.forEach((node, index) => {
      nodePoints.set(node.key, node.point);
      sidewalkWidthAt.set(node.key, widthMeters);
      const next = run.nodes[index + 1];
      if (next === undefined) return;
      const points = [node.point, ...pointsBetween(run.street, run.side, run.street.sidewalkOffsetMeters, node.along, next.along), next.point];
      const incline = inclinePercent(points, nodeHeight(run, index), nodeHeight(run, index + 1));
      const surveyed = Math.abs(incline) >= 1 || randomChance(sidewalkRandom, 0.75);
      network.push(networkEdge('sidewalk', points, {
        name_zh: run.street.nameZh,
        name_en: run.street.nameEn,
        incline_percent: surveyed ? incline : null,
        width_m: widthMeters,
        surface,
        tactile_paving: tactilePaving,
      }));
    });
  }
  const nodePoint = (key: string): LocalPoint => {
    const point = nodePoints.get(key);
    if (point === undefined) throw new Error(`no sidewalk node ${key}`);
    return point;
  };

  // --- Crossings, their kerbs, kerb ramps and warning strips.
  const crossingRandom = stream('crossings');
  const rampRandom = stream('kerb-ramps');
  const tactileRandom = stream('tactile-paving');
  for (const intersection of grid.intersections) {
    const onAvenue = intersection.eastWest.rank === 'avenue' || intersection.northSouth.rank === 'avenue';
    const onMainStreet = intersection.eastWest.rank === 'main' || intersection.northSouth.rank === 'main';
    for (const leg of ['west', 'east', 'south', 'north'] as const satisfies readonly Leg[]) {
      if (!intersection.legs[leg]) continue;
      const crossesEastWest = leg === 'west' || leg === 'east';
      const crossed = crossesEastWest ? intersection.eastWest : intersection.northSouth;
      const legSide: LineSide = leg === 'west' || leg === 'south' ? -1 : 1;
      // Drawn from the north or west side of the crossed street to the other side.
      const endSides: readonly [LineSide, LineSide] = crossesEastWest ? [1, -1] : [-1, 1];
      const ends: CrossingEnd[] = endSides.map((side) => {
        const key = crossingEndKey(intersection, leg, sideName(crossed, side));
        return {
          key,
          point: nodePoint(key),
          quadrant: crossesEastWest ? quadrantOf(side, legSide) : quadrantOf(legSide, side),
          sidewalkWidthMeters: sidewalkWidthAt.get(key) ?? null,
        };
      });
      const [start, end] = ends;
      if (start === undefined || end === undefined) throw new Error('a crossing has two ends');
      const crossingKind: CrossingKind = onAvenue ? 'traffic_signals' : randomWeighted<CrossingKind>(crossingRandom, [['marked', 0.75], ['unmarked', 0.25]]);
      const tactilePaving = randomWeighted<boolean | null>(crossingRandom, onAvenue
        ? [[true, 0.85], [false, 0.1], [null, 0.05]]
        : onMainStreet ? [[true, 0.4], [false, 0.35], [null, 0.25]] : [[true, 0.15], [false, 0.5], [null, 0.35]]);
      const kerbs = ends.map((crossingEnd) => {
        const kerb = randomWeighted<KerbKind | null>(crossingRandom, onAvenue
          ? [['lowered', 0.8], ['flush', 0.05], ['raised', 0.05], [null, 0.1]]
          : [['lowered', 0.55], ['flush', 0.1], ['raised', 0.17], [null, 0.18]]);
        if (kerb === 'raised') return { kerb, heightMillimeters: randomInteger(crossingRandom, 100, 150) };
        if (kerb !== 'lowered' && kerb !== 'flush') return { kerb, heightMillimeters: null };
        // A lowered or flush kerb has a kerb ramp, whose lip is the kerb's remaining height.
        const measurements = kerbRampMeasurements(rampRandom, kerb, crossingEnd.sidewalkWidthMeters);
        facilities.push({
          key: `kerb-ramp:${crossingEnd.key}`,
          category: 'ramp',
          nameZh: `${intersection.eastWest.nameZh}/${intersection.northSouth.nameZh}路口${QUADRANT_WORDS[crossingEnd.quadrant].zh}缘石坡道（过${crossed.nameZh}）`,
          nameEn: `Kerb ramp, ${intersection.eastWest.nameEn} / ${intersection.northSouth.nameEn}, ${QUADRANT_WORDS[crossingEnd.quadrant].en} (crossing ${crossed.nameEn})`,
          address: junctionAddress(intersection),
          survey: randomSurvey(rampRandom, 'ramp', { working: 0.75, outOfService: 0.04, unknown: 0.21 }),
          details: {
            ramp_type: 'kerb_ramp',
            kerb_ramp_form: measurements.form,
            slope_percent: measurements.slopePercent,
            clear_width_m: measurements.clearWidthMeters,
            kerb_lip_mm: measurements.kerbLipMillimeters,
            handrail: randomChance(rampRandom, 0.7) ? false : null,
          },
          location: crossingEnd.point,
        });
        return { kerb, heightMillimeters: measurements.kerbLipMillimeters };
      });
      const [startKerb, endKerb] = kerbs;
      if (startKerb === undefined || endKerb === undefined) throw new Error('a crossing has two kerbs');
      network.push(networkEdge('crossing', [start.point, end.point], {
        name_zh: `${crossed.nameZh}人行横道`,
        name_en: `${crossed.nameEn} crossing`,
        width_m: onAvenue ? roundTo(randomBetween(crossingRandom, 5, 8), 0.5) : roundTo(randomBetween(crossingRandom, 3, 5), 0.5),
        surface: 'asphalt',
        kerb_start: startKerb.kerb,
        kerb_end: endKerb.kerb,
        kerb_start_height_mm: startKerb.heightMillimeters,
        kerb_end_height_mm: endKerb.heightMillimeters,
        tactile_paving: tactilePaving,
        crossing: crossingKind,
        crossing_sound: crossingKind === 'traffic_signals' ? randomChance(crossingRandom, 0.6) : false,
      }));
      if (tactilePaving === true) {
        for (const [crossingEnd, otherEnd] of [[start, end], [end, start]] as const) {
          // Warning strip along the kerb edge, a little into the crossing from the sidewalk's middle.
          const kerbEdge = towards(crossingEnd.point, otherEnd.point, 0.6);
          facilities.push({
            key: `warning:${crossingEnd.key}`,
            category: 'tactile_paving',
            nameZh: `${crossed.nameZh}人行横道提示盲道（${QUADRANT_WORDS[crossingEnd.quadrant].zh}）`,
            nameEn: `Warning strip, ${crossed.nameEn} crossing, ${QUADRANT_WORDS[crossingEnd.quadrant].en}`,
            address: junctionAddress(intersection),
            survey: randomSurvey(tactileRandom, 'tactile_paving', { working: 0.8, outOfService: 0.03, unknown: 0.17 }),
            details: { tactile_type: 'warning', continuity: null },
            location: lineAcross(kerbEdge, crossingEnd.point, otherEnd.point, roundTo(randomBetween(tactileRandom, 1.6, 2.4), 0.1)),
          });
        }
      }
    }
  }

  // --- Guiding tactile paving along the main streets, with real gaps where it is interrupted.
  for (const run of runs) {
    if (!guidedStreets.has(run.street.key)) continue;
    const first = run.nodes[0];
    const last = run.nodes[run.nodes.length - 1];
    if (first === undefined || last === undefined || last.along - first.along < 25) continue;
    const from = first.along + 3;
    const to = last.along - 3;
    const span = to - from;
    const continuity = randomWeighted<'continuous' | 'interrupted' | null>(tactileRandom, [['continuous', 0.55], ['interrupted', 0.35], [null, 0.1]]);
    const pieces: [number, number][] = [];
    if (continuity === 'interrupted') {
      const gapCentres = span > 120
        ? [from + span * randomBetween(tactileRandom, 0.2, 0.4), from + span * randomBetween(tactileRandom, 0.6, 0.8)]
        : [from + span * randomBetween(tactileRandom, 0.35, 0.65)];
      let pieceStart = from;
      for (const gapCentre of gapCentres) {
        const halfGap = randomBetween(tactileRandom, 2, 6);
        pieces.push([pieceStart, gapCentre - halfGap]);
        pieceStart = gapCentre + halfGap;
      }
      pieces.push([pieceStart, to]);
    } else {
      pieces.push([from, to]);
    }
    const offset = run.street.sidewalkOffsetMeters + 0.8;
    const side = sideName(run.street, run.side);
    const survey = randomSurvey(tactileRandom, 'tactile_paving', { working: 0.7, outOfService: 0.08, unknown: 0.22 });
    for (const [pieceFrom, pieceTo] of pieces) {
      facilities.push({
        key: `guiding:${run.street.key}:${side}:${pieceFrom.toFixed(1)}`,
        category: 'tactile_paving',
        nameZh: `${run.street.nameZh}${SIDE_WORDS[side].zh}行进盲道`,
        nameEn: `Guiding strip, ${run.street.nameEn}, ${SIDE_WORDS[side].en}`,
        address: streetAddress(run.street, (pieceFrom + pieceTo) / 2, run.side),
        survey,
        details: { tactile_type: 'guiding', continuity },
        location: [
          pointBesideLine(run.street, pieceFrom, run.side, offset),
          ...pointsBetween(run.street, run.side, offset, pieceFrom, pieceTo),
          pointBesideLine(run.street, pieceTo, run.side, offset),
        ],
      });
    }
  }

  // --- The footbridge: stairs on both sides, an elevator on each side (the northern one broken).
  const elevatorRandom = stream('elevators');
  const footbridgeName = { zh: `${avenue.nameZh}人行天桥`, en: `${avenue.nameEn} footbridge` };
  const chunshen = findStreet(grid, 'chunshen');
  const yunling = findStreet(grid, 'yunling');
  const footbridgeAddress = {
    zh: `${avenue.nameZh}（${chunshen.nameZh}与${yunling.nameZh}之间）`,
    en: `${avenue.nameEn}, between ${chunshen.nameEn} and ${yunling.nameEn}`,
  };
  const landings: Record<LineSide, LocalPoint> = {
    [-1]: pointBesideLine(avenue, footbridgeAlong, -1, avenue.sidewalkOffsetMeters + 3),
    [1]: pointBesideLine(avenue, footbridgeAlong, 1, avenue.sidewalkOffsetMeters + 3),
  } as Record<LineSide, LocalPoint>;
  const stepsWarnings = (key: string, bottom: LocalPoint, top: LocalPoint, name: { zh: string; en: string }, address: { zh: string; en: string }): void => {
    for (const [end, label] of [[bottom, 'bottom'], [top, 'top']] as const) {
      facilities.push({
        key: `warning:${key}:${label}`,
        category: 'tactile_paving',
        nameZh: `${name.zh}${label === 'bottom' ? '底部' : '顶部'}提示盲道`,
        nameEn: `Warning strip, ${name.en}, ${label}`,
        address,
        survey: randomSurvey(tactileRandom, 'tactile_paving', { working: 0.8, outOfService: 0, unknown: 0.2 }),
        details: { tactile_type: 'warning', continuity: null },
        location: lineAcross(end, bottom, top, 1.8),
      });
    }
  };
  for (const side of [-1, 1] as const) {
    const words = SIDE_WORDS[sideName(avenue, side)];
    const landing = landings[side];
    const stairsBottom = nodePoint(`footbridge:stairs:${sideName(avenue, side)}`);
    const stairsPoints = [stairsBottom, landing];
    network.push(networkEdge('steps', stairsPoints, {
      name_zh: `${footbridgeName.zh}${words.zh}楼梯`,
      name_en: `${footbridgeName.en}, ${words.en} stairs`,
      incline_percent: roundTo((FOOTBRIDGE_RISE_METERS / polylineLength(stairsPoints)) * 100, 0.1),
      width_m: 2.5,
      surface: 'concrete',
      tactile_paving: true,
      step_count: Math.round(FOOTBRIDGE_RISE_METERS / STEP_RISER_METERS),
      handrail: true,
    }));
    stepsWarnings(`footbridge:stairs:${side}`, stairsBottom, landing, { zh: `${footbridgeName.zh}${words.zh}楼梯`, en: `${footbridgeName.en}, ${words.en} stairs` }, footbridgeAddress);
    const elevatorKey = `elevator:footbridge:${sideName(avenue, side)}`;
    const elevatorBottom = nodePoint(`footbridge:elevator:${sideName(avenue, side)}`);
    network.push(networkEdge('elevator', [elevatorBottom, landing], {
      name_zh: `${footbridgeName.zh}${words.zh}电梯`,
      name_en: `${footbridgeName.en}, ${words.en} elevator`,
    }, elevatorKey));
    const broken = side === 1;
    facilities.push({
      key: elevatorKey,
      category: 'elevator',
      nameZh: `${footbridgeName.zh}${words.zh}电梯`,
      nameEn: `${footbridgeName.en}, ${words.en} elevator`,
      address: footbridgeAddress,
      survey: fixedSurvey(elevatorRandom, 'elevator', broken ? 'out_of_service' : 'working', broken ? '电梯维修中 / under repair' : undefined),
      // The northern lift is an older, smaller cabin than GB 50763-2012 §3.7.2 asks (1.10 m × 1.40 m, door 0.80 m).
      details: {
        elevator_type: 'elevator',
        cabin_width_m: broken ? 1.0 : 1.1,
        cabin_depth_m: broken ? 1.3 : 1.4,
        door_width_m: broken ? 0.75 : 0.8,
        braille: true,
        voice: !broken,
        connects_zh: '地面 ↔ 人行天桥',
        connects_en: 'street ↔ footbridge',
      },
      location: elevatorBottom,
    });
  }
  const [southLanding, northLanding] = [landings[-1], landings[1]];
  network.push(networkEdge('footway', [southLanding, northLanding], {
    name_zh: footbridgeName.zh,
    name_en: footbridgeName.en,
    incline_percent: 0,
    width_m: 3.5,
    surface: 'concrete',
    tactile_paving: false,
  }));

  // --- The metro station: four exits with stairs, an elevator at exit 2, one down to the platform.
  const stationName = { zh: '示例站', en: 'Sample Station' };
  const concourse = metroJunction.centre;
  const stationAddress = junctionAddress(metroJunction);
  const passageName = { zh: `${stationName.zh}站厅通道`, en: `${stationName.en} concourse passage` };
  const metroPlaces: PlaceDraft[] = [{ kind: 'metro_station', nameZh: stationName.zh, nameEn: stationName.en, address: stationAddress, location: concourse }];
  for (const exit of metroExits) {
    const top = nodePoint(`metro:exit:${exit.number}`);
    const bottom = pointBesideLine(avenue, exit.along + exit.direction * 12, exit.side, avenue.sidewalkOffsetMeters - 2);
    const exitName = { zh: `${stationName.zh} ${exit.number}号口`, en: `${stationName.en} Exit ${exit.number}` };
    const stairsPoints = [top, bottom];
    network.push(networkEdge('steps', stairsPoints, {
      name_zh: `${exitName.zh}楼梯`,
      name_en: `${exitName.en} stairs`,
      incline_percent: roundTo((-METRO_CONCOURSE_DEPTH_METERS / polylineLength(stairsPoints)) * 100, 0.1),
      width_m: 2.5,
      surface: 'concrete',
      tactile_paving: true,
      step_count: Math.round(METRO_CONCOURSE_DEPTH_METERS / STEP_RISER_METERS),
      handrail: exit.number === 4 ? null : true,
    }));
    stepsWarnings(`metro:exit:${exit.number}`, bottom, top, { zh: `${exitName.zh}楼梯`, en: `${exitName.en} stairs` }, stationAddress);
    network.push(networkEdge('footway', [bottom, concourse], { name_zh: passageName.zh, name_en: passageName.en, width_m: 4, surface: 'concrete', tactile_paving: true }));
    if (exit.number === 2) {
      const ground = nodePoint('metro:exit:2:elevator');
      network.push(networkEdge('elevator', [ground, bottom], { name_zh: `${exitName.zh}电梯`, name_en: `${exitName.en} elevator` }, 'elevator:metro:exit-2'));
      facilities.push({
        key: 'elevator:metro:exit-2',
        category: 'elevator',
        nameZh: `${exitName.zh}无障碍电梯`,
        nameEn: `Accessible elevator, ${exitName.en}`,
        address: stationAddress,
        survey: fixedSurvey(elevatorRandom, 'elevator', 'working'),
        details: { elevator_type: 'elevator', cabin_width_m: 1.4, cabin_depth_m: 1.6, door_width_m: 0.9, braille: true, voice: true, connects_zh: '地面 ↔ 站厅', connects_en: 'street ↔ concourse' },
        location: ground,
      });
    }
    metroPlaces.push({
      kind: 'metro_exit',
      nameZh: exitName.zh,
      nameEn: exitName.en,
      address: {
        zh: `${metroJunction.eastWest.nameZh}与${metroJunction.northSouth.nameZh}交叉口${QUADRANT_WORDS[exit.quadrant].zh}`,
        en: `${QUADRANT_WORDS[exit.quadrant].en} of ${metroJunction.eastWest.nameEn} & ${metroJunction.northSouth.nameEn}`,
      },
      location: top,
    });
  }
  const platform = pointBesideLine(avenue, concourse.x + 35, 1, 0);
  network.push(networkEdge('elevator', [concourse, platform], { name_zh: `${stationName.zh}站台电梯`, name_en: `${stationName.en} platform elevator` }, 'elevator:metro:platform'));
  facilities.push({
    key: 'elevator:metro:platform',
    category: 'elevator',
    nameZh: `${stationName.zh}站台电梯`,
    nameEn: `${stationName.en} platform elevator`,
    address: stationAddress,
    survey: fixedSurvey(elevatorRandom, 'elevator', 'unknown'),
    details: { elevator_type: 'elevator', cabin_width_m: 1.6, cabin_depth_m: 1.4, door_width_m: 0.9, braille: true, voice: null, connects_zh: '站厅 ↔ 站台', connects_en: 'concourse ↔ platform' },
    location: concourse,
  });

  // --- Building entrances: wheelchair ramps at the mall, hospital and community centre, a
  // platform lift at the library. GB 50763-2012 §3.4 wants an entrance ramp at least 1.20 m wide,
  // no steeper than 1:12 (≈ 8.33 %) for a rise of up to 0.75 m, with handrails on both sides once
  // it rises over 300 mm at more than 1:20; the community centre's ramp breaks the slope rule.
  const entranceRandom = stream('entrances');
  const rampEntrances = [
    { name: 'mall', entrance: entrances.mall, nameZh: '华辰广场', nameEn: 'Huachen Plaza', slopePercent: 5.0, widthMeters: 1.8, handrail: true, lip: 0, status: 'working' as const },
    { name: 'hospital', entrance: entrances.hospital, nameZh: '同心医院门诊楼', nameEn: 'Tongxin Hospital outpatient building', slopePercent: 7.5, widthMeters: 1.5, handrail: true, lip: 5, status: 'working' as const },
    { name: 'communityCentre', entrance: entrances.communityCentre, nameZh: '和平社区服务中心', nameEn: 'Heping Community Service Centre', slopePercent: 10.5, widthMeters: 1.2, handrail: false, lip: null, status: 'unknown' as const },
  ];
  for (const plan of rampEntrances) {
    const start = nodePoint(`entrance:${plan.name}`);
    const points = [start, plan.entrance.buildingPoint];
    const rampKey = `ramp:entrance:${plan.name}`;
    network.push(networkEdge('ramp', points, {
      name_zh: `${plan.nameZh}入口坡道`,
      name_en: `${plan.nameEn} entrance ramp`,
      incline_percent: plan.slopePercent,
      width_m: plan.widthMeters,
      surface: 'paving_stones',
      handrail: plan.handrail,
    }, rampKey));
    facilities.push({
      key: rampKey,
      category: 'ramp',
      nameZh: `${plan.nameZh}入口坡道`,
      nameEn: `Entrance ramp, ${plan.nameEn}`,
      address: streetAddress(plan.entrance.street, plan.entrance.along, plan.entrance.side),
      survey: fixedSurvey(entranceRandom, 'ramp', plan.status),
      details: {
        ramp_type: 'wheelchair_ramp',
        kerb_ramp_form: null,
        slope_percent: plan.slopePercent,
        clear_width_m: plan.widthMeters,
        kerb_lip_mm: plan.lip,
        handrail: plan.handrail,
      },
      location: midpoint(start, plan.entrance.buildingPoint),
    });
  }
  const libraryStart = nodePoint('entrance:library');
  network.push(networkEdge('elevator', [libraryStart, entrances.library.buildingPoint], { name_zh: '明德图书馆入口升降平台', name_en: 'Mingde Library entrance platform lift' }, 'elevator:library'));
  facilities.push({
    key: 'elevator:library',
    category: 'elevator',
    nameZh: '明德图书馆入口升降平台',
    nameEn: 'Platform lift, Mingde Library entrance',
    address: streetAddress(entrances.library.street, entrances.library.along, entrances.library.side),
    survey: fixedSurvey(entranceRandom, 'elevator', 'working'),
    // GB 50763-2012 §3.7.3: a platform lift at least 1.20 m deep and 0.90 m wide.
    details: { elevator_type: 'platform_lift', cabin_width_m: 0.9, cabin_depth_m: 1.25, door_width_m: 0.9, braille: false, voice: false, connects_zh: '人行道 ↔ 图书馆入口', connects_en: 'pavement ↔ library entrance' },
    location: midpoint(libraryStart, entrances.library.buildingPoint),
  });
  facilities.push({
    key: 'elevator:mall',
    category: 'elevator',
    nameZh: '华辰广场无障碍电梯',
    nameEn: 'Accessible elevator, Huachen Plaza',
    address: streetAddress(entrances.mall.street, entrances.mall.along, entrances.mall.side),
    survey: fixedSurvey(entranceRandom, 'elevator', 'working'),
    details: { elevator_type: 'elevator', cabin_width_m: 1.6, cabin_depth_m: 1.5, door_width_m: 0.9, braille: true, voice: true, connects_zh: '商场 B1–6 层', connects_en: 'mall floors B1–6' },
    location: pointInBlock(mallBlock, 0.45, 0.55),
  });
  facilities.push({
    key: 'elevator:hospital',
    category: 'elevator',
    nameZh: '同心医院门诊楼电梯',
    nameEn: 'Elevator, Tongxin Hospital outpatient building',
    address: streetAddress(entrances.hospital.street, entrances.hospital.along, entrances.hospital.side),
    survey: fixedSurvey(entranceRandom, 'elevator', 'unknown'),
    details: { elevator_type: 'elevator', cabin_width_m: 1.5, cabin_depth_m: 2.2, door_width_m: 1.1, braille: null, voice: true, connects_zh: '门诊楼各层', connects_en: 'all floors of the outpatient building' },
    location: pointInBlock(hospitalBlock, 0.55, 0.7),
  });

  // --- Park paths from each gate to a central plaza; Wutong Park's plaza sits on a small hill.
  for (const park of parks) {
    park.gates.forEach((gate, index) => {
      const start = nodePoint(`park:${park.key}:${gate.face}`);
      const bend = offsetPoint(midpoint(start, park.plaza), randomBetween(parkRandom, -12, 12), randomBetween(parkRandom, -12, 12));
      const points = [start, bend, park.plaza];
      const paved = index % 2 === 0;
      network.push(networkEdge(paved ? 'footway' : 'path', points, {
        name_zh: `${park.nameZh}园路`,
        name_en: `${park.nameEn} path`,
        incline_percent: inclinePercent(points, terrainHeight(start, hills), terrainHeight(park.plaza, hills)),
        width_m: paved ? roundTo(randomBetween(parkRandom, 2.5, 4), 0.5) : roundTo(randomBetween(parkRandom, 1.2, 2), 0.1),
        surface: paved ? 'paving_stones' : randomPick(parkRandom, ['gravel', 'compacted']),
        tactile_paving: paved ? randomWeighted<boolean | null>(parkRandom, [[false, 0.5], [null, 0.5]]) : false,
      }));
    });
  }

  // --- Accessible toilets. Door and turning-space checks follow GB 50763-2012 §3.9.3 (door at
  // least 0.80 m clear, a 1.50 m turning circle); a few fall short on purpose.
  const toiletRandom = stream('toilets');
  const wutongPark = parks[0];
  const yulanPark = parks[1];
  if (wutongPark === undefined || yulanPark === undefined) throw new Error('two parks are planned above');
  const changle = findStreet(grid, 'changle');
  const yongfu = findStreet(grid, 'yongfu');
  const changleToiletAlong = (findIntersection(grid, 'heping', 'changle').centre.y + findIntersection(grid, 'huachen', 'changle').centre.y) / 2;
  const yongfuToiletAlong = (findIntersection(grid, 'yongfu', 'chunshen').centre.x + findIntersection(grid, 'yongfu', 'yunling').centre.x) / 2;
  interface ToiletPlan {
    key: string;
    nameZh: string;
    nameEn: string;
    address: { zh: string; en: string } | null;
    status: FacilityStatus;
    note?: string;
    doorWidthMeters: number | null;
    turningSpaceMeters: number | null;
    grabBars: boolean | null;
    emergencyCall: boolean | null;
    access: ToiletAccess | null;
    openingHours: string | null;
    changingTable: boolean | null;
    location: LocalPoint;
  }
  const parkAddress = (park: typeof wutongPark): { zh: string; en: string } => {
    const south = park.gates.find((gate) => gate.face === 'south');
    if (south === undefined) throw new Error('every park has a south gate');
    return streetAddress(south.place.street, south.place.along, south.place.side);
  };
  const toiletPlans: ToiletPlan[] = [
    { key: 'wutong-park', nameZh: '梧桐公园无障碍卫生间', nameEn: 'Accessible toilet, Wutong Park', address: parkAddress(wutongPark), status: 'working', doorWidthMeters: 0.9, turningSpaceMeters: 1.5, grabBars: true, emergencyCall: true, access: 'public', openingHours: 'Mo-Su 05:00-22:00', changingTable: true, location: offsetPoint(wutongPark.plaza, 22, 18) },
    { key: 'wutong-park-west', nameZh: '梧桐公园西门无障碍卫生间', nameEn: 'Accessible toilet, Wutong Park west gate', address: parkAddress(wutongPark), status: 'unknown', doorWidthMeters: null, turningSpaceMeters: null, grabBars: true, emergencyCall: null, access: 'public', openingHours: 'Mo-Su 05:00-22:00', changingTable: null, location: pointInBlock(wutongPark.block, 0.12, 0.3) },
    { key: 'yulan-park', nameZh: '玉兰公园无障碍卫生间', nameEn: 'Accessible toilet, Yulan Park', address: parkAddress(yulanPark), status: 'working', doorWidthMeters: 0.85, turningSpaceMeters: 1.5, grabBars: true, emergencyCall: false, access: 'public', openingHours: 'Mo-Su 06:00-21:00', changingTable: false, location: offsetPoint(yulanPark.plaza, -18, 15) },
    { key: 'metro', nameZh: '示例站站厅无障碍卫生间', nameEn: 'Accessible toilet, Sample Station concourse', address: stationAddress, status: 'working', doorWidthMeters: 0.9, turningSpaceMeters: 1.6, grabBars: true, emergencyCall: true, access: 'customers', openingHours: 'Mo-Su 05:30-23:00', changingTable: true, location: pointBesideLine(avenue, concourse.x - 20, 1, 6) },
    { key: 'mall', nameZh: '华辰广场无障碍卫生间', nameEn: 'Accessible toilet, Huachen Plaza', address: streetAddress(entrances.mall.street, entrances.mall.along, entrances.mall.side), status: 'working', doorWidthMeters: 1.0, turningSpaceMeters: 1.8, grabBars: true, emergencyCall: true, access: 'customers', openingHours: 'Mo-Su 10:00-22:00', changingTable: true, location: pointInBlock(mallBlock, 0.6, 0.5) },
    { key: 'community-centre', nameZh: '和平社区服务中心无障碍卫生间', nameEn: 'Accessible toilet, Heping Community Service Centre', address: streetAddress(entrances.communityCentre.street, entrances.communityCentre.along, entrances.communityCentre.side), status: 'working', doorWidthMeters: 0.8, turningSpaceMeters: 1.5, grabBars: true, emergencyCall: true, access: 'public', openingHours: 'Mo-Fr 08:30-17:00; Sa 09:00-12:00', changingTable: false, location: pointInBlock(civicBlock, 0.22, 0.25) },
    { key: 'library', nameZh: '明德图书馆无障碍卫生间', nameEn: 'Accessible toilet, Mingde Library', address: streetAddress(entrances.library.street, entrances.library.along, entrances.library.side), status: 'working', doorWidthMeters: 0.75, turningSpaceMeters: 1.3, grabBars: true, emergencyCall: false, access: 'customers', openingHours: 'Tu-Su 09:00-20:00', changingTable: null, location: pointInBlock(civicBlock, 0.78, 0.3) },
    { key: 'hospital', nameZh: '同心医院门诊楼无障碍卫生间', nameEn: 'Accessible toilet, Tongxin Hospital outpatient building', address: streetAddress(entrances.hospital.street, entrances.hospital.along, entrances.hospital.side), status: 'working', doorWidthMeters: 1.0, turningSpaceMeters: 1.8, grabBars: true, emergencyCall: true, access: 'public', openingHours: '24/7', changingTable: true, location: pointInBlock(hospitalBlock, 0.4, 0.65) },
    { key: 'changle-public', nameZh: '长乐路公共厕所无障碍间', nameEn: 'Accessible toilet, Changle Road public toilets', address: streetAddress(changle, changleToiletAlong, 1), status: 'out_of_service', note: '门锁损坏，维修中 / door lock broken, under repair', doorWidthMeters: 0.8, turningSpaceMeters: null, grabBars: true, emergencyCall: null, access: 'public', openingHours: 'Mo-Su 05:00-23:00', changingTable: false, location: pointBesideLine(changle, changleToiletAlong, 1, changle.sidewalkOffsetMeters + 4) },
    { key: 'yongfu-key', nameZh: '永福路无障碍卫生间（凭钥匙使用）', nameEn: 'Accessible toilet, Yongfu Road (key needed)', address: streetAddress(yongfu, yongfuToiletAlong, -1), status: 'unknown', doorWidthMeters: 0.9, turningSpaceMeters: 1.5, grabBars: null, emergencyCall: null, access: 'key', openingHours: null, changingTable: null, location: pointBesideLine(yongfu, yongfuToiletAlong, -1, yongfu.sidewalkOffsetMeters + 4) },
  ];
  for (const plan of toiletPlans) {
    facilities.push({
      key: `toilet:${plan.key}`,
      category: 'toilet',
      nameZh: plan.nameZh,
      nameEn: plan.nameEn,
      address: plan.address,
      survey: fixedSurvey(toiletRandom, 'toilet', plan.status, plan.note),
      details: {
        door_width_m: plan.doorWidthMeters,
        turning_space_m: plan.turningSpaceMeters,
        grab_bars: plan.grabBars,
        emergency_call: plan.emergencyCall,
        access: plan.access,
        opening_hours: plan.openingHours,
        changing_table: plan.changingTable,
      },
      location: plan.location,
    });
  }

  // --- Places.
  const places: PlaceDraft[] = [];
  for (const street of [...grid.eastWest, ...grid.northSouth]) {
    // Mid-block nearest the street's middle, so the point names one street, not a junction.
    const extent = streetExtent(grid, street);
    const middle = (extent.start + extent.end) / 2;
    const stops = [extent.start, ...intersectionsAlong(grid, street).map((intersection) => alongPosition(street, intersection.centre)), extent.end];
    const blockMiddles = stops.slice(1).map((stop, index) => (stop + (stops[index] ?? stop)) / 2);
    const along = blockMiddles.reduce((best, candidate) => (Math.abs(candidate - middle) < Math.abs(best - middle) ? candidate : best), middle);
    places.push({ kind: 'street', nameZh: street.nameZh, nameEn: street.nameEn, address: null, location: pointBesideLine(street, along, 1, 0) });
  }
  places.push(...metroPlaces);
  places.push(
    { kind: 'public_building', nameZh: '和平社区服务中心', nameEn: 'Heping Community Service Centre', address: streetAddress(entrances.communityCentre.street, entrances.communityCentre.along, entrances.communityCentre.side), location: pointInBlock(civicBlock, 0.25, 0.3) },
    { kind: 'public_building', nameZh: '明德图书馆', nameEn: 'Mingde Library', address: streetAddress(entrances.library.street, entrances.library.along, entrances.library.side), location: pointInBlock(civicBlock, 0.75, 0.25) },
    { kind: 'hospital', nameZh: '同心医院', nameEn: 'Tongxin Hospital', address: streetAddress(entrances.hospital.street, entrances.hospital.along, entrances.hospital.side), location: pointInBlock(hospitalBlock, 0.5, 0.6) },
    { kind: 'mall', nameZh: '华辰广场', nameEn: 'Huachen Plaza', address: streetAddress(entrances.mall.street, entrances.mall.along, entrances.mall.side), location: pointInBlock(mallBlock, 0.5, 0.45) },
    ...parks.map((park): PlaceDraft => ({ kind: 'park', nameZh: park.nameZh, nameEn: park.nameEn, address: parkAddress(park), location: park.plaza })),
  );

  // --- Basemap.
  const basemap: BasemapDraft[] = [];
  const canalSouthBank: LocalPoint[] = [];
  const canalNorthBank: LocalPoint[] = [];
  for (let x = -DISTRICT_HALF_WIDTH_METERS; x <= DISTRICT_HALF_WIDTH_METERS; x += 50) {
    canalSouthBank.push(pointBesideLine(canal, x, -1, CANAL_HALF_WIDTH_METERS));
    canalNorthBank.push(pointBesideLine(canal, x, 1, CANAL_HALF_WIDTH_METERS));
  }
  basemap.push({ kind: 'water', nameZh: '清溪河', nameEn: 'Qingxi Creek', points: closedRing([...canalSouthBank, ...canalNorthBank.reverse()]) });
  for (const park of parks) {
    const { southWest, southEast, northEast, northWest } = park.block.corners;
    basemap.push({ kind: 'park', nameZh: park.nameZh, nameEn: park.nameEn, points: closedRing([southWest, southEast, northEast, northWest]) });
  }
  const blockPolygon = (block: Block, fromU: number, toU: number, fromV: number, toV: number): LocalPoint[] => closedRing([
    pointInBlock(block, fromU, fromV), pointInBlock(block, toU, fromV), pointInBlock(block, toU, toV), pointInBlock(block, fromU, toV),
  ]);
  basemap.push(
    { kind: 'building', nameZh: '华辰广场', nameEn: 'Huachen Plaza', points: blockPolygon(mallBlock, 0.05, 0.95, 0, 0.85) },
    { kind: 'building', nameZh: '同心医院门诊楼', nameEn: 'Tongxin Hospital outpatient building', points: blockPolygon(hospitalBlock, 0.08, 0.92, 0.4, 1) },
    { kind: 'building', nameZh: '同心医院住院楼', nameEn: 'Tongxin Hospital ward building', points: blockPolygon(hospitalBlock, 0.1, 0.5, 0.05, 0.3) },
    { kind: 'building', nameZh: '和平社区服务中心', nameEn: 'Heping Community Service Centre', points: blockPolygon(civicBlock, 0.04, 0.46, 0, 0.5) },
    { kind: 'building', nameZh: '明德图书馆', nameEn: 'Mingde Library', points: blockPolygon(civicBlock, 0.54, 0.96, 0, 0.5) },
    { kind: 'building', nameZh: null, nameEn: null, points: blockPolygon(civicBlock, 0.1, 0.9, 0.62, 0.95) },
  );
  const buildingRandom = stream('buildings');
  const clearOfCanal = (points: readonly LocalPoint[]): boolean => {
    const offsets = points.map((point) => point.y - crossPosition(canal, point.x));
    const margin = CANAL_HALF_WIDTH_METERS + 8;
    return offsets.every((offset) => offset > margin) || offsets.every((offset) => offset < -margin);
  };
  for (const block of blocks) {
    if (SPECIAL_BLOCKS.some((reference) => sameBlock(block, reference))) continue;
    const widthMeters = distance(block.corners.southWest, block.corners.southEast);
    const depthMeters = distance(block.corners.southWest, block.corners.northWest);
    if (widthMeters < 20 || depthMeters < 20) continue;
    const columns = Math.max(1, Math.round(widthMeters / randomBetween(buildingRandom, 70, 90)));
    const rows = Math.max(1, Math.round(depthMeters / randomBetween(buildingRandom, 50, 70)));
    for (let column = 0; column < columns; column += 1) {
      for (let row = 0; row < rows; row += 1) {
        if (randomChance(buildingRandom, 0.12)) continue;
        // Gaps of 3–8 m on each side leave lanes (弄堂) between buildings.
        const gapU = (fromMeters: number, toMeters: number): number => randomBetween(buildingRandom, fromMeters, toMeters) / widthMeters;
        const gapV = (fromMeters: number, toMeters: number): number => randomBetween(buildingRandom, fromMeters, toMeters) / depthMeters;
        const fromU = column / columns + (column === 0 ? 0 : gapU(3, 8));
        const toU = (column + 1) / columns - (column === columns - 1 ? 0 : gapU(3, 8));
        const fromV = row / rows + (row === 0 ? 0 : gapV(3, 8));
        const toV = (row + 1) / rows - (row === rows - 1 ? 0 : gapV(3, 8));
        if ((toU - fromU) * widthMeters < 8 || (toV - fromV) * depthMeters < 8) continue;
        const ring = blockPolygon(block, fromU, toU, fromV, toV);
        if (!clearOfCanal(ring)) continue;
        basemap.push({ kind: 'building', nameZh: null, nameEn: null, points: ring });
      }
    }
  }
  for (const street of [...grid.eastWest, ...grid.northSouth]) {
    const extent = streetExtent(grid, street);
    const points = [
      pointBesideLine(street, extent.start, 1, 0),
      ...pointsBetween(street, 1, 0, extent.start, extent.end),
      pointBesideLine(street, extent.end, 1, 0),
    ];
    basemap.push({ kind: 'road', nameZh: street.nameZh, nameEn: street.nameEn, points });
  }

  // --- Boundary: a slightly irregular polygon a little outside the streets' ends.
  const boundaryRandom = stream('boundary');
  const outward = (): number => randomBetween(boundaryRandom, 25, 70);
  const west = -DISTRICT_HALF_WIDTH_METERS;
  const east = DISTRICT_HALF_WIDTH_METERS;
  const south = -DISTRICT_HALF_HEIGHT_METERS;
  const north = DISTRICT_HALF_HEIGHT_METERS;
  const boundaryPoints: LocalPoint[] = [{ x: west - outward(), y: south - outward() }];
  for (const fraction of [0.25, 0.5, 0.75]) boundaryPoints.push({ x: west + (east - west) * fraction, y: south - outward() });
  boundaryPoints.push({ x: east + outward(), y: south - outward() });
  for (const fraction of [0.33, 0.67]) boundaryPoints.push({ x: east + outward(), y: south + (north - south) * fraction });
  boundaryPoints.push({ x: east + outward(), y: north + outward() });
  for (const fraction of [0.75, 0.5, 0.25]) boundaryPoints.push({ x: west + (east - west) * fraction, y: north + outward() });
  boundaryPoints.push({ x: west - outward(), y: north + outward() });
  for (const fraction of [0.67, 0.33]) boundaryPoints.push({ x: west - outward(), y: south + (north - south) * fraction });

  // --- Assemble the files.
  return assembleDistrict({ projection, facilities, network, places, basemap, boundaryRing: closedRing(boundaryPoints) });
}

// ---------------------------------------------------------------------------------------------
// From drafts to GeoJSON

interface DistrictDrafts {
  projection: ReturnType<typeof createLocalProjection>;
  facilities: FacilityDraft[];
  network: NetworkDraft[];
  places: PlaceDraft[];
  basemap: BasemapDraft[];
  boundaryRing: LocalPoint[];
}

type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: Geometry };

function featureCollection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features } as FeatureCollection;
}

function serialNumber(index: number): string {
  return String(index + 1).padStart(4, '0');
}

function assembleDistrict(drafts: DistrictDrafts): Record<string, unknown> {
  const toPosition = (point: LocalPoint): LngLat => drafts.projection.toLngLat(point);
  const facilityIds = new Map<string, string>();
  const facilityFeatures: Record<FacilityCategory, Feature[]> = { ramp: [], toilet: [], elevator: [], tactile_paving: [] };
  for (const draft of drafts.facilities) {
    const layer = facilityFeatures[draft.category];
    const id = `${DISTRICT_ID}:${draft.category}:${serialNumber(layer.length)}`;
    if (facilityIds.has(draft.key)) throw new Error(`facility key ${draft.key} used twice`);
    facilityIds.set(draft.key, id);
    layer.push({
      type: 'Feature',
      properties: {
        id,
        category: draft.category,
        name_zh: draft.nameZh,
        name_en: draft.nameEn,
        address_zh: draft.address?.zh ?? null,
        address_en: draft.address?.en ?? null,
        status: draft.survey.status,
        status_note: draft.survey.status_note,
        last_verified: draft.survey.last_verified,
        source: SOURCE,
        ...draft.details,
      },
      geometry: Array.isArray(draft.location)
        ? { type: 'LineString', coordinates: draft.location.map(toPosition) }
        : { type: 'Point', coordinates: toPosition(draft.location) },
    });
  }
  const networkFeatures: Feature[] = drafts.network.map((draft, index) => {
    const facilityId = draft.facilityKey === null ? null : facilityIds.get(draft.facilityKey);
    if (facilityId === undefined) throw new Error(`network edge names the unknown facility ${draft.facilityKey ?? ''}`);
    return {
      type: 'Feature',
      properties: { id: `${DISTRICT_ID}:network:${serialNumber(index)}`, ...draft.fields, facility_id: facilityId },
      geometry: { type: 'LineString', coordinates: draft.points.map(toPosition) },
    };
  });
  const placeFeatures: Feature[] = drafts.places.map((draft, index) => ({
    type: 'Feature',
    properties: {
      id: `${DISTRICT_ID}:place:${serialNumber(index)}`,
      kind: draft.kind,
      name_zh: draft.nameZh,
      name_en: draft.nameEn,
      address_zh: draft.address?.zh ?? null,
      address_en: draft.address?.en ?? null,
    },
    geometry: { type: 'Point', coordinates: toPosition(draft.location) },
  }));
  const basemapFeatures: Feature[] = drafts.basemap.map((draft) => ({
    type: 'Feature',
    properties: { kind: draft.kind, name_zh: draft.nameZh, name_en: draft.nameEn },
    geometry: draft.kind === 'road' || draft.kind === 'rail'
      ? { type: 'LineString', coordinates: draft.points.map(toPosition) }
      : { type: 'Polygon', coordinates: [draft.points.map(toPosition)] },
  }));
  const name = { zh: '示例街区（虚构）', en: 'Sample district (fictional)' };
  const boundaryPositions = drafts.boundaryRing.map(toPosition);
  const boundaryFeatures: Feature[] = [{
    type: 'Feature',
    properties: { name_zh: name.zh, name_en: name.en },
    geometry: { type: 'Polygon', coordinates: [boundaryPositions] },
  }];

  const layers = {
    boundary: boundaryFeatures,
    ramp: facilityFeatures.ramp,
    toilet: facilityFeatures.toilet,
    elevator: facilityFeatures.elevator,
    tactile_paving: facilityFeatures.tactile_paving,
    network: networkFeatures,
    places: placeFeatures,
    basemap: basemapFeatures,
  };
  const allPositions = Object.values(layers).flatMap((features) => features.flatMap((feature) => positionsOf(feature.geometry)));
  const longitudes = allPositions.map(([longitude]) => longitude);
  const latitudes = allPositions.map(([, latitude]) => latitude);
  const bbox: DistrictManifest['bbox'] = [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)];
  const counts: LayerCounts = {
    ramps: layers.ramp.length,
    toilets: layers.toilet.length,
    elevators: layers.elevator.length,
    tactilePaving: layers.tactile_paving.length,
    network: layers.network.length,
    places: layers.places.length,
  };
  const manifest: DistrictManifest = {
    id: DISTRICT_ID,
    name,
    sample: true,
    bbox,
    center: [roundCoordinate((bbox[0] + bbox[2]) / 2), roundCoordinate((bbox[1] + bbox[3]) / 2)],
    zoom: 15,
    coordinateSystem: 'WGS84',
    source: 'Generated by scripts/generate-sample.ts (fictional sample data)',
    licence: 'CC0-1.0',
    attribution: 'Sample data (fictional)',
    counts,
  };
  const files: Record<string, unknown> = { 'district.json': manifest };
  for (const [layerId, fileName] of Object.entries(LAYER_FILES)) {
    files[fileName] = featureCollection(layers[layerId as keyof typeof layers]);
  }
  return files;
}

function positionsOf(geometry: Geometry): [number, number][] {
  switch (geometry.type) {
    case 'Point': return [[geometry.coordinates[0] ?? Number.NaN, geometry.coordinates[1] ?? Number.NaN]];
    case 'LineString': return geometry.coordinates.map(([longitude, latitude]) => [longitude ?? Number.NaN, latitude ?? Number.NaN]);
    case 'Polygon': return geometry.coordinates.flat().map(([longitude, latitude]) => [longitude ?? Number.NaN, latitude ?? Number.NaN]);
    default: throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

