// The traveller's profile and the limits they adjusted: remembered in this browser, and turned
// into the routing core's profile. A stored value that does not parse is dropped, not trusted.
import {
  DEFAULT_PROFILES, UNKNOWN_POLICIES, isProfileName, routingProfile, validateRoutingProfile,
  type ProfileName, type RoutingProfile, type UnknownPolicy,
} from '../../domain/routing/profiles.ts';

export type UnknownHandling = UnknownPolicy;

/** The limits a user can adjust; a null number means "no limit". */
export interface RouteLimits {
  maxUphillPercent: number | null;
  maxDownhillPercent: number | null;
  maxKerbHeightMillimeters: number | null;
  minWidthMeters: number | null;
  avoidSteps: boolean;
  preferTactilePaving: boolean;
  unknown: UnknownHandling;
}

export interface RouteSettings {
  profile: ProfileName;
  limits: RouteLimits;
}

export const ROUTE_SETTINGS_STORAGE_KEY = 'bfmap.routeSettings';

export function defaultLimits(profile: ProfileName): RouteLimits {
  const defaults = DEFAULT_PROFILES[profile];
  return {
    maxUphillPercent: defaults.maxUphillPercent,
    maxDownhillPercent: defaults.maxDownhillPercent,
    maxKerbHeightMillimeters: defaults.maxKerbHeightMillimeters,
    minWidthMeters: defaults.minWidthMeters,
    avoidSteps: defaults.avoidSteps,
    preferTactilePaving: defaults.preferTactilePaving,
    unknown: defaults.unknown,
  };
}

export function defaultRouteSettings(profile: ProfileName = 'walk'): RouteSettings {
  return { profile, limits: defaultLimits(profile) };
}

/** The core's profile with the user's limits; preferring tactile paving also prefers crossings with sound. */
export function toRoutingProfile(settings: RouteSettings): RoutingProfile {
  return routingProfile(settings.profile, {
    ...settings.limits,
    preferSignalledCrossings: settings.limits.preferTactilePaving || DEFAULT_PROFILES[settings.profile].preferSignalledCrossings,
  });
}

const limitOrNull = (value: unknown): number | null | undefined =>
  value === null ? null : typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** Reads stored settings; null for anything missing, malformed or refused by the core's checks. */
export function parseRouteSettings(text: string | null): RouteSettings | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { profile, limits } = json as { profile?: unknown; limits?: Record<string, unknown> };
  if (!isProfileName(profile) || typeof limits !== 'object' || limits === null) return null;
  const parsed = {
    maxUphillPercent: limitOrNull(limits.maxUphillPercent),
    maxDownhillPercent: limitOrNull(limits.maxDownhillPercent),
    maxKerbHeightMillimeters: limitOrNull(limits.maxKerbHeightMillimeters),
    minWidthMeters: limitOrNull(limits.minWidthMeters),
    avoidSteps: typeof limits.avoidSteps === 'boolean' ? limits.avoidSteps : undefined,
    preferTactilePaving: typeof limits.preferTactilePaving === 'boolean' ? limits.preferTactilePaving : undefined,
    unknown: (UNKNOWN_POLICIES as readonly unknown[]).includes(limits.unknown) ? (limits.unknown as UnknownHandling) : undefined,
  };
  if (Object.values(parsed).some((value) => value === undefined)) return null;
  const settings: RouteSettings = { profile, limits: parsed as RouteLimits };
  return validateRoutingProfile(toRoutingProfile(settings)).length === 0 ? settings : null;
}

export function serialiseRouteSettings(settings: RouteSettings): string {
  return JSON.stringify(settings);
}
