import { describe, it, expect } from 'vitest';
import { DEFAULT_PROFILES, PROFILE_NAMES, activeLimits, relaxLimit, routingProfile, validateRoutingProfile } from './profiles.ts';

describe('routing profiles', () => {
  it('all pass their own validation', () => {
    for (const name of PROFILE_NAMES) expect(validateRoutingProfile(DEFAULT_PROFILES[name]), name).toEqual([]);
  });

  it('give a manual wheelchair the 1:12 ramp gradient of GB 50763-2012 §3.4 as its slope limit', () => {
    expect(DEFAULT_PROFILES.wheelchair.maxUphillPercent).toBeCloseTo((1 / 12) * 100, 9);
  });

  it('keep the name and apply only the overrides given', () => {
    const adjusted = routingProfile('wheelchair', { maxKerbHeightMillimeters: 30, unknown: undefined });
    expect(adjusted).toEqual({ ...DEFAULT_PROFILES.wheelchair, maxKerbHeightMillimeters: 30 });
  });

  it('reject values a cost function cannot use, naming the field', () => {
    const problems = validateRoutingProfile({ ...DEFAULT_PROFILES.walk, speedMetersPerSecond: 0, stepsCostFactor: 0.5, maxUphillPercent: Number.NaN });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['speedMetersPerSecond', 'maxUphillPercent', 'stepsCostFactor']);
  });

  it('list the limits a profile sets, which is what a no-route search may offer to relax', () => {
    expect(activeLimits(DEFAULT_PROFILES.walk)).toEqual([]);
    expect(activeLimits(DEFAULT_PROFILES.wheelchair)).toEqual(['unknown', 'maxKerbHeight', 'maxIncline', 'minWidth', 'avoidSteps']);
    for (const limit of activeLimits(DEFAULT_PROFILES.wheelchair)) {
      const relaxed = relaxLimit(DEFAULT_PROFILES.wheelchair, limit);
      expect(activeLimits(relaxed)).not.toContain(limit);
      expect(activeLimits(relaxed)).toHaveLength(activeLimits(DEFAULT_PROFILES.wheelchair).length - 1);
    }
  });
});
