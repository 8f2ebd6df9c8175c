// Grades measurements against the national standard. Only thresholds we can cite are graded:
// GB 50763-2012《无障碍设计规范》§3.1 for kerb ramps (缘石坡道), as summarised in
// shared/design/faults.md. Other categories stay ungraded until their clauses are sourced.
import type { Facility, RampFacility } from './model.ts';

export type GradeOutcome = 'meets' | 'fails' | 'unknown' | 'ungraded';

export interface MeasurementGrade {
  measure: 'slope_percent' | 'clear_width_m' | 'kerb_lip_mm';
  value: number | null;
  limit: number | null;
  comparison: 'at_most' | 'at_least' | null;
  outcome: GradeOutcome;
  clause: string | null;
}

/** §3.1.1: where the ramp mouth is above the road, by at most 10 mm. */
export const KERB_LIP_LIMIT_MILLIMETERS = 10;
/** §3.1.2: full-width single-slope kerb ramps at most 1:20. */
export const FULL_WIDTH_SLOPE_LIMIT_PERCENT = 5;
/** §3.1.2: three-sided kerb ramps (front and sides) and other kerb ramps at most 1:12. */
// Kept exact (8.333… %), so a slope recorded as exactly 1:12 is not failed by rounding the limit.
export const STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT = 100 / 12;
/** §3.1.3: the front of a three-sided kerb ramp at least 1.20 m wide. */
export const THREE_SIDED_WIDTH_LIMIT_METERS = 1.2;
/** §3.1.3: other kerb ramp mouths at least 1.50 m wide. */
export const OTHER_WIDTH_LIMIT_METERS = 1.5;

function compare(measure: MeasurementGrade['measure'], value: number | null, limit: number, comparison: 'at_most' | 'at_least', clause: string): MeasurementGrade {
  if (value === null) return { measure, value, limit, comparison, outcome: 'unknown', clause };
  const meets = comparison === 'at_most' ? value <= limit : value >= limit;
  return { measure, value, limit, comparison, outcome: meets ? 'meets' : 'fails', clause };
}

const SLOPE_CLAUSE = 'GB 50763-2012 §3.1.2';
const WIDTH_CLAUSE = 'GB 50763-2012 §3.1.3';
const LIP_CLAUSE = 'GB 50763-2012 §3.1.1';

function gradeSlope(ramp: RampFacility): MeasurementGrade {
  const form = ramp.kerbRampForm;
  // Without the form we do not know which limit applies: unknown, even if the slope is measured.
  if (form === null) return { measure: 'slope_percent', value: ramp.slopePercent, limit: null, comparison: 'at_most', outcome: 'unknown', clause: SLOPE_CLAUSE };
  const limit = form === 'full_width' ? FULL_WIDTH_SLOPE_LIMIT_PERCENT : STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT;
  return compare('slope_percent', ramp.slopePercent, limit, 'at_most', SLOPE_CLAUSE);
}

function gradeWidth(ramp: RampFacility): MeasurementGrade {
  switch (ramp.kerbRampForm) {
    case null:
      return { measure: 'clear_width_m', value: ramp.clearWidthMeters, limit: null, comparison: 'at_least', outcome: 'unknown', clause: WIDTH_CLAUSE };
    case 'full_width':
      // It must be as wide as the sidewalk, which the facility alone does not tell.
      return { measure: 'clear_width_m', value: ramp.clearWidthMeters, limit: null, comparison: null, outcome: 'ungraded', clause: WIDTH_CLAUSE };
    case 'three_sided':
      return compare('clear_width_m', ramp.clearWidthMeters, THREE_SIDED_WIDTH_LIMIT_METERS, 'at_least', WIDTH_CLAUSE);
    case 'other':
      return compare('clear_width_m', ramp.clearWidthMeters, OTHER_WIDTH_LIMIT_METERS, 'at_least', WIDTH_CLAUSE);
  }
}

function gradeKerbRamp(ramp: RampFacility): MeasurementGrade[] {
  return [gradeSlope(ramp), gradeWidth(ramp), compare('kerb_lip_mm', ramp.kerbLipMillimeters, KERB_LIP_LIMIT_MILLIMETERS, 'at_most', LIP_CLAUSE)];
}

export function gradeFacility(facility: Facility): MeasurementGrade[] {
  if (facility.category === 'ramp' && facility.rampType === 'kerb_ramp') return gradeKerbRamp(facility);
  return [];
}

export function failsStandard(facility: Facility): boolean {
  return gradeFacility(facility).some((grade) => grade.outcome === 'fails');
}
