// bfmap validate <district folder>
//
// Checks a district folder against the data contract (src/domain/import/validate-district.ts:
// the parsers of every file, plus counts, boundary, bbox, ids across layers, facility_id
// references, joins in the network and search.json) and prints every problem as
//   <file>: <feature id or #index>: error|warning: <problem>
// Exit status 0 when there is no error (warnings are printed but allowed), 1 when there is one.
import { basename, resolve } from 'node:path';
import { formatValidationProblem, validateDistrict } from '../../src/domain/import/validate-district.ts';
import { buildSearchData } from '../../scripts/search-data.ts';
import { parseArguments } from '../arguments.ts';
import { DistrictFolderError, readDistrictFolderTexts } from '../district-folder.ts';
import { type Command, reportUsageError } from './command.ts';

const USAGE = `Usage: bfmap validate <district folder> [--quiet]

Checks a district folder against the data contract (data/README.md) and prints every problem,
one per line:
  <file>: <feature id, #index, manifest field or *>: error|warning: <what is wrong>

Errors: a missing or unreadable file, a feature the app would leave out (bad geometry, a missing
required property, a duplicate id), district.json not matching the files (id, counts, bbox),
a coordinate outside the boundary, an id used in two layers, a facility_id naming nothing.
Warnings: values read as unknown, network ends less than 0.5 m apart that do not share their
coordinate, kerb ramps off the crossing ends, clockwise boundary rings, more than 7 decimals,
a missing or stale search.json.

Options:
  --quiet     print only the summary line
  --help      this text

Exit status: 0 when there is no error (warnings allowed), 1 when there is, 2 for wrong usage.`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a district folder against the data contract; exit 0 only when it is valid',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [{ name: 'quiet', takesValue: false }]);
    const usageError = (message: string): number => reportUsageError(output, 'validate', message);
    if (!parsed.ok) return usageError(parsed.error);
    if (parsed.positionals.length !== 1) return usageError(parsed.positionals.length === 0 ? 'the district folder is required, e.g. bfmap validate data/sample' : 'one district folder at a time');
    const folder = parsed.positionals[0] as string;
    const directory = resolve(folder);
    let files: Record<string, string | null>;
    try {
      files = readDistrictFolderTexts(directory);
    } catch (error) {
      if (error instanceof DistrictFolderError) {
        output.error(`bfmap validate: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const result = validateDistrict({ folderName: basename(directory), files, rebuildSearchData: buildSearchData });
    if (!parsed.options.has('quiet')) for (const problem of result.problems) output.out(formatValidationProblem(problem));
    const counts = `${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}`;
    output.out(result.errorCount === 0 ? `${folder}: valid (${counts})` : `${folder}: INVALID (${counts})`);
    return result.errorCount === 0 ? 0 : 1;
  },
};
