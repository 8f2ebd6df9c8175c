// Exports of reports (issue 6, "Exports of reports as CSV and GeoJSON"): every report the list's
// filters match, not one page, as the reports core writes them (reportsToCsv, reportsToGeoJson),
// for the district office's spreadsheets and GIS tools. Only roles the core lets `export`
// (reviewers and admins) may download them, and they get who filed and who fixed each report.
import { localDate, may, reportsToCsv, reportsToGeoJson, type ReportExportOptions } from '../../src/domain/reports/index.ts';
import { everyReport } from './every-report.ts';
import type { ApiContext } from './options.ts';
import { LIST_PARAMETERS, parseListQuery } from './reports.ts';
import { ApiFailure, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';
import { refusal } from './sessions.ts';
import { listedReportFor } from './views.ts';

export const CSV_EXPORT_PATH = '/api/reports/export.csv';
export const GEOJSON_EXPORT_PATH = '/api/reports/export.geojson';
/** The list's filters, without its paging (an export has every page), and the language of the fault labels. */
export const EXPORT_PARAMETERS = [...LIST_PARAMETERS.filter((name) => name !== 'limit' && name !== 'cursor'), 'lang'] as const;
export const EXPORT_LANGUAGES = ['zh', 'en'] as const;

/** RFC 4180 §3 registers text/csv with a charset parameter; the core writes UTF-8 with a byte order mark. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
/** RFC 7946 §12. */
export const GEOJSON_CONTENT_TYPE = 'application/geo+json';

type ExportFormat = 'csv' | 'geojson';

/** "reports-sample-2026-12-10.csv": the district (or "all") and the day, in the API's time zone. District ids are [a-z0-9-] (data/README.md). */
export function exportFileName(districtId: string | undefined, day: string, format: ExportFormat): string {
  return `reports-${districtId ?? 'all'}-${day}.${format}`;
}

export function exportRoutes(context: ApiContext): ApiRoute[] {
  const { repository, catalog, now } = context;

  function exporter(format: ExportFormat) {
    return async ({ url, caller }: RouteRequest): Promise<ApiResponse> => {
      const { actor } = caller;
      if (!may(actor, 'export')) {
        throw refusal(caller, { zh: '只有审核员和管理员可以导出报告', en: 'Only reviewers and admins can export reports' });
      }
      const query = url.searchParams;
      const filter = parseListQuery(query, catalog, EXPORT_PARAMETERS);
      const language = query.get('lang') ?? 'zh';
      if (!(EXPORT_LANGUAGES as readonly string[]).includes(language)) {
        throw new ApiFailure(400, 'invalid_lang', {
          zh: `lang 应为 ${EXPORT_LANGUAGES.join(' 或 ')}（故障名称的语言）`, en: `lang must be ${EXPORT_LANGUAGES.join(' or ')} (the language of the fault labels)`,
        });
      }
      const { districtId, facilityId, statuses } = filter;
      const reports = await everyReport(repository, {
        ...(districtId === undefined ? {} : { districtId }),
        ...(facilityId === undefined ? {} : { facilityId }),
        ...(statuses === undefined ? {} : { statuses }),
      });
      // Each report in the view the caller may see: a report whose full view the core denied would
      // come out with empty identity cells, so the columns stay the same for everyone who may export.
      const shown = reports.map((report) => listedReportFor(actor, report));
      const options: ReportExportOptions = { language: language as ReportExportOptions['language'], includeIdentities: true };
      const text = format === 'csv' ? reportsToCsv(shown, options) : JSON.stringify(reportsToGeoJson(shown, options));
      const fileName = exportFileName(districtId, localDate(now(), context.timeZone), format);
      return {
        status: 200,
        body: null,
        content: { bytes: Buffer.from(text, 'utf8'), contentType: format === 'csv' ? CSV_CONTENT_TYPE : GEOJSON_CONTENT_TYPE },
        headers: { 'Content-Disposition': `attachment; filename="${fileName}"` },
      };
    };
  }

  return [
    { path: CSV_EXPORT_PATH, methods: { GET: exporter('csv') } },
    { path: GEOJSON_EXPORT_PATH, methods: { GET: exporter('geojson') } },
  ];
}
