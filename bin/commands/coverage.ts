// bfmap coverage --data <dir> --category toilets|elevators|ramps --within <m> --profile <profile> [--working-only] [--geojson <out>]
//
// Coverage of a district by one kind of facility (src/domain/coverage): the share of hex cells
// and of network length within the distance along the footway network for the profile, beside
// the share straight-line circles would claim, per street and per boundary area, worst first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBoundaryLayer, parseJsonText } from '../../src/domain/facilities/parse.ts';
import {
  computeCoverage, countDiagnostics, coverageAreasFromBoundary, coverageCellsGeoJson, networkDiagnostics, DEFAULT_CELL_SIZE_METERS,
  type CoverageArea, type CoverageCategory, type CoverageRow,
} from '../../src/domain/coverage/index.ts';
import { PROFILE_NAMES, isProfileName } from '../../src/domain/routing/index.ts';
import { RoutingDataError, loadDistrictRoutingData } from '../../scripts/routing-graph.ts';
import { parseArguments } from '../arguments.ts';
import { reportUsageError, type Command } from './command.ts';

const CATEGORY_WORDS: Readonly<Record<string, CoverageCategory>> = {
  toilets: 'toilet', toilet: 'toilet', elevators: 'elevator', elevator: 'elevator', ramps: 'ramp', ramp: 'ramp',
};

const USAGE = `Usage: bfmap coverage --data <district folder> --category toilets|elevators|ramps --within <metres> --profile <profile> [--working-only] [--geojson <file>] [--cell-size <metres>] [--diagnostics]

Prints, as JSON, how much of a district lies within <metres> of a facility along the footway
network for a mobility profile (share_network), beside what straight-line circles would claim
(share_straight_line), with the share of network length covered, the facilities counted, and one
row per street and per boundary area (boundary.geojson), worst covered first.

"Within D metres" is a cost along the network of at most D metres walked at the profile's pace,
with the profile's penalties (slopes, unknown data, crossings) counted as extra metres; the walk
from a cell's centre to the network and from the network to the facility counts too.

Options:
  --data <folder>        district folder, e.g. data/sample (required)
  --category <kind>      toilets | elevators | ramps (required)
  --within <metres>      the distance, e.g. 300 (required)
  --profile <profile>    ${PROFILE_NAMES.join(' | ')} (required)
  --working-only         leave out facilities out of service (unknown status still counts)
  --geojson <file>       also write the cells (covered flags and costs) as a GeoJSON FeatureCollection
  --cell-size <metres>   hex cell size, centre to centre (default ${DEFAULT_CELL_SIZE_METERS})
  --diagnostics          add the network diagnostics (breaks in the step-free network, tactile
                         paving breaks, facilities unknown or unchecked) to the output
  --help                 this text

Exit status: 0 done; 1 the district folder cannot be read; 2 wrong usage.`;

const round = (value: number | null, decimals: number): number | null => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);

function rowJson(row: CoverageRow): Record<string, unknown> {
  return {
    id: row.id, name_zh: row.nameZh, name_en: row.nameEn, cells: row.cells,
    cells_covered_network: row.cellsCoveredNetwork, cells_covered_straight_line: row.cellsCoveredStraightLine,
    share_network: round(row.shareNetwork, 4), share_straight_line: round(row.shareStraightLine, 4),
    network_length_m: round(row.networkLengthMeters, 1), network_length_covered_m: round(row.networkLengthCoveredMeters, 1),
    share_network_length: round(row.shareNetworkLength, 4), facilities: row.facilities,
  };
}

/** The district's boundary polygons as areas; none when boundary.geojson is missing or unreadable (a warning says so). */
function boundaryAreas(directory: string, warn: (line: string) => void): CoverageArea[] {
  const path = join(directory, 'boundary.geojson');
  if (!existsSync(path)) return [];
  const { json, problem } = parseJsonText('boundary.geojson', readFileSync(path, 'utf8'));
  if (problem !== null) {
    warn(`${path}: ${problem.detail}; no per-area rows`);
    return [];
  }
  return coverageAreasFromBoundary(parseBoundaryLayer('boundary.geojson', json).items);
}

export const coverageCommand: Command = {
  name: 'coverage',
  summary: 'Share of a district within a walking distance of toilets, elevators or ramps, per profile',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [
      { name: 'data', takesValue: true }, { name: 'category', takesValue: true }, { name: 'within', takesValue: true },
      { name: 'profile', takesValue: true }, { name: 'working-only', takesValue: false }, { name: 'geojson', takesValue: true },
      { name: 'cell-size', takesValue: true }, { name: 'diagnostics', takesValue: false },
    ]);
    const usage = (message: string): 2 => reportUsageError(output, 'coverage', message);
    if (!parsed.ok) return usage(parsed.error);
    if (parsed.positionals.length > 0) return usage(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
    const data = parsed.options.get('data');
    if (typeof data !== 'string') return usage('--data <district folder> is required');
    const categoryText = parsed.options.get('category');
    if (typeof categoryText !== 'string') return usage('--category is required: toilets, elevators or ramps');
    const category = CATEGORY_WORDS[categoryText];
    if (category === undefined) return usage(`--category must be toilets, elevators or ramps, not ${JSON.stringify(categoryText)}`);
    const withinText = parsed.options.get('within');
    if (typeof withinText !== 'string') return usage('--within <metres> is required');
    const withinMeters = Number(withinText);
    if (!(withinMeters > 0) || !Number.isFinite(withinMeters)) return usage(`--within must be a positive number of metres, not ${JSON.stringify(withinText)}`);
    const profileName = parsed.options.get('profile');
    if (typeof profileName !== 'string') return usage(`--profile is required: ${PROFILE_NAMES.join(', ')}`);
    if (!isProfileName(profileName)) return usage(`--profile must be one of ${PROFILE_NAMES.join(', ')}, not ${JSON.stringify(profileName)}`);
    const cellSizeText = parsed.options.get('cell-size');
    const cellSizeMeters = typeof cellSizeText === 'string' ? Number(cellSizeText) : DEFAULT_CELL_SIZE_METERS;
    if (!(cellSizeMeters >= 5) || !Number.isFinite(cellSizeMeters)) return usage(`--cell-size must be a number of metres of at least 5, not ${JSON.stringify(cellSizeText)}`);
    const geojsonPath = parsed.options.get('geojson');
    if (geojsonPath === true) return usage('--geojson needs a file name');

    const directory = resolve(data);
    let routing;
    try {
      routing = loadDistrictRoutingData(directory);
    } catch (error) {
      if (error instanceof RoutingDataError) {
        output.error(`bfmap coverage: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const leftOut = routing.problems.filter((problem) => problem.severity === 'error').length;
    if (leftOut > 0) output.error(`bfmap coverage: ${leftOut} data problems in ${data}; the features concerned are left out`);

    const startedAt = performance.now();
    const result = computeCoverage(routing.graph, routing.facilities, {
      category, profile: profileName, withinMeters, workingOnly: parsed.options.has('working-only'), cellSizeMeters,
      areas: boundaryAreas(directory, (line) => output.error(`bfmap coverage: ${line}`)),
    });
    const elapsedMilliseconds = performance.now() - startedAt;
    if (typeof geojsonPath === 'string') {
      writeFileSync(resolve(geojsonPath), `${JSON.stringify(coverageCellsGeoJson(result))}\n`);
    }
    const diagnostics = parsed.options.has('diagnostics') ? networkDiagnostics(routing.graph, routing.facilities, { now: new Date() }) : null;
    const summary = {
      category: categoryText.endsWith('s') ? categoryText : `${categoryText}s`,
      profile: profileName,
      within_m: withinMeters,
      working_only: result.workingOnly,
      cell_size_m: result.cellSizeMeters,
      share_network: round(result.shareNetwork, 4),
      share_straight_line: round(result.shareStraightLine, 4),
      share_network_length: round(result.shareNetworkLength, 4),
      cells: { on_network: result.cellsOnNetwork, covered_network: result.cellsCoveredNetwork, covered_straight_line: result.cellsCoveredStraightLine, total: result.cells.length },
      network_length_m: round(result.networkLengthMeters, 1),
      network_length_covered_m: round(result.networkLengthCoveredMeters, 1),
      facilities: {
        in_data: result.facilities.inData, counted: result.facilities.counted, out_of_service_excluded: result.facilities.outOfServiceExcluded,
        unknown_status_counted: result.facilities.unknownStatusCounted, off_network: result.facilities.offNetwork,
      },
      streets: result.streets.map(rowJson),
      areas: result.areas.map(rowJson),
      ...(diagnostics === null ? {} : {
        diagnostics: {
          counts: countDiagnostics(diagnostics),
          findings: diagnostics.map((finding) => ({ code: finding.code, feature_id: finding.featureId, location: finding.location, detail: finding.detail })),
        },
      }),
      elapsed_ms: round(elapsedMilliseconds, 1),
    };
    output.out(JSON.stringify(summary, null, 2));
    return 0;
  },
};
