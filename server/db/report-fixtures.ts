// Reports and events for the storage tests, the kill test's writer and the storage bench: plain
// values in the shapes of src/domain/reports/model.ts, not validated by the reports core.
import { randomUUID } from 'node:crypto';
import type { Report, ReportStatus, Role, User } from '../../src/domain/reports/model.ts';
import type { NewReportEvent } from './repository.ts';

/** Monday 30 November 2026, 08:00 Shanghai time. */
const FIRST_FILING_MILLISECONDS = Date.UTC(2026, 10, 30, 0, 0, 0);

/** A report at the elevator of a fictional station in Shanghai, filed `secondsLater` after the first filing. */
export function reportAt(secondsLater: number, fields: Partial<Report> = {}): Report {
  const filedAt = new Date(FIRST_FILING_MILLISECONDS + secondsLater * 1000).toISOString();
  return {
    id: randomUUID(),
    districtId: 'storage-test',
    facilityId: 'sample:elevator:0001',
    location: [121.4737, 31.2304],
    category: 'elevator',
    faultCode: 'out_of_service',
    severity: 3,
    permanence: 'temporary',
    expectedFixDate: '2026-12-15',
    description: '电梯停用，门口贴着“维修中”的告示。',
    measurements: [],
    photos: [],
    outOfService: true,
    status: 'submitted',
    reporterId: null,
    assignedUnitId: null,
    fixedById: null,
    createdAt: filedAt,
    updatedAt: filedAt,
    version: 1,
    ...fields,
  };
}

/** The event that files `report`: from nothing to its status, by its reporter or an anonymous resident. */
export function filingOf(report: Report, note = ''): NewReportEvent {
  return {
    fromStatus: null,
    toStatus: report.status,
    actorId: report.reporterId,
    actorRole: report.reporterId === null ? 'resident' : 'inspector',
    at: report.createdAt,
    note,
  };
}

/** `report` moved to `toStatus` by `actor` one minute after its last change, with the event that records it. */
export function moved(report: Report, toStatus: ReportStatus, actor: User, note: string, fields: Partial<Report> = {}): { report: Report; event: NewReportEvent } {
  const at = new Date(Date.parse(report.updatedAt) + 60_000).toISOString();
  return {
    report: { ...report, ...fields, status: toStatus, updatedAt: at },
    event: { fromStatus: report.status, toStatus, actorId: actor.id, actorRole: actor.role, at, note },
  };
}

export function userNamed(username: string, role: Role, fields: Partial<User> = {}): User {
  return {
    id: randomUUID(),
    username,
    displayName: username,
    role,
    unitId: null,
    // Shaped like the scrypt string the accounts code will write; never checked here.
    passwordHash: `scrypt$16384$8$1$${randomUUID()}$${randomUUID()}`,
    disabled: false,
    createdAt: new Date(FIRST_FILING_MILLISECONDS).toISOString(),
    ...fields,
  };
}
