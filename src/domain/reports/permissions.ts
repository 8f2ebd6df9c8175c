// Who may call what (issue 6, "each role can do only what it may"). One matrix of actions × roles;
// the API asks `may` before it does anything, and `applyTransition` then checks the finer rules
// of the loop (who verifies, who closes). Pure: the caller says who the actor is.
import { ROLES, type Report, type ReportEvent, type Role } from './model.ts';

/** Who is acting: an anonymous resident has no id; every signed-in account has one. */
export interface Actor {
  id: string | null;
  role: Role;
  /** The responsible unit (责任单位) a responsible_unit account acts for; null for other roles. */
  unitId: string | null;
}

/** The anonymous resident: anyone without an account. */
export const ANONYMOUS_RESIDENT: Actor = { id: null, role: 'resident', unitId: null };

export const ACTIONS = [
  'file_report', 'read_report_public', 'read_report_full', 'list_reports', 'transition', 'list_assigned', 'export', 'manage_users', 'patrol_list',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a role's right to an action reaches:
 * - `never`, `always`;
 * - `filed_by_actor`: reports the actor filed;
 * - `assigned_to_unit`: reports assigned to the actor's unit (for list_assigned: the unit's own list).
 */
export type PermissionScope = 'never' | 'always' | 'filed_by_actor' | 'assigned_to_unit';

/**
 * The matrix. Choices worth knowing:
 * - a resident files and follows a report by its link: knowing the unguessable report id is the
 *   right to read its public view, which hides who filed it and who acted on it;
 * - a responsible unit does not file reports: it sees and updates only what is assigned to it;
 * - the full view (with identities) is for reviewers and admins, for the inspector who filed the
 *   report and for the unit it is assigned to;
 * - listing all reports is for inspectors (to find duplicates and reports to verify), reviewers
 *   and admins; a unit lists its assigned items with list_assigned;
 * - a unit's work list (list_assigned) is also for reviewers: they assign reports to units and
 *   follow up on the ones a unit leaves waiting.
 */
export const PERMISSIONS: Readonly<Record<Action, Readonly<Record<Role, PermissionScope>>>> = {
  file_report: { resident: 'always', inspector: 'always', reviewer: 'always', responsible_unit: 'never', admin: 'always' },
  read_report_public: { resident: 'always', inspector: 'always', reviewer: 'always', responsible_unit: 'always', admin: 'always' },
  read_report_full: { resident: 'never', inspector: 'filed_by_actor', reviewer: 'always', responsible_unit: 'assigned_to_unit', admin: 'always' },
  list_reports: { resident: 'never', inspector: 'always', reviewer: 'always', responsible_unit: 'never', admin: 'always' },
  transition: { resident: 'never', inspector: 'always', reviewer: 'always', responsible_unit: 'assigned_to_unit', admin: 'always' },
  list_assigned: { resident: 'never', inspector: 'never', reviewer: 'always', responsible_unit: 'assigned_to_unit', admin: 'always' },
  export: { resident: 'never', inspector: 'never', reviewer: 'always', responsible_unit: 'never', admin: 'always' },
  manage_users: { resident: 'never', inspector: 'never', reviewer: 'never', responsible_unit: 'never', admin: 'always' },
  patrol_list: { resident: 'never', inspector: 'always', reviewer: 'always', responsible_unit: 'never', admin: 'always' },
};

/**
 * Whether an actor is well formed: residents are anonymous, every other role has an id, and a
 * responsible unit names its unit. A malformed actor may do nothing.
 */
export function isWellFormedActor(actor: Actor): boolean {
  if (!(ROLES as readonly string[]).includes(actor.role)) return false;
  if (actor.role === 'resident') return actor.id === null;
  if (actor.id === null || actor.id === '') return false;
  return actor.role !== 'responsible_unit' || (actor.unitId !== null && actor.unitId !== '');
}

/**
 * May `actor` do `action`? With `report`, the answer is for that report (a unit may transition
 * only a report assigned to it; an inspector sees the full view only of reports it filed). Without
 * one, the answer is whether the actor may do it to any report at all, which is what an endpoint
 * checks before it looks reports up. For `transition`, true means the actor may try: which
 * transitions it may make is applyTransition's (or availableTransitions') answer.
 */
export function may(actor: Actor, action: Action, report?: Report): boolean {
  if (!isWellFormedActor(actor)) return false;
  const scope = PERMISSIONS[action][actor.role];
  switch (scope) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'filed_by_actor':
      return report === undefined || (report.reporterId !== null && report.reporterId === actor.id);
    case 'assigned_to_unit':
      return report === undefined || (report.assignedUnitId !== null && report.assignedUnitId === actor.unitId);
  }
}

/** A report as anyone with its link sees it: without who filed it or who marked it fixed. */
export type PublicReport = Omit<Report, 'reporterId' | 'fixedById'>;
/** A history step as the public sees it: the role that acted, never the account. */
export type PublicReportEvent = Omit<ReportEvent, 'actorId'>;

/**
 * The public view of a report and its history: what a resident following the link sees. The
 * responsible unit stays visible (who owns the fix is the point of the loop); people do not. The
 * fields are listed one by one, so a field added to Report later stays private until added here.
 */
export function publicReportView(report: Report, events: readonly ReportEvent[]): { report: PublicReport; events: PublicReportEvent[] } {
  const publicReport: PublicReport = {
    id: report.id,
    districtId: report.districtId,
    facilityId: report.facilityId,
    location: [...report.location],
    category: report.category,
    faultCode: report.faultCode,
    severity: report.severity,
    permanence: report.permanence,
    expectedFixDate: report.expectedFixDate,
    description: report.description,
    measurements: report.measurements.map((measurement) => ({ ...measurement })),
    photos: report.photos.map((photo) => ({ ...photo })),
    outOfService: report.outOfService,
    status: report.status,
    assignedUnitId: report.assignedUnitId,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    version: report.version,
  };
  const publicEvents = events.map((event): PublicReportEvent => ({
    reportId: event.reportId,
    sequence: event.sequence,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorRole: event.actorRole,
    at: event.at,
    note: event.note,
  }));
  return { report: publicReport, events: publicEvents };
}
