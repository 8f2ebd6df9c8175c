import { describe, it, expect } from 'vitest';
import type { Facility, TactilePavingFacility } from '../facilities/model.ts';
import { buildRoutingGraph } from '../routing/graph.ts';
import { at, edge, elevator, fineSidewalk, kerbRamp } from '../routing/test-support.ts';
import { countDiagnostics, networkDiagnostics, type DiagnosticCode } from './diagnostics.ts';

const NOW = new Date('2026-06-01T12:00:00+08:00');

function strip(id: string, type: 'guiding' | 'warning', points: readonly (readonly [number, number])[]): TactilePavingFacility {
  return {
    id, category: 'tactile_paving', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null, lastVerified: '2026-05-01',
    source: 'test', tactileType: type, continuity: null, location: { type: 'LineString', coordinates: points.map(([east, north]) => at(east, north)) },
  };
}

function idsWith(code: DiagnosticCode, facilities: readonly Facility[], edges: Parameters<typeof buildRoutingGraph>[0]): string[] {
  const { graph } = buildRoutingGraph(edges, facilities);
  return networkDiagnostics(graph, facilities, { now: NOW }).filter((finding) => finding.code === code).map((finding) => finding.featureId);
}

describe('networkDiagnostics', () => {
  const sidewalks = [fineSidewalk('south', [[0, 0], [50, 0]]), fineSidewalk('north', [[0, 12], [50, 12]])];

  it('finds a crossing with a kerb ramp at one end and a raised kerb at the other', () => {
    const crossing = edge('x', 'crossing', [[0, 0], [0, 12]], { kerbStart: 'lowered', kerbEnd: 'raised', tactilePaving: true });
    const ramps = [kerbRamp('r', [0, 0], 'working', 6)];
    expect(idsWith('crossing_ramp_one_end', ramps, [...sidewalks, crossing])).toEqual(['x']);
    expect(idsWith('raised_kerb_without_ramp', ramps, [...sidewalks, crossing])).toEqual(['x']);
    const both = edge('x', 'crossing', [[0, 0], [0, 12]], { kerbStart: 'lowered', kerbEnd: 'lowered', tactilePaving: true });
    expect(idsWith('crossing_ramp_one_end', ramps, [...sidewalks, both])).toEqual([]);
  });

  it('reports an undescribed kerb as unknown, not as a break', () => {
    const crossing = edge('x', 'crossing', [[0, 0], [0, 12]], { kerbStart: 'lowered', tactilePaving: true });
    expect(idsWith('crossing_kerb_unknown', [], [...sidewalks, crossing])).toEqual(['x']);
    expect(idsWith('crossing_ramp_one_end', [], [...sidewalks, crossing])).toEqual([]);
  });

  it('tells crossings without tactile paving from those where nobody knows', () => {
    const without = edge('without', 'crossing', [[0, 0], [0, 12]], { kerbStart: 'flush', kerbEnd: 'flush', tactilePaving: false });
    const unknown = edge('unknown', 'crossing', [[50, 0], [50, 12]], { kerbStart: 'flush', kerbEnd: 'flush' });
    expect(idsWith('crossing_without_tactile_paving', [], [...sidewalks, without, unknown])).toEqual(['without']);
    expect(idsWith('crossing_tactile_paving_unknown', [], [...sidewalks, without, unknown])).toEqual(['unknown']);
  });

  it('finds steps with no step-free way between their ends, and the island above them', () => {
    const upper = fineSidewalk('upper', [[60, 0], [90, 0]]);
    const steps = edge('steps', 'steps', [[50, 0], [60, 0]], { stepCount: 8 });
    expect(idsWith('steps_without_step_free_alternative', [], [...sidewalks, steps, upper])).toEqual(['steps']);
    expect(idsWith('wheelchair_island', [], [...sidewalks, steps, upper])).toEqual(['upper']);
    // A working lift beside the steps joins the two levels.
    const lift = edge('lift', 'elevator', [[50, 0], [55, 5], [60, 0]], { facilityId: 'e', widthMeters: 1 });
    const lifts = [elevator('e', [55, 5], 'working')];
    expect(idsWith('steps_without_step_free_alternative', lifts, [...sidewalks, steps, upper, lift])).toEqual([]);
    // Out of service, it does not.
    const broken = [elevator('e', [55, 5], 'out_of_service')];
    expect(idsWith('steps_without_step_free_alternative', broken, [...sidewalks, steps, upper, lift])).toEqual(['steps']);
  });

  it('finds guiding paving that stops without warning paving, and not the end that meets it', () => {
    const guiding = strip('g', 'guiding', [[0, 1], [40, 1]]);
    const warning = strip('w', 'warning', [[40.5, 0.5], [40.5, 1.5]]);
    const findings = idsWith('guiding_paving_ends_without_warning', [guiding, warning], sidewalks);
    expect(findings).toEqual(['g']);
    const { graph } = buildRoutingGraph(sidewalks, [guiding, warning]);
    const finding = networkDiagnostics(graph, [guiding, warning], { now: NOW }).find((item) => item.code === 'guiding_paving_ends_without_warning');
    expect(finding?.location).toEqual(at(0, 1));
  });

  it('lists facilities whose status is unknown or whose check is older than the staleness rules allow', () => {
    const fresh = { ...elevator('fresh', [10, 0], 'working'), lastVerified: '2026-05-20' };
    const old = { ...elevator('old', [20, 0], 'working'), lastVerified: '2025-01-01' };
    const unknown = elevator('unknown', [30, 0], 'unknown');
    const facilities = [fresh, old, unknown];
    expect(idsWith('facility_verification_stale', facilities, sidewalks)).toEqual(['old']);
    expect(idsWith('facility_status_unknown', facilities, sidewalks)).toEqual(['unknown']);
  });

  it('counts findings per code', () => {
    const crossing = edge('x', 'crossing', [[0, 0], [0, 12]], { kerbStart: 'raised', kerbEnd: 'raised', tactilePaving: false });
    const { graph } = buildRoutingGraph([...sidewalks, crossing], []);
    const counts = countDiagnostics(networkDiagnostics(graph, [], { now: NOW }));
    expect(counts.raised_kerb_without_ramp).toBe(2);
    expect(counts.crossing_ramp_one_end).toBe(0);
  });
});
