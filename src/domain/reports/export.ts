// Exports of fault reports for the people who follow up outside the app: a CSV table for
// spreadsheets (the district office, the responsible units) and GeoJSON for GIS tools. Both carry
// the same columns, named by stable English ids so scripts keep working whichever language the
// labels are in. Identities (who filed, who fixed) are left out unless the caller may see them.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { IsoDate } from '../facilities/model.ts';
import type { IsoDateTime, Report, ReportCategory, ReportMeasurement, ReportStatus, Severity } from './model.ts';
import type { PublicReport } from './permissions.ts';
import { findFaultCode } from './fault-codes.ts';

export interface ReportExportOptions {
  /** The language of the fault label; column ids are English either way. */
  language: 'zh' | 'en';
  /** Adds reporter_id and fixed_by_id: only for callers allowed the full view of every report. */
  includeIdentities: boolean;
}

/** The columns every export has, in order. */
export const REPORT_EXPORT_COLUMNS = [
  'id', 'district_id', 'facility_id', 'longitude', 'latitude', 'category', 'fault_code', 'fault_label', 'severity', 'permanence',
  'expected_fix_date', 'out_of_service', 'status', 'assigned_unit_id', 'created_at', 'updated_at', 'description', 'measurements',
] as const;

/** Added at the end with includeIdentities, so the other columns keep their positions. */
export const REPORT_IDENTITY_COLUMNS = ['reporter_id', 'fixed_by_id'] as const;

export type ReportExportColumn = (typeof REPORT_EXPORT_COLUMNS)[number] | (typeof REPORT_IDENTITY_COLUMNS)[number];

/**
 * One report as exported. Null means none or not known (no facility, no fix date, not assigned,
 * an anonymous reporter, a fault code the table no longer has); CSV writes it as an empty cell.
 */
export interface ReportExportRecord {
  id: string;
  district_id: string;
  facility_id: string | null;
  longitude: number;
  latitude: number;
  category: ReportCategory;
  fault_code: string;
  fault_label: string | null;
  severity: Severity;
  permanence: Report['permanence'];
  expected_fix_date: IsoDate | null;
  out_of_service: boolean;
  status: ReportStatus;
  assigned_unit_id: string | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  description: string;
  /** "name=value unit; …" in the report's order; "" when none were taken. */
  measurements: string;
  /** Only with includeIdentities; null for an anonymous resident, or when given a public view that hides it. */
  reporter_id?: string | null;
  fixed_by_id?: string | null;
}

export type ExportableReport = Report | PublicReport;

/** The columns of an export with these options, in order. */
export function reportExportColumns(options: Pick<ReportExportOptions, 'includeIdentities'>): ReportExportColumn[] {
  return options.includeIdentities ? [...REPORT_EXPORT_COLUMNS, ...REPORT_IDENTITY_COLUMNS] : [...REPORT_EXPORT_COLUMNS];
}

/** Measurements as one cell: "slope=12 %; clear_width=0.9 m". */
export function measurementsText(measurements: readonly ReportMeasurement[]): string {
  return measurements.map((measurement) => `${measurement.name}=${measurement.value} ${measurement.unit}`).join('; ');
}

/** The export columns of one report. */
export function reportExportRecord(report: ExportableReport, options: ReportExportOptions): ReportExportRecord {
  const record: ReportExportRecord = {
    id: report.id,
    district_id: report.districtId,
    facility_id: report.facilityId,
    longitude: report.location[0],
    latitude: report.location[1],
    category: report.category,
    fault_code: report.faultCode,
    fault_label: findFaultCode(report.category, report.faultCode)?.label[options.language] ?? null,
    severity: report.severity,
    permanence: report.permanence,
    expected_fix_date: report.expectedFixDate,
    out_of_service: report.outOfService,
    status: report.status,
    assigned_unit_id: report.assignedUnitId,
    created_at: report.createdAt,
    updated_at: report.updatedAt,
    description: report.description,
    measurements: measurementsText(report.measurements),
  };
  if (!options.includeIdentities) return record;
  return {
    ...record,
    reporter_id: 'reporterId' in report ? report.reporterId : null,
    fixed_by_id: 'fixedById' in report ? report.fixedById : null,
  };
}

// OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet
// runs a cell that starts with = + - @ tab or carriage return as a formula, so such cells are
// prefixed with a single quote, which makes the spreadsheet show the rest as text.
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell (RFC 4180 §2): quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number we format ourselves ("-0.5", "1e-7") is read as a number, never as a formula:
  // only text from people or data gets the apostrophe.
  let text = String(value);
  if (typeof value === 'string' && FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The reports as a CSV file (RFC 4180): a header row of column ids, then one row per report in
 * the order given, every row ending in CRLF. Empty cells are null values (see ReportExportRecord).
 * Cells that a spreadsheet would run as a formula start with an apostrophe (OWASP "CSV Injection").
 */
export function reportsToCsv(reports: readonly ExportableReport[], options: ReportExportOptions): string {
  const columns = reportExportColumns(options);
  const lines = [columns.join(',')];
  for (const report of reports) {
    const record = reportExportRecord(report, options);
    lines.push(columns.map((column) => csvCell(record[column])).join(','));
  }
  // Excel opens a CSV file without a byte order mark in the system's legacy code page (GBK on a
  // Chinese Windows, Windows-1252 elsewhere) and garbles UTF-8 Chinese; the UTF-8 BOM (U+FEFF)
  // tells it the file is UTF-8. The caller sends the string encoded as UTF-8.
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/**
 * The reports as a GeoJSON FeatureCollection (RFC 7946): one Point feature per report at its
 * location ([longitude, latitude], WGS 84), with the report id as feature id and the export
 * columns as properties (typed values: numbers, booleans and null, not text).
 */
export function reportsToGeoJson(reports: readonly ExportableReport[], options: ReportExportOptions): FeatureCollection<Point, ReportExportRecord> {
  const features = reports.map((report): Feature<Point, ReportExportRecord> => ({
    type: 'Feature',
    id: report.id,
    geometry: { type: 'Point', coordinates: [report.location[0], report.location[1]] },
    properties: reportExportRecord(report, options),
  }));
  return { type: 'FeatureCollection', features };
}
