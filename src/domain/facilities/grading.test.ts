import { describe, it, expect } from 'vitest';
import type { RampFacility, ToiletFacility } from './model.ts';
import { gradeFacility, failsStandard } from './grading.ts';

function kerbRamp(overrides: Partial<RampFacility>): RampFacility {
  return {
    id: 'r', category: 'ramp', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null,
    lastVerified: null, source: 'test', rampType: 'kerb_ramp', kerbRampForm: 'other', slopePercent: 6, clearWidthMeters: 1.6,
    kerbLipMillimeters: 5, handrail: null, location: { type: 'Point', coordinates: [121.47, 31.23] }, ...overrides,
  };
}

const outcome = (ramp: RampFacility, measure: string) => gradeFacility(ramp).find((grade) => grade.measure === measure)?.outcome;

describe('kerb ramps against GB 50763-2012 §3.1', () => {
  it('a 1:12 slope (8.33 %) is the most a three-sided ramp may have; 8.5 % fails', () => {
    expect(outcome(kerbRamp({ kerbRampForm: 'three_sided', slopePercent: 8.33 }), 'slope_percent')).toBe('meets');
    expect(outcome(kerbRamp({ kerbRampForm: 'three_sided', slopePercent: 100 / 12 }), 'slope_percent')).toBe('meets');
    expect(outcome(kerbRamp({ kerbRampForm: 'three_sided', slopePercent: 8.5 }), 'slope_percent')).toBe('fails');
  });

  it('a full-width single-slope ramp may have at most 1:20 (5 %), so 6 % fails there but not on another form', () => {
    expect(outcome(kerbRamp({ kerbRampForm: 'full_width', slopePercent: 6 }), 'slope_percent')).toBe('fails');
    expect(outcome(kerbRamp({ kerbRampForm: 'other', slopePercent: 6 }), 'slope_percent')).toBe('meets');
  });

  it('a lip of 10 mm above the road meets §3.1.1; 11 mm fails', () => {
    expect(outcome(kerbRamp({ kerbLipMillimeters: 10 }), 'kerb_lip_mm')).toBe('meets');
    expect(outcome(kerbRamp({ kerbLipMillimeters: 11 }), 'kerb_lip_mm')).toBe('fails');
  });

  it('widths: three-sided at least 1.20 m, other forms at least 1.50 m, full width not gradable alone', () => {
    expect(outcome(kerbRamp({ kerbRampForm: 'three_sided', clearWidthMeters: 1.3 }), 'clear_width_m')).toBe('meets');
    expect(outcome(kerbRamp({ kerbRampForm: 'other', clearWidthMeters: 1.3 }), 'clear_width_m')).toBe('fails');
    expect(outcome(kerbRamp({ kerbRampForm: 'full_width', clearWidthMeters: 1.3 }), 'clear_width_m')).toBe('ungraded');
  });

  it('unknown measurements or an unknown form grade as unknown, never as meeting the standard', () => {
    const grades = gradeFacility(kerbRamp({ slopePercent: null, clearWidthMeters: null, kerbLipMillimeters: null }));
    expect(grades.map((grade) => grade.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
    const formless = gradeFacility(kerbRamp({ kerbRampForm: null, slopePercent: 2, clearWidthMeters: 3 }));
    expect(formless.filter((grade) => grade.measure !== 'kerb_lip_mm').map((grade) => grade.outcome)).toEqual(['unknown', 'unknown']);
    expect(failsStandard(kerbRamp({ slopePercent: null, clearWidthMeters: null, kerbLipMillimeters: null }))).toBe(false);
  });

  it('wheelchair ramps and toilets are not graded: their thresholds are not sourced yet', () => {
    expect(gradeFacility(kerbRamp({ rampType: 'wheelchair_ramp', slopePercent: 30 }))).toEqual([]);
    const toilet = { category: 'toilet' } as ToiletFacility;
    expect(gradeFacility(toilet)).toEqual([]);
  });
});
