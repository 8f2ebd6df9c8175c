import { describe, it, expect } from 'vitest';
import { REPORT_STATUSES, type Report } from './model.ts';
import { unitWorkList } from './work-list.ts';
import { deepFreeze, reportOf } from './test-support.ts';

const MILLISECONDS_PER_DAY = 24 * 60 * 60 * 1000;
const UNIT = 'unit-metro';

describe('a responsible unit’s work list', () => {
  it('holds the reports assigned to the unit that are still open, and nothing of other units', () => {
    const reports = REPORT_STATUSES.flatMap((status) => [
      reportOf({ id: `mine-${status}`, status, assignedUnitId: UNIT }),
      reportOf({ id: `theirs-${status}`, status, assignedUnitId: 'unit-parks' }),
      reportOf({ id: `nobody-${status}`, status, assignedUnitId: null }),
    ]);
    const ids = unitWorkList(reports, UNIT, new Date('2026-05-10T04:00:00Z')).map((item) => item.report.id).sort();
    expect(ids).toEqual(['mine-assigned', 'mine-fixed', 'mine-in_progress', 'mine-submitted', 'mine-verified'].sort());
  });

  it('puts the longest-waiting report first, whatever the input order', () => {
    const reports = deepFreeze([
      reportOf({ id: 'b-middle', createdAt: '2026-03-15T08:00:00.000Z', assignedUnitId: UNIT, status: 'assigned' }),
      reportOf({ id: 'c-newest', createdAt: '2026-05-01T08:00:00.000Z', assignedUnitId: UNIT, status: 'in_progress' }),
      reportOf({ id: 'a-oldest', createdAt: '2026-01-02T08:00:00.000Z', assignedUnitId: UNIT, status: 'assigned' }),
      reportOf({ id: 'a-same-time', createdAt: '2026-03-15T08:00:00.000Z', assignedUnitId: UNIT, status: 'assigned' }),
    ]);
    const list = unitWorkList(reports, UNIT, new Date('2026-05-10T04:00:00Z'));
    const createdTimes = list.map((item) => Date.parse(item.report.createdAt));
    expect(createdTimes).toEqual([...createdTimes].sort((first, second) => first - second));
    expect(list.map((item) => item.report.id)).toEqual(['a-oldest', 'a-same-time', 'b-middle', 'c-newest']);
    expect(reports.map((report) => report.id)).toEqual(['b-middle', 'c-newest', 'a-oldest', 'a-same-time']);
  });

  it('counts age in whole days, the same hour some days later being that many days', () => {
    const createdAt = '2026-04-20T02:00:00.000Z';
    const now = new Date('2026-05-10T02:00:00.000Z');
    const [item] = unitWorkList([reportOf({ createdAt, assignedUnitId: UNIT, status: 'assigned' })], UNIT, now);
    expect(item?.ageDays).toBe((now.getTime() - Date.parse(createdAt)) / MILLISECONDS_PER_DAY);
  });

  it('counts days in the district’s time zone: filed at 23:30 in Shanghai, it is a day old at 00:30', () => {
    // 15:30 UTC is 23:30 in Shanghai (UTC+8); an hour later it is the next day there, not in UTC.
    const report = reportOf({ createdAt: '2026-05-01T15:30:00.000Z', assignedUnitId: UNIT, status: 'assigned' });
    const now = new Date('2026-05-01T16:30:00.000Z');
    expect(unitWorkList([report], UNIT, now)[0]?.ageDays).toBe(1);
    expect(unitWorkList([report], UNIT, now, 'UTC')[0]?.ageDays).toBe(0);
  });

  it('counts the filing day in the district’s time zone too: filed at 01:00 in Shanghai, it is new that morning', () => {
    // 17:00 UTC on 1 May is 01:00 on 2 May in Shanghai; at 02:00 UTC on 2 May both places are on 2 May.
    const report = reportOf({ createdAt: '2026-05-01T17:00:00.000Z', assignedUnitId: UNIT, status: 'assigned' });
    const now = new Date('2026-05-02T02:00:00.000Z');
    expect(unitWorkList([report], UNIT, now)[0]?.ageDays).toBe(0);
    expect(unitWorkList([report], UNIT, now, 'UTC')[0]?.ageDays).toBe(1);
  });

  it('marks a report overdue once its expected fix date is before today, in the district’s time zone', () => {
    // 16:30 UTC on 30 June is 00:30 on 1 July in Shanghai: a fix promised for 30 June is late there only.
    const now = new Date('2026-06-30T16:30:00.000Z');
    const promised = (id: string, expectedFixDate: string | null, status: Report['status'] = 'in_progress') =>
      reportOf({ id, expectedFixDate, status, assignedUnitId: UNIT });
    const reports = [promised('due-yesterday', '2026-06-30'), promised('due-today', '2026-07-01'), promised('no-date', null)];
    const overdueIn = (timeZone?: string) =>
      Object.fromEntries(unitWorkList(reports, UNIT, now, timeZone).map((item) => [item.report.id, item.overdue]));
    expect(overdueIn()).toEqual({ 'due-yesterday': true, 'due-today': false, 'no-date': false });
    expect(overdueIn('UTC')).toEqual({ 'due-yesterday': false, 'due-today': false, 'no-date': false });
  });

  it('does not call a report overdue once the unit has marked it fixed and it waits for re-inspection', () => {
    const now = new Date('2026-07-10T04:00:00.000Z');
    const late = { expectedFixDate: '2026-06-30', assignedUnitId: UNIT };
    const list = unitWorkList([reportOf({ id: 'fixed', status: 'fixed', ...late }), reportOf({ id: 'working', status: 'in_progress', ...late })], UNIT, now);
    expect(Object.fromEntries(list.map((item) => [item.report.id, item.overdue]))).toEqual({ fixed: false, working: true });
  });

  it('is empty for a unit with nothing assigned', () => {
    expect(unitWorkList([reportOf({ assignedUnitId: UNIT, status: 'assigned' })], 'unit-nobody', new Date('2026-05-10T04:00:00Z'))).toEqual([]);
  });
});
