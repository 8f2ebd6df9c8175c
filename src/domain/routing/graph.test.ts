import { describe, it, expect } from 'vitest';
import { distanceMeters } from '../geo/index.ts';
import { KERB_CODES, TRI_STATE, CROSSING_CODES, SURFACE_CODES, arcPositions, buildRoutingGraph, surfaceCode } from './graph.ts';
import { edgeArcs } from './route.ts';
import { at, edge, elevator, fineSidewalk, kerbRamp } from './test-support.ts';

describe('building the routing graph', () => {
  // A sidewalk, a crossing drawn northwards from its end, a sidewalk beyond, and a footbridge line
  // that passes over the first sidewalk without sharing a position with it.
  const sidewalk = fineSidewalk('sidewalk', [[0, 0], [30, 0], [60, 0]]);
  const crossing = edge('crossing', 'crossing', [[60, 0], [60, 15]], {
    inclinePercent: 2, kerbStart: 'lowered', kerbStartHeightMillimeters: 8, kerbEnd: 'raised', kerbEndHeightMillimeters: 110,
    crossing: 'traffic_signals', crossingSound: null, tactilePaving: true,
  });
  const beyond = fineSidewalk('beyond', [[60, 15], [90, 15]]);
  const bridge = edge('bridge', 'footway', [[30, -10], [30, 10]]);
  const built = buildRoutingGraph([sidewalk, crossing, beyond, bridge], [kerbRamp('ramp-1', [60, 0], 'working', 7.5), kerbRamp('ramp-far-away', [500, 500], 'working', 5)]);
  const { graph } = built;

  it('joins edges only where their end positions are equal, so lines that merely cross stay apart', () => {
    // sidewalk ends (2, one shared with the crossing), crossing's far end (shared with beyond), beyond's far end, the bridge's 2 ends.
    expect(graph.nodeCount).toBe(6);
    expect(graph.arcCount).toBe(8);
    const sidewalkArcs = edgeArcs(graph, 0);
    const crossingArcs = edgeArcs(graph, 1);
    expect(graph.arcTarget[sidewalkArcs.forward]).toBe(graph.arcSource[crossingArcs.forward]);
    const bridgeArcs = edgeArcs(graph, 3);
    const sidewalkNodes = [graph.arcSource[sidewalkArcs.forward], graph.arcTarget[sidewalkArcs.forward]];
    expect(sidewalkNodes).not.toContain(graph.arcSource[bridgeArcs.forward]);
    expect(sidewalkNodes).not.toContain(graph.arcTarget[bridgeArcs.forward]);
  });

  it('lays each node’s arcs out together (CSR) and pairs every arc with its twin', () => {
    for (let node = 0; node < graph.nodeCount; node += 1) {
      for (let arc = graph.nodeArcOffsets[node] as number; arc < (graph.nodeArcOffsets[node + 1] as number); arc += 1) {
        expect(graph.arcSource[arc]).toBe(node);
        const twin = graph.arcTwin[arc] as number;
        expect(graph.arcTwin[twin]).toBe(arc);
        expect([graph.arcSource[twin], graph.arcTarget[twin]]).toEqual([graph.arcTarget[arc], graph.arcSource[arc]]);
      }
    }
  });

  it('measures an edge along its whole line, the middle position included, in metres on the WGS84 ellipsoid', () => {
    // The test points are laid out 60 m apart with the ellipsoid's degree lengths; the haversine on
    // a sphere differs by about 0.2 % east–west at this latitude.
    const { forward } = edgeArcs(graph, 0);
    expect(graph.arcLengthMeters[forward]).toBeCloseTo(60, 1);
    expect(Math.abs((graph.arcLengthMeters[forward] as number) / distanceMeters(at(0, 0), at(60, 0)) - 1)).toBeLessThan(0.005);
    expect(arcPositions(graph, forward)).toHaveLength(3);
  });

  it('turns direction-dependent attributes the arc’s way: incline sign, and which kerb is near and far', () => {
    const { forward, backward } = edgeArcs(graph, 1);
    expect(graph.arcInclinePercent[forward]).toBeCloseTo(2, 5);
    expect(graph.arcInclinePercent[backward]).toBeCloseTo(-2, 5);
    expect([graph.arcKerbNear[forward], graph.arcKerbFar[forward]]).toEqual([KERB_CODES.lowered, KERB_CODES.raised]);
    expect([graph.arcKerbNear[backward], graph.arcKerbFar[backward]]).toEqual([KERB_CODES.raised, KERB_CODES.lowered]);
    expect(graph.arcKerbFarHeightMillimeters[backward]).toBe(8);
    expect(arcPositions(graph, backward)[0]).toEqual(at(60, 15));
  });

  it('joins a kerb ramp to the crossing end at exactly its position, and to nothing else', () => {
    const { forward, backward } = edgeArcs(graph, 1);
    const ramp = graph.facilityIds.indexOf('ramp-1');
    expect(ramp).toBeGreaterThanOrEqual(0);
    expect([graph.arcKerbRampNear[forward], graph.arcKerbRampFar[backward]]).toEqual([ramp, ramp]);
    expect(graph.facilityIds).not.toContain('ramp-far-away');
    const sidewalkArcs = edgeArcs(graph, 0);
    expect(graph.arcKerbRampFar[sidewalkArcs.forward]).toBe(-1);
    expect(graph.facilitySlopePercent[ramp]).toBeCloseTo(7.5, 5);
  });

  it('keeps unknown as unknown: NaN numbers, unknown tri-states, and an unknown kerb only where a kerb belongs', () => {
    const { forward } = edgeArcs(graph, 3);
    expect(Number.isNaN(graph.arcInclinePercent[forward])).toBe(true);
    expect(Number.isNaN(graph.arcWidthMeters[forward])).toBe(true);
    expect(graph.arcTactilePaving[forward]).toBe(TRI_STATE.unknown);
    expect(graph.arcKerbNear[forward]).toBe(KERB_CODES.notApplicable);
    expect(graph.arcCrossing[forward]).toBe(CROSSING_CODES.notACrossing);
    expect(graph.arcSurface[forward]).toBe(SURFACE_CODES.unknown);
    const crossingArc = edgeArcs(graph, 1).forward;
    expect(graph.arcCrossing[crossingArc]).toBe(CROSSING_CODES.traffic_signals);
    expect(graph.arcCrossingSound[crossingArc]).toBe(TRI_STATE.unknown);
    const unknownKerbs = buildRoutingGraph([edge('c', 'crossing', [[0, 0], [0, 10]])], []).graph;
    expect(unknownKerbs.arcKerbNear[0]).toBe(KERB_CODES.unknown);
  });

  it('classes surfaces by the OSM values, and an unrecognised value as unknown rather than smooth', () => {
    expect([surfaceCode('asphalt'), surfaceCode('sett'), surfaceCode('gravel'), surfaceCode('moon_dust'), surfaceCode(null)])
      .toEqual([SURFACE_CODES.smooth, SURFACE_CODES.rough, SURFACE_CODES.loose, SURFACE_CODES.unknown, SURFACE_CODES.unknown]);
  });

  it('reports an edge whose facility is missing or of the wrong kind, and keeps the edge with an unknown status', () => {
    const lift = edge('lift', 'elevator', [[0, 0], [0, 5]], { facilityId: 'no-such-lift' });
    const wrongKind = edge('lift-2', 'elevator', [[0, 5], [0, 10]], { facilityId: 'ramp-1' });
    const result = buildRoutingGraph([lift, wrongKind], [kerbRamp('ramp-1', [50, 50], 'working', 5), elevator('unused', [9, 9], 'working')]);
    expect(result.problems.map((problem) => [problem.featureId, problem.severity])).toEqual([['lift', 'warning'], ['lift-2', 'warning']]);
    expect(result.problems[0]?.detail).toMatch(/network\.geojson edge lift: facility_id no-such-lift names no facility/);
    expect(result.graph.edgeCount).toBe(2);
    expect(result.graph.arcFacility[0]).toBe(-1);
  });
});
