import { describe, it, expect } from 'vitest';
import GJV from 'geojson-validation';
import type { Report } from './model.ts';
import { REPORT_CATEGORY_TABLE } from './fault-codes.ts';
import { publicReportView } from './permissions.ts';
import { REPORT_EXPORT_COLUMNS, REPORT_IDENTITY_COLUMNS, reportsToCsv, reportsToGeoJson } from './export.ts';
import { deepFreeze, near, reportOf } from './test-support.ts';

/**
 * A small RFC 4180 reader written for this test, independent of the exporter: it walks the text
 * one character at a time, so quoting mistakes in the writer show up as wrong cells.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '"' && cell === '') {
      quoted = true;
    } else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else {
      cell += character;
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** The CSV as objects keyed by the header, after checking the BOM and that every row has every column. */
function readCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header = [], ...rows] = parseCsv(text.slice(1));
  for (const row of rows) expect(row).toHaveLength(header.length);
  return { header, records: rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? '']))) };
}

const labelFromTable = (report: Report, language: 'zh' | 'en'): string | undefined =>
  REPORT_CATEGORY_TABLE.find((details) => details.category === report.category)?.codes.find((code) => code.id === report.faultCode)?.label[language];

const awkward = deepFreeze(reportOf({
  id: 'report-awkward',
  facilityId: 'elevator-7',
  location: near(120, -40),
  description: '电梯门口堆放杂物, 写着 "暂停使用"\r\n第二行\n第三行',
  measurements: [{ name: 'door_width', value: 0.75, unit: 'm' }, { name: 'cabin_depth', value: 1.2, unit: 'm' }],
  status: 'assigned',
  assignedUnitId: 'unit-metro',
  reporterId: 'inspector-1',
  fixedById: null,
  expectedFixDate: '2026-06-30',
}));
const plain = deepFreeze(reportOf({
  id: 'report-plain', category: 'toilet', faultCode: 'dirty', severity: 1, outOfService: false, permanence: 'permanent',
  reporterId: null, status: 'fixed', fixedById: 'unit-user-1', assignedUnitId: 'unit-parks',
}));

describe('reportsToCsv', () => {
  it('writes one header of column ids and one row per report that reads back to the same values', () => {
    const reports = [awkward, plain];
    const { header, records } = readCsv(reportsToCsv(reports, { language: 'en', includeIdentities: false }));
    expect(header).toEqual([...REPORT_EXPORT_COLUMNS]);
    expect(records).toHaveLength(reports.length);
    reports.forEach((report, index) => {
      const record = records[index] ?? {};
      expect(record.id).toBe(report.id);
      expect(record.district_id).toBe(report.districtId);
      expect(record.facility_id).toBe(report.facilityId ?? '');
      expect(Number(record.longitude)).toBe(report.location[0]);
      expect(Number(record.latitude)).toBe(report.location[1]);
      expect(record.category).toBe(report.category);
      expect(record.fault_code).toBe(report.faultCode);
      expect(record.fault_label).toBe(labelFromTable(report, 'en'));
      expect(Number(record.severity)).toBe(report.severity);
      expect(record.permanence).toBe(report.permanence);
      expect(record.expected_fix_date).toBe(report.expectedFixDate ?? '');
      expect(record.out_of_service).toBe(String(report.outOfService));
      expect(record.status).toBe(report.status);
      expect(record.assigned_unit_id).toBe(report.assignedUnitId ?? '');
      expect(record.created_at).toBe(report.createdAt);
      expect(record.updated_at).toBe(report.updatedAt);
      expect(record.description).toBe(report.description);
      const measurements = (record.measurements ?? '').split('; ').filter((part) => part !== '');
      expect(measurements).toEqual(report.measurements.map((measurement) => `${measurement.name}=${measurement.value} ${measurement.unit}`));
    });
  });

  it('ends every record with CRLF and keeps line breaks only inside quoted cells', () => {
    const loneReturn = reportOf({ id: 'report-lone-return', description: 'old Mac line end\rsecond line' });
    const text = reportsToCsv([awkward, plain, loneReturn], { language: 'zh', includeIdentities: false });
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes.match(/\r\n/g)).toHaveLength(4);
    expect(outsideQuotes.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('labels the fault in the chosen language, under the same English column ids', () => {
    const chinese = readCsv(reportsToCsv([awkward], { language: 'zh', includeIdentities: false }));
    const english = readCsv(reportsToCsv([awkward], { language: 'en', includeIdentities: false }));
    expect(chinese.header).toEqual(english.header);
    expect(chinese.records[0]?.fault_label).toBe(labelFromTable(awkward, 'zh'));
    expect(english.records[0]?.fault_label).toBe(labelFromTable(awkward, 'en'));
    expect(chinese.records[0]?.fault_label).not.toBe(english.records[0]?.fault_label);
  });

  it('leaves the label empty for a fault code the table does not have, rather than guessing one', () => {
    const retired = reportOf({ faultCode: 'retired_code_from_an_old_release' });
    const { records } = readCsv(reportsToCsv([retired], { language: 'en', includeIdentities: false }));
    expect(records[0]?.fault_code).toBe(retired.faultCode);
    expect(records[0]?.fault_label).toBe('');
  });

  it('leaves identities out unless asked, and then adds them as the last columns', () => {
    const without = reportsToCsv([awkward, plain], { language: 'en', includeIdentities: false });
    expect(without).not.toContain('reporter_id');
    expect(without).not.toContain(awkward.reporterId ?? 'a reporter');
    expect(without).not.toContain(plain.fixedById ?? 'a fixer');

    const withIdentities = readCsv(reportsToCsv([awkward, plain], { language: 'en', includeIdentities: true }));
    expect(withIdentities.header).toEqual([...REPORT_EXPORT_COLUMNS, ...REPORT_IDENTITY_COLUMNS]);
    [awkward, plain].forEach((report, index) => {
      expect(withIdentities.records[index]?.reporter_id).toBe(report.reporterId ?? '');
      expect(withIdentities.records[index]?.fixed_by_id).toBe(report.fixedById ?? '');
    });
  });

  it('writes empty identities for a public view, which has none to give', () => {
    const { report } = publicReportView(awkward, []);
    const { records } = readCsv(reportsToCsv([report], { language: 'en', includeIdentities: true }));
    expect(records[0]?.reporter_id).toBe('');
    expect(records[0]?.fixed_by_id).toBe('');
    expect(records[0]?.id).toBe(awkward.id);
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula (OWASP CSV Injection)', () => {
    const dangerous = ['=HYPERLINK("http://example.com","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tleading tab', '\rleading return'];
    const reports = dangerous.map((description, index) => reportOf({ id: `report-${index}`, description, assignedUnitId: description }));
    const { records } = readCsv(reportsToCsv(reports, { language: 'en', includeIdentities: false }));
    dangerous.forEach((description, index) => {
      expect(records[index]?.description).toBe(`'${description}`);
      expect(records[index]?.assigned_unit_id).toBe(`'${description}`);
    });
  });

  it('leaves harmless text and negative coordinates as they are', () => {
    const west = reportOf({ location: [-0.1276, 51.5072], description: 'a=b, 1+1 inside the text is fine' });
    const { records } = readCsv(reportsToCsv([west], { language: 'en', includeIdentities: false }));
    expect(records[0]?.description).toBe(west.description);
    expect(Number(records[0]?.longitude)).toBe(west.location[0]);
  });

  it('writes only the header for no reports', () => {
    const { header, records } = readCsv(reportsToCsv([], { language: 'zh', includeIdentities: true }));
    expect(header).toEqual([...REPORT_EXPORT_COLUMNS, ...REPORT_IDENTITY_COLUMNS]);
    expect(records).toEqual([]);
  });
});

describe('reportsToGeoJson', () => {
  it('makes a valid RFC 7946 collection with one point per report at its location', () => {
    const reports = [awkward, plain];
    const collection = reportsToGeoJson(reports, { language: 'en', includeIdentities: false });
    expect(GJV.isFeatureCollection(collection, true)).toEqual([]);
    expect(collection.features.map((feature) => feature.id)).toEqual(reports.map((report) => report.id));
    collection.features.forEach((feature, index) => {
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [...(reports[index]?.location ?? [])] });
    });
  });

  it('carries the same columns as the CSV, with numbers, booleans and null kept as such', () => {
    const options = { language: 'zh', includeIdentities: true } as const;
    const collection = reportsToGeoJson([awkward, plain], options);
    const { header, records } = readCsv(reportsToCsv([awkward, plain], options));
    collection.features.forEach((feature, index) => {
      const properties = feature.properties as unknown as Record<string, unknown>;
      expect(Object.keys(properties)).toEqual(header);
      for (const column of header) {
        const value = properties[column];
        expect(value === null ? '' : String(value)).toBe(records[index]?.[column]);
      }
    });
    expect(collection.features[1]?.properties.reporter_id).toBeNull();
    expect(collection.features[0]?.properties.severity).toBe(awkward.severity);
    expect(collection.features[0]?.properties.out_of_service).toBe(awkward.outOfService);
  });

  it('leaves identities out of the properties unless asked', () => {
    const collection = reportsToGeoJson([awkward, plain], { language: 'en', includeIdentities: false });
    for (const feature of collection.features) {
      expect(Object.keys(feature.properties)).toEqual([...REPORT_EXPORT_COLUMNS]);
      expect(JSON.stringify(feature)).not.toContain(awkward.reporterId ?? 'a reporter');
      expect(JSON.stringify(feature)).not.toContain(plain.fixedById ?? 'a fixer');
    }
  });

  it('does not share the location array with the report', () => {
    const report = reportOf();
    const collection = reportsToGeoJson([report], { language: 'en', includeIdentities: false });
    expect(collection.features[0]?.geometry.coordinates).not.toBe(report.location);
  });
});
