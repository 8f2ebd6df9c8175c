import { describe, it, expect } from 'vitest';
import {
  FULL_WIDTH_SLOPE_LIMIT_PERCENT, KERB_LIP_LIMIT_MILLIMETERS, OTHER_WIDTH_LIMIT_METERS, STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT, THREE_SIDED_WIDTH_LIMIT_METERS,
} from '../facilities/grading.ts';
import { REPORT_CATEGORIES } from './model.ts';
import { MEASUREMENT_KINDS, MEASUREMENT_UNITS, gradeMeasurement, gradeMeasurements, measurementKindsOf } from './measurements.ts';
import { ORIGIN, elevatorAt, rampAt } from './test-support.ts';

const slope = (value: number) => ({ name: 'slope', value, unit: '%' });
const width = (value: number) => ({ name: 'clear_width', value, unit: 'm' });
const lip = (value: number) => ({ name: 'kerb_lip_height', value, unit: 'mm' });

describe('measurement kinds', () => {
  it('every category has a list, names are unique within it and units are known', () => {
    for (const category of REPORT_CATEGORIES) {
      const names = measurementKindsOf(category).map((kind) => kind.name);
      expect(new Set(names).size).toBe(names.length);
      for (const kind of MEASUREMENT_KINDS[category]) expect(MEASUREMENT_UNITS).toContain(kind.unit);
    }
  });
});

describe('grading kerb ramp measurements against GB 50763-2012 §3.1', () => {
  it('a lip exactly at the §3.1.1 limit meets it and 1 mm more fails, whatever the form', () => {
    expect(gradeMeasurement('kerb_ramp', lip(KERB_LIP_LIMIT_MILLIMETERS), null)).toMatchObject({
      grade: 'meets', clause: 'GB 50763-2012 §3.1.1', limit: KERB_LIP_LIMIT_MILLIMETERS, comparison: 'at_most',
    });
    expect(gradeMeasurement('kerb_ramp', lip(KERB_LIP_LIMIT_MILLIMETERS + 1), null).grade).toBe('fails');
  });

  it('the facility\'s form picks the slope limit: between 1:20 and 1:12 fails a full-width ramp and meets a three-sided one', () => {
    const between = (FULL_WIDTH_SLOPE_LIMIT_PERCENT + STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT) / 2;
    const fullWidth = rampAt('full', ORIGIN, { kerbRampForm: 'full_width' });
    const threeSided = rampAt('three', ORIGIN, { kerbRampForm: 'three_sided' });
    expect(gradeMeasurement('kerb_ramp', slope(between), fullWidth)).toMatchObject({ grade: 'fails', limit: FULL_WIDTH_SLOPE_LIMIT_PERCENT, kerbRampForm: 'full_width' });
    expect(gradeMeasurement('kerb_ramp', slope(between), threeSided)).toMatchObject({ grade: 'meets', limit: STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT, kerbRampForm: 'three_sided' });
  });

  it('without a known form, a slope within 1:20 meets every form, one beyond 1:12 fails every form, one between is ungraded', () => {
    const gentle = gradeMeasurement('kerb_ramp', slope(FULL_WIDTH_SLOPE_LIMIT_PERCENT), null);
    expect(gentle).toMatchObject({ grade: 'meets', limit: FULL_WIDTH_SLOPE_LIMIT_PERCENT, kerbRampForm: null, clause: 'GB 50763-2012 §3.1.2' });
    const steep = gradeMeasurement('kerb_ramp', slope(STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT + 0.1), rampAt('formless', ORIGIN));
    expect(steep).toMatchObject({ grade: 'fails', limit: STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT });
    const between = gradeMeasurement('kerb_ramp', slope((FULL_WIDTH_SLOPE_LIMIT_PERCENT + STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT) / 2), null);
    expect(between).toMatchObject({ grade: 'ungraded', limit: null, clause: 'GB 50763-2012 §3.1.2' });
  });

  it('widths: three-sided and other forms are graded, a full-width ramp (as wide as the sidewalk) and an unknown form are not', () => {
    const between = (THREE_SIDED_WIDTH_LIMIT_METERS + OTHER_WIDTH_LIMIT_METERS) / 2;
    expect(gradeMeasurement('kerb_ramp', width(between), rampAt('three', ORIGIN, { kerbRampForm: 'three_sided' })).grade).toBe('meets');
    expect(gradeMeasurement('kerb_ramp', width(between), rampAt('other', ORIGIN, { kerbRampForm: 'other' })).grade).toBe('fails');
    expect(gradeMeasurement('kerb_ramp', width(between), rampAt('full', ORIGIN, { kerbRampForm: 'full_width' }))).toMatchObject({ grade: 'ungraded', clause: 'GB 50763-2012 §3.1.3' });
    expect(gradeMeasurement('kerb_ramp', width(0.5), null).grade).toBe('ungraded');
  });
});

describe('measurements without a cited threshold', () => {
  it('elevator cabins, toilets and entrance ramps stay ungraded, with no clause and no limit', () => {
    const lift = elevatorAt('lift', ORIGIN);
    expect(gradeMeasurement('elevator', { name: 'cabin_width', value: 0.5, unit: 'm' }, lift)).toEqual({
      grade: 'ungraded', clause: null, limit: null, comparison: null, kerbRampForm: null,
    });
    expect(gradeMeasurement('toilet', { name: 'turning_space', value: 0.5, unit: 'm' }, null).grade).toBe('ungraded');
    expect(gradeMeasurement('entrance', slope(30), null).grade).toBe('ungraded');
  });

  it('a kerb ramp measurement in the wrong unit is not graded rather than misread', () => {
    expect(gradeMeasurement('kerb_ramp', { name: 'kerb_lip_height', value: 5, unit: 'm' }, null).grade).toBe('ungraded');
  });

  it('gradeMeasurements keeps the order of the measurements', () => {
    const graded = gradeMeasurements('kerb_ramp', [lip(KERB_LIP_LIMIT_MILLIMETERS + 5), lip(0)], null);
    expect(graded.map((entry) => entry.grade.grade)).toEqual(['fails', 'meets']);
  });
});
