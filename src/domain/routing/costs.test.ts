import { describe, it, expect } from 'vitest';
import type { NetworkEdge } from '../facilities/model.ts';
import {
  APPROACH_WEIGHT, BLOCKED, CROSSING_EXTRA_SECONDS, KERB_APPROACH_SECONDS, NO_TACTILE_PAVING_FACTOR, blockingLimitOf, createArcEvaluation,
  evaluateArc, facilityClosures, unknownAttributesOf,
} from './costs.ts';
import { buildRoutingGraph } from './graph.ts';
import { DEFAULT_PROFILES, routingProfile, type RoutingProfile } from './profiles.ts';
import { edgeArcs } from './route.ts';
import { edge, fineSidewalk, kerbRamp } from './test-support.ts';

/** Cost and flags of walking a single edge forwards, whole. */
function evaluate(item: NetworkEdge, profile: RoutingProfile, facilities: Parameters<typeof buildRoutingGraph>[1] = []): { cost: number; seconds: number; unknown: string[] } {
  const { graph } = buildRoutingGraph([item], facilities);
  const evaluation = createArcEvaluation();
  evaluateArc(graph, profile, facilityClosures(graph, new Set()), edgeArcs(graph, 0).forward, 0, 1, evaluation);
  return { cost: evaluation.cost, seconds: evaluation.seconds, unknown: unknownAttributesOf(evaluation.unknownFlags) };
}

const wheelchair = DEFAULT_PROFILES.wheelchair;
const limit = wheelchair.maxUphillPercent as number;

describe('the cost of a slope for a wheelchair', () => {
  // A limit of 8 %: its half and the samples below fall on the 0.1 % the graph keeps.
  const eightPercent = routingProfile('wheelchair', { maxUphillPercent: 8, maxDownhillPercent: 8 });
  const costAt = (inclinePercent: number): number => evaluate(fineSidewalk('slope', [[0, 0], [100, 0]], { inclinePercent }), eightPercent).cost;
  const flat = costAt(0);

  it('is the walking time on the flat', () => {
    expect(flat).toBeCloseTo(evaluate(fineSidewalk('flat', [[0, 0], [100, 0]]), wheelchair).seconds, 9);
  });

  it('does not change up to half the limit, then rises smoothly to 1 + APPROACH_WEIGHT times at the limit', () => {
    expect(costAt(4)).toBeCloseTo(flat, 9);
    const samples = [4, 4.8, 5.6, 6.4, 7.2, 8].map(costAt);
    samples.slice(1).forEach((cost, index) => expect(cost).toBeGreaterThan(samples[index] as number));
    expect(costAt(8)).toBeCloseTo(flat * (1 + APPROACH_WEIGHT), 4);
    // Smooth: just past half the limit the cost has barely moved.
    expect(costAt(4.1) / flat).toBeLessThan(1.002);
  });

  it('is impassable past the limit, uphill and downhill, and names the limit', () => {
    expect(costAt(8.1)).toBe(BLOCKED.maxIncline);
    expect(costAt(-8.1)).toBe(BLOCKED.maxIncline);
    expect(evaluate(fineSidewalk('slope', [[0, 0], [100, 0]], { inclinePercent: 8.4 }), wheelchair).cost).toBe(BLOCKED.maxIncline);
    expect(blockingLimitOf(BLOCKED.maxIncline)).toBe('maxIncline');
  });

  it('is judged in the direction of travel: the same edge is passable the other way when only the uphill limit is exceeded', () => {
    const steepUp = routingProfile('wheelchair', { maxUphillPercent: 5, maxDownhillPercent: 10 });
    const { graph } = buildRoutingGraph([fineSidewalk('slope', [[0, 0], [100, 0]], { inclinePercent: 7 })], []);
    const evaluation = createArcEvaluation();
    const closures = facilityClosures(graph, new Set());
    evaluateArc(graph, steepUp, closures, edgeArcs(graph, 0).forward, 0, 1, evaluation);
    expect(evaluation.cost).toBe(BLOCKED.maxIncline);
    evaluateArc(graph, steepUp, closures, edgeArcs(graph, 0).backward, 0, 1, evaluation);
    expect(evaluation.cost).toBeGreaterThan(0);
  });
});

describe('kerbs at a crossing end for a wheelchair', () => {
  const crossing = (kerbEnd: NetworkEdge['kerbEnd'], kerbEndHeightMillimeters: number | null): NetworkEdge => edge('crossing', 'crossing', [[0, 0], [0, 12]], {
    inclinePercent: 0, widthMeters: 4, surface: 'asphalt', kerbStart: 'flush', kerbStartHeightMillimeters: 0, kerbEnd, kerbEndHeightMillimeters,
  });
  const maxKerb = wheelchair.maxKerbHeightMillimeters as number;
  const level = evaluate(crossing('flush', 0), wheelchair);

  it('adds up to KERB_APPROACH_SECONDS as a lowered kerb’s lip nears the limit, and blocks past it', () => {
    // With a measured kerb ramp, so the lip is the only thing that changes.
    const ramp = [kerbRamp('ramp', [0, 12], 'working', 2)];
    expect(evaluate(crossing('lowered', maxKerb * 0.4), wheelchair, ramp).cost - level.cost).toBeCloseTo(0, 9);
    expect(evaluate(crossing('lowered', maxKerb), wheelchair, ramp).cost - level.cost).toBeCloseTo(KERB_APPROACH_SECONDS, 6);
    expect(evaluate(crossing('raised', 120), wheelchair).cost).toBe(BLOCKED.maxKerbHeight);
  });

  it('treats a kerb of unknown height as unknown, and an unmeasured flush kerb as level', () => {
    expect(evaluate(crossing('raised', null), wheelchair).unknown).toEqual(['kerb']);
    expect(evaluate(crossing(null, null), wheelchair).unknown).toEqual(['kerb']);
    expect(evaluate(crossing('flush', null), wheelchair).unknown).toEqual([]);
  });

  it('holds a kerb ramp’s slope to the uphill limit where the route climbs it, and blocks a ramp that is out of service', () => {
    const lowered = crossing('lowered', 5);
    expect(evaluate(lowered, wheelchair, [kerbRamp('ramp', [0, 12], 'working', limit + 1)]).cost).toBe(BLOCKED.maxIncline);
    expect(evaluate(lowered, wheelchair, [kerbRamp('ramp', [0, 12], 'out_of_service', 5)]).cost).toBe(BLOCKED.closedFacility);
    expect(evaluate(lowered, wheelchair, [kerbRamp('ramp', [0, 12], 'working', null)]).unknown).toEqual(['kerbRampSlope']);
    expect(evaluate(lowered, DEFAULT_PROFILES.walk, [kerbRamp('ramp', [0, 12], 'out_of_service', 5)]).cost).toBeGreaterThan(0);
  });
});

describe('steps', () => {
  const flight = edge('steps', 'steps', [[0, 0], [0, 10]], { stepCount: 20, inclinePercent: 40 });

  it('are impassable for both wheelchairs, cost a cane user stepsCostFactor times the walk, and are ordinary for a walker', () => {
    expect(evaluate(flight, wheelchair).cost).toBe(BLOCKED.avoidSteps);
    expect(evaluate(flight, DEFAULT_PROFILES['powered-wheelchair']).cost).toBe(BLOCKED.avoidSteps);
    const cane = evaluate(flight, DEFAULT_PROFILES.cane);
    expect(cane.cost).toBeCloseTo(cane.seconds * DEFAULT_PROFILES.cane.stepsCostFactor, 9);
    const walk = evaluate(flight, DEFAULT_PROFILES.walk);
    expect(walk.cost).toBeCloseTo(walk.seconds, 9);
  });
});

describe('what a blind traveller prefers', () => {
  const blind = DEFAULT_PROFILES.blind;

  it('pays NO_TACTILE_PAVING_FACTOR for a sidewalk without paving, and the same when nobody knows (a preference never credits the unknown)', () => {
    const paved = evaluate(fineSidewalk('paved', [[0, 0], [50, 0]]), blind);
    const bare = evaluate(fineSidewalk('bare', [[0, 0], [50, 0]], { tactilePaving: false }), blind);
    const unknown = evaluate(fineSidewalk('unknown', [[0, 0], [50, 0]], { tactilePaving: null }), blind);
    expect(bare.cost / paved.cost).toBeCloseTo(NO_TACTILE_PAVING_FACTOR, 9);
    expect(unknown.cost).toBeCloseTo(bare.cost, 9);
    expect(unknown.unknown).toEqual(['tactilePaving']);
  });

  it('adds time for a crossing without signals, more for an unmarked one, and none for signals with sound', () => {
    const extra = (crossingKind: NetworkEdge['crossing'], crossingSound: boolean | null): number => {
      const result = evaluate(edge('c', 'crossing', [[0, 0], [0, 12]], { crossing: crossingKind, crossingSound }), blind);
      return result.cost - result.seconds;
    };
    expect(extra('traffic_signals', true)).toBeCloseTo(CROSSING_EXTRA_SECONDS.signalsWithSound, 9);
    expect(extra('traffic_signals', false)).toBeCloseTo(CROSSING_EXTRA_SECONDS.silentSignals, 9);
    expect(extra('marked', false)).toBeCloseTo(CROSSING_EXTRA_SECONDS.marked, 9);
    expect(extra('unmarked', false)).toBeCloseTo(CROSSING_EXTRA_SECONDS.unmarked, 9);
    expect(extra(null, null)).toBeCloseTo(CROSSING_EXTRA_SECONDS.unmarked, 9);
  });
});

describe('the unknown-data policy', () => {
  const unmeasured = fineSidewalk('unmeasured', [[0, 0], [80, 0]], { inclinePercent: null, widthMeters: null });

  it('passes unknown data at normal cost (allow), multiplies it (penalise) or blocks it (avoid)', () => {
    const allow = evaluate(unmeasured, routingProfile('wheelchair', { unknown: 'allow' }));
    const penalise = evaluate(unmeasured, routingProfile('wheelchair', { unknown: 'penalise', unknownCostFactor: 3 }));
    expect(allow.unknown).toEqual(['incline', 'width']);
    expect(allow.cost).toBeCloseTo(allow.seconds, 9);
    expect(penalise.cost).toBeCloseTo(allow.cost * 3, 9);
    expect(evaluate(unmeasured, routingProfile('wheelchair', { unknown: 'avoid' })).cost).toBe(BLOCKED.unknown);
  });

  it('ignores attributes the profile sets no limit for', () => {
    expect(evaluate(unmeasured, DEFAULT_PROFILES.walk).unknown).toEqual([]);
    expect(evaluate(unmeasured, routingProfile('wheelchair', { maxUphillPercent: null, maxDownhillPercent: null })).unknown).toEqual(['width']);
  });

  it('lets a known violation outrank unknown data when it names the blocking limit', () => {
    const narrowAndUnmeasured = fineSidewalk('narrow', [[0, 0], [80, 0]], { inclinePercent: null, widthMeters: 0.5 });
    expect(evaluate(narrowAndUnmeasured, routingProfile('wheelchair', { unknown: 'avoid' })).cost).toBe(BLOCKED.minWidth);
  });
});
