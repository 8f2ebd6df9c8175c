// Directions as structured steps, with no language in them: the app words them in Chinese and
// English (src/i18n), the CLI in English. Consecutive segments along the same street with no turn
// merge into one step; crossings, steps, elevators and ramps are steps of their own. Each step
// says where it starts and which segments and coordinates it covers, so the map can highlight it.
import type { CrossingKind, KerbKind, LngLat } from '../facilities/model.ts';
import { clockDirection, compassPoint, type CompassPoint } from '../geo/index.ts';
import {
  KERB_CODES, TRI_STATE, crossingKindOfArc, isWalkingKind, kerbKindOfCode, networkKindOfArc, triStateValue, type RoutingGraph, type StreetName,
} from './graph.ts';
import type { IndexRange, RouteSegment } from './segments.ts';

export type TurnDirection = 'straight' | 'slight_right' | 'right' | 'sharp_right' | 'u_turn' | 'sharp_left' | 'left' | 'slight_left';

export interface Turn {
  direction: TurnDirection;
  /** Change of heading, −180 … 180 degrees; positive turns right (clockwise). */
  angleDegrees: number;
  /** The new heading as a clock direction from the old one: 12 ahead, 3 right, 9 left. */
  clock: number;
}

interface StepBase {
  /** Where the step begins. */
  coordinate: LngLat;
  distanceMeters: number;
  /** The route's segments this step covers. */
  segmentRange: IndexRange;
  /** The route's coordinates this step covers: the stretch to highlight. */
  coordinateRange: IndexRange;
  /** Heading at the start of the step, degrees clockwise from north. */
  bearingDegrees: number;
  compass: CompassPoint;
  /** The turn into this step from the previous one; null for the first step and for arrival. */
  turn: Turn | null;
  /** The street walked along, the street crossed, or the name of the stairs, elevator or ramp. */
  street: StreetName | null;
}

export interface WalkingStep extends StepBase {
  kind: 'depart' | 'continue' | 'turn';
  /** Tactile paving along the whole step: true, false, or null when unknown or mixed. */
  tactilePaving: boolean | null;
  /** Guiding paving begins or stops where this step begins (only when tactile paving is announced). */
  tactilePavingChange: 'starts' | 'ends' | null;
}

export interface CrossingStep extends StepBase {
  kind: 'cross';
  crossing: CrossingKind | null;
  signalled: boolean | null;
  sound: boolean | null;
  /** Kerb where the crossing is entered / left; null when unknown (or the route starts or ends on the crossing). */
  kerbAtStart: KerbKind | null;
  kerbAtEnd: KerbKind | null;
  /** A kerb ramp (lowered kerb, or a kerb ramp facility) at each end: true, false, or null when unknown. */
  kerbRampAtStart: boolean | null;
  kerbRampAtEnd: boolean | null;
  /** Warning paving at the crossing's ends. */
  tactilePaving: boolean | null;
}

export interface StepsStep extends StepBase {
  kind: 'steps';
  /** Total number of steps; null when any flight's count is unknown. */
  stepCount: number | null;
  direction: 'up' | 'down' | null;
  handrail: boolean | null;
}

export interface ElevatorStep extends StepBase {
  kind: 'elevator';
  facilityId: string | null;
}

export interface RampStep extends StepBase {
  kind: 'ramp';
  facilityId: string | null;
  direction: 'up' | 'down' | null;
  /** Slope in the direction of travel, when known. */
  inclinePercent: number | null;
  handrail: boolean | null;
}

export interface ArriveStep extends StepBase {
  kind: 'arrive';
  /** Where the point asked for lies from the end of the route, as a clock direction from the last heading; null when it is under a metre away. */
  destinationClock: number | null;
  /** From the end of the route to the point asked for (the snapping distance). */
  destinationDistanceMeters: number;
}

export type RouteStep = WalkingStep | CrossingStep | StepsStep | ElevatorStep | RampStep | ArriveStep;

export interface DirectionsOptions {
  /** Split steps where tactile paving starts and stops, and say so (for blind and low-vision travellers). */
  announceTactilePaving: boolean;
}

/** Project choices: within 25° is straight on, then slight to 60°, a turn to 135°, sharp to 165°, beyond that a U-turn. */
const TURN_LIMITS = { straight: 25, slight: 60, turn: 135, sharp: 165 } as const;

export function classifyTurn(angleDegrees: number): TurnDirection {
  const magnitude = Math.abs(angleDegrees);
  if (magnitude <= TURN_LIMITS.straight) return 'straight';
  if (magnitude > TURN_LIMITS.sharp) return 'u_turn';
  const right = angleDegrees > 0;
  if (magnitude <= TURN_LIMITS.slight) return right ? 'slight_right' : 'slight_left';
  if (magnitude <= TURN_LIMITS.turn) return right ? 'right' : 'left';
  return right ? 'sharp_right' : 'sharp_left';
}

/** Signed change of heading from one bearing to the next, −180 … 180, positive clockwise. */
export function headingChange(fromBearing: number, toBearing: number): number {
  const change = (((toBearing - fromBearing) % 360) + 540) % 360 - 180;
  return change === -180 ? 180 : change;
}

export function turnBetween(fromBearing: number, toBearing: number): Turn {
  const angleDegrees = headingChange(fromBearing, toBearing);
  return { direction: classifyTurn(angleDegrees), angleDegrees, clock: clockDirection(toBearing, fromBearing) };
}

/** Bearing of the line from one position to the next in the graph's plane, degrees clockwise from north. */
function planeBearing(graph: RoutingGraph, from: LngLat, to: LngLat): number {
  const east = (to[0] - from[0]) * graph.projection.metersPerDegreeLongitude;
  const north = (to[1] - from[1]) * graph.projection.metersPerDegreeLatitude;
  return ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
}

const MINIMUM_BEARING_METERS = 0.05;

function planeDistance(graph: RoutingGraph, from: LngLat, to: LngLat): number {
  return Math.hypot((to[0] - from[0]) * graph.projection.metersPerDegreeLongitude, (to[1] - from[1]) * graph.projection.metersPerDegreeLatitude);
}

/** Heading as a segment begins and as it ends, skipping positions too close together to give a direction. */
function segmentBearings(graph: RoutingGraph, coordinates: readonly LngLat[], range: IndexRange): { start: number; end: number } {
  const firstPosition = coordinates[range.first] as LngLat;
  let start = 0;
  for (let index = range.first + 1; index <= range.last; index += 1) {
    if (planeDistance(graph, firstPosition, coordinates[index] as LngLat) > MINIMUM_BEARING_METERS) {
      start = planeBearing(graph, firstPosition, coordinates[index] as LngLat);
      break;
    }
  }
  const lastPosition = coordinates[range.last] as LngLat;
  let end = start;
  for (let index = range.last - 1; index >= range.first; index -= 1) {
    if (planeDistance(graph, coordinates[index] as LngLat, lastPosition) > MINIMUM_BEARING_METERS) {
      end = planeBearing(graph, coordinates[index] as LngLat, lastPosition);
      break;
    }
  }
  return { start, end };
}

function kerbRampAt(kerbCode: number, rampFacility: number): boolean | null {
  if (rampFacility >= 0 || kerbCode === KERB_CODES.lowered) return true;
  if (kerbCode === KERB_CODES.unknown || kerbCode === KERB_CODES.notApplicable) return null;
  return false;
}

/** A step from its common part and its details. Object.assign, not a spread: V8 builds large spread literals slowly, and directions are built for every route. */
function withDetails<Details extends object>(base: StepBase, details: Details): StepBase & Details {
  return Object.assign({}, base, details);
}

function nameOf(graph: RoutingGraph, arc: number): StreetName | null {
  const index = graph.arcName[arc] as number;
  return index >= 0 ? (graph.names[index] ?? null) : null;
}

interface SegmentFacts {
  segment: RouteSegment;
  walking: boolean;
  kind: string;
  name: number;
  tactileYes: boolean;
  bearings: { start: number; end: number };
}

export function buildDirections(
  graph: RoutingGraph, segments: readonly RouteSegment[], coordinates: readonly LngLat[], destination: { input: LngLat; distanceMeters: number },
  options: DirectionsOptions,
): RouteStep[] {
  const facts: SegmentFacts[] = segments.map((segment) => {
    const kind = networkKindOfArc(graph, segment.arc);
    return {
      segment, kind, walking: isWalkingKind(kind), name: graph.arcName[segment.arc] as number,
      tactileYes: graph.arcTactilePaving[segment.arc] === TRI_STATE.yes,
      bearings: segmentBearings(graph, coordinates, segment.coordinateRange),
    };
  });

  // Group segments into steps.
  const groups: SegmentFacts[][] = [];
  for (const fact of facts) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    const joins = group !== undefined && previous !== undefined && previous.kind === fact.kind && previous.name === fact.name
      && classifyTurn(headingChange(previous.bearings.end, fact.bearings.start)) === 'straight'
      && (!fact.walking || !options.announceTactilePaving || previous.tactileYes === fact.tactileYes);
    if (joins) group.push(fact);
    else groups.push([fact]);
  }

  const steps: RouteStep[] = [];
  let segmentIndex = 0;
  let previousWalkingTactile: boolean | null = null;
  groups.forEach((group, groupIndex) => {
    const first = group[0] as SegmentFacts;
    const last = group[group.length - 1] as SegmentFacts;
    const firstArc = first.segment.arc;
    const base: StepBase = {
      coordinate: coordinates[first.segment.coordinateRange.first] as LngLat,
      distanceMeters: group.reduce((sum, fact) => sum + fact.segment.lengthMeters, 0),
      segmentRange: { first: segmentIndex, last: segmentIndex + group.length - 1 },
      coordinateRange: { first: first.segment.coordinateRange.first, last: last.segment.coordinateRange.last },
      bearingDegrees: first.bearings.start,
      compass: compassPoint(first.bearings.start),
      turn: groupIndex === 0 ? null : turnBetween((groups[groupIndex - 1]?.at(-1) as SegmentFacts).bearings.end, first.bearings.start),
      street: nameOf(graph, firstArc),
    };
    segmentIndex += group.length;

    if (first.walking) {
      const allYes = group.every((fact) => graph.arcTactilePaving[fact.segment.arc] === TRI_STATE.yes);
      const allNo = group.every((fact) => graph.arcTactilePaving[fact.segment.arc] === TRI_STATE.no);
      const tactilePaving = allYes ? true : allNo ? false : null;
      let tactilePavingChange: WalkingStep['tactilePavingChange'] = null;
      if (options.announceTactilePaving) {
        if (allYes && previousWalkingTactile !== true) tactilePavingChange = 'starts';
        if (!allYes && previousWalkingTactile === true) tactilePavingChange = 'ends';
        previousWalkingTactile = allYes;
      }
      const kind = groupIndex === 0 ? 'depart' : base.turn !== null && base.turn.direction !== 'straight' ? 'turn' : 'continue';
      steps.push(withDetails(base, { kind, tactilePaving, tactilePavingChange }));
      return;
    }
    if (groupIndex === 0) {
      // A route that begins on a crossing, stairs or an elevator still starts with a departure.
      steps.push(withDetails(base, {
        kind: 'depart', distanceMeters: 0, segmentRange: { first: 0, last: 0 },
        coordinateRange: { first: base.coordinateRange.first, last: base.coordinateRange.first }, tactilePaving: null, tactilePavingChange: null,
      }));
    }
    switch (first.kind) {
      case 'crossing': {
        const startsAtKerb = first.segment.fromFraction <= 0;
        const endsAtKerb = last.segment.toFraction >= 1;
        const nearKerb = startsAtKerb ? (graph.arcKerbNear[firstArc] as number) : KERB_CODES.unknown;
        const farKerb = endsAtKerb ? (graph.arcKerbFar[last.segment.arc] as number) : KERB_CODES.unknown;
        const crossing = crossingKindOfArc(graph, firstArc);
        steps.push(withDetails(base, {
          kind: 'cross', crossing,
          signalled: crossing === null ? null : crossing === 'traffic_signals',
          sound: triStateValue(graph.arcCrossingSound[firstArc] as number),
          kerbAtStart: kerbKindOfCode(nearKerb), kerbAtEnd: kerbKindOfCode(farKerb),
          kerbRampAtStart: startsAtKerb ? kerbRampAt(nearKerb, graph.arcKerbRampNear[firstArc] as number) : null,
          kerbRampAtEnd: endsAtKerb ? kerbRampAt(farKerb, graph.arcKerbRampFar[last.segment.arc] as number) : null,
          tactilePaving: triStateValue(graph.arcTactilePaving[firstArc] as number),
        }));
        return;
      }
      case 'steps': {
        const counts = group.map((fact) => graph.arcStepCount[fact.segment.arc] as number);
        const incline = graph.arcInclinePercent[firstArc] as number;
        steps.push(withDetails(base, {
          kind: 'steps',
          stepCount: counts.every((count) => count > 0) ? counts.reduce((sum, count) => sum + count, 0) : null,
          direction: Number.isNaN(incline) || incline === 0 ? null : incline > 0 ? 'up' : 'down',
          handrail: triStateValue(graph.arcHandrail[firstArc] as number),
        }));
        return;
      }
      case 'elevator': {
        const facility = graph.arcFacility[firstArc] as number;
        steps.push(withDetails(base, { kind: 'elevator', facilityId: facility >= 0 ? (graph.facilityIds[facility] ?? null) : null }));
        return;
      }
      default: {
        const facility = graph.arcFacility[firstArc] as number;
        const incline = graph.arcInclinePercent[firstArc] as number;
        steps.push(withDetails(base, {
          kind: 'ramp', facilityId: facility >= 0 ? (graph.facilityIds[facility] ?? null) : null,
          direction: Number.isNaN(incline) || incline === 0 ? null : incline > 0 ? 'up' : 'down',
          inclinePercent: Number.isNaN(incline) ? null : incline,
          handrail: triStateValue(graph.arcHandrail[firstArc] as number),
        }));
      }
    }
  });

  const lastCoordinateIndex = coordinates.length - 1;
  const end = coordinates[lastCoordinateIndex] as LngLat;
  const lastBearing = facts.at(-1)?.bearings.end ?? 0;
  steps.push({
    coordinate: end, distanceMeters: 0,
    segmentRange: { first: Math.max(0, segments.length - 1), last: Math.max(0, segments.length - 1) },
    coordinateRange: { first: lastCoordinateIndex, last: lastCoordinateIndex },
    bearingDegrees: lastBearing, compass: compassPoint(lastBearing), turn: null, street: facts.length > 0 ? nameOf(graph, (facts.at(-1) as SegmentFacts).segment.arc) : null,
    kind: 'arrive',
    destinationClock: destination.distanceMeters < 1 ? null : clockDirection(planeBearing(graph, end, destination.input), lastBearing),
    destinationDistanceMeters: destination.distanceMeters,
  });
  return steps;
}
