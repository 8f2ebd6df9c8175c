// Coverage in the forms planners take away: the district's boundary features as areas for the
// per-area rows, and the table of rows as CSV for a spreadsheet.
import type { BoundaryFeature, LngLat } from '../facilities/model.ts';
import type { CoverageArea, CoverageResult, CoverageRow } from './service-area.ts';

/** The boundary layer's polygons as coverage areas (ids from the feature, else `boundary:<n>`). */
export function coverageAreasFromBoundary(features: readonly BoundaryFeature[]): CoverageArea[] {
  return features.map((feature, index) => ({
    id: typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : `boundary:${index + 1}`,
    nameZh: typeof feature.properties?.name_zh === 'string' ? feature.properties.name_zh : null,
    nameEn: typeof feature.properties?.name_en === 'string' ? feature.properties.name_en : null,
    polygons: feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as LngLat[][]] : (feature.geometry.coordinates as LngLat[][][]),
  }));
}

export const COVERAGE_CSV_COLUMNS = [
  'kind', 'id', 'name_zh', 'name_en', 'cells', 'cells_covered_network', 'cells_covered_straight_line', 'share_network', 'share_straight_line',
  'network_length_m', 'network_length_covered_m', 'share_network_length', 'facilities',
] as const;

/**
 * RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would read as a formula
 * (OWASP, "CSV Injection"): street names come from open data anyone can edit.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const share = (value: number | null): number | null => (value === null ? null : Math.round(value * 10000) / 10000);
const metres = (value: number): number => Math.round(value * 10) / 10;

function rowCells(kind: 'street' | 'area', row: CoverageRow): (string | number | null)[] {
  return [
    kind, row.id, row.nameZh, row.nameEn, row.cells, row.cellsCoveredNetwork, row.cellsCoveredStraightLine, share(row.shareNetwork), share(row.shareStraightLine),
    metres(row.networkLengthMeters), metres(row.networkLengthCoveredMeters), share(row.shareNetworkLength), row.facilities,
  ];
}

/**
 * The table of a coverage result as CSV: a first row for the whole district, then every area
 * and every street, worst covered first as in the app. Shares are fractions (0.5 is half);
 * empty cells are unknown (a row with no cell on the network has no share). UTF-8 with a byte
 * order mark, so that spreadsheet programs read the Chinese names as UTF-8; CRLF line ends.
 */
export function coverageTableCsv(result: CoverageResult): string {
  const whole: CoverageRow = {
    id: 'district', nameZh: null, nameEn: null, cells: result.cellsOnNetwork, cellsCoveredNetwork: result.cellsCoveredNetwork,
    cellsCoveredStraightLine: result.cellsCoveredStraightLine, shareNetwork: result.shareNetwork, shareStraightLine: result.shareStraightLine,
    networkLengthMeters: result.networkLengthMeters, networkLengthCoveredMeters: result.networkLengthCoveredMeters,
    shareNetworkLength: result.shareNetworkLength, facilities: result.facilities.counted,
  };
  const lines = [
    [...COVERAGE_CSV_COLUMNS],
    ['district' as const, ...rowCells('area', whole).slice(1)],
    ...result.areas.map((row) => rowCells('area', row)),
    ...result.streets.map((row) => rowCells('street', row)),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
