// Accessible routing in one import: build a graph from a district's network and facilities (or load
// network.bin), choose a profile, and ask for a route. Everything here is pure and runs the same in
// the browser, a Web Worker, the server and the CLI.
//
//   const { graph } = buildRoutingGraph(edges, facilities);        // or deserialiseRoutingGraph(buffer)
//   const result = findRoute(graph, { origin, destination, profile: 'wheelchair' });
//   if (result.status === 'found') draw(result.coordinates), read(result.directions);
//   else explain(result.reason);                                    // e.g. { kind: 'origin_enclosed', blockingLimit: 'avoidSteps', relax: 'avoidSteps' }
export {
  buildRoutingGraph, arcPositions, isWalkingKind, KERB_CODES, TRI_STATE, CROSSING_CODES, SURFACE_CODES, FACILITY_STATUS_CODES,
  type RoutingGraph, type RoutingGraphBuild, type StreetName, type GraphFacilityKind, type GraphProjection,
} from './graph.ts';
export {
  DEFAULT_PROFILES, PROFILE_NAMES, UNKNOWN_POLICIES, activeLimits, isProfileName, relaxLimit, routingProfile, validateRoutingProfile,
  type ProfileName, type ProfileOverrides, type RelaxableLimit, type RoutingProfile, type UnknownPolicy,
} from './profiles.ts';
export { BLOCKED, UNKNOWN_ATTRIBUTES, ELEVATOR_SECONDS, type BlockingLimit, type UnknownAttribute } from './costs.ts';
export {
  DEFAULT_MAX_SNAP_DISTANCE_METERS, dijkstraRouteCost, findRoute, multiSourceDistances, prepareProfileCosts, prepareRoutingProfile,
  type AvoidedFacility, type DistanceOptions, type NoRouteReason, type PreparedProfileSummary, type RouteFound, type RouteNotFound, type RouteRequest,
  type RouteResult, type RouteUses,
} from './route.ts';
export type { IndexRange, RouteSegment } from './segments.ts';
export { snapToNetwork, type SnappedPoint } from './snap.ts';
export {
  buildDirections, classifyTurn, headingChange,
  type ArriveStep, type CrossingStep, type DirectionsOptions, type ElevatorStep, type RampStep, type RouteStep, type StepsStep, type Turn, type TurnDirection, type WalkingStep,
} from './directions.ts';
export { deserialiseRoutingGraph, serialiseRoutingGraph, RoutingGraphFormatError, ROUTING_GRAPH_FORMAT_VERSION, ROUTING_GRAPH_MAGIC } from './serialise.ts';
export { generateSyntheticNetwork, syntheticBlocksForEdgeCount, type SyntheticNetwork, type SyntheticNetworkOptions } from './synthetic-network.ts';
