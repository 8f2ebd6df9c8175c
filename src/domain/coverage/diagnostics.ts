// Where the step-free network breaks and where tactile paving stops, and which facilities nobody
// has checked: the planner's list of things to fix or survey. Every finding has a reason code, a
// place and the feature it is about. Unknown data is reported as unknown, never as a break.
import { NETWORK_KINDS, type Facility, type LngLat, type TactilePavingFacility } from '../facilities/model.ts';
import { facilityAnchor } from '../geo/index.ts';
import type { Report } from '../reports/model.ts';
import { DEFAULT_STALENESS_RULES, isVerificationStale, lastVerifiedDate, verificationAgeDays, type StalenessRules } from '../reports/staleness.ts';
import { preparedCostsFor } from '../routing/costs.ts';
import { KERB_CODES, TRI_STATE, edgeLengthMeters, projectX, projectY, type RoutingGraph } from '../routing/graph.ts';
import { labelComponents, physicalComponents, symmetricEdgeWeights } from '../routing/landmarks.ts';
import { routingProfile } from '../routing/profiles.ts';

export const DIAGNOSTIC_CODES = [
  'crossing_ramp_one_end',
  'crossing_kerb_unknown',
  'raised_kerb_without_ramp',
  'steps_without_step_free_alternative',
  'wheelchair_island',
  'guiding_paving_ends_without_warning',
  'crossing_without_tactile_paving',
  'crossing_tactile_paving_unknown',
  'facility_status_unknown',
  'facility_verification_stale',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface NetworkDiagnostic {
  code: DiagnosticCode;
  location: LngLat;
  /** The network edge, facility or (for islands) first edge the finding is about. */
  featureId: string;
  /** Plain English detail for logs and the CLI; the app words findings from the code. */
  detail: string;
}

export interface DiagnosticsOptions {
  /** "Today", for staleness. */
  now: Date;
  stalenessRules?: StalenessRules;
  /** Closed reports count as on-site checks (reports/staleness.ts). */
  reports?: readonly Report[];
  districtId?: string;
  /** A guiding strip's end counts as met when warning paving or another guiding strip is this close. Project choice: 2 m, the width of a sidewalk corner. */
  tactileJoinMeters?: number;
  /** Wheelchair islands with at most this much network are reported; larger pieces are parts of the district in their own right. Project choice: 2000 m. */
  islandMaximumLengthMeters?: number;
}

const KIND_CROSSING = NETWORK_KINDS.indexOf('crossing');
const KIND_STEPS = NETWORK_KINDS.indexOf('steps');

function nodePosition(graph: RoutingGraph, node: number): LngLat {
  return [graph.nodeLongitude[node] as number, graph.nodeLatitude[node] as number];
}

/** A crossing end is step-free when its kerb is lowered, flush or absent, or a kerb ramp stands there. */
function endState(kerb: number, ramp: number): 'step_free' | 'raised' | 'unknown' {
  if (ramp >= 0 || kerb === KERB_CODES.lowered || kerb === KERB_CODES.flush || kerb === KERB_CODES.none) return 'step_free';
  if (kerb === KERB_CODES.raised || kerb === KERB_CODES.rolled) return 'raised';
  return 'unknown';
}

function crossingDiagnostics(graph: RoutingGraph): NetworkDiagnostic[] {
  const found: NetworkDiagnostic[] = [];
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    if (graph.edgeKind[edge] !== KIND_CROSSING) continue;
    const id = graph.edgeIds[edge] as string;
    const startNode = graph.edgeStartNode[edge] as number;
    const endNode = graph.edgeEndNode[edge] as number;
    const start = endState(graph.edgeKerbStart[edge] as number, graph.edgeKerbRampStart[edge] as number);
    const end = endState(graph.edgeKerbEnd[edge] as number, graph.edgeKerbRampEnd[edge] as number);
    const middle: LngLat = [((graph.nodeLongitude[startNode] as number) + (graph.nodeLongitude[endNode] as number)) / 2, ((graph.nodeLatitude[startNode] as number) + (graph.nodeLatitude[endNode] as number)) / 2];
    if ((start === 'step_free') !== (end === 'step_free') && (start === 'raised' || end === 'raised')) {
      found.push({ code: 'crossing_ramp_one_end', location: middle, featureId: id, detail: `crossing ${id} is step-free at one end only: a wheelchair user can get on it but not off` });
    }
    for (const [state, node, which] of [[start, startNode, 'first'], [end, endNode, 'last']] as const) {
      if (state === 'raised') found.push({ code: 'raised_kerb_without_ramp', location: nodePosition(graph, node), featureId: id, detail: `crossing ${id}: raised kerb without a kerb ramp at its ${which} end` });
      if (state === 'unknown') found.push({ code: 'crossing_kerb_unknown', location: nodePosition(graph, node), featureId: id, detail: `crossing ${id}: kerb at its ${which} end is not described` });
    }
    const tactile = graph.edgeTactilePaving[edge] as number;
    if (tactile === TRI_STATE.no) found.push({ code: 'crossing_without_tactile_paving', location: middle, featureId: id, detail: `crossing ${id} has no tactile paving at its ends` });
    if (tactile === TRI_STATE.unknown) found.push({ code: 'crossing_tactile_paving_unknown', location: middle, featureId: id, detail: `crossing ${id}: whether its ends have tactile paving is unknown` });
  }
  return found;
}

/**
 * Steps with no step-free alternative, and islands, for the wheelchair profile with facilities out
 * of service closed. Pieces are joined by edges the wheelchair can use at least one way: a
 * one-way-passable edge (a slope usable downhill only) still joins, so islands are never over-reported.
 */
function wheelchairDiagnostics(graph: RoutingGraph, islandMaximumLengthMeters: number): NetworkDiagnostic[] {
  const found: NetworkDiagnostic[] = [];
  const costs = preparedCostsFor(graph, routingProfile('wheelchair'), new Set());
  const wheelchairPiece = labelComponents(graph, symmetricEdgeWeights(costs));
  const physicalPiece = physicalComponents(graph);
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    if (graph.edgeKind[edge] !== KIND_STEPS) continue;
    const startNode = graph.edgeStartNode[edge] as number;
    const endNode = graph.edgeEndNode[edge] as number;
    if (wheelchairPiece[startNode] !== wheelchairPiece[endNode]) {
      const id = graph.edgeIds[edge] as string;
      found.push({ code: 'steps_without_step_free_alternative', location: nodePosition(graph, startNode), featureId: id, detail: `steps ${id}: no way between their ends without steps for a wheelchair` });
    }
  }
  // Network length and first edge per wheelchair piece; the largest piece of each physical piece is its main network.
  const pieceLength = new Map<number, number>();
  const pieceFirstEdge = new Map<number, number>();
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    const startPiece = wheelchairPiece[graph.edgeStartNode[edge] as number] as number;
    if (startPiece !== wheelchairPiece[graph.edgeEndNode[edge] as number]) continue;
    const lengthMeters = edgeLengthMeters(graph, edge);
    pieceLength.set(startPiece, (pieceLength.get(startPiece) ?? 0) + lengthMeters);
    if (!pieceFirstEdge.has(startPiece)) pieceFirstEdge.set(startPiece, edge);
  }
  const largestOfPhysical = new Map<number, number>();
  for (const [piece, lengthMeters] of pieceLength) {
    const edge = pieceFirstEdge.get(piece) as number;
    const physical = physicalPiece[graph.edgeStartNode[edge] as number] as number;
    const current = largestOfPhysical.get(physical);
    if (current === undefined || lengthMeters > (pieceLength.get(current) ?? 0)) largestOfPhysical.set(physical, piece);
  }
  for (const [piece, lengthMeters] of pieceLength) {
    const edge = pieceFirstEdge.get(piece) as number;
    const physical = physicalPiece[graph.edgeStartNode[edge] as number] as number;
    if (largestOfPhysical.get(physical) === piece || lengthMeters > islandMaximumLengthMeters) continue;
    const id = graph.edgeIds[edge] as string;
    found.push({
      code: 'wheelchair_island', location: nodePosition(graph, graph.edgeStartNode[edge] as number), featureId: id,
      detail: `a piece of network of about ${Math.round(lengthMeters)} m around edge ${id} that a wheelchair cannot leave (steps, kerbs, slopes, narrow ways or closed facilities all round)`,
    });
  }
  return found;
}

function tactileDiagnostics(graph: RoutingGraph, facilities: readonly Facility[], joinMeters: number): NetworkDiagnostic[] {
  const strips = facilities.filter((facility): facility is TactilePavingFacility => facility.category === 'tactile_paving' && facility.location.type === 'LineString');
  const toPlane = (position: LngLat): [number, number] => [projectX(graph.projection, position[0]), projectY(graph.projection, position[1])];
  const lines = strips.map((strip) => (strip.location.coordinates as LngLat[]).map(toPlane));
  const distanceToLine = (point: [number, number], line: readonly [number, number][]): number => {
    let best = Infinity;
    for (let index = 1; index < line.length; index += 1) {
      const [startX, startY] = line[index - 1] as [number, number];
      const [endX, endY] = line[index] as [number, number];
      const deltaX = endX - startX, deltaY = endY - startY;
      const lengthSquared = deltaX * deltaX + deltaY * deltaY;
      const along = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point[0] - startX) * deltaX + (point[1] - startY) * deltaY) / lengthSquared));
      best = Math.min(best, Math.hypot(startX + along * deltaX - point[0], startY + along * deltaY - point[1]));
    }
    return best;
  };
  const found: NetworkDiagnostic[] = [];
  strips.forEach((strip, stripIndex) => {
    if (strip.tactileType !== 'guiding') return;
    const line = lines[stripIndex] as [number, number][];
    const positions = strip.location.coordinates as LngLat[];
    for (const end of [0, positions.length - 1]) {
      const point = line[end] as [number, number];
      // GB 50763-2012 §3.2 (盲道): warning paving (提示盲道) marks where guiding paving starts, ends or turns.
      // An end that meets another guiding strip continues, so it is not an end.
      const met = lines.some((other, otherIndex) => otherIndex !== stripIndex && distanceToLine(point, other) <= joinMeters);
      if (!met) {
        found.push({
          code: 'guiding_paving_ends_without_warning', location: positions[end] as LngLat, featureId: strip.id,
          detail: `guiding tactile paving ${strip.id} ends without warning paving within ${joinMeters} m`,
        });
      }
    }
  });
  return found;
}

function facilityDiagnostics(facilities: readonly Facility[], options: DiagnosticsOptions): NetworkDiagnostic[] {
  const rules = options.stalenessRules ?? DEFAULT_STALENESS_RULES;
  const found: NetworkDiagnostic[] = [];
  for (const facility of facilities) {
    const location = facilityAnchor(facility);
    if (facility.status === 'unknown') {
      found.push({ code: 'facility_status_unknown', location, featureId: facility.id, detail: `${facility.category} ${facility.id}: status unknown` });
      continue;
    }
    const lastVerified = lastVerifiedDate(facility, options.reports ?? [], options.districtId ?? '', rules.timeZone);
    if (facility.status === 'working' && isVerificationStale(facility.category, lastVerified, options.now, rules)) {
      const age = verificationAgeDays(lastVerified, options.now, rules.timeZone);
      found.push({
        code: 'facility_verification_stale', location, featureId: facility.id,
        detail: `${facility.category} ${facility.id}: 'working' ${age === null ? 'never checked on site' : `last checked ${age} days ago`} (limit ${rules.maxAgeDays[facility.category]} days)`,
      });
    }
  }
  return found;
}

/** Every finding for a district, grouped by code in DIAGNOSTIC_CODES order. Inputs are not changed. */
export function networkDiagnostics(graph: RoutingGraph, facilities: readonly Facility[], options: DiagnosticsOptions): NetworkDiagnostic[] {
  const all = [
    ...crossingDiagnostics(graph),
    ...wheelchairDiagnostics(graph, options.islandMaximumLengthMeters ?? 2000),
    ...tactileDiagnostics(graph, facilities, options.tactileJoinMeters ?? 2),
    ...facilityDiagnostics(facilities, options),
  ];
  return all.sort((first, second) => DIAGNOSTIC_CODES.indexOf(first.code) - DIAGNOSTIC_CODES.indexOf(second.code));
}

/** How many findings of each code: the summary line of a report. */
export function countDiagnostics(diagnostics: readonly NetworkDiagnostic[]): Record<DiagnosticCode, number> {
  const counts = Object.fromEntries(DIAGNOSTIC_CODES.map((code) => [code, 0])) as Record<DiagnosticCode, number>;
  for (const diagnostic of diagnostics) counts[diagnostic.code] += 1;
  return counts;
}
