// Coverage gaps for planners (issue 7) in one import: service areas along the network per
// profile beside straight-line circles, on a hex grid with per-street and per-area rows, and the
// diagnostics of where the step-free network and tactile paving break.
//
//   const result = computeCoverage(graph, facilities, { category: 'toilet', profile: 'wheelchair', withinMeters: 500, workingOnly: true });
//   result.shareNetwork, result.shareStraightLine, result.streets (worst first), coverageCellsGeoJson(result)
//   const findings = networkDiagnostics(graph, facilities, { now: new Date() });
export { DEFAULT_CELL_SIZE_METERS, hexGridOver, toLngLat, type HexCell, type HexGrid } from './hex-grid.ts';
export {
  COVERAGE_CATEGORIES, COVERAGE_STAGES, computeCoverage, coverageCellsGeoJson, validateCoverageRequest,
  type CoverageArea, type CoverageCategory, type CoverageCell, type CoverageFacilityCounts, type CoverageProgress, type CoverageRequest, type CoverageStage, type CoverageResult, type CoverageRow,
} from './service-area.ts';
export { DIAGNOSTIC_CODES, countDiagnostics, networkDiagnostics, type DiagnosticCode, type DiagnosticsOptions, type NetworkDiagnostic } from './diagnostics.ts';
export { COVERAGE_CSV_COLUMNS, coverageAreasFromBoundary, coverageTableCsv } from './export.ts';
