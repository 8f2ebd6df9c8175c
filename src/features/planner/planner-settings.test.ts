import { describe, it, expect } from 'vitest';
import { COVERAGE_CATEGORIES } from '../../domain/coverage/index.ts';
import { PROFILE_NAMES } from '../../domain/routing/profiles.ts';
import {
  MAX_PLANNER_DISTANCE_METERS, MIN_PLANNER_DISTANCE_METERS, parsePlannerDistance, parsePlannerParameter, serialisePlannerParameter, type PlannerSettings,
} from './planner-settings.ts';

describe('planner settings', () => {
  it('round-trip through the URL value for every category, profile and scope', () => {
    for (const category of COVERAGE_CATEGORIES) {
      for (const profile of PROFILE_NAMES) {
        for (const workingOnly of [true, false]) {
          const settings: PlannerSettings = { category, profile, withinMeters: 450, workingOnly };
          expect(parsePlannerParameter(serialisePlannerParameter(settings))).toEqual(settings);
        }
      }
    }
  });

  it('refuse a link that names an unknown category, profile or scope, or a distance out of range', () => {
    for (const raw of ['bench.walk.300', 'toilet.car.300', 'toilet.walk.300.some', 'toilet.walk', 'toilet.walk.20', 'toilet.walk.9000', 'toilet.walk.3e2', 'toilet.walk.300.all.x']) {
      expect(parsePlannerParameter(raw), raw).toBeNull();
    }
  });

  it('read a typed distance in metres, with or without the unit, only within the accepted range', () => {
    expect(parsePlannerDistance(' 500 ')).toBe(500);
    expect(parsePlannerDistance('500m')).toBe(500);
    expect(parsePlannerDistance('500 米')).toBe(500);
    expect(parsePlannerDistance('299.6')).toBe(300);
    expect(parsePlannerDistance(String(MIN_PLANNER_DISTANCE_METERS))).toBe(MIN_PLANNER_DISTANCE_METERS);
    expect(parsePlannerDistance(String(MAX_PLANNER_DISTANCE_METERS + 1))).toBeNull();
    expect(parsePlannerDistance(String(MIN_PLANNER_DISTANCE_METERS - 1))).toBeNull();
    for (const text of ['', 'far', '-300', '1,000']) expect(parsePlannerDistance(text), text).toBeNull();
  });
});
