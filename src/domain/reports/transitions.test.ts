import { describe, it, expect } from 'vitest';
import { FINAL_STATUSES, REPORT_STATUSES, ROLES, type Report, type ReportStatus, type Role } from './model.ts';
import type { Actor } from './permissions.ts';
import {
  TRANSITION_RULES, applyTransition, availableTransitions, findTransitionRule, parseTransitionBody, type TransitionRequest, type TransitionRule,
} from './transitions.ts';
import { admin, deepFreeze, inspector, reportOf, resident, reviewer, unitMember } from './test-support.ts';

const now = new Date('2026-05-20T03:00:00.000Z');
const REPORTER = 'reporter-1';
const FIXER = 'fixer-1';
const UNIT = 'unit-a';

/** A report in `status` with the fields that status implies: a reporter, and from assigned on a unit, when fixed a fixer. */
function reportIn(status: ReportStatus, overrides: Partial<Report> = {}): Report {
  const assigned = ['assigned', 'in_progress', 'fixed', 'closed'].includes(status);
  return deepFreeze(reportOf({
    status, reporterId: REPORTER, assignedUnitId: assigned ? UNIT : null, fixedById: status === 'fixed' || status === 'closed' ? FIXER : null, version: 4, ...overrides,
  }));
}

/** An actor of `role` who meets every condition of the table: not the reporter, not the fixer, of the assigned unit. */
function fittingActor(role: Role): Actor {
  if (role === 'resident') return resident;
  return { id: `${role}-someone`, role, unitId: role === 'responsible_unit' ? UNIT : null };
}

/** A request carrying whatever the rule from → to needs (a note always, a unit or an original where asked). */
function requestFor(to: ReportStatus, actor: Actor, report: Report, rule: TransitionRule | null): TransitionRequest {
  return {
    to, actor, now, note: 'Checked on site.', expectedVersion: report.version,
    ...(rule?.needsAssignedUnit ? { assignedUnitId: 'unit-b' } : {}),
    ...(rule?.needsDuplicateOf ? { duplicateOf: 'report-0' } : {}),
  };
}

const errorCode = (result: ReturnType<typeof applyTransition>) => (result.ok ? 'ok' : result.error.code);

describe('the transition table', () => {
  it('has exactly the steps of the issue, plus the hand-back of a wrongly assigned report', () => {
    const steps = TRANSITION_RULES.map((rule) => `${rule.from} → ${rule.to}`).sort();
    expect(steps).toEqual([
      'assigned → in_progress', 'assigned → verified', 'fixed → closed', 'fixed → in_progress', 'in_progress → fixed', 'submitted → cannot_reproduce',
      'submitted → duplicate', 'submitted → rejected', 'submitted → verified', 'verified → assigned',
    ].sort());
  });

  it('nothing leaves a final status, and the admin is in every rule', () => {
    for (const rule of TRANSITION_RULES) {
      expect(FINAL_STATUSES).not.toContain(rule.from);
      expect(rule.who.map((grant) => grant.role)).toContain('admin');
    }
  });

  it('the exits rejected, cannot_reproduce and duplicate need a note; duplicate needs the original', () => {
    for (const to of ['rejected', 'cannot_reproduce', 'duplicate'] as const) expect(findTransitionRule('submitted', to)?.noteRequired).toBe(true);
    expect(findTransitionRule('submitted', 'duplicate')?.needsDuplicateOf).toBe(true);
    expect(findTransitionRule('verified', 'assigned')?.needsAssignedUnit).toBe(true);
  });
});

describe('every status × status × role is allowed by the table or refused with the right code', () => {
  const cases = REPORT_STATUSES.flatMap((from) => REPORT_STATUSES.flatMap((to) => ROLES.map((role) => [from, to, role] as const)));

  it.each(cases)('%s → %s by a %s', (from, to, role) => {
    const report = reportIn(from);
    const rule = findTransitionRule(from, to);
    const actor = fittingActor(role);
    const result = applyTransition(report, requestFor(to, actor, report, rule));
    if (!rule) {
      expect(errorCode(result)).toBe('invalid_transition');
    } else if (!rule.who.some((grant) => grant.role === role)) {
      expect(errorCode(result)).toBe('not_allowed');
    } else {
      expect(errorCode(result)).toBe('ok');
      if (!result.ok) return;
      expect(result.report.status).toBe(to);
      expect(result.report.version).toBe(report.version + 1);
      expect(result.event).toMatchObject({ fromStatus: from, toStatus: to, actorId: actor.id, actorRole: role, sequence: report.version + 1, at: now.toISOString() });
    }
  });

  it.each(TRANSITION_RULES.flatMap((rule) => rule.who.filter((grant) => grant.condition !== 'any').map((grant) => [rule.from, rule.to, grant.role, grant.condition] as const)))(
    '%s → %s by a %s is refused when the condition "%s" fails',
    (from, to, role, condition) => {
      const report = reportIn(from);
      const fitting = fittingActor(role);
      const violating: Actor = condition === 'not_reporter' ? { ...fitting, id: REPORTER }
        : condition === 'not_fixer' ? { ...fitting, id: FIXER }
          : { ...fitting, unitId: 'another-unit' };
      const result = applyTransition(report, requestFor(to, violating, report, findTransitionRule(from, to)));
      expect(errorCode(result)).toBe('not_allowed');
    },
  );
});

describe('facts of the loop', () => {
  it('a resident can file but not verify', () => {
    const report = reportIn('submitted', { reporterId: null });
    const result = applyTransition(report, { to: 'verified', actor: resident, now, expectedVersion: report.version });
    expect(errorCode(result)).toBe('not_allowed');
    expect(result.ok ? '' : result.error.message.en).toContain('Residents can file and follow reports');
  });

  it('an inspector cannot verify their own report; another inspector or a reviewer can', () => {
    const report = reportIn('submitted', { reporterId: 'ins-1' });
    expect(errorCode(applyTransition(report, { to: 'verified', actor: inspector('ins-1'), now, expectedVersion: report.version }))).toBe('not_allowed');
    expect(errorCode(applyTransition(report, { to: 'verified', actor: inspector('ins-2'), now, expectedVersion: report.version }))).toBe('ok');
    expect(errorCode(applyTransition(report, { to: 'verified', actor: reviewer(), now, expectedVersion: report.version }))).toBe('ok');
  });

  it('an inspector account without an id is refused, even on an anonymous report', () => {
    const report = reportIn('submitted', { reporterId: null });
    expect(errorCode(applyTransition(report, { to: 'verified', actor: { id: null, role: 'inspector', unitId: null }, now, expectedVersion: report.version }))).toBe('not_allowed');
  });

  it('an anonymous report can be verified by any inspector', () => {
    const report = reportIn('submitted', { reporterId: null });
    expect(errorCode(applyTransition(report, { to: 'verified', actor: inspector(), now, expectedVersion: report.version }))).toBe('ok');
  });

  it('the unit that fixed it cannot close it, nor can an admin who marked it fixed; another inspector can', () => {
    const unit = unitMember(UNIT, 'unit-user-9');
    const inProgress = reportIn('in_progress');
    const fixed = applyTransition(inProgress, { to: 'fixed', actor: unit, now, expectedVersion: inProgress.version });
    if (!fixed.ok) throw new Error(fixed.error.message.en);
    expect(fixed.report.fixedById).toBe('unit-user-9');
    expect(errorCode(applyTransition(fixed.report, { to: 'closed', actor: unit, now, expectedVersion: fixed.report.version }))).toBe('not_allowed');
    const fixedByAdmin = applyTransition(inProgress, { to: 'fixed', actor: admin('admin-3'), now, expectedVersion: inProgress.version });
    if (!fixedByAdmin.ok) throw new Error(fixedByAdmin.error.message.en);
    expect(errorCode(applyTransition(fixedByAdmin.report, { to: 'closed', actor: admin('admin-3'), now, expectedVersion: fixedByAdmin.report.version }))).toBe('not_allowed');
    expect(errorCode(applyTransition(fixedByAdmin.report, { to: 'closed', actor: inspector(), now, expectedVersion: fixedByAdmin.report.version }))).toBe('ok');
  });

  it('only the unit the report is assigned to starts and fixes it', () => {
    const assigned = reportIn('assigned');
    expect(errorCode(applyTransition(assigned, { to: 'in_progress', actor: unitMember('unit-z'), now, expectedVersion: assigned.version }))).toBe('not_allowed');
    expect(errorCode(applyTransition(assigned, { to: 'in_progress', actor: unitMember(UNIT), now, expectedVersion: assigned.version }))).toBe('ok');
  });

  it('assigning needs a unit, and sets it', () => {
    const verified = reportIn('verified');
    expect(errorCode(applyTransition(verified, { to: 'assigned', actor: reviewer(), now, expectedVersion: verified.version }))).toBe('missing_assigned_unit');
    const assigned = applyTransition(verified, { to: 'assigned', actor: reviewer(), now, expectedVersion: verified.version, assignedUnitId: 'unit-parks' });
    expect(assigned.ok && assigned.report.assignedUnitId).toBe('unit-parks');
  });

  it('a unit handing a report back clears the assignment and must say why', () => {
    const assigned = reportIn('assigned');
    expect(errorCode(applyTransition(assigned, { to: 'verified', actor: unitMember(UNIT), now, expectedVersion: assigned.version }))).toBe('missing_note');
    const handedBack = applyTransition(assigned, { to: 'verified', actor: unitMember(UNIT), now, expectedVersion: assigned.version, note: 'Not ours: the mall owns it.' });
    expect(handedBack.ok && handedBack.report.assignedUnitId).toBeNull();
  });

  it('rejecting needs a note; marking a duplicate needs a note and the original, which is not itself', () => {
    const submitted = reportIn('submitted');
    const base = { actor: reviewer(), now, expectedVersion: submitted.version };
    expect(errorCode(applyTransition(submitted, { ...base, to: 'rejected', note: '   ' }))).toBe('missing_note');
    expect(errorCode(applyTransition(submitted, { ...base, to: 'cannot_reproduce' }))).toBe('missing_note');
    expect(errorCode(applyTransition(submitted, { ...base, to: 'duplicate', note: 'Same lift.' }))).toBe('missing_duplicate_of');
    expect(errorCode(applyTransition(submitted, { ...base, to: 'duplicate', note: 'Same lift.', duplicateOf: submitted.id }))).toBe('duplicate_of_itself');
    const duplicate = applyTransition(submitted, { ...base, to: 'duplicate', note: ' Same lift. ', duplicateOf: 'report-0' });
    expect(duplicate.ok && duplicate.duplicateOf).toBe('report-0');
    expect(duplicate.ok && duplicate.event.note).toBe('Same lift.');
  });

  it('options meant for another step are refused, not ignored', () => {
    const submitted = reportIn('submitted');
    expect(errorCode(applyTransition(submitted, { to: 'verified', actor: reviewer(), now, expectedVersion: submitted.version, assignedUnitId: 'unit-b' }))).toBe('unexpected_option');
    expect(errorCode(applyTransition(submitted, { to: 'rejected', actor: reviewer(), now, expectedVersion: submitted.version, note: 'No.', duplicateOf: 'x' }))).toBe('unexpected_option');
  });

  it('a re-inspection that finds it not fixed sends it back to work, clears the fixer and needs a note', () => {
    const fixed = reportIn('fixed');
    expect(errorCode(applyTransition(fixed, { to: 'in_progress', actor: inspector(), now, expectedVersion: fixed.version }))).toBe('missing_note');
    const reopened = applyTransition(fixed, { to: 'in_progress', actor: inspector(), now, expectedVersion: fixed.version, note: 'Still locked.' });
    expect(reopened.ok && reopened.report.fixedById).toBeNull();
  });

  it('a stale version is refused before anything else, even for an allowed step', () => {
    const submitted = reportIn('submitted');
    const result = applyTransition(submitted, { to: 'verified', actor: reviewer(), now, expectedVersion: submitted.version - 1 });
    expect(errorCode(result)).toBe('version_conflict');
    expect(errorCode(applyTransition(submitted, { to: 'closed', actor: resident, now, expectedVersion: submitted.version + 1 }))).toBe('version_conflict');
  });

  it('ended reports cannot change', () => {
    for (const status of FINAL_STATUSES) {
      const ended = reportIn(status);
      for (const to of REPORT_STATUSES) expect(errorCode(applyTransition(ended, { to, actor: admin(), now, expectedVersion: ended.version }))).toBe('invalid_transition');
    }
  });

  it('notes are trimmed and at most 2000 characters', () => {
    const submitted = reportIn('submitted');
    expect(errorCode(applyTransition(submitted, { to: 'rejected', actor: reviewer(), now, expectedVersion: submitted.version, note: '因'.repeat(2001) }))).toBe('note_too_long');
    expect(errorCode(applyTransition(submitted, { to: 'rejected', actor: reviewer(), now, expectedVersion: submitted.version, note: '因'.repeat(2000) }))).toBe('ok');
  });

  it('walks the whole loop: events are numbered after the filing, the input is never changed', () => {
    let report = deepFreeze(reportOf({ reporterId: 'ins-1', version: 1 }));
    const steps: [ReportStatus, Actor, Partial<TransitionRequest>][] = [
      ['verified', inspector('ins-2'), {}],
      ['assigned', reviewer(), { assignedUnitId: 'unit-metro' }],
      ['in_progress', unitMember('unit-metro', 'metro-1'), {}],
      ['fixed', unitMember('unit-metro', 'metro-1'), { note: 'Motor replaced.' }],
      ['closed', inspector('ins-3'), { note: 'Rode it twice.' }],
    ];
    const sequences: number[] = [];
    for (const [to, actor, extra] of steps) {
      const result = applyTransition(report, { to, actor, now, expectedVersion: report.version, ...extra });
      if (!result.ok) throw new Error(`${to}: ${result.error.message.en}`);
      sequences.push(result.event.sequence);
      report = deepFreeze(result.report);
    }
    expect(sequences).toEqual([2, 3, 4, 5, 6]);
    expect(report).toMatchObject({ status: 'closed', version: 6, assignedUnitId: 'unit-metro', fixedById: 'metro-1', updatedAt: now.toISOString() });
  });
});

describe('availableTransitions', () => {
  it('a reviewer on a submitted report sees the four ways out of submitted', () => {
    expect(availableTransitions(reportIn('submitted'), reviewer()).map((rule) => rule.to).sort()).toEqual(['cannot_reproduce', 'duplicate', 'rejected', 'verified']);
  });

  it('a resident sees none, the reporter sees none on their own submitted report', () => {
    expect(availableTransitions(reportIn('submitted'), resident)).toEqual([]);
    expect(availableTransitions(reportIn('submitted'), inspector(REPORTER))).toEqual([]);
  });
});

describe('parseTransitionBody', () => {
  it('accepts a well-formed body and keeps only the given options', () => {
    expect(parseTransitionBody({ to: 'assigned', expectedVersion: 3, assignedUnitId: 'unit-a' })).toEqual({
      ok: true, body: { to: 'assigned', expectedVersion: 3, assignedUnitId: 'unit-a' },
    });
  });

  it('refuses unknown fields, unknown statuses, missing or fractional versions and non-text notes, naming each', () => {
    const result = parseTransitionBody({ to: 'teleported', expectedVersion: 1.5, note: 7, force: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((problem) => problem.field).sort()).toEqual(['/expectedVersion', '/force', '/note', '/to']);
    expect(parseTransitionBody([]).ok).toBe(false);
    const missing = parseTransitionBody({});
    expect(missing.ok ? [] : missing.errors.map((problem) => problem.code)).toEqual(['required', 'required']);
  });
});
