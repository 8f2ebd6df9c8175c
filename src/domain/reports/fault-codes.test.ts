import { describe, it, expect } from 'vitest';
import faultsText from '../../../../shared/design/faults.md?raw';
import { REPORT_CATEGORIES, type ReportCategory } from './model.ts';
import {
  REPORT_CATEGORY_TABLE, categoryDetails, facilityFitsCategory, faultCodesOf, findFaultCode, reportCategoriesForFacility,
} from './fault-codes.ts';
import { elevatorAt, ORIGIN, rampAt, tactileLine, toiletAt, near } from './test-support.ts';

// How the design file names each category in the first column of its fault table.
const ROW_HEADERS: Readonly<Record<string, ReportCategory>> = {
  '缘石坡道 kerb ramp': 'kerb_ramp',
  '盲道 tactile paving': 'tactile_paving',
  '无障碍电梯 elevator / lift': 'elevator',
  '无障碍卫生间 accessible toilet': 'toilet',
  '无障碍出入口 / 轮椅坡道 entrance and ramp': 'entrance',
  '无障碍通道 path': 'path',
  '过街设施 crossing': 'crossing',
  '信息 information': 'information',
};

/** The fault table of faults.md: header cell → its items, split on ";" (commas sit inside items). */
function faultsTable(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const lines = faultsText.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Category | Fault codes |'));
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '');
    rows.set(cells[0] ?? '', (cells[1] ?? '').split(';').map((item) => item.trim()));
  }
  return rows;
}

describe('the fault table against ../shared/design/faults.md', () => {
  const table = faultsTable();

  it('the design file has one row per report category, and this test knows every row', () => {
    expect(table.size).toBe(REPORT_CATEGORIES.length);
    expect([...table.keys()].sort()).toEqual(Object.keys(ROW_HEADERS).sort());
    expect(new Set(Object.values(ROW_HEADERS))).toEqual(new Set(REPORT_CATEGORIES));
  });

  it.each(Object.entries(ROW_HEADERS))('row "%s" lists exactly the faults of %s, in order', (header, category) => {
    const items = table.get(header) ?? [];
    const labels = faultCodesOf(category).map((code) => code.label.en.toLowerCase());
    expect(labels).toHaveLength(items.length);
    expect(labels).toEqual(items.map((item) => item.toLowerCase()));
  });
});

describe('fault codes', () => {
  it('every report category has an entry with codes, and the table has no other category', () => {
    expect(REPORT_CATEGORY_TABLE.map((details) => details.category)).toEqual([...REPORT_CATEGORIES]);
    for (const category of REPORT_CATEGORIES) expect(faultCodesOf(category).length).toBeGreaterThan(0);
  });

  it('ids are snake_case and unique within their category; labels exist in Chinese and English', () => {
    for (const details of REPORT_CATEGORY_TABLE) {
      const ids = details.codes.map((code) => code.id);
      expect(new Set(ids).size, details.category).toBe(ids.length);
      for (const code of details.codes) {
        expect(code.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect(code.label.zh).toMatch(/\p{Script=Han}/u);
        expect(code.label.en).toMatch(/^[A-Z]/);
      }
      expect(details.label.zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it('a lift out of service or locked is unusable by default; a dirty toilet or a heavy door is not', () => {
    expect(findFaultCode('elevator', 'out_of_service')?.outOfServiceByDefault).toBe(true);
    expect(findFaultCode('elevator', 'locked_or_staff_only')?.outOfServiceByDefault).toBe(true);
    expect(findFaultCode('toilet', 'locked_or_closed')?.outOfServiceByDefault).toBe(true);
    expect(findFaultCode('toilet', 'dirty')?.outOfServiceByDefault).toBe(false);
    expect(findFaultCode('toilet', 'heavy_door')?.outOfServiceByDefault).toBe(false);
    expect(findFaultCode('kerb_ramp', 'too_steep')?.outOfServiceByDefault).toBe(false);
  });

  it('path and crossing faults are on the network, so no fault there defaults to closing a facility', () => {
    for (const category of ['path', 'crossing'] as const) {
      expect(faultCodesOf(category).some((code) => code.outOfServiceByDefault)).toBe(false);
    }
  });

  it('a code of one category is not found in another', () => {
    expect(findFaultCode('toilet', 'out_of_service')).toBeNull();
    expect(findFaultCode('elevator', 'out_of_service')?.id).toBe('out_of_service');
  });

  it('unknown categories have no table entry', () => {
    expect(() => categoryDetails('bridge' as ReportCategory)).toThrow(/bridge/);
  });
});

describe('which facilities a report category can be about', () => {
  const lift = elevatorAt('lift', ORIGIN);
  const toilet = toiletAt('toilet', ORIGIN);
  const kerbRamp = rampAt('kerb', ORIGIN, { rampType: 'kerb_ramp' });
  const wheelchairRamp = rampAt('entrance', ORIGIN, { rampType: 'wheelchair_ramp' });
  const strip = tactileLine('strip', [ORIGIN, near(20, 0)]);

  it('a toilet report cannot be about an elevator, an elevator report can', () => {
    expect(facilityFitsCategory('toilet', lift)).toBe(false);
    expect(facilityFitsCategory('elevator', lift)).toBe(true);
  });

  it('kerb ramp reports fit kerb ramps and entrance reports wheelchair ramps, not the other way round', () => {
    expect(facilityFitsCategory('kerb_ramp', kerbRamp)).toBe(true);
    expect(facilityFitsCategory('kerb_ramp', wheelchairRamp)).toBe(false);
    expect(facilityFitsCategory('entrance', wheelchairRamp)).toBe(true);
    expect(facilityFitsCategory('entrance', kerbRamp)).toBe(false);
  });

  it('from a facility the form offers its own category and "information"; path and crossing fit none', () => {
    expect(reportCategoriesForFacility(lift)).toEqual(['elevator', 'information']);
    expect(reportCategoriesForFacility(toilet)).toEqual(['toilet', 'information']);
    expect(reportCategoriesForFacility(strip)).toEqual(['tactile_paving', 'information']);
    for (const facility of [lift, toilet, kerbRamp, wheelchairRamp, strip]) {
      expect(facilityFitsCategory('path', facility)).toBe(false);
      expect(facilityFitsCategory('crossing', facility)).toBe(false);
      expect(facilityFitsCategory('information', facility)).toBe(true);
    }
  });
});
