// Which view of a report a caller gets: the full one (who filed it, who acted, who fixed it) where
// the reports core's `may(actor, 'read_report_full', report)` says so, else the public view that
// anyone with the report's link sees. One function, so every endpoint answers the same way.
import {
  availableTransitions, may, publicReportView,
  type Actor, type LocalizedText, type PublicReport, type PublicReportEvent, type Report, type ReportEvent, type ReportStatus,
} from '../../src/domain/reports/index.ts';

export type ReportView =
  | { view: 'public'; report: PublicReport; events: PublicReportEvent[] }
  | { view: 'full'; report: Report; events: ReportEvent[] };

export function reportViewFor(actor: Actor, report: Report, events: readonly ReportEvent[]): ReportView {
  if (may(actor, 'read_report_full', report)) return { view: 'full', report, events: [...events] };
  const shown = publicReportView(report, events);
  return { view: 'public', report: shown.report, events: shown.events };
}

/** A report in a list: the same choice, without the history. */
export function listedReportFor(actor: Actor, report: Report): PublicReport | Report {
  return may(actor, 'read_report_full', report) ? report : publicReportView(report, []).report;
}

/** A step the caller may take now, as a button needs it. */
export interface OfferedTransition {
  to: ReportStatus;
  label: LocalizedText;
  noteRequired: boolean;
  needsAssignedUnit: boolean;
  needsDuplicateOf: boolean;
}

/** The transitions `actor` may make on `report` now (none for anonymous callers). */
export function offeredTransitions(actor: Actor, report: Report): OfferedTransition[] {
  if (!may(actor, 'transition', report)) return [];
  return availableTransitions(report, actor).map((rule) => ({
    to: rule.to, label: rule.label, noteRequired: rule.noteRequired, needsAssignedUnit: rule.needsAssignedUnit, needsDuplicateOf: rule.needsDuplicateOf,
  }));
}
