// bfmap search --data <district folder> "<query>" [--limit N] [--near <longitude,latitude>]
//
// Searches a district folder the way the app does (src/domain/search) and prints the best
// results as JSON lines: {"id", "category", "name", "score"}. Pinyin comes from the folder's
// search.json; without one it is computed on the spot with pinyin-pro, which is slower.
import { resolve } from 'node:path';
import type { LngLat } from '../../src/domain/facilities/model.ts';
import { buildSearchDocuments } from '../../src/domain/search/documents.ts';
import { createSearchIndex, DEFAULT_RESULT_LIMIT } from '../../src/domain/search/engine.ts';
import type { SearchData } from '../../src/domain/search/search-data.ts';
import { parseArguments } from '../arguments.ts';
import { DistrictFolderError, assertDistrictFolder, readDistrictCenter, readDistrictForSearch, readSearchData } from '../district-folder.ts';
import { type Command, reportUsageError } from './command.ts';

const MAXIMUM_LIMIT = 1000;

const USAGE = `Usage: bfmap search --data <district folder> "<query>" [--limit N] [--near <longitude,latitude>]

Searches the facilities and places of a district folder (names, addresses, pinyin, initials,
English with typos, category words) and prints the best results as JSON lines:
  {"id": "...", "category": "...", "name": "...", "score": 0.95}

Options:
  --data <folder>        district folder, e.g. data/sample (required)
  --limit <N>            how many results at most, 1 to ${MAXIMUM_LIMIT} (default ${DEFAULT_RESULT_LIMIT})
  --near <lng,lat>       where distances are measured from, for category queries such as "电梯"
                         and for equal scores (default: the district's map centre)
  --help                 this text`;

function parseNear(text: string): LngLat | null {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [longitude, latitude] = parts;
  if (parts.length !== 2 || longitude === undefined || latitude === undefined) return null;
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'search a district folder and print the top results as JSON lines',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [
      { name: 'data', takesValue: true }, { name: 'limit', takesValue: true }, { name: 'near', takesValue: true },
    ]);
    const usageError = (message: string): number => reportUsageError(output, 'search', message);
    if (!parsed.ok) return usageError(parsed.error);
    const data = parsed.options.get('data');
    if (typeof data !== 'string') return usageError('--data <district folder> is required');
    const query = parsed.positionals.join(' ');
    if (query.trim() === '') return usageError('a query is required, e.g. bfmap search --data data/sample "电梯"');
    const limitText = parsed.options.get('limit');
    const limit = typeof limitText === 'string' ? Number(limitText) : DEFAULT_RESULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAXIMUM_LIMIT) return usageError(`--limit must be a whole number from 1 to ${MAXIMUM_LIMIT}, not ${String(limitText)}`);
    const nearText = parsed.options.get('near');
    const near = typeof nearText === 'string' ? parseNear(nearText) : null;
    if (typeof nearText === 'string' && near === null) return usageError(`--near must be <longitude,latitude> in degrees, e.g. 121.47,31.23, not ${nearText}`);

    const directory = resolve(data);
    try {
      assertDistrictFolder(directory);
      const district = readDistrictForSearch(directory);
      const leftOut = district.problems.filter((problem) => problem.severity === 'error').length;
      if (leftOut > 0) output.error(`bfmap search: ${leftOut} data problems in ${data}; the features concerned are left out`);
      const stored = readSearchData(directory);
      if (stored.problem !== null) output.error(`bfmap search: search.json ignored: ${stored.problem}`);
      let searchData: SearchData | null = stored.data;
      if (searchData === null) {
        output.error(`bfmap search: ${data} has no usable search.json; computing pinyin now`);
        const { buildSearchData } = await import('../../scripts/search-data.ts');
        searchData = buildSearchData(district.facilities, district.places);
      }
      const index = createSearchIndex(buildSearchDocuments(district.facilities, district.places, searchData), {
        pinyinCharacters: searchData.characters,
        englishWords: searchData.words,
      });
      const results = index.search(query, { limit, origin: near ?? readDistrictCenter(directory) });
      if (results.length === 0) output.error(`bfmap search: no results for ${JSON.stringify(query)}`);
      for (const result of results) {
        const { document } = result;
        output.out(JSON.stringify({ id: document.id, category: document.category, name: document.nameZh ?? document.nameEn ?? document.id, score: result.score }));
      }
      return 0;
    } catch (error) {
      if (error instanceof DistrictFolderError) {
        output.error(`bfmap search: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
