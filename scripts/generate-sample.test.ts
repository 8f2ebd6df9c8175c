import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSampleDistrict } from '../src/domain/sample/generate-sample-district.ts';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';
import { readDistrictForSearch } from '../bin/district-folder.ts';
import { buildSearchData } from './search-data.ts';

const sampleDirectory = resolve(import.meta.dirname, '..', 'data', 'sample');

describe('data/sample', () => {
  it.skipIf(!existsSync(sampleDirectory))('holds exactly what the generator makes today (run `npm run sample` after changing it)', () => {
    const files = generateSampleDistrict();
    expect(readdirSync(sampleDirectory).sort()).toEqual([...Object.keys(files), 'search.json'].sort());
    for (const [fileName, content] of Object.entries(files)) {
      expect(readFileSync(join(sampleDirectory, fileName), 'utf8') === formatJsonFile(content), `${fileName} is stale`).toBe(true);
    }
    const district = readDistrictForSearch(sampleDirectory);
    const searchData = formatJsonFile(buildSearchData(district.facilities, district.places));
    expect(readFileSync(join(sampleDirectory, 'search.json'), 'utf8') === searchData, 'search.json is stale').toBe(true);
  });
});
