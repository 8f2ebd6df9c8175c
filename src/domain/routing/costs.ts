// What an arc costs a profile, in seconds. One function (evaluateArc) decides every cost, every
// block and every "unknown" flag, so the search, the result summary and the no-route diagnosis can
// never disagree. The searches read a per-profile array of arc costs prepared once
// (prepareArcCosts), so the inner loops only read numbers.
//
// cost = (walking seconds × factors + elevator wait + extra seconds) × the unknown-data factor,
// where every factor is at least 1 and every extra at least 0: a cost is never below the time to
// walk the arc at the profile's speed, which keeps the A* heuristic (straight-line distance ÷
// speed) admissible.
//
// Near a limit the cost rises smoothly: from half the limit the factor grows with the square of
// how far past half it is, reaching 1 + APPROACH_WEIGHT at the limit; past the limit the arc is
// impassable. A blocked arc's cost is a negative BLOCKED code naming the limit that blocks it.
import {
  CROSSING_CODES, FACILITY_STATUS_CODES, KERB_CODES, SURFACE_CODES, TRI_STATE, type RoutingGraph,
} from './graph.ts';
import { NETWORK_KINDS } from '../facilities/model.ts';
import type { RelaxableLimit, RoutingProfile } from './profiles.ts';

/** Why an arc is impassable: a limit of the profile, or a facility that is out of service or reported closed. */
export type BlockingLimit = RelaxableLimit | 'closedFacility';

/** Negative arc costs: the arc is impassable, and this is why. */
export const BLOCKED = { closedFacility: -1, avoidSteps: -2, maxKerbHeight: -3, maxIncline: -4, minWidth: -5, unknown: -6 } as const;
const BLOCKING_BY_CODE: readonly BlockingLimit[] = ['closedFacility', 'avoidSteps', 'maxKerbHeight', 'maxIncline', 'minWidth', 'unknown'];

/** The limit a negative cost names. */
export function blockingLimitOf(cost: number): BlockingLimit {
  return BLOCKING_BY_CODE[-cost - 1] ?? 'unknown';
}

/**
 * Attributes whose being unknown can matter to a profile; one bit each in the unknown flags.
 * kerbRampSlope: a lowered kerb whose ramp's slope nobody measured; facilityStatus: an elevator or
 * ramp (or a kerb ramp, for wheels) whose status is unknown.
 */
export const UNKNOWN_ATTRIBUTES = ['incline', 'width', 'kerb', 'kerbRampSlope', 'surface', 'tactilePaving', 'crossing', 'facilityStatus'] as const;
export type UnknownAttribute = (typeof UNKNOWN_ATTRIBUTES)[number];
const UNKNOWN_BIT: Readonly<Record<UnknownAttribute, number>> = Object.fromEntries(UNKNOWN_ATTRIBUTES.map((name, index) => [name, 1 << index])) as Record<UnknownAttribute, number>;

export function unknownAttributesOf(flags: number): UnknownAttribute[] {
  return UNKNOWN_ATTRIBUTES.filter((name) => (flags & UNKNOWN_BIT[name]) !== 0);
}

/** Project choice: waiting for and riding an elevator, on top of the walk through it. */
export const ELEVATOR_SECONDS = 60;
/** Project choice: the cost at a limit is three times the cost on easy ground. */
export const APPROACH_WEIGHT = 2;
/** Project choice: a kerb at the limit costs this many extra seconds (a struggle, or waiting for help). */
export const KERB_APPROACH_SECONDS = 30;
/** Project choices for wheels: rough surfaces take 1.5 times as long, loose ones three times. */
const SURFACE_FACTORS: Readonly<Record<number, number>> = { [SURFACE_CODES.smooth]: 1, [SURFACE_CODES.rough]: 1.5, [SURFACE_CODES.loose]: 3, [SURFACE_CODES.unknown]: 1 };
/** Project choice: without known tactile paving a blind traveller's arc costs half again as much. */
export const NO_TACTILE_PAVING_FACTOR = 1.5;
/**
 * Project choices, in extra seconds per crossing for travellers who prefer signals: signals with
 * sound cost nothing extra, signals without sound 15 s, a marked crossing 45 s, an unmarked one
 * 90 s. A preference never credits what is unknown: an unknown crossing costs as unmarked, an
 * unknown sound as silent.
 */
export const CROSSING_EXTRA_SECONDS = { signalsWithSound: 0, silentSignals: 15, marked: 45, unmarked: 90 } as const;

const KIND_STEPS = NETWORK_KINDS.indexOf('steps');
const KIND_ELEVATOR = NETWORK_KINDS.indexOf('elevator');
const KIND_RAMP = NETWORK_KINDS.indexOf('ramp');
const KIND_CROSSING = NETWORK_KINDS.indexOf('crossing');

/** 0 below half the limit, rising to 1 at the limit. */
function approach(ratio: number): number {
  if (ratio <= 0.5) return 0;
  const past = (ratio - 0.5) / 0.5;
  return past * past;
}

/** Facility closures for one search: 0 open (or unknown), 1 out of service in the data, 2 reported closed. */
export const CLOSURE = { open: 0, outOfService: 1, reportedClosed: 2 } as const;

/** Filled by evaluateArc; reused to keep the preparation loop free of allocations. */
export interface ArcEvaluation {
  /** Cost in seconds, or a negative BLOCKED code. */
  cost: number;
  /** Walking (or riding) time in seconds, without penalties: what durations add up. */
  seconds: number;
  /** Bits of UNKNOWN_ATTRIBUTES that are unknown and matter to the profile. */
  unknownFlags: number;
}

export function createArcEvaluation(): ArcEvaluation {
  return { cost: 0, seconds: 0, unknownFlags: 0 };
}

/**
 * Evaluates the part of an arc from `fromFraction` to `toFraction` of its length into `out`.
 * The near end's kerb counts only when the part starts at the arc's source (fraction 0), the far
 * end's only when it reaches the target (fraction 1): a route that starts in the middle of a
 * crossing does not climb the kerb behind it.
 */
export function evaluateArc(
  graph: RoutingGraph, profile: RoutingProfile, closures: Uint8Array, arc: number, fromFraction: number, toFraction: number, out: ArcEvaluation,
): void {
  const span = toFraction - fromFraction;
  const kind = graph.arcKind[arc] as number;
  const isSteps = kind === KIND_STEPS;
  const isElevator = kind === KIND_ELEVATOR;
  const isRamp = kind === KIND_RAMP;
  const isCrossing = kind === KIND_CROSSING;
  const walkingSeconds = ((graph.arcLengthMeters[arc] as number) * span) / profile.speedMetersPerSecond;
  // The wait for an elevator is the same for everyone: the profile's factors apply to moving only.
  const waitingSeconds = isElevator ? ELEVATOR_SECONDS * span : 0;
  out.seconds = walkingSeconds + waitingSeconds;
  out.unknownFlags = 0;
  let factor = 1;
  let extraSeconds = 0;
  let unknown = 0;

  // Facilities the arc passes through: an elevator is needed by everyone, a ramp by wheels.
  if (isElevator || (isRamp && profile.wheeled)) {
    const facility = graph.arcFacility[arc] as number;
    if (facility >= 0 && closures[facility] !== CLOSURE.open) { out.cost = BLOCKED.closedFacility; return; }
    if (facility < 0 || graph.facilityStatus[facility] === FACILITY_STATUS_CODES.unknown) unknown |= UNKNOWN_BIT.facilityStatus;
  }

  if (isSteps) {
    if (profile.avoidSteps) { out.cost = BLOCKED.avoidSteps; return; }
    factor *= profile.stepsCostFactor;
  }

  // Kerbs and kerb ramps at the ends this part passes.
  const includeNear = fromFraction <= 0;
  const includeFar = toFraction >= 1;
  const maxKerb = profile.maxKerbHeightMillimeters;
  const inclineLimited = profile.maxUphillPercent !== null || profile.maxDownhillPercent !== null;
  for (let end = 0; end < 2; end += 1) {
    const near = end === 0;
    if (near ? !includeNear : !includeFar) continue;
    const kerb = (near ? graph.arcKerbNear[arc] : graph.arcKerbFar[arc]) as number;
    if (kerb === KERB_CODES.notApplicable) continue;
    const ramp = (near ? graph.arcKerbRampNear[arc] : graph.arcKerbRampFar[arc]) as number;
    if (profile.wheeled && ramp >= 0) {
      if (closures[ramp] !== CLOSURE.open) { out.cost = BLOCKED.closedFacility; return; }
      if (graph.facilityStatus[ramp] === FACILITY_STATUS_CODES.unknown) unknown |= UNKNOWN_BIT.facilityStatus;
    }
    if (maxKerb !== null) {
      const height = (near ? graph.arcKerbNearHeightMillimeters[arc] : graph.arcKerbFarHeightMillimeters[arc]) as number;
      if (kerb === KERB_CODES.unknown) {
        unknown |= UNKNOWN_BIT.kerb;
      } else if (Number.isNaN(height)) {
        // A flush kerb, or no kerb at all, is level even when nobody measured it; any other kerb is not.
        if (kerb !== KERB_CODES.flush && kerb !== KERB_CODES.none) unknown |= UNKNOWN_BIT.kerb;
      } else {
        if (height > maxKerb) { out.cost = BLOCKED.maxKerbHeight; return; }
        extraSeconds += KERB_APPROACH_SECONDS * approach(height / maxKerb);
      }
    }
    // A kerb ramp is a short slope: down it when leaving the sidewalk (near end), up it when arriving (far end).
    if (inclineLimited && kerb === KERB_CODES.lowered) {
      const slope = ramp >= 0 ? (graph.facilitySlopePercent[ramp] as number) : NaN;
      const limit = near ? profile.maxDownhillPercent : profile.maxUphillPercent;
      if (limit !== null) {
        if (Number.isNaN(slope)) {
          unknown |= UNKNOWN_BIT.kerbRampSlope;
        } else {
          if (slope > limit) { out.cost = BLOCKED.maxIncline; return; }
          factor *= 1 + APPROACH_WEIGHT * approach(slope / limit);
        }
      }
    }
  }

  // Running slope: steps and elevators have their own rules.
  if (inclineLimited && !isSteps && !isElevator) {
    const incline = graph.arcInclinePercent[arc] as number;
    const rampSlope = isRamp && (graph.arcFacility[arc] as number) >= 0 ? (graph.facilitySlopePercent[graph.arcFacility[arc] as number] as number) : NaN;
    if (!Number.isNaN(incline)) {
      const limit = incline >= 0 ? profile.maxUphillPercent : profile.maxDownhillPercent;
      if (limit !== null) {
        const magnitude = Math.abs(incline);
        if (magnitude > limit) { out.cost = BLOCKED.maxIncline; return; }
        factor *= 1 + APPROACH_WEIGHT * approach(magnitude / limit);
      }
    } else if (!Number.isNaN(rampSlope)) {
      // The ramp facility knows its slope but not which way the edge climbs: hold it to the stricter limit.
      const limit = Math.min(profile.maxUphillPercent ?? Infinity, profile.maxDownhillPercent ?? Infinity);
      if (rampSlope > limit) { out.cost = BLOCKED.maxIncline; return; }
      factor *= 1 + APPROACH_WEIGHT * approach(rampSlope / limit);
    } else {
      unknown |= UNKNOWN_BIT.incline;
    }
  }

  if (profile.minWidthMeters !== null && !isSteps) {
    const width = graph.arcWidthMeters[arc] as number;
    if (Number.isNaN(width)) {
      unknown |= UNKNOWN_BIT.width;
    } else {
      if (width < profile.minWidthMeters) { out.cost = BLOCKED.minWidth; return; }
      factor *= 1 + APPROACH_WEIGHT * approach(profile.minWidthMeters / width);
    }
  }

  if (profile.wheeled && !isSteps && !isElevator) {
    const surface = graph.arcSurface[arc] as number;
    if (surface === SURFACE_CODES.unknown) unknown |= UNKNOWN_BIT.surface;
    factor *= SURFACE_FACTORS[surface] ?? 1;
  }

  if (profile.preferTactilePaving && !isSteps && !isElevator && !isCrossing) {
    const tactile = graph.arcTactilePaving[arc] as number;
    if (tactile === TRI_STATE.unknown) unknown |= UNKNOWN_BIT.tactilePaving;
    if (tactile !== TRI_STATE.yes) factor *= NO_TACTILE_PAVING_FACTOR;
  }

  if (profile.preferSignalledCrossings && isCrossing) {
    const crossing = graph.arcCrossing[arc] as number;
    const sound = graph.arcCrossingSound[arc] as number;
    let crossingSeconds: number = CROSSING_EXTRA_SECONDS.unmarked;
    if (crossing === CROSSING_CODES.traffic_signals) {
      if (sound === TRI_STATE.unknown) unknown |= UNKNOWN_BIT.crossing;
      crossingSeconds = sound === TRI_STATE.yes ? CROSSING_EXTRA_SECONDS.signalsWithSound : CROSSING_EXTRA_SECONDS.silentSignals;
    } else if (crossing === CROSSING_CODES.marked) {
      crossingSeconds = CROSSING_EXTRA_SECONDS.marked;
    } else if (crossing === CROSSING_CODES.unknown) {
      unknown |= UNKNOWN_BIT.crossing;
    }
    extraSeconds += crossingSeconds * span;
  }

  out.unknownFlags = unknown;
  let cost = walkingSeconds * factor + waitingSeconds + extraSeconds;
  if (unknown !== 0) {
    if (profile.unknown === 'avoid') { out.cost = BLOCKED.unknown; return; }
    if (profile.unknown === 'penalise') cost *= profile.unknownCostFactor;
  }
  out.cost = cost;
}

/** A profile's costs over a whole graph, prepared once and shared by every search with the same profile and closures. */
export interface PreparedCosts {
  graph: RoutingGraph;
  profile: RoutingProfile;
  /** Per graph facility: CLOSURE codes. */
  closures: Uint8Array;
  /** Per arc: cost in seconds, or a negative BLOCKED code. */
  arcCost: Float64Array;
  /** Per arc: unknown flags (bits of UNKNOWN_ATTRIBUTES). */
  arcUnknown: Uint16Array;
  /** Per edge: 1 when a route may start or end on it (not an elevator, and passable at least one way). */
  edgeSnappable: Uint8Array;
  /** Arcs blocked by a closed facility. */
  closedArcs: Int32Array;
  /** Whether any facility is closed: when none is, the costs equal those with closures ignored. */
  anyClosure: boolean;
}

/**
 * Closures per graph facility: out of service in the data, or in `closedFacilityIds` (open fault
 * reports). With `ignoreClosures` every facility counts as open: the "what if it worked" search
 * that tells whether an avoided facility was on the best path.
 */
export function facilityClosures(graph: RoutingGraph, closedFacilityIds: ReadonlySet<string>, ignoreClosures = false): Uint8Array {
  const closures = new Uint8Array(graph.facilityCount);
  if (ignoreClosures) return closures;
  for (let facility = 0; facility < graph.facilityCount; facility += 1) {
    if (graph.facilityStatus[facility] === FACILITY_STATUS_CODES.out_of_service) closures[facility] = CLOSURE.outOfService;
    else if (closedFacilityIds.has(graph.facilityIds[facility] as string)) closures[facility] = CLOSURE.reportedClosed;
  }
  return closures;
}

export function prepareArcCosts(graph: RoutingGraph, profile: RoutingProfile, closures: Uint8Array): PreparedCosts {
  const arcCost = new Float64Array(graph.arcCount);
  const arcUnknown = new Uint16Array(graph.arcCount);
  const evaluation = createArcEvaluation();
  for (let arc = 0; arc < graph.arcCount; arc += 1) {
    evaluateArc(graph, profile, closures, arc, 0, 1, evaluation);
    arcCost[arc] = evaluation.cost;
    arcUnknown[arc] = evaluation.unknownFlags;
  }
  const edgeSnappable = new Uint8Array(graph.edgeCount);
  for (let arc = 0; arc < graph.arcCount; arc += 1) {
    if ((arcCost[arc] as number) >= 0 && graph.arcKind[arc] !== KIND_ELEVATOR) edgeSnappable[graph.arcEdge[arc] as number] = 1;
  }
  const closedArcs: number[] = [];
  for (let arc = 0; arc < graph.arcCount; arc += 1) if (arcCost[arc] === BLOCKED.closedFacility) closedArcs.push(arc);
  return { graph, profile, closures, arcCost, arcUnknown, edgeSnappable, closedArcs: Int32Array.from(closedArcs), anyClosure: closures.some((closure) => closure !== CLOSURE.open) };
}

const preparedCache = new WeakMap<RoutingGraph, Map<string, PreparedCosts>>();
const PREPARED_CACHE_SIZE = 8;

/** prepareArcCosts with a small per-graph cache keyed by the profile's values and the closures. */
export function preparedCostsFor(graph: RoutingGraph, profile: RoutingProfile, closedFacilityIds: ReadonlySet<string>, ignoreClosures = false): PreparedCosts {
  const key = JSON.stringify([profile, ignoreClosures ? [] : [...closedFacilityIds].sort(), ignoreClosures]);
  let cache = preparedCache.get(graph);
  if (cache === undefined) {
    cache = new Map();
    preparedCache.set(graph, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest is the one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const prepared = prepareArcCosts(graph, profile, facilityClosures(graph, closedFacilityIds, ignoreClosures));
  cache.set(key, prepared);
  if (cache.size > PREPARED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return prepared;
}
