// Reports in words: statuses, roles, severities, faults and places, as the form, the queue and the
// follow page say them. Fault and category labels are the reports core's table (both languages).
import type { Facility, LngLat } from '../../domain/facilities/model.ts';
import { DEFAULT_TIME_ZONE, categoryDetails, findFaultCode, type ReportCategory, type ReportStatus, type Role, type Severity } from '../../domain/reports/index.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { facilityName } from '../../app/describe.ts';
import { EMPTY_URL_STATE, serialiseUrlState } from '../../state/url-state.ts';

const STATUS_KEYS = {
  submitted: 'reportStatusSubmitted',
  verified: 'reportStatusVerified',
  assigned: 'reportStatusAssigned',
  in_progress: 'reportStatusInProgress',
  fixed: 'reportStatusFixed',
  closed: 'reportStatusClosed',
  duplicate: 'reportStatusDuplicate',
  rejected: 'reportStatusRejected',
  cannot_reproduce: 'reportStatusCannotReproduce',
} as const satisfies Record<ReportStatus, string>;

const ROLE_KEYS = {
  resident: 'reportRoleResident',
  inspector: 'reportRoleInspector',
  reviewer: 'reportRoleReviewer',
  responsible_unit: 'reportRoleResponsibleUnit',
  admin: 'reportRoleAdmin',
} as const satisfies Record<Role, string>;

const SEVERITY_KEYS = { 1: 'reportSeverity1', 2: 'reportSeverity2', 3: 'reportSeverity3' } as const satisfies Record<Severity, string>;

export const statusWords = (t: Translate, status: ReportStatus): string => t(STATUS_KEYS[status]);
export const roleWords = (t: Translate, role: Role): string => t(ROLE_KEYS[role]);
export const severityWords = (t: Translate, severity: Severity): string => t(SEVERITY_KEYS[severity]);

/** "Accessible toilet — Locked or closed"; the bare code when the table no longer has it. */
export function faultWords(language: Language, category: ReportCategory, faultCode: string): string {
  const details = categoryDetails(category);
  const fault = findFaultCode(category, faultCode);
  return `${details.label[language]} — ${fault ? fault.label[language] : faultCode}`;
}

export const coordinatesText = (position: LngLat): string => `${position[0].toFixed(6)},${position[1].toFixed(6)}`;

/** Where a report is: the facility's name when the district has it, else the point. */
export function placeWords(t: Translate, language: Language, facility: Facility | null, location: LngLat): string {
  return facility ? facilityName(t, language, facility).text : t('reportAtPoint', { coordinates: coordinatesText(location) });
}

/** A date-time in the reader's language, in the district's time zone (the reports core's default, Shanghai). */
export function timeWords(language: Language, isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: DEFAULT_TIME_ZONE }).format(date);
}

/** The link that opens the app on a report's follow page: ?report=<id>, and the language when it is not Chinese. */
export function followReportHref(reportId: string, language: Language): string {
  return serialiseUrlState({ ...EMPTY_URL_STATE, report: reportId, language: language === 'zh' ? null : language });
}
