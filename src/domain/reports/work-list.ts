// A responsible unit's (责任单位) work list: the open reports assigned to it, oldest first, each
// with its age and whether its promised fix date has passed. The inspectors' counterpart is the
// patrol list (patrol.ts), which ranks facilities and reports by where to walk; a unit does not
// patrol, it works through what it owns, so its list is ordered by waiting time instead.
import type { Report } from './model.ts';
import { DEFAULT_TIME_ZONE, daysBetween, localDate } from './dates.ts';
import { isFinalStatus } from './transitions.ts';

export interface UnitWorkItem {
  report: Report;
  /** Whole days since the report was filed, counted in local calendar days (0 on the day itself). */
  ageDays: number;
  /**
   * The expected fix date is before today and the unit has not yet marked the fault fixed. False
   * when no date was given (no promise, so nothing overdue) and once the report is fixed: what is
   * left then is the re-inspection, which is not the unit's to do.
   */
  overdue: boolean;
}

const byAgeThenId = (first: Report, second: Report): number =>
  Date.parse(first.createdAt) - Date.parse(second.createdAt) || (first.id < second.id ? -1 : first.id > second.id ? 1 : 0);

/**
 * The reports assigned to `unitId` that are not final (closed, duplicate, rejected,
 * cannot_reproduce), oldest first (ties by id). Days are counted in `timeZone`, the district's
 * (DEFAULT_TIME_ZONE, Shanghai, when not given): a report filed at 23:30 is a day old at 00:30.
 */
export function unitWorkList(reports: readonly Report[], unitId: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): UnitWorkItem[] {
  const today = localDate(now, timeZone);
  return reports
    .filter((report) => report.assignedUnitId === unitId && !isFinalStatus(report.status))
    .sort(byAgeThenId)
    .map((report) => ({
      report,
      ageDays: daysBetween(localDate(new Date(report.createdAt), timeZone), today),
      // ISO dates of equal length compare in calendar order as strings.
      overdue: report.status !== 'fixed' && report.expectedFixDate !== null && report.expectedFixDate < today,
    }));
}
