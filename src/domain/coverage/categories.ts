// The categories coverage is measured for, in a module of their own so the app's first paint can
// name them without loading the coverage core.
import type { FacilityCategory } from '../facilities/model.ts';

export const COVERAGE_CATEGORIES = ['toilet', 'elevator', 'ramp'] as const satisfies readonly FacilityCategory[];
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];
