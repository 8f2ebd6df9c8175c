import { describe, it, expect } from 'vitest';
import { DEFAULT_PROFILES } from '../../domain/routing/profiles.ts';
import { defaultRouteSettings, parseRouteSettings, serialiseRouteSettings, toRoutingProfile } from './route-settings.ts';

describe('route settings', () => {
  it('round-trip through storage, with an adjusted limit and a limit switched off', () => {
    const settings = defaultRouteSettings('wheelchair');
    const adjusted = { ...settings, limits: { ...settings.limits, maxUphillPercent: 6, minWidthMeters: null } };
    expect(parseRouteSettings(serialiseRouteSettings(adjusted))).toEqual(adjusted);
  });

  it('start from the profile defaults of the routing core', () => {
    const profile = toRoutingProfile(defaultRouteSettings('powered-wheelchair'));
    expect(profile.maxKerbHeightMillimeters).toBe(DEFAULT_PROFILES['powered-wheelchair'].maxKerbHeightMillimeters);
    expect(profile.avoidSteps).toBe(true);
  });

  it('preferring tactile paving also prefers crossings with sound', () => {
    const walk = defaultRouteSettings('walk');
    expect(toRoutingProfile(walk).preferSignalledCrossings).toBe(false);
    expect(toRoutingProfile({ ...walk, limits: { ...walk.limits, preferTactilePaving: true } }).preferSignalledCrossings).toBe(true);
  });

  it('drop stored values that are malformed or that the core refuses', () => {
    const good = serialiseRouteSettings(defaultRouteSettings('cane'));
    expect(parseRouteSettings(null)).toBeNull();
    expect(parseRouteSettings('{not json')).toBeNull();
    expect(parseRouteSettings(good.replace('"cane"', '"car"'))).toBeNull();
    expect(parseRouteSettings(good.replace('"unknown":"allow"', '"unknown":"sometimes"'))).toBeNull();
    const zeroWidth = { ...defaultRouteSettings('wheelchair') };
    expect(parseRouteSettings(JSON.stringify({ ...zeroWidth, limits: { ...zeroWidth.limits, minWidthMeters: 0 } }))).toBeNull();
    expect(parseRouteSettings(JSON.stringify({ profile: 'walk' }))).toBeNull();
  });
});
