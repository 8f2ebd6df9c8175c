// A route as a list of segments: whole arcs, plus the part-way pieces where it starts and ends on
// an edge. Segments carry their own line positions (indices into the route's coordinates), so the
// map can draw any stretch of the route and the directions can point at it.
import type { LngLat, NetworkKind } from '../facilities/model.ts';
import { arcPositions, networkKindOfArc, type RoutingGraph } from './graph.ts';
import { createArcEvaluation, evaluateArc, unknownAttributesOf, type PreparedCosts, type UnknownAttribute } from './costs.ts';

/** Inclusive index range. */
export interface IndexRange {
  first: number;
  last: number;
}

export interface RouteSegment {
  arc: number;
  edgeId: string;
  kind: NetworkKind;
  /** The part of the arc used, as fractions of its length from its source (0 … 1 for a whole arc). */
  fromFraction: number;
  toFraction: number;
  lengthMeters: number;
  /** Time at the profile's speed, elevator waits included, without penalties. */
  durationSeconds: number;
  /** What the profile's cost function charged. */
  costSeconds: number;
  /** Attributes that are unknown and matter to the profile. */
  unknownAttributes: UnknownAttribute[];
  /** Where the segment's line sits in the route's coordinates. */
  coordinateRange: IndexRange;
}

/** A piece of an arc, before it has a place in a route's coordinates. */
export interface ArcPiece {
  arc: number;
  fromFraction: number;
  toFraction: number;
}

/**
 * Turns arc pieces into segments and one line. Pieces of zero length are left out (a route that
 * starts exactly on a node). The first and last positions are set to the snapped points exactly.
 */
export function assembleSegments(
  graph: RoutingGraph, prepared: PreparedCosts, pieces: readonly ArcPiece[], originCoordinate: LngLat, destinationCoordinate: LngLat,
): { segments: RouteSegment[]; coordinates: LngLat[] } {
  const evaluation = createArcEvaluation();
  const segments: RouteSegment[] = [];
  const coordinates: LngLat[] = [];
  for (const piece of pieces) {
    const lengthMeters = (graph.arcLengthMeters[piece.arc] as number) * (piece.toFraction - piece.fromFraction);
    if (!(lengthMeters > 0)) continue;
    evaluateArc(graph, prepared.profile, prepared.closures, piece.arc, piece.fromFraction, piece.toFraction, evaluation);
    const positions = arcPositions(graph, piece.arc, piece.fromFraction, piece.toFraction);
    // Consecutive segments share their joining position.
    const first = coordinates.length === 0 ? 0 : coordinates.length - 1;
    positions.forEach((position, index) => {
      if (index > 0 || coordinates.length === 0) coordinates.push(position);
    });
    segments.push({
      arc: piece.arc,
      edgeId: graph.edgeIds[graph.arcEdge[piece.arc] as number] as string,
      kind: networkKindOfArc(graph, piece.arc),
      fromFraction: piece.fromFraction,
      toFraction: piece.toFraction,
      lengthMeters,
      durationSeconds: evaluation.seconds,
      costSeconds: evaluation.cost,
      unknownAttributes: unknownAttributesOf(evaluation.unknownFlags),
      coordinateRange: { first, last: coordinates.length - 1 },
    });
  }
  if (coordinates.length === 0) {
    coordinates.push(originCoordinate, destinationCoordinate);
  } else {
    coordinates[0] = originCoordinate;
    coordinates[coordinates.length - 1] = destinationCoordinate;
  }
  return { segments, coordinates };
}
