// What the planner asks: a category, a way of travelling, a distance and whether only working
// facilities count. Shared links carry it as one URL value, "toilet.wheelchair.300" with ".all"
// when out-of-service facilities count too.
import { COVERAGE_CATEGORIES, type CoverageCategory } from '../../domain/coverage/categories.ts';
import { PROFILE_NAMES, type ProfileName } from '../../domain/routing/profiles.ts';

export interface PlannerSettings {
  category: CoverageCategory;
  profile: ProfileName;
  withinMeters: number;
  workingOnly: boolean;
}

/** The distances the panel accepts: below a cell's size the grid says nothing; beyond 3 km is not "nearby". */
export const MIN_PLANNER_DISTANCE_METERS = 50;
export const MAX_PLANNER_DISTANCE_METERS = 3000;

export function defaultPlannerSettings(): PlannerSettings {
  return { category: 'toilet', profile: 'wheelchair', withinMeters: 300, workingOnly: true };
}

/** A typed distance in whole metres, or null when it is not a number in range. */
export function parsePlannerDistance(text: string): number | null {
  const trimmed = text.trim().replace(/\s*(m|米)$/i, '');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const meters = Math.round(Number(trimmed));
  return meters >= MIN_PLANNER_DISTANCE_METERS && meters <= MAX_PLANNER_DISTANCE_METERS ? meters : null;
}

export function parsePlannerParameter(raw: string): PlannerSettings | null {
  const [category, profile, distance, scope, ...rest] = raw.split('.');
  if (rest.length > 0 || category === undefined || profile === undefined || distance === undefined) return null;
  if (!(COVERAGE_CATEGORIES as readonly string[]).includes(category) || !(PROFILE_NAMES as readonly string[]).includes(profile)) return null;
  if (scope !== undefined && scope !== 'all') return null;
  const withinMeters = /^\d+$/.test(distance) ? parsePlannerDistance(distance) : null;
  if (withinMeters === null) return null;
  return { category: category as CoverageCategory, profile: profile as ProfileName, withinMeters, workingOnly: scope === undefined };
}

export function serialisePlannerParameter(settings: PlannerSettings): string {
  return `${settings.category}.${settings.profile}.${Math.round(settings.withinMeters)}${settings.workingOnly ? '' : '.all'}`;
}
