// Routing profiles: who is travelling, as numbers a cost function can use. Every profile works on
// the same graph; a profile only changes what an arc costs and which arcs are impassable. All
// limits can be adjusted by the user (routingProfile(name, overrides)); `null` switches a limit
// off, so the attribute no longer matters to that profile (and its being unknown does not count).

export const PROFILE_NAMES = ['walk', 'wheelchair', 'powered-wheelchair', 'cane', 'blind'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** What to do with an arc whose data is unknown for an attribute that matters to the profile. */
export const UNKNOWN_POLICIES = ['avoid', 'allow', 'penalise'] as const;
export type UnknownPolicy = (typeof UNKNOWN_POLICIES)[number];

export interface RoutingProfile {
  name: ProfileName;
  /** Travel speed on the level, for durations and the A* heuristic. */
  speedMetersPerSecond: number;
  /** Uses wheels: needs ramps (an out-of-service ramp blocks it) and feels the surface. */
  wheeled: boolean;
  /** Steepest uphill slope, along the direction of travel; null: no limit. */
  maxUphillPercent: number | null;
  maxDownhillPercent: number | null;
  /** Highest kerb (or kerb-ramp lip) at a crossing end; null: no limit. */
  maxKerbHeightMillimeters: number | null;
  minWidthMeters: number | null;
  /** Steps are impassable. */
  avoidSteps: boolean;
  /** Cost multiplier on steps when they are allowed (1: like any path). */
  stepsCostFactor: number;
  /** Arcs without known tactile paving cost more. */
  preferTactilePaving: boolean;
  /** Unsignalled crossings cost extra time; signals without sound a little. */
  preferSignalledCrossings: boolean;
  unknown: UnknownPolicy;
  /** Multiplier for arcs with unknown data under the 'penalise' policy. */
  unknownCostFactor: number;
}

export type ProfileOverrides = Partial<Omit<RoutingProfile, 'name'>>;

/** The limits a no-route reason can name, and a user can relax. */
export type RelaxableLimit = 'avoidSteps' | 'maxKerbHeight' | 'maxIncline' | 'minWidth' | 'unknown';

const WHEELCHAIR_RAMP_PERCENT = 100 / 12;

export const DEFAULT_PROFILES: Readonly<Record<ProfileName, RoutingProfile>> = {
  // Project choice: 1.3 m/s, an ordinary adult walking pace. No limits, so no attribute's being unknown matters.
  walk: {
    name: 'walk', speedMetersPerSecond: 1.3, wheeled: false,
    maxUphillPercent: null, maxDownhillPercent: null, maxKerbHeightMillimeters: null, minWidthMeters: null,
    avoidSteps: false, stepsCostFactor: 1, preferTactilePaving: false, preferSignalledCrossings: false,
    unknown: 'allow', unknownCostFactor: 2,
  },
  wheelchair: {
    name: 'wheelchair', speedMetersPerSecond: 1.0, wheeled: true,
    // GB 50763-2012 §3.4 (轮椅坡道): wheelchair ramps at most 1:12 (8.33 %); ADA 2010 Standards §405.2
    // give the same 1:12 for ramps. Downhill: the same limit, a project choice (a steep descent is as
    // hard to control as a climb is to push).
    maxUphillPercent: WHEELCHAIR_RAMP_PERCENT, maxDownhillPercent: WHEELCHAIR_RAMP_PERCENT,
    // Project choice: 20 mm. Design limits are lower (GB 50763-2012 §3.1.1: kerb-ramp lip at most
    // 10 mm; ADA 2010 §303.3: bevelled change in level at most 13 mm), and the cost already rises
    // from half the limit, so lips above 10 mm are used only when they save a real detour.
    maxKerbHeightMillimeters: 20,
    // Door clear width 0.80 m: GB 50763-2012 §3.7.2 (elevator doors, see data/README.md); ADA 2010
    // §404.2.3 asks 32 in (815 mm) for doors.
    minWidthMeters: 0.8,
    avoidSteps: true, stepsCostFactor: 1, preferTactilePaving: false, preferSignalledCrossings: false,
    unknown: 'penalise', unknownCostFactor: 2,
  },
  'powered-wheelchair': {
    name: 'powered-wheelchair', speedMetersPerSecond: 1.5, wheeled: true,
    // Project choices: a motor manages 1:10 and a 50 mm lip; powered chairs are wider, so the 36 in
    // (0.91 m) clear width of ADA 2010 §403.5.1, rounded to 0.90 m.
    maxUphillPercent: 10, maxDownhillPercent: 10, maxKerbHeightMillimeters: 50, minWidthMeters: 0.9,
    avoidSteps: true, stepsCostFactor: 1, preferTactilePaving: false, preferSignalledCrossings: false,
    unknown: 'penalise', unknownCostFactor: 2,
  },
  cane: {
    name: 'cane', speedMetersPerSecond: 0.8, wheeled: false,
    // Project choices: steps are possible but costly (four times the time of level ground), slopes
    // beyond 12 % are avoided; kerbs are stepped over.
    maxUphillPercent: 12, maxDownhillPercent: 12, maxKerbHeightMillimeters: null, minWidthMeters: null,
    avoidSteps: false, stepsCostFactor: 4, preferTactilePaving: false, preferSignalledCrossings: false,
    unknown: 'allow', unknownCostFactor: 2,
  },
  blind: {
    name: 'blind', speedMetersPerSecond: 1.0, wheeled: false,
    // Project choices: keep to tactile paving and signalled crossings (with sound); steps are fine
    // with the warning paving GB 50763-2012 §3.2 puts before them, at a small cost.
    maxUphillPercent: null, maxDownhillPercent: null, maxKerbHeightMillimeters: null, minWidthMeters: null,
    avoidSteps: false, stepsCostFactor: 1.5, preferTactilePaving: true, preferSignalledCrossings: true,
    unknown: 'allow', unknownCostFactor: 2,
  },
};

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

/** A profile's defaults with the user's adjustments; check the result with validateRoutingProfile. */
export function routingProfile(name: ProfileName, overrides: ProfileOverrides = {}): RoutingProfile {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_PROFILES[name], ...defined, name };
}

/** Problems with a profile's values, in English; empty when it can be used. */
export function validateRoutingProfile(profile: RoutingProfile): string[] {
  const problems: string[] = [];
  if (!isProfileName(profile.name)) problems.push(`profile name ${JSON.stringify(profile.name)} is not one of ${PROFILE_NAMES.join(', ')}`);
  const positive = (field: keyof RoutingProfile, value: number): void => {
    if (!Number.isFinite(value) || value <= 0) problems.push(`${field} must be a number above 0, not ${String(value)}`);
  };
  const limit = (field: keyof RoutingProfile, value: number | null): void => {
    if (value !== null && (!Number.isFinite(value) || value <= 0)) problems.push(`${field} must be null (no limit) or a number above 0, not ${String(value)}`);
  };
  positive('speedMetersPerSecond', profile.speedMetersPerSecond);
  limit('maxUphillPercent', profile.maxUphillPercent);
  limit('maxDownhillPercent', profile.maxDownhillPercent);
  limit('maxKerbHeightMillimeters', profile.maxKerbHeightMillimeters);
  limit('minWidthMeters', profile.minWidthMeters);
  // Factors below 1 would make an arc cheaper than its walking time and break the A* heuristic.
  for (const field of ['stepsCostFactor', 'unknownCostFactor'] as const) {
    if (!Number.isFinite(profile[field]) || profile[field] < 1) problems.push(`${field} must be a number of at least 1, not ${String(profile[field])}`);
  }
  if (!(UNKNOWN_POLICIES as readonly string[]).includes(profile.unknown)) problems.push(`unknown must be one of ${UNKNOWN_POLICIES.join(', ')}`);
  return problems;
}

/** The limits this profile actually sets, in the order a no-route search tries relaxing them. */
export function activeLimits(profile: RoutingProfile): RelaxableLimit[] {
  const limits: RelaxableLimit[] = [];
  if (profile.unknown !== 'allow') limits.push('unknown');
  if (profile.maxKerbHeightMillimeters !== null) limits.push('maxKerbHeight');
  if (profile.maxUphillPercent !== null || profile.maxDownhillPercent !== null) limits.push('maxIncline');
  if (profile.minWidthMeters !== null) limits.push('minWidth');
  if (profile.avoidSteps) limits.push('avoidSteps');
  return limits;
}

/** The same profile with one limit switched off. */
export function relaxLimit(profile: RoutingProfile, limit: RelaxableLimit): RoutingProfile {
  switch (limit) {
    case 'unknown': return { ...profile, unknown: 'allow' };
    case 'maxKerbHeight': return { ...profile, maxKerbHeightMillimeters: null };
    case 'maxIncline': return { ...profile, maxUphillPercent: null, maxDownhillPercent: null };
    case 'minWidth': return { ...profile, minWidthMeters: null };
    case 'avoidSteps': return { ...profile, avoidSteps: false };
  }
}
