// Measurements an inspector may add to a report, per category, and how they grade against the
// standard. Only kerb ramps are graded, through the GB 50763-2012 §3.1 limits already in
// ../facilities/grading.ts; every other measurement is recorded but left ungraded until its clause
// text is sourced (faults.md: "never invent a number").
import { KERB_RAMP_FORMS, type Facility, type KerbRampForm, type RampFacility } from '../facilities/model.ts';
import { gradeFacility, type MeasurementGrade } from '../facilities/grading.ts';
import type { ReportCategory, ReportMeasurement } from './model.ts';
import type { LocalizedText } from './localized.ts';

export const MEASUREMENT_UNITS = ['mm', 'm', '%'] as const;
export type MeasurementUnit = (typeof MEASUREMENT_UNITS)[number];

export interface MeasurementKind {
  /** Stable snake_case name stored in reports. */
  name: string;
  /** The one unit a value of this kind is given in. */
  unit: MeasurementUnit;
  label: LocalizedText;
  /**
   * Smallest possible value, as in data/README.md: lengths and heights ≥ 0 (a kerb lip of 0 mm is
   * flush), widths > 0, slopes ≥ 0 (the steepest running slope, unsigned).
   */
  minimum: { value: 0; inclusive: boolean };
  /** An example for the error message, in the kind's unit. */
  example: number;
}

const AT_LEAST_ZERO = { value: 0, inclusive: true } as const;
const ABOVE_ZERO = { value: 0, inclusive: false } as const;

const slope: MeasurementKind = { name: 'slope', unit: '%', label: { zh: '坡度', en: 'slope' }, minimum: AT_LEAST_ZERO, example: 8.3 };
const clearWidth: MeasurementKind = { name: 'clear_width', unit: 'm', label: { zh: '净宽', en: 'clear width' }, minimum: ABOVE_ZERO, example: 1.5 };
const kerbLipHeight: MeasurementKind = {
  name: 'kerb_lip_height', unit: 'mm', label: { zh: '坡口高出车行道的高度', en: 'kerb lip height' }, minimum: AT_LEAST_ZERO, example: 10,
};
const stepHeight: MeasurementKind = { name: 'step_height', unit: 'mm', label: { zh: '台阶高度', en: 'step height' }, minimum: AT_LEAST_ZERO, example: 150 };
const cabinWidth: MeasurementKind = { name: 'cabin_width', unit: 'm', label: { zh: '轿厢宽度', en: 'cabin width' }, minimum: ABOVE_ZERO, example: 1.1 };
const cabinDepth: MeasurementKind = { name: 'cabin_depth', unit: 'm', label: { zh: '轿厢深度', en: 'cabin depth' }, minimum: ABOVE_ZERO, example: 1.4 };
const doorWidth: MeasurementKind = { name: 'door_width', unit: 'm', label: { zh: '门净宽', en: 'door width' }, minimum: ABOVE_ZERO, example: 0.8 };
const turningSpace: MeasurementKind = {
  name: 'turning_space', unit: 'm', label: { zh: '回转空间直径', en: 'turning space diameter' }, minimum: ABOVE_ZERO, example: 1.5,
};
const heightDifference: MeasurementKind = {
  name: 'height_difference', unit: 'mm', label: { zh: '高差', en: 'height difference' }, minimum: AT_LEAST_ZERO, example: 20,
};
const buttonHeight: MeasurementKind = {
  name: 'button_height', unit: 'm', label: { zh: '按钮离地高度', en: 'button height above the ground' }, minimum: AT_LEAST_ZERO, example: 1.1,
};

/** What may be measured for each category; a report may hold each kind at most once. */
export const MEASUREMENT_KINDS: Readonly<Record<ReportCategory, readonly MeasurementKind[]>> = {
  kerb_ramp: [slope, clearWidth, kerbLipHeight],
  tactile_paving: [],
  elevator: [cabinWidth, cabinDepth, doorWidth],
  toilet: [doorWidth, turningSpace],
  entrance: [slope, clearWidth, stepHeight],
  path: [clearWidth, heightDifference],
  crossing: [buttonHeight],
  information: [],
};

/** The measurements a category allows, in the order the form offers them. */
export function measurementKindsOf(category: ReportCategory): readonly MeasurementKind[] {
  return MEASUREMENT_KINDS[category];
}

/** The kind of measurement `name` in `category`, or null when the category does not take it. */
export function findMeasurementKind(category: ReportCategory, name: string): MeasurementKind | null {
  return MEASUREMENT_KINDS[category].find((kind) => kind.name === name) ?? null;
}

export interface ReportMeasurementGrade {
  /** `ungraded` when no cited limit applies, or when the limit depends on something unknown. */
  grade: 'meets' | 'fails' | 'ungraded';
  /** The clause the limit comes from, e.g. "GB 50763-2012 §3.1.2"; null when no clause applies. */
  clause: string | null;
  /** The limit the value was compared with, in the measurement's unit; null when ungraded. */
  limit: number | null;
  comparison: 'at_most' | 'at_least' | null;
  /**
   * The kerb ramp form whose limit was used; null when the form is unknown and the value meets
   * (or fails) the limit of every form alike, or when ungraded.
   */
  kerbRampForm: KerbRampForm | null;
}

/** Report measurement names → the measure names of ../facilities/grading.ts, same units. */
const KERB_RAMP_MEASURES: Readonly<Record<string, MeasurementGrade['measure']>> = {
  slope: 'slope_percent',
  clear_width: 'clear_width_m',
  kerb_lip_height: 'kerb_lip_mm',
};

const UNGRADED: ReportMeasurementGrade = { grade: 'ungraded', clause: null, limit: null, comparison: null, kerbRampForm: null };

function kerbRampWith(form: KerbRampForm | null, measure: MeasurementGrade['measure'], value: number): RampFacility {
  return {
    id: 'measured', category: 'ramp', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'unknown', statusNote: null,
    lastVerified: null, source: 'inspection', rampType: 'kerb_ramp', kerbRampForm: form, handrail: null,
    slopePercent: measure === 'slope_percent' ? value : null,
    clearWidthMeters: measure === 'clear_width_m' ? value : null,
    kerbLipMillimeters: measure === 'kerb_lip_mm' ? value : null,
    location: { type: 'Point', coordinates: [0, 0] },
  };
}

function gradeForForm(form: KerbRampForm | null, measure: MeasurementGrade['measure'], value: number): MeasurementGrade | null {
  return gradeFacility(kerbRampWith(form, measure, value)).find((grade) => grade.measure === measure) ?? null;
}

function gradeKerbRampMeasurement(measure: MeasurementGrade['measure'], value: number, form: KerbRampForm | null): ReportMeasurementGrade {
  const known = gradeForForm(form, measure, value);
  if (known && (known.outcome === 'meets' || known.outcome === 'fails')) {
    return { grade: known.outcome, clause: known.clause, limit: known.limit, comparison: known.comparison, kerbRampForm: form };
  }
  if (form !== null) return { ...UNGRADED, clause: known?.clause ?? null };
  // The form is unknown, so the limit is too; but a value that meets (or fails) the limit of every
  // form meets (or fails) whichever it is. The deciding limit is the strictest one it meets, or
  // the most lenient one it fails.
  const byForm = KERB_RAMP_FORMS.map((candidate) => gradeForForm(candidate, measure, value));
  const clause = byForm.find((grade) => grade !== null)?.clause ?? null;
  const outcomes = new Set(byForm.map((grade) => grade?.outcome ?? 'ungraded'));
  const [only] = outcomes;
  if (outcomes.size !== 1 || (only !== 'meets' && only !== 'fails')) return { ...UNGRADED, clause };
  const limits = byForm.map((grade) => grade?.limit).filter((limit): limit is number => typeof limit === 'number');
  const comparison = byForm[0]?.comparison ?? null;
  const strictest = comparison === 'at_most' ? Math.min(...limits) : Math.max(...limits);
  const mostLenient = comparison === 'at_most' ? Math.max(...limits) : Math.min(...limits);
  return { grade: only, clause, limit: only === 'meets' ? strictest : mostLenient, comparison, kerbRampForm: null };
}

/**
 * Grades one measurement of a report. Kerb ramp slope, clear width and lip height are graded
 * against GB 50763-2012 §3.1 with the form of `facility` when it is a kerb ramp of known form;
 * everything else is `ungraded`. A measurement in another unit than its kind's is ungraded rather
 * than converted (validateNewReport refuses such input anyway).
 */
export function gradeMeasurement(category: ReportCategory, measurement: ReportMeasurement, facility: Facility | null): ReportMeasurementGrade {
  const measure = KERB_RAMP_MEASURES[measurement.name];
  const kind = findMeasurementKind(category, measurement.name);
  if (category !== 'kerb_ramp' || measure === undefined || kind === null || kind.unit !== measurement.unit || !Number.isFinite(measurement.value)) {
    return UNGRADED;
  }
  const form = facility?.category === 'ramp' && facility.rampType === 'kerb_ramp' ? facility.kerbRampForm : null;
  return gradeKerbRampMeasurement(measure, measurement.value, form);
}

/** Grades every measurement of a report, in order. */
export function gradeMeasurements(
  category: ReportCategory, measurements: readonly ReportMeasurement[], facility: Facility | null,
): { measurement: ReportMeasurement; grade: ReportMeasurementGrade }[] {
  return measurements.map((measurement) => ({ measurement, grade: gradeMeasurement(category, measurement, facility) }));
}
