// Every report a filter matches, following the storage's pages: for answers that need them all
// at once (work lists, exports, facility statuses) rather than one page for a client to follow.
import type { Report } from '../../src/domain/reports/index.ts';
import { MAXIMUM_PAGE_SIZE, type ReportFilter, type Repository } from '../db/repository.ts';

export async function everyReport(repository: Repository, filter: Omit<ReportFilter, 'cursor' | 'limit'>): Promise<Report[]> {
  const reports: Report[] = [];
  let cursor: string | null = null;
  do {
    const page = await repository.listReports({ ...filter, cursor, limit: MAXIMUM_PAGE_SIZE });
    reports.push(...page.reports);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return reports;
}
