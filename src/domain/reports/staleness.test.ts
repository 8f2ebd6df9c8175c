import { describe, it, expect } from 'vitest';
import { daysBetween, isIsoDate, localDate } from './dates.ts';
import { DEFAULT_STALENESS_RULES, isVerificationStale, lastVerifiedDate, verificationAgeDays } from './staleness.ts';
import { ORIGIN, elevatorAt, reportOf } from './test-support.ts';

/** The calendar date `days` before `date`, by plain UTC date arithmetic. */
function daysBefore(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

describe('calendar dates', () => {
  it('2024-02-29 is a date (leap year), 2026-02-29 and 2026-13-01 are not', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-5-1')).toBe(false);
  });

  it('New Year\'s Eve to New Year\'s Day is one day; a leap year has 366', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('16:00 UTC is midnight in Shanghai (UTC+8): the date turns there', () => {
    expect(localDate(new Date('2026-05-14T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-05-14');
    expect(localDate(new Date('2026-05-14T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-05-15');
    expect(localDate(new Date('2026-05-14T16:00:00Z'), 'UTC')).toBe('2026-05-14');
  });
});

describe('staleness', () => {
  const now = new Date('2026-05-14T04:00:00Z');
  const today = localDate(now, DEFAULT_STALENESS_RULES.timeZone);
  const maxAgeDays = DEFAULT_STALENESS_RULES.maxAgeDays.elevator;

  it(`an elevator checked exactly ${maxAgeDays} days ago is still trusted, one day earlier it is not`, () => {
    expect(verificationAgeDays(daysBefore(today, maxAgeDays), now, DEFAULT_STALENESS_RULES.timeZone)).toBe(maxAgeDays);
    expect(isVerificationStale('elevator', daysBefore(today, maxAgeDays), now, DEFAULT_STALENESS_RULES)).toBe(false);
    expect(isVerificationStale('elevator', daysBefore(today, maxAgeDays + 1), now, DEFAULT_STALENESS_RULES)).toBe(true);
  });

  it('ramps are trusted longer than elevators: the same age can be stale for one and fresh for the other', () => {
    const age = maxAgeDays + 1;
    expect(DEFAULT_STALENESS_RULES.maxAgeDays.ramp).toBeGreaterThan(age);
    expect(isVerificationStale('ramp', daysBefore(today, age), now, DEFAULT_STALENESS_RULES)).toBe(false);
  });

  it('a facility never checked on site is stale', () => {
    expect(verificationAgeDays(null, now, 'Asia/Shanghai')).toBeNull();
    expect(isVerificationStale('tactile_paving', null, now, DEFAULT_STALENESS_RULES)).toBe(true);
  });

  it('a report closed after re-inspection counts as a check on the day it closed, in the district\'s time zone', () => {
    const lift = elevatorAt('lift', ORIGIN, { lastVerified: '2026-01-10' });
    const closed = reportOf({ facilityId: 'lift', status: 'closed', updatedAt: '2026-05-14T17:00:00.000Z' });
    expect(lastVerifiedDate(lift, [closed], closed.districtId, 'Asia/Shanghai')).toBe('2026-05-15');
    expect(lastVerifiedDate(lift, [closed], closed.districtId, 'UTC')).toBe('2026-05-14');
  });

  it('open reports, reports on other facilities and reports of another district are no check', () => {
    const lift = elevatorAt('lift', ORIGIN, { lastVerified: '2026-01-10' });
    const reports = [
      reportOf({ id: 'a', facilityId: 'lift', status: 'fixed', updatedAt: '2026-05-01T00:00:00.000Z' }),
      reportOf({ id: 'b', facilityId: 'other-lift', status: 'closed', updatedAt: '2026-05-01T00:00:00.000Z' }),
      reportOf({ id: 'c', facilityId: 'lift', status: 'closed', districtId: 'elsewhere', updatedAt: '2026-05-01T00:00:00.000Z' }),
    ];
    expect(lastVerifiedDate(lift, reports, 'test-district', 'Asia/Shanghai')).toBe('2026-01-10');
  });

  it('an older closed report does not move the date back', () => {
    const lift = elevatorAt('lift', ORIGIN, { lastVerified: '2026-04-01' });
    const closed = reportOf({ facilityId: 'lift', status: 'closed', updatedAt: '2026-02-01T00:00:00.000Z' });
    expect(lastVerifiedDate(lift, [closed], closed.districtId, 'Asia/Shanghai')).toBe('2026-04-01');
  });
});
