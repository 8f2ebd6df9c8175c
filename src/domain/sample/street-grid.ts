// The street layout of the fictional sample district in a local metre frame: an irregular grid of
// named streets (jittered, a few angled or curved, some ending at T-junctions), the corners where
// their sidewalks meet, the sidewalk runs between corners and the city blocks between streets.
import type { LocalPoint } from './local-projection.ts';
import { randomBetween, type RandomSource } from './random.ts';

export type StreetAxis = 'east_west' | 'north_south';
/** Which side of a line: -1 is south (east-west lines) or west (north-south lines), 1 is north or east. */
export type LineSide = -1 | 1;
export type StreetRank = 'avenue' | 'main' | 'local';

/**
 * A line given as its cross position (y for east-west lines, x for north-south lines) as a function
 * of its along position t (x for east-west lines, y for north-south lines): straight, angled by
 * `slope`, and bent by one sine wave.
 */
export interface GuideLine {
  axis: StreetAxis;
  baseMeters: number;
  slope: number;
  bendAmplitudeMeters: number;
  bendWavelengthMeters: number;
  bendPhase: number;
}

export interface Street extends GuideLine {
  key: string;
  nameZh: string;
  nameEn: string;
  rank: StreetRank;
  /** From the centre line to the middle of each sidewalk. */
  sidewalkOffsetMeters: number;
  /** Key of the crossing street where this street begins (lower t), or null at the district edge. */
  startsAt: string | null;
  /** Key of the crossing street where it ends (higher t), or null at the district edge. */
  endsAt: string | null;
}

/** Half the district's size: the streets reach these local coordinates. */
export const DISTRICT_HALF_WIDTH_METERS = 1000;
export const DISTRICT_HALF_HEIGHT_METERS = 750;
/** Crossings sit this far back from the corner where two sidewalks meet, as zebra crossings do. */
export const CROSSING_SETBACK_METERS = 5;

export function crossPosition(line: GuideLine, along: number): number {
  return line.baseMeters + line.slope * along
    + line.bendAmplitudeMeters * Math.sin((2 * Math.PI * along) / line.bendWavelengthMeters + line.bendPhase);
}

export function crossSlope(line: GuideLine, along: number): number {
  return line.slope + line.bendAmplitudeMeters * ((2 * Math.PI) / line.bendWavelengthMeters)
    * Math.cos((2 * Math.PI * along) / line.bendWavelengthMeters + line.bendPhase);
}

/**
 * The point `distance` metres to one side of a line at along position t. The cross shift is scaled
 * by sqrt(1 + slope²) so the offset is perpendicular, exactly for straight lines and closely for
 * gentle bends.
 */
export function pointBesideLine(line: GuideLine, along: number, side: LineSide, distanceMeters: number): LocalPoint {
  const slope = crossSlope(line, along);
  const cross = crossPosition(line, along) + side * distanceMeters * Math.sqrt(1 + slope * slope);
  return line.axis === 'east_west' ? { x: along, y: cross } : { x: cross, y: along };
}

export function alongPosition(line: GuideLine, point: LocalPoint): number {
  return line.axis === 'east_west' ? point.x : point.y;
}

export interface OffsetLine {
  line: GuideLine;
  side: LineSide;
  distanceMeters: number;
}

/**
 * Where an east-west offset line meets a north-south one. Solved by fixed-point iteration, which
 * converges because the product of the two slopes stays far below 1 in this layout.
 */
export function intersectOffsetLines(eastWest: OffsetLine, northSouth: OffsetLine): LocalPoint {
  if (eastWest.line.axis !== 'east_west' || northSouth.line.axis !== 'north_south') {
    throw new Error('intersectOffsetLines needs an east-west line and a north-south line');
  }
  let x = crossPosition(northSouth.line, crossPosition(eastWest.line, 0));
  let y = 0;
  for (let iteration = 0; iteration < 60; iteration += 1) {
    y = pointBesideLine(eastWest.line, x, eastWest.side, eastWest.distanceMeters).y;
    const nextX = pointBesideLine(northSouth.line, y, northSouth.side, northSouth.distanceMeters).x;
    if (Math.abs(nextX - x) < 1e-9) {
      x = nextX;
      break;
    }
    x = nextX;
  }
  return { x, y: pointBesideLine(eastWest.line, x, eastWest.side, eastWest.distanceMeters).y };
}

// ---------------------------------------------------------------------------------------------
// The street table. Names are invented in the Shanghai manner (路 Road, 大道 Avenue); positions
// are nominal and get jittered so the grid is not a lattice.

interface StreetPlan {
  key: string;
  nameZh: string;
  nameEn: string;
  rank: StreetRank;
  nominalMeters: number;
  slope?: number;
  bendAmplitudeMeters?: number;
  bendWavelengthMeters?: number;
  startsAt?: string;
  endsAt?: string;
}

const EAST_WEST_PLANS: readonly StreetPlan[] = [
  { key: 'wutong', nameZh: '梧桐路', nameEn: 'Wutong Road', rank: 'local', nominalMeters: -640 },
  { key: 'anlan', nameZh: '安澜路', nameEn: 'Anlan Road', rank: 'local', nominalMeters: -420, slope: 0.05 },
  { key: 'heping', nameZh: '和平路', nameEn: 'Heping Road', rank: 'main', nominalMeters: -200 },
  { key: 'huachen', nameZh: '华辰大道', nameEn: 'Huachen Avenue', rank: 'avenue', nominalMeters: 10 },
  { key: 'yongfu', nameZh: '永福路', nameEn: 'Yongfu Road', rank: 'local', nominalMeters: 210 },
  { key: 'qingxi', nameZh: '清溪路', nameEn: 'Qingxi Road', rank: 'local', nominalMeters: 470, bendAmplitudeMeters: 30, bendWavelengthMeters: 2600 },
  { key: 'wangjiang', nameZh: '望江路', nameEn: 'Wangjiang Road', rank: 'local', nominalMeters: 660 },
];

const NORTH_SOUTH_PLANS: readonly StreetPlan[] = [
  { key: 'changle', nameZh: '长乐路', nameEn: 'Changle Road', rank: 'local', nominalMeters: -880 },
  { key: 'fuyuan', nameZh: '福源路', nameEn: 'Fuyuan Road', rank: 'local', nominalMeters: -590, startsAt: 'huachen' },
  { key: 'mingde', nameZh: '明德路', nameEn: 'Mingde Road', rank: 'local', nominalMeters: -300, slope: 0.1 },
  { key: 'jiahe', nameZh: '嘉禾路', nameEn: 'Jiahe Road', rank: 'main', nominalMeters: 0 },
  { key: 'tongxin', nameZh: '同心路', nameEn: 'Tongxin Road', rank: 'local', nominalMeters: 290, endsAt: 'qingxi' },
  { key: 'chunshen', nameZh: '春申路', nameEn: 'Chunshen Road', rank: 'local', nominalMeters: 580, bendAmplitudeMeters: 35, bendWavelengthMeters: 2200 },
  { key: 'yunling', nameZh: '云岭路', nameEn: 'Yunling Road', rank: 'local', nominalMeters: 870, startsAt: 'anlan' },
];

const SIDEWALK_OFFSET_BY_RANK: Record<StreetRank, [minimum: number, maximum: number]> = {
  avenue: [20, 20],
  main: [12, 12],
  local: [8.5, 10.5],
};

function planStreet(plan: StreetPlan, axis: StreetAxis, random: RandomSource): Street {
  const [minimumOffset, maximumOffset] = SIDEWALK_OFFSET_BY_RANK[plan.rank];
  return {
    key: plan.key,
    nameZh: plan.nameZh,
    nameEn: plan.nameEn,
    rank: plan.rank,
    axis,
    baseMeters: plan.nominalMeters + randomBetween(random, -15, 15),
    slope: (plan.slope ?? 0) + randomBetween(random, -0.008, 0.008),
    bendAmplitudeMeters: plan.bendAmplitudeMeters ?? 0,
    bendWavelengthMeters: plan.bendWavelengthMeters ?? 1000,
    bendPhase: plan.bendAmplitudeMeters === undefined ? 0 : randomBetween(random, 0, 2 * Math.PI),
    sidewalkOffsetMeters: Math.round(randomBetween(random, minimumOffset, maximumOffset) * 2) / 2,
    startsAt: plan.startsAt ?? null,
    endsAt: plan.endsAt ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Intersections and their corners

export type Quadrant = 'south_west' | 'south_east' | 'north_west' | 'north_east';

export function quadrantOf(eastWestSide: LineSide, northSouthSide: LineSide): Quadrant {
  if (eastWestSide === -1) return northSouthSide === -1 ? 'south_west' : 'south_east';
  return northSouthSide === -1 ? 'north_west' : 'north_east';
}

export type Leg = 'west' | 'east' | 'south' | 'north';

export interface Intersection {
  id: string;
  eastWest: Street;
  northSouth: Street;
  /** Where the two centre lines cross. */
  centre: LocalPoint;
  /** Which of the four arms exist: a T-junction lacks one. */
  legs: Record<Leg, boolean>;
  /** Where the two sidewalk lines meet in each quadrant (also for a missing arm, as a reference). */
  corners: Record<Quadrant, LocalPoint>;
}

export interface StreetGrid {
  /** South to north. */
  eastWest: Street[];
  /** West to east. */
  northSouth: Street[];
  intersections: Intersection[];
}

function indexOfStreet(streets: readonly Street[], key: string | null, fallback: number): number {
  if (key === null) return fallback;
  const index = streets.findIndex((street) => street.key === key);
  if (index < 0) throw new Error(`unknown street "${key}"`);
  return index;
}

export function buildStreetGrid(random: RandomSource): StreetGrid {
  const eastWest = EAST_WEST_PLANS.map((plan) => planStreet(plan, 'east_west', random));
  const northSouth = NORTH_SOUTH_PLANS.map((plan) => planStreet(plan, 'north_south', random));
  const intersections: Intersection[] = [];
  eastWest.forEach((eastWestStreet, eastWestIndex) => {
    northSouth.forEach((northSouthStreet, northSouthIndex) => {
      const firstEastWest = indexOfStreet(eastWest, northSouthStreet.startsAt, 0);
      const lastEastWest = indexOfStreet(eastWest, northSouthStreet.endsAt, eastWest.length - 1);
      const firstNorthSouth = indexOfStreet(northSouth, eastWestStreet.startsAt, 0);
      const lastNorthSouth = indexOfStreet(northSouth, eastWestStreet.endsAt, northSouth.length - 1);
      if (eastWestIndex < firstEastWest || eastWestIndex > lastEastWest) return;
      if (northSouthIndex < firstNorthSouth || northSouthIndex > lastNorthSouth) return;
      const legs: Record<Leg, boolean> = {
        west: northSouthIndex > firstNorthSouth || eastWestStreet.startsAt === null,
        east: northSouthIndex < lastNorthSouth || eastWestStreet.endsAt === null,
        south: eastWestIndex > firstEastWest || northSouthStreet.startsAt === null,
        north: eastWestIndex < lastEastWest || northSouthStreet.endsAt === null,
      };
      // A street may end at a through street (a T-junction), never where both end (an L-bend).
      if ((!legs.west || !legs.east) && (!legs.south || !legs.north)) {
        throw new Error(`${eastWestStreet.key} and ${northSouthStreet.key} would meet at a bend`);
      }
      const corner = (eastWestSide: LineSide, northSouthSide: LineSide): LocalPoint => intersectOffsetLines(
        { line: eastWestStreet, side: eastWestSide, distanceMeters: eastWestStreet.sidewalkOffsetMeters },
        { line: northSouthStreet, side: northSouthSide, distanceMeters: northSouthStreet.sidewalkOffsetMeters },
      );
      intersections.push({
        id: `${eastWestStreet.key}-${northSouthStreet.key}`,
        eastWest: eastWestStreet,
        northSouth: northSouthStreet,
        centre: intersectOffsetLines(
          { line: eastWestStreet, side: 1, distanceMeters: 0 },
          { line: northSouthStreet, side: 1, distanceMeters: 0 },
        ),
        legs,
        corners: {
          south_west: corner(-1, -1),
          south_east: corner(-1, 1),
          north_west: corner(1, -1),
          north_east: corner(1, 1),
        },
      });
    });
  });
  return { eastWest, northSouth, intersections };
}

export function findStreet(grid: StreetGrid, key: string): Street {
  const street = [...grid.eastWest, ...grid.northSouth].find((candidate) => candidate.key === key);
  if (street === undefined) throw new Error(`unknown street "${key}"`);
  return street;
}

export function findIntersection(grid: StreetGrid, eastWestKey: string, northSouthKey: string): Intersection {
  const intersection = grid.intersections.find((candidate) => candidate.id === `${eastWestKey}-${northSouthKey}`);
  if (intersection === undefined) throw new Error(`${eastWestKey} does not meet ${northSouthKey}`);
  return intersection;
}

export function intersectionsAlong(grid: StreetGrid, street: Street): Intersection[] {
  const along = grid.intersections.filter((intersection) => intersection.eastWest === street || intersection.northSouth === street);
  return along.sort((first, second) => alongPosition(street, first.centre) - alongPosition(street, second.centre));
}

/** Along positions where a street's centre line begins and ends. */
export function streetExtent(grid: StreetGrid, street: Street): { start: number; end: number } {
  const halfLength = street.axis === 'east_west' ? DISTRICT_HALF_WIDTH_METERS : DISTRICT_HALF_HEIGHT_METERS;
  const along = intersectionsAlong(grid, street);
  const meets = (key: string | null): Intersection | undefined => along.find(
    (intersection) => intersection.eastWest.key === key || intersection.northSouth.key === key,
  );
  const startIntersection = meets(street.startsAt);
  const endIntersection = meets(street.endsAt);
  return {
    start: startIntersection === undefined ? -halfLength : alongPosition(street, startIntersection.centre),
    end: endIntersection === undefined ? halfLength : alongPosition(street, endIntersection.centre),
  };
}

// ---------------------------------------------------------------------------------------------
// Sidewalk runs: one continuous stretch of sidewalk between two corners (or the district edge),
// with a node wherever a crossing, a corner or some other path meets it.

export interface SidewalkNode {
  along: number;
  point: LocalPoint;
  /** Names the node for the edges that must share it: crossings, corners, attachments. */
  key: string;
}

export interface SidewalkRun {
  street: Street;
  side: LineSide;
  nodes: SidewalkNode[];
}

/** A node another path needs on a sidewalk: a park gate, a metro stair, a building entrance. */
export interface SidewalkAttachment {
  key: string;
  streetKey: string;
  side: LineSide;
  along: number;
}

export function sideName(street: Street, side: LineSide): 'north' | 'south' | 'east' | 'west' {
  if (street.axis === 'east_west') return side === 1 ? 'north' : 'south';
  return side === 1 ? 'east' : 'west';
}

export function cornerKey(intersection: Intersection, quadrant: Quadrant): string {
  return `corner:${intersection.id}:${quadrant}`;
}

/** The node where a crossing over one arm of an intersection meets the sidewalk on `side` of the crossed street. */
export function crossingEndKey(intersection: Intersection, leg: Leg, side: 'north' | 'south' | 'east' | 'west'): string {
  return `crossing:${intersection.id}:${leg}:${side}`;
}

interface RunEvent {
  along: number;
  point: LocalPoint;
  key: string;
  action: 'open' | 'split' | 'close';
}

function runEventsAt(intersection: Intersection, street: Street, side: LineSide): RunEvent[] {
  const isEastWest = street.axis === 'east_west';
  const beforeLeg: Leg = isEastWest ? 'west' : 'south';
  const afterLeg: Leg = isEastWest ? 'east' : 'north';
  const nearQuadrant = isEastWest ? quadrantOf(side, -1) : quadrantOf(-1, side);
  const farQuadrant = isEastWest ? quadrantOf(side, 1) : quadrantOf(1, side);
  const otherStreetHasArmOnThisSide = isEastWest
    ? intersection.legs[side === 1 ? 'north' : 'south']
    : intersection.legs[side === 1 ? 'east' : 'west'];
  const nearCorner = intersection.corners[nearQuadrant];
  const farCorner = intersection.corners[farQuadrant];
  const events: RunEvent[] = [];
  const name = sideName(street, side);
  if (intersection.legs[beforeLeg]) {
    const along = alongPosition(street, nearCorner) - CROSSING_SETBACK_METERS;
    events.push({ along, point: pointBesideLine(street, along, side, street.sidewalkOffsetMeters), key: crossingEndKey(intersection, beforeLeg, name), action: 'split' });
  }
  if (intersection.legs[afterLeg]) {
    const along = alongPosition(street, farCorner) + CROSSING_SETBACK_METERS;
    events.push({ along, point: pointBesideLine(street, along, side, street.sidewalkOffsetMeters), key: crossingEndKey(intersection, afterLeg, name), action: 'split' });
  }
  if (otherStreetHasArmOnThisSide) {
    if (intersection.legs[beforeLeg]) {
      events.push({ along: alongPosition(street, nearCorner), point: nearCorner, key: cornerKey(intersection, nearQuadrant), action: 'close' });
    }
    if (intersection.legs[afterLeg]) {
      events.push({ along: alongPosition(street, farCorner), point: farCorner, key: cornerKey(intersection, farQuadrant), action: 'open' });
    }
  } else if (!intersection.legs[beforeLeg] || !intersection.legs[afterLeg]) {
    throw new Error(`${street.key} ends at ${intersection.id} where no sidewalk continues`);
  }
  return events;
}

export function buildSidewalkRuns(grid: StreetGrid, attachments: readonly SidewalkAttachment[]): SidewalkRun[] {
  const runs: SidewalkRun[] = [];
  for (const street of [...grid.eastWest, ...grid.northSouth]) {
    const extent = streetExtent(grid, street);
    for (const side of [-1, 1] as const) {
      const name = sideName(street, side);
      const offset = street.sidewalkOffsetMeters;
      const events: RunEvent[] = [];
      if (street.startsAt === null) {
        events.push({ along: extent.start, point: pointBesideLine(street, extent.start, side, offset), key: `edge:${street.key}:${name}:start`, action: 'open' });
      }
      for (const intersection of intersectionsAlong(grid, street)) events.push(...runEventsAt(intersection, street, side));
      for (const attachment of attachments) {
        if (attachment.streetKey !== street.key || attachment.side !== side) continue;
        events.push({ along: attachment.along, point: pointBesideLine(street, attachment.along, side, offset), key: attachment.key, action: 'split' });
      }
      if (street.endsAt === null) {
        events.push({ along: extent.end, point: pointBesideLine(street, extent.end, side, offset), key: `edge:${street.key}:${name}:end`, action: 'close' });
      }
      events.sort((first, second) => first.along - second.along);
      let open: SidewalkNode[] | null = null;
      for (const event of events) {
        const node: SidewalkNode = { along: event.along, point: event.point, key: event.key };
        if (event.action === 'open') {
          if (open !== null) throw new Error(`sidewalk ${street.key} ${name} opens twice at ${event.key}`);
          open = [node];
        } else {
          if (open === null) throw new Error(`${event.key} falls outside any sidewalk of ${street.key} ${name}`);
          open.push(node);
          if (event.action === 'close') {
            runs.push({ street, side, nodes: open });
            open = null;
          }
        }
      }
      if (open !== null) throw new Error(`sidewalk ${street.key} ${name} never closes`);
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// City blocks: the land between streets (or between a street and the district edge), set back
// from the sidewalks, where buildings and parks go.

export interface Block {
  /** Keys of the bounding lines: a street key, or "edge". */
  southKey: string;
  northKey: string;
  westKey: string;
  eastKey: string;
  corners: { southWest: LocalPoint; southEast: LocalPoint; northEast: LocalPoint; northWest: LocalPoint };
}

interface BlockBoundary {
  key: string;
  line: GuideLine;
  setbackMeters: number;
  /** For north-south streets: first and last row (between east-west boundaries) the street spans. */
  firstRow: number;
  lastRow: number;
}

function edgeLine(axis: StreetAxis, position: number): GuideLine {
  return { axis, baseMeters: position, slope: 0, bendAmplitudeMeters: 0, bendWavelengthMeters: 1000, bendPhase: 0 };
}

/**
 * Blocks of the grid. `buildingGapMeters` is the distance from the middle of a sidewalk to the
 * building line; `edgeMarginMeters` keeps blocks off the district edge.
 */
export function buildBlocks(grid: StreetGrid, buildingGapMeters: number, edgeMarginMeters: number): Block[] {
  if (grid.eastWest.some((street) => street.startsAt !== null || street.endsAt !== null)) {
    throw new Error('blocks assume every east-west street crosses the whole district');
  }
  const rows: BlockBoundary[] = [
    { key: 'edge', line: edgeLine('east_west', -DISTRICT_HALF_HEIGHT_METERS), setbackMeters: edgeMarginMeters, firstRow: 0, lastRow: 0 },
    ...grid.eastWest.map((street) => ({ key: street.key, line: street as GuideLine, setbackMeters: street.sidewalkOffsetMeters + buildingGapMeters, firstRow: 0, lastRow: 0 })),
    { key: 'edge', line: edgeLine('east_west', DISTRICT_HALF_HEIGHT_METERS), setbackMeters: edgeMarginMeters, firstRow: 0, lastRow: 0 },
  ];
  const rowIndexOf = (key: string | null, fallback: number): number => (key === null ? fallback : rows.findIndex((row) => row.key === key));
  const columns: BlockBoundary[] = [
    { key: 'edge', line: edgeLine('north_south', -DISTRICT_HALF_WIDTH_METERS), setbackMeters: edgeMarginMeters, firstRow: 0, lastRow: rows.length - 2 },
    ...grid.northSouth.map((street) => ({
      key: street.key,
      line: street as GuideLine,
      setbackMeters: street.sidewalkOffsetMeters + buildingGapMeters,
      // Row r lies between boundary r and r + 1.
      firstRow: rowIndexOf(street.startsAt, 0),
      lastRow: rowIndexOf(street.endsAt, rows.length - 1) - 1,
    })),
    { key: 'edge', line: edgeLine('north_south', DISTRICT_HALF_WIDTH_METERS), setbackMeters: edgeMarginMeters, firstRow: 0, lastRow: rows.length - 2 },
  ];
  const blocks: Block[] = [];
  for (let row = 0; row + 1 < rows.length; row += 1) {
    const south = rows[row];
    const north = rows[row + 1];
    if (south === undefined || north === undefined) continue;
    const present = columns.filter((column) => column.firstRow <= row && row <= column.lastRow);
    for (let column = 0; column + 1 < present.length; column += 1) {
      const west = present[column];
      const east = present[column + 1];
      if (west === undefined || east === undefined) continue;
      const corner = (eastWest: BlockBoundary, eastWestSide: LineSide, northSouth: BlockBoundary, northSouthSide: LineSide): LocalPoint => intersectOffsetLines(
        { line: eastWest.line, side: eastWestSide, distanceMeters: eastWest.setbackMeters },
        { line: northSouth.line, side: northSouthSide, distanceMeters: northSouth.setbackMeters },
      );
      blocks.push({
        southKey: south.key,
        northKey: north.key,
        westKey: west.key,
        eastKey: east.key,
        corners: {
          southWest: corner(south, 1, west, 1),
          southEast: corner(south, 1, east, -1),
          northEast: corner(north, -1, east, -1),
          northWest: corner(north, -1, west, 1),
        },
      });
    }
  }
  return blocks;
}

/** A point inside a block by bilinear interpolation: u runs west to east, v south to north. */
export function pointInBlock(block: Block, u: number, v: number): LocalPoint {
  const { southWest, southEast, northEast, northWest } = block.corners;
  const southX = southWest.x + (southEast.x - southWest.x) * u;
  const southY = southWest.y + (southEast.y - southWest.y) * u;
  const northX = northWest.x + (northEast.x - northWest.x) * u;
  const northY = northWest.y + (northEast.y - northWest.y) * u;
  return { x: southX + (northX - southX) * v, y: southY + (northY - southY) * v };
}
