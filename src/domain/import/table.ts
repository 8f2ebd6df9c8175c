// Facility tables (a spreadsheet saved as CSV, as city offices publish lists of accessible
// toilets, lifts and ramps) into facility features of the data contract (data/README.md).
//
// The header row names the columns, in Chinese or English (名称/name, 类别/category, 经度/lon,
// 纬度/lat, 地址/address, …; see TABLE_COLUMNS); `--columns` may name them explicitly. Each row
// becomes one facility, or is reported as unplaceable with its line and the reason: a missing
// value, a coordinate that is not a number or out of range, a point outside the district's
// boundary, a category we do not know, or tactile paving (盲道), which is a line and cannot be
// drawn from one point. A value that cannot be read (a width of "宽") is reported and becomes
// unknown (null); nothing unknown is ever read as "fine".
//
// Ids are `<district>:table:<hash>`, the hash taken over the file's name and the row's key: the
// table's own id column (编号/id) when it has one, otherwise the row's category, name, address
// and coordinates as written. So re-importing the same file gives the same ids, and bookmarks and
// fault reports keep pointing at the same facility; give the table an id column if rows may be
// edited. `source` is `table:<file name>:<line>`, by which a re-import finds and replaces what the
// same file brought before.
import type { Feature } from 'geojson';
import type { FacilityStatus, LngLat } from '../facilities/model.ts';
import type { DistrictLayers } from './district-files.ts';
import { isInsideChinaOffsetArea, toWgs84, type CoordinateSystem } from './coordinates.ts';
import type { CsvRow } from './csv.ts';
import { distanceOutsideBoundaryMeters, BOUNDARY_TOLERANCE_METERS, type BoundaryPolygons } from './validate-district.ts';

// ---------------------------------------------------------------------------------------------
// Columns

export const TABLE_FIELDS = [
  'id', 'name', 'name_zh', 'name_en', 'category', 'lon', 'lat', 'coordinates', 'address', 'address_zh', 'address_en',
  'status', 'status_note', 'last_verified', 'opening_hours', 'access', 'ramp_type', 'slope_percent', 'clear_width_m',
  'kerb_lip_mm', 'handrail', 'door_width_m', 'turning_space_m', 'grab_bars', 'emergency_call', 'changing_table',
  'elevator_type', 'cabin_width_m', 'cabin_depth_m', 'braille', 'voice', 'connects_zh', 'connects_en',
] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

/**
 * The headers each field is recognised by. Headers are compared folded: full-width forms made
 * half-width (NFKC), lower case, without spaces, underscores, hyphens, colons, dots or a
 * bracketed remark, so "经度（GCJ-02）", "Longitude" and "LNG" all find `lon`.
 */
export const TABLE_COLUMNS: Readonly<Record<TableField, readonly string[]>> = {
  id: ['编号', '设施编号', '编码', 'id', 'code', 'ref'],
  name: ['名称', '设施名称', '名字', '点位名称', 'name', 'facility name', 'title'],
  name_zh: ['中文名称', '中文名', 'name_zh', 'name:zh'],
  name_en: ['英文名称', '英文名', 'name_en', 'name:en', 'english name'],
  category: ['类别', '类型', '设施类型', '设施类别', '分类', '种类', 'category', 'type', 'kind', 'facility type'],
  lon: ['经度', '东经', 'lng', 'lon', 'long', 'longitude', 'x'],
  lat: ['纬度', '北纬', 'lat', 'latitude', 'y'],
  coordinates: ['坐标', '经纬度', '经纬度坐标', 'coordinates', 'coordinate', 'lnglat', 'lonlat'],
  address: ['地址', '详细地址', '位置', '所在位置', 'address'],
  address_zh: ['中文地址', 'address_zh'],
  address_en: ['英文地址', 'address_en', 'english address'],
  status: ['状态', '使用状态', '运行状态', '设施状态', 'status', 'state', 'condition'],
  status_note: ['状态说明', '故障说明', '停用原因', 'status_note', 'status note'],
  last_verified: ['核查日期', '最后核查', '最近核查', '检查日期', '巡查日期', '核实日期', 'last_verified', 'last verified', 'verified', 'checked'],
  opening_hours: ['开放时间', '营业时间', '服务时间', 'opening_hours', 'opening hours', 'hours'],
  access: ['开放对象', '使用对象', 'access'],
  ramp_type: ['坡道类型', 'ramp_type', 'ramp type'],
  slope_percent: ['坡度', 'slope', 'slope_percent', 'gradient'],
  clear_width_m: ['宽度', '坡道宽度', '净宽', 'width', 'clear_width_m', 'clear width'],
  kerb_lip_mm: ['高差', '坡口高差', '坡底高差', 'kerb_lip_mm', 'lip', 'kerb lip'],
  handrail: ['扶手', 'handrail', 'handrails'],
  door_width_m: ['门宽', '门净宽', '门宽度', 'door_width', 'door_width_m', 'door width'],
  turning_space_m: ['回转直径', '轮椅回转直径', '回转空间', 'turning_space_m', 'turning space'],
  grab_bars: ['抓杆', '安全抓杆', '扶手抓杆', 'grab_bars', 'grab bars'],
  emergency_call: ['紧急呼叫', '呼叫按钮', '求助按钮', '紧急呼叫按钮', 'emergency_call', 'emergency call'],
  changing_table: ['婴儿护理台', '护理台', '尿布台', 'changing_table', 'changing table'],
  elevator_type: ['电梯类型', 'elevator_type', 'elevator type', 'lift type'],
  cabin_width_m: ['轿厢宽度', '轿厢宽', 'cabin_width', 'cabin_width_m', 'cabin width'],
  cabin_depth_m: ['轿厢深度', '轿厢深', 'cabin_depth', 'cabin_depth_m', 'cabin depth'],
  braille: ['盲文', '盲文按钮', 'braille'],
  voice: ['语音', '语音报层', '语音提示', '语音播报', 'voice', 'voice announcements'],
  connects_zh: ['连接', '连通', '连接楼层', 'connects', 'connects_zh'],
  connects_en: ['connects_en'],
};

/** Folds a header or a word for comparison (see TABLE_COLUMNS). */
export function foldHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '').replace(/[\s_\-:.]/g, '');
}

const HEADER_LOOKUP = new Map<string, TableField>(
  TABLE_FIELDS.flatMap((field) => TABLE_COLUMNS[field].map((header) => [foldHeader(header), field] as const)),
);

export interface ColumnMapping {
  field: TableField;
  header: string;
  /** Index of the cell in each row. */
  index: number;
}

/** Thrown when the table lacks a column it cannot do without; says which, and which headers it has. */
export class TableColumnsError extends Error {
  constructor(message: string, readonly missing: readonly string[], readonly headers: readonly string[]) {
    super(message);
  }
}

/**
 * Reads `--columns name=名称,category=类别,lon=经度,lat=纬度`: which header holds which field.
 * Returns the pairs, or the reason the text is wrong.
 */
export function parseColumnOverrides(text: string): { columns: Partial<Record<TableField, string>> } | { error: string } {
  const columns: Partial<Record<TableField, string>> = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const separator = pair.indexOf('=');
    if (separator <= 0 || separator === pair.length - 1) return { error: `"${pair}" is not field=header (e.g. lon=经度)` };
    const field = pair.slice(0, separator).trim();
    if (!(TABLE_FIELDS as readonly string[]).includes(field)) return { error: `unknown field "${field}"; the fields are ${TABLE_FIELDS.join(', ')}` };
    columns[field as TableField] = pair.slice(separator + 1).trim();
  }
  return { columns };
}

function findColumns(headers: readonly string[], overrides: Partial<Record<TableField, string>>): { columns: ColumnMapping[]; unknownOverrides: string[] } {
  const columns: ColumnMapping[] = [];
  const taken = new Set<number>();
  const unknownOverrides: string[] = [];
  for (const [field, header] of Object.entries(overrides) as [TableField, string][]) {
    const index = headers.findIndex((candidate) => candidate.trim() === header || foldHeader(candidate) === foldHeader(header));
    if (index < 0) unknownOverrides.push(`${field}=${header}`);
    else {
      columns.push({ field, header: headers[index] as string, index });
      taken.add(index);
    }
  }
  headers.forEach((header, index) => {
    if (taken.has(index)) return;
    const field = HEADER_LOOKUP.get(foldHeader(header));
    if (field === undefined || columns.some((column) => column.field === field)) return;
    columns.push({ field, header, index });
    taken.add(index);
  });
  return { columns, unknownOverrides };
}

const hasCoordinates = (columns: readonly ColumnMapping[]): boolean =>
  columns.some((column) => column.field === 'coordinates') || (columns.some((column) => column.field === 'lon') && columns.some((column) => column.field === 'lat'));

// ---------------------------------------------------------------------------------------------
// Values

const HAN = /\p{Script=Han}/u;

const fold = (value: string): string => value.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, ' ');

export interface CategoryReading {
  category: 'ramp' | 'toilet' | 'elevator';
  /** For ramps. */
  rampType?: 'kerb_ramp' | 'wheelchair_ramp';
  /** For elevators. */
  elevatorType?: 'elevator' | 'platform_lift';
}

/**
 * The facility a category word names, or why the row cannot be placed. Words are matched whole
 * first, then by the key word they contain ("公园无障碍卫生间" is a toilet). A plain 坡道/ramp is
 * taken as a wheelchair ramp (an entrance ramp): a kerb ramp belongs on the end of a crossing in
 * the network, which a table cannot give.
 */
export function readCategory(value: string): CategoryReading | { unplaceable: string } {
  const word = fold(value);
  if (word === '') return { unplaceable: 'the category is empty' };
  // Tactile paving is a line along the ground (tactile-paving.geojson holds LineStrings).
  if (/盲道|tactile|guiding strip|warning strip/.test(word)) return { unplaceable: `"${value}" is tactile paving, a line; a table row gives only one point` };
  if (/升降平台|升降台|升降机|platform lift|wheelchair lift|stair lift|stairlift/.test(word)) return { category: 'elevator', elevatorType: 'platform_lift' };
  if (/电梯|直梯|垂直梯|elevator|^lifts?$|accessible lift/.test(word)) return { category: 'elevator', elevatorType: 'elevator' };
  if (/缘石坡道|路缘坡道|kerb ramp|curb ramp|curb cut|kerb cut|dropped kerb|lowered kerb/.test(word)) return { category: 'ramp', rampType: 'kerb_ramp' };
  if (/坡道|ramp/.test(word)) return { category: 'ramp', rampType: 'wheelchair_ramp' };
  if (/卫生间|厕所|洗手间|公厕|toilet|restroom|washroom|lavatory|^wc$/.test(word)) return { category: 'toilet' };
  return { unplaceable: `unknown category "${value}" (known: 无障碍卫生间/toilet, 无障碍电梯/elevator, 升降平台/platform lift, 坡道/ramp, 缘石坡道/kerb ramp)` };
}

export function readStatus(value: string): FacilityStatus | null {
  const word = fold(value);
  if (word === '') return 'unknown';
  if (/故障|维修|停用|损坏|关闭|暂停|不可用|不能用|不正常|封闭|停运|坏|out of (service|order)|broken|closed|repair|not working|unavailable/.test(word)) return 'out_of_service';
  if (/未知|不详|不明|待核|待查|unknown/.test(word)) return 'unknown';
  if (/正常|可用|完好|良好|开放|在用|运行|working|^ok$|^open$|in service|available|^yes$/.test(word)) return 'working';
  return null;
}

const TRUE_WORDS = new Set(['是', '有', '有的', '配备', '具备', 'yes', 'y', 'true', '1', '✓', '√', 'ok']);
const FALSE_WORDS = new Set(['否', '无', '没有', '未配备', '不具备', 'no', 'n', 'false', '0', '×', '✗', 'x']);

export function readBoolean(value: string): boolean | null | undefined {
  const word = fold(value);
  if (word === '') return null;
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const LENGTH_UNITS_IN_METERS: Record<string, number> = { m: 1, 米: 1, cm: 0.01, 厘米: 0.01, 公分: 0.01, mm: 0.001, 毫米: 0.001 };

/** A length such as "1.2", "1.2m", "120 cm", "1200毫米", in `unit` (the unit assumed when none is written). */
export function readLength(value: string, unit: 'm' | 'mm'): number | null | undefined {
  const text = value.normalize('NFKC').trim().toLowerCase();
  if (text === '') return null;
  const match = /^(\d+(?:\.\d+)?)\s*(m|米|cm|厘米|公分|mm|毫米)?$/.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  const meters = match[2] === undefined ? (unit === 'm' ? number : number / 1000) : number * (LENGTH_UNITS_IN_METERS[match[2]] ?? 1);
  const result = unit === 'm' ? meters : meters * 1000;
  return Math.round(result * 1000) / 1000;
}

/** A slope as "5%", "5", "1:12" or "1/12" (rise over run), in percent. */
export function readSlopePercent(value: string): number | null | undefined {
  const text = value.normalize('NFKC').trim().replace(/\s+/g, '');
  if (text === '') return null;
  const ratio = /^1[:/](\d+(?:\.\d+)?)$/.exec(text);
  if (ratio) {
    const run = Number(ratio[1]);
    return run > 0 ? Math.round((100 / run) * 100) / 100 : undefined;
  }
  const percent = /^(\d+(?:\.\d+)?)%?$/.exec(text);
  return percent ? Number(percent[1]) : undefined;
}

/** A date as 2024-05-03, 2024/5/3, 2024.5.3 or 2024年5月3日, as YYYY-MM-DD. */
export function readDate(value: string): string | null | undefined {
  const text = value.normalize('NFKC').trim();
  if (text === '') return null;
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return undefined;
  const iso = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * Opening hours in OSM opening_hours syntax (the contract's format). "全天", "24小时" become
 * "24/7"; a time range written with a Chinese dash or tilde becomes "08:00-20:00", which that syntax
 * reads as every day. Text it cannot read is reported, not guessed.
 */
export function readOpeningHours(value: string): string | null | undefined {
  const text = value.normalize('NFKC').trim();
  if (text === '') return null;
  if (/^(全天|全天开放|24小时|24小时开放|24h|24 hours|24\/7)$/i.test(text)) return '24/7';
  const normalised = text.replace(/[—–~～至到]/g, '-').replace(/\s*-\s*/g, '-');
  return /^[A-Za-z0-9 :,;\-+/[\]"]+$/.test(normalised) && /\d/.test(normalised) ? normalised : undefined;
}

export function readAccess(value: string): 'public' | 'customers' | 'key' | null | undefined {
  const word = fold(value);
  if (word === '') return null;
  if (/钥匙|key|radar/.test(word)) return 'key';
  if (/顾客|客户|乘客|持票|customers?|patrons?/.test(word)) return 'customers';
  if (/公共|公众|所有人|对外开放|社会|\b(public|everyone|all)\b/.test(word)) return 'public';
  return undefined;
}

/** A coordinate: a decimal number, full-width digits and a trailing ° or hemisphere letter allowed. */
export function readCoordinateNumber(value: string): number | null | undefined {
  const text = value.normalize('NFKC').trim().replace(/°?\s*[ENen]$/, '').replace(/°$/, '');
  if (text === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

// ---------------------------------------------------------------------------------------------
// Stable ids

/** 64-bit FNV-1a (Fowler–Noll–Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3) over UTF-16 code units, as 16 hex digits. */
export function stableHash(text: string): string {
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

export const tableSource = (sourceName: string, lineNumber: number): string => `table:${sourceName}:${lineNumber}`;

/** Whether a facility's `source` says it came from the table file `sourceName`. */
export function isFromTable(source: unknown, sourceName: string): boolean {
  const prefix = `table:${sourceName}:`;
  return typeof source === 'string' && source.startsWith(prefix) && /^\d+$/.test(source.slice(prefix.length));
}

// ---------------------------------------------------------------------------------------------
// Import

export interface TableImportOptions {
  districtId: string;
  /** The file's name (not its path): part of ids and of `source`. */
  sourceName: string;
  coordinateSystem: CoordinateSystem;
  columns?: Partial<Record<TableField, string>>;
  /** The district's boundary; rows outside it are not placed. */
  boundary?: BoundaryPolygons | null;
}

export interface RowProblem {
  lineNumber: number;
  /** English, says what and where. */
  reason: string;
}

export interface TableImportResult {
  ramps: Feature[];
  toilets: Feature[];
  elevators: Feature[];
  /** Rows that gave no facility, with the reason. */
  unplaced: RowProblem[];
  /** Values read as unknown, and other things worth knowing; the rows concerned were placed. */
  warnings: RowProblem[];
  columns: ColumnMapping[];
  /** Headers that no field uses. */
  unusedHeaders: string[];
  headerLineNumber: number;
  /** Data rows read (after the header). */
  rowCount: number;
}

const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;

/** The first of the first rows that names a category and coordinates: tables often start with a title row. */
function findHeaderRow(rows: readonly CsvRow[], overrides: Partial<Record<TableField, string>>): number {
  const candidates = Math.min(rows.length, 10);
  for (let index = 0; index < candidates; index += 1) {
    const { columns } = findColumns((rows[index] as CsvRow).cells, overrides);
    if (columns.some((column) => column.field === 'category') && hasCoordinates(columns)) return index;
  }
  return 0;
}

/**
 * Turns the rows of a CSV table (header included) into facilities. Throws TableColumnsError when
 * a needed column is missing; every other problem is reported per row.
 */
export function importTable(rows: readonly CsvRow[], options: TableImportOptions): TableImportResult {
  const overrides = options.columns ?? {};
  if (rows.length === 0) throw new TableColumnsError(`${options.sourceName} has no rows: expected a header row (名称, 类别, 经度, 纬度, …) and one row per facility`, ['category', 'lon', 'lat'], []);
  const headerIndex = findHeaderRow(rows, overrides);
  const headerRow = rows[headerIndex] as CsvRow;
  const headers = headerRow.cells.map((cell) => cell.trim());
  const { columns, unknownOverrides } = findColumns(headers, overrides);
  const found = `the headers on line ${headerRow.lineNumber} are: ${headers.filter((header) => header !== '').join(', ') || '(none)'}`;
  if (unknownOverrides.length > 0) {
    throw new TableColumnsError(`--columns names ${unknownOverrides.join(', ')}, but ${options.sourceName} has no such header; ${found}`, unknownOverrides, headers);
  }
  const missing = [
    ...(columns.some((column) => column.field === 'category') ? [] : ['category (类别/类型/category/type)']),
    ...(hasCoordinates(columns) ? [] : [
      ...(columns.some((column) => column.field === 'lon') ? [] : ['longitude (经度/lng/lon/longitude/x)']),
      ...(columns.some((column) => column.field === 'lat') ? [] : ['latitude (纬度/lat/latitude/y)']),
    ]),
  ];
  if (missing.length > 0) {
    throw new TableColumnsError(
      `${options.sourceName} has no column for ${missing.join(' and ')}; ${found}. Name them with --columns, e.g. --columns category=设施类型,lon=X坐标,lat=Y坐标`,
      missing, headers,
    );
  }

  const result: TableImportResult = {
    ramps: [], toilets: [], elevators: [], unplaced: [], warnings: [], columns,
    unusedHeaders: headers.filter((header, index) => header !== '' && !columns.some((column) => column.index === index)),
    headerLineNumber: headerRow.lineNumber, rowCount: 0,
  };
  const idsSeen = new Map<string, number>();

  for (const row of rows.slice(headerIndex + 1)) {
    result.rowCount += 1;
    const { lineNumber } = row;
    const cell = (field: TableField): string => {
      const column = columns.find((candidate) => candidate.field === field);
      return column === undefined ? '' : (row.cells[column.index] ?? '').trim();
    };
    const headerOf = (field: TableField): string => columns.find((column) => column.field === field)?.header ?? field;
    const unplaced = (reason: string): void => { result.unplaced.push({ lineNumber, reason }); };
    const warn = (reason: string): void => { result.warnings.push({ lineNumber, reason }); };
    /** Reads an optional value; a value that cannot be read is reported and becomes unknown. */
    const optional = <Value>(field: TableField, reader: (text: string) => Value | null | undefined, expected: string): Value | null => {
      const text = cell(field);
      const value = reader(text);
      if (value === undefined) {
        warn(`${headerOf(field)} "${text}" is not ${expected}; read as unknown`);
        return null;
      }
      return value;
    };

    if (row.cells.length > headers.length && row.cells.slice(headers.length).some((extra) => extra.trim() !== '')) {
      warn(`the row has ${row.cells.length} cells but the header has ${headers.length}; the extra cells are ignored (a comma inside an unquoted value?)`);
    }

    // Category.
    const categoryText = cell('category');
    if (categoryText === '') {
      unplaced(`${headerOf('category')} is empty`);
      continue;
    }
    const category = readCategory(categoryText);
    if ('unplaceable' in category) {
      unplaced(category.unplaceable);
      continue;
    }

    // Coordinates, in the table's system.
    let longitudeText = cell('lon');
    let latitudeText = cell('lat');
    let coordinateHeaders = `${headerOf('lon')}/${headerOf('lat')}`;
    if (longitudeText === '' && latitudeText === '' && cell('coordinates') !== '') {
      const parts = cell('coordinates').normalize('NFKC').split(/[,;\s]+/).filter((part) => part !== '');
      coordinateHeaders = headerOf('coordinates');
      if (parts.length !== 2) {
        unplaced(`${headerOf('coordinates')} "${cell('coordinates')}" is not "longitude,latitude"`);
        continue;
      }
      [longitudeText, latitudeText] = parts as [string, string];
    }
    if (longitudeText === '' || latitudeText === '') {
      const columnOf = (field: 'lon' | 'lat'): string => headerOf(columns.some((column) => column.field === field) ? field : 'coordinates');
      const empty = [...new Set([...(longitudeText === '' ? [columnOf('lon')] : []), ...(latitudeText === '' ? [columnOf('lat')] : [])])];
      unplaced(`${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty`);
      continue;
    }
    const longitude = readCoordinateNumber(longitudeText);
    const latitude = readCoordinateNumber(latitudeText);
    if (longitude === undefined || longitude === null || latitude === undefined || latitude === null) {
      const bad = longitude === undefined || longitude === null ? `longitude "${longitudeText}"` : `latitude "${latitudeText}"`;
      unplaced(`${bad} (${coordinateHeaders}) is not a number`);
      continue;
    }
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      const swapped = Math.abs(longitude) <= 90 && Math.abs(latitude) <= 180 ? '; are longitude and latitude swapped?' : '';
      unplaced(`[${longitude}, ${latitude}] is outside longitude −180…180 / latitude −90…90${swapped}`);
      continue;
    }
    if (longitude === 0 && latitude === 0) {
      unplaced('the coordinate is 0,0, a placeholder for a missing position');
      continue;
    }
    const given: LngLat = [longitude, latitude];
    if (options.coordinateSystem !== 'wgs84' && !isInsideChinaOffsetArea(given)) {
      warn(`[${longitude}, ${latitude}] is outside mainland China, where ${options.coordinateSystem === 'gcj02' ? 'GCJ-02' : 'BD-09'} coordinates are not offset; taken as WGS84`);
    }
    const converted = toWgs84(given, options.coordinateSystem);
    const position: LngLat = [round7(converted[0]), round7(converted[1])];
    if (options.boundary && options.boundary.length > 0) {
      const outside = distanceOutsideBoundaryMeters(position, options.boundary);
      if (outside > BOUNDARY_TOLERANCE_METERS) {
        unplaced(`[${position[0]}, ${position[1]}] (WGS84) is ${Math.round(outside)} m outside the district boundary`);
        continue;
      }
    }

    // Id: the table's own id when it has one, else the row's content.
    const ownId = cell('id');
    const rowKey = ownId !== '' ? `id:${ownId}` : ['content', categoryText, cell('name'), cell('name_zh'), cell('name_en'), cell('address'), longitudeText, latitudeText, cell('coordinates')].join('\u0000');
    const id = `${options.districtId}:table:${stableHash(`${options.sourceName}\u0000${rowKey}`)}`;
    const earlier = idsSeen.get(id);
    if (earlier !== undefined) {
      unplaced(ownId !== '' ? `${headerOf('id')} "${ownId}" is also used on line ${earlier}` : `the row repeats line ${earlier} (same category, name, address and coordinates)`);
      continue;
    }
    idsSeen.set(id, lineNumber);

    // Names and addresses: a general column goes to Chinese when it has Chinese characters.
    const general = (field: 'name' | 'address', zh: TableField, en: TableField): { zh: string | null; en: string | null } => {
      const text = cell(field);
      return {
        zh: cell(zh) || (HAN.test(text) ? text : '') || null,
        en: cell(en) || (text !== '' && !HAN.test(text) ? text : '') || null,
      };
    };
    const name = general('name', 'name_zh', 'name_en');
    const address = general('address', 'address_zh', 'address_en');

    const statusText = cell('status');
    let status = readStatus(statusText);
    if (status === null) {
      warn(`${headerOf('status')} "${statusText}" is not a status we know (正常/working, 故障/维修/out of service); read as unknown`);
      status = 'unknown';
    }
    // The source's own words say why it is out of service when no note column does.
    const statusNote = cell('status_note') || (status === 'out_of_service' ? statusText : '') || null;

    const common = {
      id, category: category.category, name_zh: name.zh, name_en: name.en, address_zh: address.zh, address_en: address.en,
      status, status_note: statusNote, last_verified: optional('last_verified', readDate, 'a date such as 2024-05-03'),
      source: tableSource(options.sourceName, lineNumber),
    };
    const yesNo = 'yes or no (是/否)';
    const length = (field: TableField): number | null => {
      const value = optional(field, (text) => readLength(text, 'm'), 'a length in metres');
      if (value === 0) {
        warn(`${headerOf(field)} is 0, which no real width is; read as unknown`);
        return null;
      }
      return value;
    };
    let properties: Record<string, unknown>;
    switch (category.category) {
      case 'ramp': {
        const rampTypeText = cell('ramp_type');
        const rampTypeReading = rampTypeText === '' ? null : readCategory(rampTypeText);
        const rampType = rampTypeReading !== null && 'rampType' in rampTypeReading ? rampTypeReading.rampType : category.rampType;
        if (rampTypeText !== '' && !(rampTypeReading !== null && 'rampType' in rampTypeReading)) warn(`${headerOf('ramp_type')} "${rampTypeText}" is not 缘石坡道/kerb ramp or 轮椅坡道/wheelchair ramp; kept as ${category.rampType}`);
        properties = {
          ...common, ramp_type: rampType, kerb_ramp_form: null,
          slope_percent: optional('slope_percent', readSlopePercent, 'a slope such as 5%, 1:12'),
          clear_width_m: length('clear_width_m'),
          kerb_lip_mm: optional('kerb_lip_mm', (text) => readLength(text, 'mm'), 'a height in millimetres'),
          handrail: optional('handrail', readBoolean, yesNo),
        };
        break;
      }
      case 'toilet':
        properties = {
          ...common,
          door_width_m: length('door_width_m'),
          turning_space_m: length('turning_space_m'),
          grab_bars: optional('grab_bars', readBoolean, yesNo),
          emergency_call: optional('emergency_call', readBoolean, yesNo),
          access: optional('access', readAccess, '公共/public, 顾客/customers or 钥匙/key'),
          opening_hours: optional('opening_hours', readOpeningHours, 'in OpenStreetMap opening_hours syntax (e.g. 08:00-20:00, Mo-Fr 09:00-17:00, 24/7)'),
          changing_table: optional('changing_table', readBoolean, yesNo),
        };
        break;
      case 'elevator': {
        const typeText = cell('elevator_type');
        const typeReading = typeText === '' ? null : readCategory(typeText);
        const elevatorType = typeReading !== null && 'elevatorType' in typeReading ? typeReading.elevatorType : category.elevatorType;
        if (typeText !== '' && !(typeReading !== null && 'elevatorType' in typeReading)) warn(`${headerOf('elevator_type')} "${typeText}" is not 电梯/elevator or 升降平台/platform lift; kept as ${category.elevatorType}`);
        properties = {
          ...common, elevator_type: elevatorType,
          cabin_width_m: length('cabin_width_m'),
          cabin_depth_m: length('cabin_depth_m'),
          door_width_m: length('door_width_m'),
          braille: optional('braille', readBoolean, yesNo),
          voice: optional('voice', readBoolean, yesNo),
          connects_zh: (HAN.test(cell('connects_zh')) ? cell('connects_zh') : '') || null,
          connects_en: cell('connects_en') || (cell('connects_zh') !== '' && !HAN.test(cell('connects_zh')) ? cell('connects_zh') : '') || null,
        };
        break;
      }
    }
    const feature: Feature = { type: 'Feature', properties, geometry: { type: 'Point', coordinates: position } };
    if (category.category === 'ramp') result.ramps.push(feature);
    else if (category.category === 'toilet') result.toilets.push(feature);
    else result.elevators.push(feature);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Merging into a district

export interface TableMerge {
  layers: DistrictLayers;
  /** Facilities an earlier import of the same file brought, now replaced. */
  replacedCount: number;
  /** New facilities left out because another layer already uses their id. */
  clashes: RowProblem[];
}

const lineOfSource = (feature: Feature): number => Number(String(feature.properties?.source ?? '').split(':').pop());

/**
 * The district's layers with the facilities an earlier import of `sourceName` brought replaced by
 * `imported`; everything else is kept as it was. Returns new arrays, the input is not changed.
 */
export function mergeTableImport(layers: DistrictLayers, sourceName: string, imported: Pick<TableImportResult, 'ramps' | 'toilets' | 'elevators'>): TableMerge {
  const keep = (features: readonly Feature[]): Feature[] => features.filter((feature) => !isFromTable(feature.properties?.source, sourceName));
  const kept = { ramps: keep(layers.ramps), toilets: keep(layers.toilets), elevators: keep(layers.elevators) };
  const replacedCount = layers.ramps.length + layers.toilets.length + layers.elevators.length - kept.ramps.length - kept.toilets.length - kept.elevators.length;
  const usedIds = new Set<string>();
  for (const feature of [...kept.ramps, ...kept.toilets, ...kept.elevators, ...layers.tactilePaving, ...layers.network, ...layers.places]) {
    const id = feature.properties?.id;
    if (typeof id === 'string') usedIds.add(id);
  }
  const clashes: RowProblem[] = [];
  const fresh = (features: readonly Feature[]): Feature[] => features.filter((feature) => {
    const id = String(feature.properties?.id);
    if (!usedIds.has(id)) return true;
    clashes.push({ lineNumber: lineOfSource(feature), reason: `its id ${id} is already used by another feature of the district` });
    return false;
  });
  return {
    layers: {
      ...layers,
      ramps: [...kept.ramps, ...fresh(imported.ramps)],
      toilets: [...kept.toilets, ...fresh(imported.toilets)],
      elevators: [...kept.elevators, ...fresh(imported.elevators)],
    },
    replacedCount,
    clashes,
  };
}
