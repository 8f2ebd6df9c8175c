// The rectification loop (督导结果反馈整改机制) as one table of allowed transitions, and the pure
// function that applies one: submitted → verified → assigned → in_progress → fixed → closed, with
// the exits duplicate, rejected and cannot_reproduce (issue 6, faults.md). Every transition is an
// event with who, when and a note; nothing here mutates its input.
import { FINAL_STATUSES, REPORT_STATUSES, type Report, type ReportEvent, type ReportStatus, type Role } from './model.ts';
import { isWellFormedActor, type Actor } from './permissions.ts';
import { MAX_DESCRIPTION_LENGTH, MAX_ID_LENGTH, pointerToken, type FieldError } from './validate-report.ts';
import type { LocalizedText } from './localized.ts';

/**
 * A condition on the actor beyond its role:
 * - `any`: the role is enough;
 * - `not_reporter`: not the account that filed the report (a second pair of eyes verifies);
 * - `assigned_unit`: acts for the unit the report is assigned to;
 * - `not_fixer`: not the account that marked it fixed (the re-inspection is independent).
 */
export type ActorCondition = 'any' | 'not_reporter' | 'assigned_unit' | 'not_fixer';

export interface TransitionRule {
  from: ReportStatus;
  to: ReportStatus;
  /** The roles that may make it, each with its condition. */
  who: readonly { role: Role; condition: ActorCondition }[];
  /** A note saying why is required (and shown in the history). */
  noteRequired: boolean;
  /** The transition names the responsible unit it assigns the report to. */
  needsAssignedUnit: boolean;
  /** The transition names the report this one duplicates. */
  needsDuplicateOf: boolean;
  /** What the button says. */
  label: LocalizedText;
}

const by = (role: Role, condition: ActorCondition = 'any') => ({ role, condition });
const rule = (
  from: ReportStatus, to: ReportStatus, who: TransitionRule['who'], label: LocalizedText,
  options: { noteRequired?: boolean; needsAssignedUnit?: boolean; needsDuplicateOf?: boolean } = {},
): TransitionRule => ({
  from, to, who, label, noteRequired: options.noteRequired ?? false, needsAssignedUnit: options.needsAssignedUnit ?? false, needsDuplicateOf: options.needsDuplicateOf ?? false,
});

/**
 * Every allowed transition. The admin may make any of them; it is exempt from role and unit
 * conditions but not from `not_fixer`: whoever marked a fix may not also sign it off, whatever
 * the role (issue 6: "closed only after a re-inspection by a different inspector than the one who
 * marked it fixed"). Two choices beyond the list:
 * - assigned → verified: the unit (or a reviewer) hands a wrongly assigned report back, with a
 *   note, so it can be assigned again; without it a misassigned report could never move;
 * - fixed → in_progress is the re-inspection finding it not fixed; it needs a note saying what is
 *   still wrong, and clears fixedById.
 */
export const TRANSITION_RULES: readonly TransitionRule[] = [
  rule('submitted', 'verified', [by('reviewer'), by('inspector', 'not_reporter'), by('admin')], { zh: '核实属实', en: 'Verify' }),
  rule('submitted', 'duplicate', [by('reviewer'), by('admin')], { zh: '标记为重复', en: 'Mark as duplicate' }, { noteRequired: true, needsDuplicateOf: true }),
  rule('submitted', 'rejected', [by('reviewer'), by('admin')], { zh: '驳回', en: 'Reject' }, { noteRequired: true }),
  rule('submitted', 'cannot_reproduce', [by('reviewer'), by('admin')], { zh: '无法复现', en: 'Cannot reproduce' }, { noteRequired: true }),
  rule('verified', 'assigned', [by('reviewer'), by('admin')], { zh: '分派给责任单位', en: 'Assign to a responsible unit' }, { needsAssignedUnit: true }),
  rule('assigned', 'in_progress', [by('responsible_unit', 'assigned_unit'), by('admin')], { zh: '开始整改', en: 'Start work' }),
  rule('assigned', 'verified', [by('responsible_unit', 'assigned_unit'), by('reviewer'), by('admin')], { zh: '退回重新分派', en: 'Hand back for reassignment' }, { noteRequired: true }),
  rule('in_progress', 'fixed', [by('responsible_unit', 'assigned_unit'), by('admin')], { zh: '标记为已修复', en: 'Mark as fixed' }),
  rule('fixed', 'closed', [by('inspector', 'not_fixer'), by('reviewer', 'not_fixer'), by('admin', 'not_fixer')], { zh: '复查通过，关闭', en: 'Re-inspected: close' }),
  rule('fixed', 'in_progress', [by('inspector'), by('reviewer'), by('admin')], { zh: '复查未通过，重新整改', en: 'Re-inspected: not fixed' }, { noteRequired: true }),
];

/** The rule for from → to, or null when the loop has no such step. */
export function findTransitionRule(from: ReportStatus, to: ReportStatus): TransitionRule | null {
  return TRANSITION_RULES.find((candidate) => candidate.from === from && candidate.to === to) ?? null;
}

/** True for closed, duplicate, rejected and cannot_reproduce: nothing more happens to such a report. */
export function isFinalStatus(status: ReportStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export type TransitionErrorCode =
  | 'version_conflict' | 'invalid_transition' | 'not_allowed' | 'missing_note' | 'note_too_long'
  | 'missing_assigned_unit' | 'missing_duplicate_of' | 'duplicate_of_itself' | 'unexpected_option' | 'invalid_option';

export interface TransitionError {
  code: TransitionErrorCode;
  message: LocalizedText;
}

export interface TransitionRequest {
  to: ReportStatus;
  actor: Actor;
  /** Why; required where the rule says so, otherwise optional. Trimmed, at most MAX_DESCRIPTION_LENGTH characters. */
  note?: string;
  now: Date;
  /** Only for → assigned, and required there. */
  assignedUnitId?: string;
  /** Only for → duplicate, and required there: the id of the original report. */
  duplicateOf?: string;
  /** The version the actor saw; a report changed meanwhile is refused with version_conflict. */
  expectedVersion: number;
}

export type TransitionResult =
  | {
    ok: true;
    /** A new object: status, version + 1, updatedAt, and the fields the step sets. */
    report: Report;
    /** sequence is the new version: the filing is event 1 at version 1, and each change adds one of each. */
    event: ReportEvent;
    /** The original report for → duplicate, else null. Report has no field for it yet: the caller stores it. */
    duplicateOf: string | null;
  }
  | { ok: false; error: TransitionError };

const failure = (code: TransitionErrorCode, zh: string, en: string): TransitionResult => ({ ok: false, error: { code, message: { zh, en } } });

/** Why the actor may not make this transition, or null when it may (notes and options aside). */
function refusal(report: Report, rule: TransitionRule, actor: Actor): TransitionError | null {
  const refuse = (zh: string, en: string): TransitionError => ({ code: 'not_allowed', message: { zh, en } });
  if (!isWellFormedActor(actor)) return refuse('无法确认你的身份：请重新登录', 'We could not tell who you are: sign in again');
  if (actor.role === 'resident') return refuse('居民可以提交和关注报告，但不能更改报告状态', 'Residents can file and follow reports but not change them');
  const grant = rule.who.find((candidate) => candidate.role === actor.role);
  if (!grant) {
    const roles = rule.who.map((candidate) => candidate.role).join(', ');
    return refuse(`“${rule.label.zh}”只能由以下角色操作：${roles}`, `"${rule.label.en}" is for these roles only: ${roles}`);
  }
  switch (grant.condition) {
    case 'any':
      return null;
    case 'not_reporter':
      return report.reporterId !== null && report.reporterId === actor.id
        ? refuse('这份报告是你提交的：需要另一位督导员或审核员核实', 'You filed this report: another inspector or a reviewer must verify it')
        : null;
    case 'assigned_unit':
      return report.assignedUnitId !== null && report.assignedUnitId === actor.unitId
        ? null
        : refuse('只有被分派的责任单位可以操作', 'Only the unit the report is assigned to can do this');
    case 'not_fixer':
      return report.fixedById !== null && report.fixedById === actor.id
        ? refuse('是你标记的已修复：需要另一位督导员或审核员复查', 'You marked this fixed: another inspector or a reviewer must re-inspect it')
        : null;
  }
}

/** The transitions `actor` may make on `report` now (a note or option may still be needed). */
export function availableTransitions(report: Report, actor: Actor): TransitionRule[] {
  return TRANSITION_RULES.filter((candidate) => candidate.from === report.status && refusal(report, candidate, actor) === null);
}

function checkOptionalId(value: string | undefined, name: string): TransitionResult | null {
  if (value === undefined) return null;
  if (value.trim() === '' || [...value].length > MAX_ID_LENGTH) {
    return failure('invalid_option', `“${name}”应为 1 至 ${MAX_ID_LENGTH} 个字符的编号`, `"${name}" must be an id of 1 to ${MAX_ID_LENGTH} characters`);
  }
  return null;
}

/**
 * Applies one step of the loop. Checks, in this order, and refuses at the first that fails:
 * the version (someone changed the report meanwhile: reload), the step exists from the current
 * status, the actor may make it (role, unit, not the reporter for verifying, not the fixer for
 * closing), the note, and the step's options (assignedUnitId for → assigned, duplicateOf for →
 * duplicate; either given to another step is refused rather than ignored).
 * On success returns a new report (status, version + 1, updatedAt = now; → assigned sets
 * assignedUnitId, → fixed sets fixedById to the actor, fixed → in_progress clears it, assigned →
 * verified clears assignedUnitId) and the event to store with it.
 */
export function applyTransition(report: Report, request: TransitionRequest): TransitionResult {
  if (request.expectedVersion !== report.version) {
    return failure(
      'version_conflict',
      `这份报告已被他人更新（现在是第 ${report.version} 版，你看到的是第 ${request.expectedVersion} 版）：请刷新后再试`,
      `Someone changed this report meanwhile (it is at version ${report.version}, you saw ${request.expectedVersion}): reload it and try again`,
    );
  }
  const rule = findTransitionRule(report.status, request.to);
  if (!rule) {
    return isFinalStatus(report.status)
      ? failure('invalid_transition', '这份报告已经结束，不能再更改', `This report has ended (${report.status}): it cannot change any more`)
      : failure('invalid_transition', `报告不能从“${report.status}”变为“${request.to}”`, `A report cannot go from ${report.status} to ${request.to}`);
  }
  const refused = refusal(report, rule, request.actor);
  if (refused) return { ok: false, error: refused };

  const note = (request.note ?? '').trim();
  if (rule.noteRequired && note === '') {
    return failure('missing_note', `请说明原因：“${rule.label.zh}”需要备注`, `Enter a note saying why: "${rule.label.en}" needs one`);
  }
  if ([...note].length > MAX_DESCRIPTION_LENGTH) {
    return failure('note_too_long', `备注不能超过 ${MAX_DESCRIPTION_LENGTH} 个字`, `Note must be ${MAX_DESCRIPTION_LENGTH} characters or fewer`);
  }

  const optionProblem = checkOptionalId(request.assignedUnitId, 'assignedUnitId') ?? checkOptionalId(request.duplicateOf, 'duplicateOf');
  if (optionProblem) return optionProblem;
  if (rule.needsAssignedUnit && request.assignedUnitId === undefined) {
    return failure('missing_assigned_unit', '请选择负责整改的责任单位', 'Select the responsible unit that will fix it');
  }
  if (!rule.needsAssignedUnit && request.assignedUnitId !== undefined) {
    return failure('unexpected_option', '只有分派时才需要指定责任单位', 'A responsible unit is given only when assigning the report');
  }
  if (rule.needsDuplicateOf && request.duplicateOf === undefined) {
    return failure('missing_duplicate_of', '请填写与之重复的原报告编号', 'Enter the id of the report this one duplicates');
  }
  if (!rule.needsDuplicateOf && request.duplicateOf !== undefined) {
    return failure('unexpected_option', '只有标记为重复时才需要填写原报告编号', 'The original report is given only when marking a duplicate');
  }
  if (request.duplicateOf === report.id) {
    return failure('duplicate_of_itself', '报告不能与自己重复：请填写原报告的编号', 'A report cannot duplicate itself: enter the id of the original report');
  }

  const at = request.now.toISOString();
  const version = report.version + 1;
  const changed: Report = {
    ...report,
    location: [...report.location],
    measurements: report.measurements.map((measurement) => ({ ...measurement })),
    photos: report.photos.map((photo) => ({ ...photo })),
    status: rule.to,
    updatedAt: at,
    version,
  };
  if (rule.needsAssignedUnit) changed.assignedUnitId = request.assignedUnitId ?? null;
  if (rule.from === 'assigned' && rule.to === 'verified') changed.assignedUnitId = null;
  if (rule.to === 'fixed') changed.fixedById = request.actor.id;
  if (rule.from === 'fixed' && rule.to === 'in_progress') changed.fixedById = null;

  const event: ReportEvent = {
    reportId: report.id, sequence: version, fromStatus: report.status, toStatus: rule.to, actorId: request.actor.id, actorRole: request.actor.role, at, note,
  };
  return { ok: true, report: changed, event, duplicateOf: rule.needsDuplicateOf ? (request.duplicateOf ?? null) : null };
}

/** A transition request body as the API receives it, before the actor and the clock are added. */
export interface TransitionBody {
  to: ReportStatus;
  note?: string;
  assignedUnitId?: string;
  duplicateOf?: string;
  expectedVersion: number;
}

export const TRANSITION_BODY_FIELDS = ['to', 'note', 'assignedUnitId', 'duplicateOf', 'expectedVersion'] as const;

/**
 * Checks the shape of a transition request body (parsed JSON): `to` is a status, `expectedVersion`
 * a whole number ≥ 1, the rest optional strings; other fields are refused by name. Whether the
 * transition is allowed is applyTransition's question.
 */
export function parseTransitionBody(input: unknown): { ok: true; body: TransitionBody } | { ok: false; errors: FieldError[] } {
  const fieldError = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message: { zh, en } });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [fieldError('', 'not_an_object', '请求应为一个 JSON 对象', 'Send the request as a JSON object')] };
  }
  const record = input as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(record)
    .filter((key) => !(TRANSITION_BODY_FIELDS as readonly string[]).includes(key))
    .map((key) => fieldError(`/${pointerToken(key)}`, 'unknown_field', `请删除字段“${key}”：请求没有这个字段`, `Remove the field "${key}": the request has no such field`));
  const to = record.to;
  if (typeof to !== 'string' || !(REPORT_STATUSES as readonly string[]).includes(to)) {
    errors.push(fieldError('/to', to === undefined ? 'required' : 'not_allowed_value', '请选择报告的新状态', 'Select the new status of the report'));
  }
  const expectedVersion = record.expectedVersion;
  if (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 1) {
    errors.push(fieldError(
      '/expectedVersion', expectedVersion === undefined ? 'required' : 'not_allowed_value',
      '请附上你看到的报告版本号（不小于 1 的整数）', 'Send the version of the report you saw (a whole number, 1 or more)',
    ));
  }
  for (const key of ['note', 'assignedUnitId', 'duplicateOf'] as const) {
    const value = record[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      errors.push(fieldError(`/${key}`, 'wrong_type', `“${key}”应为文本`, `"${key}" must be text`));
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const optional = (key: 'note' | 'assignedUnitId' | 'duplicateOf'): { [name: string]: string } => {
    const value = record[key];
    return typeof value === 'string' ? { [key]: value } : {};
  };
  return {
    ok: true,
    body: { to: to as ReportStatus, expectedVersion: expectedVersion as number, ...optional('note'), ...optional('assignedUnitId'), ...optional('duplicateOf') },
  };
}
