// A deterministic synthetic pedestrian network of any size, for benchmarks and tests of routing
// and coverage: a jittered grid of blocks with a sidewalk round each block, crossings at every
// corner, gentle hills, some steps, passages through blocks with elevators beside stairs, kerb
// ramps, and a share of unknown values in every attribute. The same options always give the same
// edges and facilities (seeded random numbers; Math.random is never used).
import type { ElevatorFacility, Facility, KerbKind, LngLat, NetworkEdge, NetworkKind, RampFacility, CrossingKind } from '../facilities/model.ts';
import { createLocalProjection, type LocalPoint } from '../sample/local-projection.ts';
import { createLabelledRandom, randomBetween, randomChance, randomInteger, randomWeighted, type RandomSource } from '../sample/random.ts';

export interface SyntheticNetworkOptions {
  blocksEast: number;
  blocksNorth: number;
  /** Sidewalk edges along each side of a block. */
  segmentsPerSide?: number;
  blockSizeMeters?: number;
  streetWidthMeters?: number;
  seed?: number;
  /** South-west corner of the grid. */
  origin?: LngLat;
}

export interface SyntheticNetwork {
  edges: NetworkEdge[];
  facilities: Facility[];
  /** [west, south, east, north] of every coordinate. */
  bbox: [number, number, number, number];
}

const DEFAULT_SEGMENTS_PER_SIDE = 3;

/** Blocks per side of a square grid that gives about `edgeCount` edges. */
export function syntheticBlocksForEdgeCount(edgeCount: number, segmentsPerSide = DEFAULT_SEGMENTS_PER_SIDE): number {
  // Each block has 4 × segmentsPerSide sidewalk edges and about 4 crossings.
  return Math.max(1, Math.round(Math.sqrt(edgeCount / (4 * segmentsPerSide + 4))));
}

/** Ground height in metres: two long swells and a field of small hills, so inclines range from flat to over 10 %. */
function heightMeters(point: LocalPoint): number {
  return 15 * Math.sin(point.x / 700) + 10 * Math.cos(point.y / 500) + 7 * Math.sin(point.x / 85) * Math.sin(point.y / 110);
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function baseEdge(id: string, kind: NetworkKind, line: LngLat[]): NetworkEdge {
  return {
    id, kind, nameZh: null, nameEn: null, inclinePercent: null, widthMeters: null, surface: null, kerbStart: null, kerbEnd: null,
    kerbStartHeightMillimeters: null, kerbEndHeightMillimeters: null, tactilePaving: null, crossing: null, crossingSound: null,
    stepCount: null, handrail: null, facilityId: null, geometry: { type: 'LineString', coordinates: line },
  };
}

function maybeUnknown<Value>(random: RandomSource, unknownShare: number, value: Value): Value | null {
  return randomChance(random, unknownShare) ? null : value;
}

export function generateSyntheticNetwork(options: SyntheticNetworkOptions): SyntheticNetwork {
  const segmentsPerSide = options.segmentsPerSide ?? DEFAULT_SEGMENTS_PER_SIDE;
  const blockSize = options.blockSizeMeters ?? 100;
  const streetWidth = options.streetWidthMeters ?? 20;
  const seed = options.seed ?? 1;
  const pitch = blockSize + streetWidth;
  const projection = createLocalProjection(options.origin ?? [121.4, 31.15]);
  const layoutRandom = createLabelledRandom(seed, 'layout');
  const attributeRandom = createLabelledRandom(seed, 'attributes');
  const crossingRandom = createLabelledRandom(seed, 'crossings');
  const facilityRandom = createLabelledRandom(seed, 'facilities');

  const edges: NetworkEdge[] = [];
  const facilities: Facility[] = [];
  const positionOf = new Map<string, { local: LocalPoint; lngLat: LngLat }>();
  // Every node is converted once and its position reused, so edges meet at exactly equal coordinates.
  const node = (key: string, local: LocalPoint): { local: LocalPoint; lngLat: LngLat } => {
    let stored = positionOf.get(key);
    if (stored === undefined) {
      stored = { local, lngLat: projection.toLngLat(local) };
      positionOf.set(key, stored);
    }
    return stored;
  };
  const serial = (prefix: string, count: number): string => `synthetic:${prefix}:${String(count).padStart(6, '0')}`;
  const inclineBetween = (from: LocalPoint, to: LocalPoint): number => {
    const run = Math.hypot(to.x - from.x, to.y - from.y);
    return run === 0 ? 0 : roundTo(((heightMeters(to) - heightMeters(from)) / run) * 100, 1);
  };

  // Corners of each block, jittered a few metres.
  const corner = (column: number, row: number, which: 'southWest' | 'southEast' | 'northWest' | 'northEast'): { local: LocalPoint; lngLat: LngLat } => {
    const key = `corner:${column}:${row}:${which}`;
    const existing = positionOf.get(key);
    if (existing !== undefined) return existing;
    const east = which === 'southEast' || which === 'northEast';
    const north = which === 'northWest' || which === 'northEast';
    return node(key, {
      x: column * pitch + (east ? blockSize : 0) + randomBetween(layoutRandom, -4, 4),
      y: row * pitch + (north ? blockSize : 0) + randomBetween(layoutRandom, -4, 4),
    });
  };

  const rampPositions = new Set<string>();
  let elevatorCount = 0;
  let rampCount = 0;

  const sidewalkAttributes = (edge: NetworkEdge, from: LocalPoint, to: LocalPoint): NetworkEdge => ({
    ...edge,
    inclinePercent: maybeUnknown(attributeRandom, 0.1, inclineBetween(from, to)),
    widthMeters: maybeUnknown(attributeRandom, 0.08, randomWeighted(attributeRandom, [[roundTo(randomBetween(attributeRandom, 1.5, 4), 1), 9], [roundTo(randomBetween(attributeRandom, 0.6, 0.95), 2), 1]])),
    surface: maybeUnknown(attributeRandom, 0.05, randomWeighted(attributeRandom, [['paving_stones', 6], ['asphalt', 3], ['concrete', 2], ['sett', 0.5], ['gravel', 0.3]])),
    tactilePaving: maybeUnknown(attributeRandom, 0.25, randomChance(attributeRandom, 0.55)),
  });

  const addSidewalkSide = (column: number, row: number, side: 'south' | 'east' | 'north' | 'west'): void => {
    const [fromCorner, toCorner]: ['southWest' | 'southEast' | 'northWest' | 'northEast', 'southWest' | 'southEast' | 'northWest' | 'northEast'] =
      side === 'south' ? ['southWest', 'southEast'] : side === 'east' ? ['southEast', 'northEast'] : side === 'north' ? ['northEast', 'northWest'] : ['northWest', 'southWest'];
    const start = corner(column, row, fromCorner);
    const end = corner(column, row, toCorner);
    // The street the side runs along: rows of east–west roads and columns of north–south streets.
    const roadRow = side === 'south' ? row : side === 'north' ? row + 1 : -1;
    const streetColumn = side === 'west' ? column : side === 'east' ? column + 1 : -1;
    const nameZh = roadRow >= 0 ? `纬${roadRow + 1}路` : `经${streetColumn + 1}街`;
    const nameEn = roadRow >= 0 ? `Weft Road ${roadRow + 1}` : `Warp Street ${streetColumn + 1}`;
    let previous = start;
    for (let part = 1; part <= segmentsPerSide; part += 1) {
      const fraction = part / segmentsPerSide;
      const next = part === segmentsPerSide ? end : node(`side:${column}:${row}:${side}:${part}`, {
        x: start.local.x + (end.local.x - start.local.x) * fraction + randomBetween(layoutRandom, -1.5, 1.5),
        y: start.local.y + (end.local.y - start.local.y) * fraction + randomBetween(layoutRandom, -1.5, 1.5),
      });
      const steps = randomChance(attributeRandom, 0.02);
      const id = serial('network', edges.length + 1);
      if (steps) {
        edges.push({
          ...baseEdge(id, 'steps', [previous.lngLat, next.lngLat]), nameZh: `${nameZh}台阶`, nameEn: `${nameEn} steps`,
          inclinePercent: roundTo(randomBetween(attributeRandom, 25, 45) * (randomChance(attributeRandom, 0.5) ? 1 : -1), 1),
          widthMeters: roundTo(randomBetween(attributeRandom, 1.5, 3), 1), surface: 'concrete',
          tactilePaving: maybeUnknown(attributeRandom, 0.3, randomChance(attributeRandom, 0.6)),
          stepCount: maybeUnknown(attributeRandom, 0.2, randomInteger(attributeRandom, 3, 20)),
          handrail: maybeUnknown(attributeRandom, 0.3, randomChance(attributeRandom, 0.7)),
        });
      } else {
        edges.push(sidewalkAttributes({ ...baseEdge(id, 'sidewalk', [previous.lngLat, next.lngLat]), nameZh, nameEn }, previous.local, next.local));
      }
      previous = next;
    }
  };

  const kerbAt = (): { kind: KerbKind | null; height: number | null } => {
    const kind = randomWeighted<KerbKind | null>(crossingRandom, [['lowered', 75], ['flush', 10], ['raised', 7], [null, 8]]);
    if (kind === null) return { kind, height: null };
    const range: [number, number] = kind === 'lowered' ? (randomChance(crossingRandom, 0.9) ? [0, 15] : [16, 30]) : kind === 'raised' ? [100, 150] : [0, 5];
    return { kind, height: maybeUnknown(crossingRandom, 0.1, randomInteger(crossingRandom, range[0], range[1])) };
  };
  const addKerbRamp = (position: { local: LocalPoint; lngLat: LngLat }, kerb: KerbKind | null): void => {
    const key = position.lngLat.join(',');
    if (kerb !== 'lowered' || rampPositions.has(key)) return;
    rampPositions.add(key);
    rampCount += 1;
    const ramp: RampFacility = {
      id: serial('ramp', rampCount), category: 'ramp', nameZh: null, nameEn: null, addressZh: null, addressEn: null,
      status: randomWeighted(facilityRandom, [['working', 85], ['unknown', 12], ['out_of_service', 3]]),
      statusNote: null, lastVerified: null, source: 'synthetic-network',
      rampType: 'kerb_ramp', kerbRampForm: randomWeighted(facilityRandom, [['three_sided', 2], ['full_width', 1], [null, 1]]),
      slopePercent: maybeUnknown(facilityRandom, 0.1, roundTo(randomChance(facilityRandom, 0.85) ? randomBetween(facilityRandom, 4, 8) : randomBetween(facilityRandom, 8.5, 12), 1)),
      clearWidthMeters: maybeUnknown(facilityRandom, 0.1, roundTo(randomBetween(facilityRandom, 1, 2), 2)),
      kerbLipMillimeters: null, handrail: null,
      location: { type: 'Point', coordinates: [...position.lngLat] },
    };
    facilities.push(ramp);
  };
  const addCrossing = (from: { local: LocalPoint; lngLat: LngLat }, to: { local: LocalPoint; lngLat: LngLat }, nameZh: string, nameEn: string): void => {
    const crossing = randomWeighted<CrossingKind | null>(crossingRandom, [['traffic_signals', 25], ['marked', 45], ['unmarked', 20], [null, 10]]);
    const start = kerbAt();
    const end = kerbAt();
    edges.push({
      ...baseEdge(serial('network', edges.length + 1), 'crossing', [from.lngLat, to.lngLat]),
      nameZh: `${nameZh}人行横道`, nameEn: `${nameEn} crossing`,
      inclinePercent: maybeUnknown(crossingRandom, 0.1, inclineBetween(from.local, to.local)),
      widthMeters: maybeUnknown(crossingRandom, 0.3, roundTo(randomBetween(crossingRandom, 3, 6), 1)), surface: 'asphalt',
      kerbStart: start.kind, kerbEnd: end.kind, kerbStartHeightMillimeters: start.height, kerbEndHeightMillimeters: end.height,
      tactilePaving: maybeUnknown(crossingRandom, 0.2, randomChance(crossingRandom, 0.5)),
      crossing, crossingSound: crossing === 'traffic_signals' ? maybeUnknown(crossingRandom, 0.1, randomChance(crossingRandom, 0.55)) : crossing === null ? null : false,
    });
    addKerbRamp(from, start.kind);
    addKerbRamp(to, end.kind);
  };

  const addPassage = (column: number, row: number): void => {
    // Through the block from the west side to the east side, raised one storey: an elevator and a
    // flight of stairs up at each end, a footway between.
    const west = positionOf.get(`side:${column}:${row}:west:${segmentsPerSide - 1}`);
    const east = positionOf.get(`side:${column}:${row}:east:1`);
    if (west === undefined || east === undefined) return;
    const upperWest = node(`passage:${column}:${row}:west`, { x: west.local.x + 6, y: west.local.y });
    const upperEast = node(`passage:${column}:${row}:east`, { x: east.local.x - 6, y: east.local.y });
    const nameZh = `${column + 1}-${row + 1}号街坊通道`;
    const nameEn = `Block ${column + 1}-${row + 1} passage`;
    edges.push(sidewalkAttributes({ ...baseEdge(serial('network', edges.length + 1), 'footway', [upperWest.lngLat, upperEast.lngLat]), nameZh, nameEn }, upperWest.local, upperEast.local));
    for (const [ground, upper, label] of [[west, upperWest, 'west'], [east, upperEast, 'east']] as const) {
      elevatorCount += 1;
      const elevator: ElevatorFacility = {
        id: serial('elevator', elevatorCount), category: 'elevator', nameZh: `${nameZh}电梯`, nameEn: `${nameEn} elevator (${label})`,
        addressZh: null, addressEn: null, status: randomWeighted(facilityRandom, [['working', 85], ['unknown', 10], ['out_of_service', 5]]),
        statusNote: null, lastVerified: null, source: 'synthetic-network', elevatorType: 'elevator',
        cabinWidthMeters: 1.1, cabinDepthMeters: 1.4, doorWidthMeters: maybeUnknown(facilityRandom, 0.1, 0.9),
        braille: null, voice: null, connectsZh: null, connectsEn: null, location: { type: 'Point', coordinates: [...ground.lngLat] },
      };
      facilities.push(elevator);
      edges.push({
        ...baseEdge(serial('network', edges.length + 1), 'elevator', [ground.lngLat, upper.lngLat]),
        nameZh: elevator.nameZh, nameEn: elevator.nameEn, facilityId: elevator.id,
      });
      const landing = projection.toLngLat({ x: (ground.local.x + upper.local.x) / 2, y: ground.local.y + 2 });
      edges.push({
        ...baseEdge(serial('network', edges.length + 1), 'steps', [ground.lngLat, landing, upper.lngLat]),
        nameZh: `${nameZh}楼梯`, nameEn: `${nameEn} stairs (${label})`, inclinePercent: 40, widthMeters: 2, surface: 'concrete',
        tactilePaving: true, stepCount: 24, handrail: true,
      });
    }
  };

  for (let row = 0; row < options.blocksNorth; row += 1) {
    for (let column = 0; column < options.blocksEast; column += 1) {
      for (const side of ['south', 'east', 'north', 'west'] as const) addSidewalkSide(column, row, side);
      if (randomChance(layoutRandom, 0.04)) addPassage(column, row);
    }
  }
  for (let row = 0; row < options.blocksNorth; row += 1) {
    for (let column = 0; column < options.blocksEast; column += 1) {
      if (column + 1 < options.blocksEast) {
        const nameZh = `经${column + 2}街`;
        const nameEn = `Warp Street ${column + 2}`;
        addCrossing(corner(column, row, 'northEast'), corner(column + 1, row, 'northWest'), nameZh, nameEn);
        addCrossing(corner(column, row, 'southEast'), corner(column + 1, row, 'southWest'), nameZh, nameEn);
      }
      if (row + 1 < options.blocksNorth) {
        const nameZh = `纬${row + 2}路`;
        const nameEn = `Weft Road ${row + 2}`;
        addCrossing(corner(column, row, 'northWest'), corner(column, row + 1, 'southWest'), nameZh, nameEn);
        addCrossing(corner(column, row, 'northEast'), corner(column, row + 1, 'southEast'), nameZh, nameEn);
      }
    }
  }

  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const edge of edges) {
    for (const [longitude, latitude] of edge.geometry.coordinates as LngLat[]) {
      west = Math.min(west, longitude); east = Math.max(east, longitude);
      south = Math.min(south, latitude); north = Math.max(north, latitude);
    }
  }
  return { edges, facilities, bbox: [west, south, east, north] };
}
