import { describe, it, expect } from 'vitest';
import { buildRoutingGraph } from './graph.ts';
import { classifyTurn, headingChange, type RouteStep } from './directions.ts';
import { findRoute, type RouteFound } from './route.ts';
import { at, edge, fineSidewalk } from './test-support.ts';

const heping = { nameZh: '和平路', nameEn: 'Heping Road' };
const wutong = { nameZh: '梧桐路', nameEn: 'Wutong Road' };

function route(edges: Parameters<typeof buildRoutingGraph>[0], origin: [number, number], destination: [number, number], profile: 'walk' | 'blind' = 'walk'): RouteFound {
  const { graph } = buildRoutingGraph(edges, []);
  const result = findRoute(graph, { origin: at(...origin), destination: at(...destination), profile });
  if (result.status !== 'found') throw new Error(JSON.stringify(result.reason));
  return result;
}

const kinds = (steps: readonly RouteStep[]): string[] => steps.map((step) => step.kind);

describe('turns', () => {
  it('measures the change of heading clockwise, so north to east is +90° and north to west is −90°', () => {
    expect(headingChange(0, 90)).toBe(90);
    expect(headingChange(0, 270)).toBe(-90);
    expect(headingChange(350, 10)).toBe(20);
    expect(headingChange(10, 350)).toBe(-20);
  });

  it.each([[0, 'straight'], [40, 'slight_right'], [-90, 'left'], [150, 'sharp_right'], [-179, 'u_turn']] as const)('calls a change of %i° %s', (angle, direction) => {
    expect(classifyTurn(angle)).toBe(direction);
  });
});

describe('directions on an L-shaped street corner', () => {
  // Heping Road runs north from (0, 0) in two edges; Wutong Road leaves its north end eastwards and westwards.
  const north = [fineSidewalk('heping-1', [[0, 0], [0, 50]], { ...heping }), fineSidewalk('heping-2', [[0, 50], [0, 100]], { ...heping })];
  const east = fineSidewalk('wutong-east', [[0, 100], [60, 100]], { ...wutong });
  const west = fineSidewalk('wutong-west', [[0, 100], [-60, 100]], { ...wutong });

  it('merges the two edges of Heping Road into one step and turns right (3 o’clock) from north-bound to east-bound', () => {
    const result = route([...north, east, west], [0.5, 2], [55, 100.5]);
    expect(kinds(result.directions)).toEqual(['depart', 'turn', 'arrive']);
    const [depart, turn, arrive] = result.directions as [RouteStep, RouteStep, RouteStep];
    expect(depart).toMatchObject({ compass: 'N', street: heping, segmentRange: { first: 0, last: 1 } });
    expect(depart.distanceMeters).toBeCloseTo(98, 0);
    expect(turn.turn).toMatchObject({ direction: 'right', clock: 3 });
    expect(turn.turn?.angleDegrees).toBeCloseTo(90, 0);
    expect(turn).toMatchObject({ street: wutong, compass: 'E', segmentRange: { first: 2, last: 2 } });
    expect(turn.distanceMeters).toBeCloseTo(55, 0);
    expect(arrive.coordinate).toEqual(result.coordinates.at(-1));
  });

  it('turns left (9 o’clock) from north-bound to west-bound', () => {
    const result = route([...north, east, west], [0.5, 2], [-55, 100.5]);
    expect(result.directions[1]?.turn).toMatchObject({ direction: 'left', clock: 9 });
    expect(result.directions[1]?.compass).toBe('W');
  });

  it('covers the whole route with its steps, in order, each starting where the last ended', () => {
    const result = route([...north, east, west], [0.5, 2], [55, 100.5]);
    const walking = result.directions.filter((step) => step.kind !== 'arrive');
    expect(walking[0]?.coordinateRange.first).toBe(0);
    expect(walking.at(-1)?.coordinateRange.last).toBe(result.coordinates.length - 1);
    walking.slice(1).forEach((step, index) => {
      expect(step.coordinateRange.first).toBe(walking[index]?.coordinateRange.last);
      expect(step.coordinate).toEqual(result.coordinates[step.coordinateRange.first]);
    });
    const total = walking.reduce((sum, step) => sum + step.distanceMeters, 0);
    expect(total).toBeCloseTo(result.lengthMeters, 6);
  });

  it('starts a new step where the street name changes even without a turn', () => {
    const first = fineSidewalk('heping-1', [[0, 0], [0, 50]], { ...heping });
    const renamed = fineSidewalk('heping-2', [[0, 50], [0, 100]], { ...wutong });
    const result = route([first, renamed], [0.5, 2], [0.5, 95]);
    expect(kinds(result.directions)).toEqual(['depart', 'continue', 'arrive']);
    expect(result.directions[1]?.turn?.direction).toBe('straight');
    expect(result.directions[1]?.street).toEqual(wutong);
  });
});

describe('crossings, steps and tactile paving in directions', () => {
  const edges = [
    fineSidewalk('before', [[0, 0], [0, 30]], { ...heping, tactilePaving: true }),
    fineSidewalk('gap', [[0, 30], [0, 60]], { ...heping, tactilePaving: false }),
    fineSidewalk('after', [[0, 60], [0, 90]], { ...heping, tactilePaving: true }),
    edge('zebra', 'crossing', [[0, 90], [0, 110]], {
      nameZh: '梧桐路人行横道', nameEn: 'Wutong Road crossing', crossing: 'traffic_signals', crossingSound: true,
      kerbStart: 'lowered', kerbEnd: 'raised', kerbStartHeightMillimeters: 5, kerbEndHeightMillimeters: 120, tactilePaving: true,
    }),
    fineSidewalk('beyond', [[0, 110], [0, 150]], { ...heping }),
  ];

  it('says where guiding paving stops and starts again for a blind traveller, and describes the crossing', () => {
    const result = route(edges, [0.5, 1], [0.5, 140], 'blind');
    expect(kinds(result.directions)).toEqual(['depart', 'continue', 'continue', 'cross', 'continue', 'arrive']);
    expect(result.directions.map((step) => ('tactilePavingChange' in step ? step.tactilePavingChange : undefined)))
      .toEqual(['starts', 'ends', 'starts', undefined, null, undefined]);
    expect(result.directions[3]).toMatchObject({
      kind: 'cross', signalled: true, sound: true, crossing: 'traffic_signals', kerbAtStart: 'lowered', kerbAtEnd: 'raised',
      kerbRampAtStart: true, kerbRampAtEnd: false, street: { nameEn: 'Wutong Road crossing' },
    });
  });

  it('keeps one step along the street for a walker, for whom paving is not announced', () => {
    const result = route(edges, [0.5, 1], [0.5, 140]);
    expect(kinds(result.directions)).toEqual(['depart', 'cross', 'continue', 'arrive']);
    expect(result.directions[0]?.distanceMeters).toBeCloseTo(89, 0);
  });
});
