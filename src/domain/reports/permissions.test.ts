import { describe, it, expect } from 'vitest';
import { ROLES, type ReportEvent } from './model.ts';
import { ACTIONS, PERMISSIONS, may, publicReportView, isWellFormedActor, type Action, type Actor } from './permissions.ts';
import { admin, inspector, reportOf, resident, reviewer, unitMember } from './test-support.ts';

const actorOf = { resident, inspector: inspector(), reviewer: reviewer(), responsible_unit: unitMember(), admin: admin() } as const;

describe('the permission matrix', () => {
  it('has an entry for every action and role', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) expect(Object.keys(PERMISSIONS[action]).sort()).toEqual([...ROLES].sort());
  });

  it.each(ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const)))('without a report, %s by a %s follows the matrix', (action, role) => {
    expect(may(actorOf[role], action)).toBe(PERMISSIONS[action][role] !== 'never');
  });
});

describe('what each role may do', () => {
  const allowed = (actor: Actor) => ACTIONS.filter((action) => may(actor, action));

  it('a resident may file a report and read the public view of one by its link, nothing else', () => {
    expect(allowed(resident)).toEqual(['file_report', 'read_report_public']);
    expect(may(resident, 'read_report_public', reportOf({ reporterId: null }))).toBe(true);
    expect(may(resident, 'read_report_full', reportOf({ reporterId: null }))).toBe(false);
  });

  it('an inspector files, lists, transitions and patrols, and sees the full view only of reports it filed', () => {
    const me = inspector('ins-1');
    expect(allowed(me)).toEqual(['file_report', 'read_report_public', 'read_report_full', 'list_reports', 'transition', 'patrol_list']);
    expect(may(me, 'read_report_full', reportOf({ reporterId: 'ins-1' }))).toBe(true);
    expect(may(me, 'read_report_full', reportOf({ reporterId: 'ins-2' }))).toBe(false);
    expect(may(me, 'read_report_full', reportOf({ reporterId: null }))).toBe(false);
    expect(may(me, 'export')).toBe(false);
    expect(may(me, 'manage_users')).toBe(false);
  });

  it('a responsible unit sees and updates only reports assigned to its unit, and cannot file', () => {
    const metro = unitMember('unit-metro');
    const ours = reportOf({ status: 'assigned', assignedUnitId: 'unit-metro' });
    const theirs = reportOf({ status: 'assigned', assignedUnitId: 'unit-parks' });
    const unassigned = reportOf({ status: 'verified', assignedUnitId: null });
    expect(may(metro, 'transition', ours)).toBe(true);
    expect(may(metro, 'read_report_full', ours)).toBe(true);
    for (const report of [theirs, unassigned]) {
      expect(may(metro, 'transition', report)).toBe(false);
      expect(may(metro, 'read_report_full', report)).toBe(false);
    }
    expect(may(metro, 'list_assigned')).toBe(true);
    expect(may(metro, 'list_reports')).toBe(false);
    expect(may(metro, 'file_report')).toBe(false);
  });

  it('a reviewer reads everything and exports, but does not manage users; only the admin does', () => {
    expect(may(reviewer(), 'read_report_full', reportOf({ reporterId: 'someone' }))).toBe(true);
    expect(may(reviewer(), 'export')).toBe(true);
    expect(may(reviewer(), 'manage_users')).toBe(false);
    expect(ROLES.filter((role) => may(actorOf[role], 'manage_users'))).toEqual(['admin']);
  });

  it('the admin may do every action', () => {
    expect(ACTIONS.every((action: Action) => may(admin(), action, reportOf()))).toBe(true);
  });
});

describe('malformed actors may do nothing', () => {
  const malformed: Actor[] = [
    { id: 'x', role: 'resident', unitId: null },
    { id: null, role: 'inspector', unitId: null },
    { id: '', role: 'admin', unitId: null },
    { id: 'u', role: 'responsible_unit', unitId: null },
    { id: 'z', role: 'superuser' as Actor['role'], unitId: null },
  ];

  it.each(malformed)('%o', (actor) => {
    expect(isWellFormedActor(actor)).toBe(false);
    expect(ACTIONS.filter((action) => may(actor, action))).toEqual([]);
  });
});

describe('the public view', () => {
  const report = reportOf({ reporterId: 'ins-secret', fixedById: 'fixer-secret', assignedUnitId: 'unit-metro', status: 'fixed', version: 5 });
  const events: ReportEvent[] = [
    { reportId: report.id, sequence: 1, fromStatus: null, toStatus: 'submitted', actorId: 'ins-secret', actorRole: 'inspector', at: report.createdAt, note: '' },
    { reportId: report.id, sequence: 5, fromStatus: 'in_progress', toStatus: 'fixed', actorId: 'fixer-secret', actorRole: 'responsible_unit', at: report.updatedAt, note: 'Replaced.' },
  ];

  it('hides who filed it and who acted, keeps the unit that owns the fix and the whole history', () => {
    const view = publicReportView(report, events);
    const text = JSON.stringify(view);
    expect(text).not.toContain('ins-secret');
    expect(text).not.toContain('fixer-secret');
    expect(view.report.assignedUnitId).toBe('unit-metro');
    expect(view.events.map((event) => [event.toStatus, event.actorRole, event.note])).toEqual(events.map((event) => [event.toStatus, event.actorRole, event.note]));
  });

  it('keeps every other field of the report as it is', () => {
    const expected: Record<string, unknown> = { ...report };
    delete expected.reporterId;
    delete expected.fixedById;
    expect(publicReportView(report, events).report).toEqual(expected);
  });
});
