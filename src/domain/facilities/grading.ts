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
export const STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT = Math.round((100 / 12) * 100) / 100;
/** §3.1.3: the front of a three-sided kerb ramp at least 1.20 m wide. */
export const THREE_SIDED_WIDTH_LIMIT_METERS = 1.2;
/** §3.1.3: other kerb ramp mouths at least 1.50 m wide. */
export const OTHER_WIDTH_LIMIT_METERS = 1.5;

function compare(measure: MeasurementGrade['measure'], value: number | null, limit: number | null, comparison: 'at_most' | 'at_least', clause: string): MeasurementGrade {
  if (limit === null) return { measure, value, limit, comparison, outcome: value === null ? 'unknown' : 'ungraded', clause };
  if (value === null) return { measure, value, limit, comparison, outcome: 'unknown', clause };
  const meets = comparison === 'at_most' ? value <= limit : value >= limit;
  return { measure, value, limit, comparison, outcome: meets ? 'meets' : 'fails', clause };
}

function gradeKerbRamp(ramp: RampFacility): MeasurementGrade[] {
  const form = ramp.kerbRampForm;
  const slopeLimit = form === null ? null : form === 'full_width' ? FULL_WIDTH_SLOPE_LIMIT_PERCENT : STEEP_KERB_RAMP_SLOPE_LIMIT_PERCENT;
  const slope = form === null
    // Without the form we do not know which limit applies: unknown, even if the slope is measured.
    ? { measure: 'slope_percent' as const, value: ramp.slopePercent, limit: null, comparison: 'at_most' as const, outcome: 'unknown' as const, clause: 'GB 50763-2012 §3.1.2' }
    : compare('slope_percent', ramp.slopePercent, slopeLimit, 'at_most', 'GB 50763-2012 §3.1.2');
  const widthLimit = form === 'three_sided' ? THREE_SIDED_WIDTH_LIMIT_METERS : form === 'other' ? OTHER_WIDTH_LIMIT_METERS : null;
  // A full-width kerb ramp must be as wide as the sidewalk, which the facility alone does not tell.
  const width: MeasurementGrade = form === 'full_width'
    ? { measure: 'clear_width_m', value: ramp.clearWidthMeters, limit: null, comparison: null, outcome: 'ungraded', clause: 'GB 50763-2012 §3.1.3' }
    : form === null
      ? { measure: 'clear_width_m', value: ramp.clearWidthMeters, limit: null, comparison: 'at_least', outcome: 'unknown', clause: 'GB 50763-2012 §3.1.3' }
      : compare('clear_width_m', ramp.clearWidthMeters, widthLimit, 'at_least', 'GB 50763-2012 §3.1.3');
  const lip = compare('kerb_lip_mm', ramp.kerbLipMillimeters, KERB_LIP_LIMIT_MILLIMETERS, 'at_most', 'GB 50763-2012 §3.1.1');
  return [slope, width, lip];
}

export function gradeFacility(facility: Facility): MeasurementGrade[] {
  if (facility.category === 'ramp' && facility.rampType === 'kerb_ramp') return gradeKerbRamp(facility);
  return [];
}

export function failsStandard(facility: Facility): boolean {
  return gradeFacility(facility).some((grade) => grade.outcome === 'fails');
}
