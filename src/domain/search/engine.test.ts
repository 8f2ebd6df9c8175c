import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, LAYER_FILES } from '../facilities/model.ts';
import { parseFacilityLayer, parsePlacesLayer } from '../facilities/parse.ts';
import { distanceMeters } from '../geo/index.ts';
import { generateSampleDistrict } from '../sample/generate-sample-district.ts';
import { buildSearchDocuments, type SearchDocument } from './documents.ts';
import { createSearchIndex } from './engine.ts';
import { pinyinCharacterTable } from './pinyin.ts';
import { FIXTURE_DOCUMENTS, QUERY_SUITE } from './query-suite.ts';

// The fixture around East Nanjing Road, plus the fictional sample district by name only (its
// pinyin is tested in scripts/search-data.test.ts, where pinyin-pro computes it).
const sampleFiles = generateSampleDistrict();
const sampleDocuments = buildSearchDocuments(
  FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], sampleFiles[LAYER_FILES[category]]).items),
  parsePlacesLayer(LAYER_FILES.places, sampleFiles[LAYER_FILES.places]).items,
  null,
);
const documents: SearchDocument[] = [...FIXTURE_DOCUMENTS, ...sampleDocuments];
const index = createSearchIndex(documents);
const TARGET = 'fixture:toilet:nanjing-east-433';
const PEOPLES_SQUARE: [number, number] = [121.4737, 31.2317];

const topIds = (query: string, origin: [number, number] | null = null): string[] => index.search(query, { limit: 10, origin }).map((result) => result.document.id);

describe('the query suite (src/domain/search/query-suite.ts)', () => {
  it.each(QUERY_SUITE.map((item) => [item.query, item.expectedId, item] as const))('finds %s → %s in the top 10', (_query, expectedId, item) => {
    expect(topIds(item.query, item.origin ?? null)).toContain(expectedId);
  });

  it('has at least 30 queries of every kind, and precision at 10 of at least 0.9', () => {
    expect(QUERY_SUITE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(QUERY_SUITE.map((item) => item.kind))).toEqual(new Set(['chinese', 'pinyin', 'initials', 'english', 'typo', 'mixed', 'category']));
    const found = QUERY_SUITE.filter((item) => topIds(item.query, item.origin ?? null).includes(item.expectedId)).length;
    expect(found / QUERY_SUITE.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the four queries of the issue', () => {
  it.each(['南京东路卫生间', 'nanjingdonglu weishengjian', 'njdl wsj', 'nanjng east rd toilet'])('put 南京东路433号无障碍卫生间 first for %s', (query) => {
    expect(topIds(query)[0]).toBe(TARGET);
  });

  it('say which field carried the match: the Chinese name, its pinyin, its initials', () => {
    expect(index.search('南京东路433号')[0]?.matchedField).toBe('nameZh');
    expect(index.search('nanjingdonglu433hao')[0]?.matchedField).toBe('namePinyin');
    expect(index.search('njdl wsj')[0]?.matchedField).toBe('nameInitials');
  });
});

describe('queries that find nothing', () => {
  it.each(['', '   ', '\t\n', 'zzzzqqq', '！！！', 'qwxz qwxz'])('give an empty list, not an error, for %j', (query) => {
    expect(index.search(query)).toEqual([]);
  });

  it('give an empty list when one word of several matches nothing', () => {
    expect(topIds('南京东路 zzzzqqq')).toEqual([]);
  });
});

describe('category words alone', () => {
  it.each([
    ['toilet', 'toilet'], ['WC', 'toilet'], ['无障碍厕所', 'toilet'], ['cesuo', 'toilet'], ['ce suo', 'toilet'], ['toliet', 'toilet'],
    ['电梯', 'elevator'], ['lift', 'elevator'], ['升降平台', 'elevator'], ['坡道', 'ramp'], ['kerb ramp', 'ramp'], ['盲道', 'tactile_paving'],
  ])('%s gives only the %s category, nearest first from the origin', (query, category) => {
    const results = index.search(query, { limit: 10, origin: PEOPLES_SQUARE });
    const members = documents.filter((document) => document.category === category);
    expect(results.length).toBe(Math.min(10, members.length));
    expect(results.every((result) => result.document.category === category)).toBe(true);
    const distances = results.map((result) => result.distanceMeters ?? NaN);
    expect(distances).toEqual([...distances].sort((first, second) => first - second));
    const nearest = Math.min(...members.map((document) => distanceMeters(PEOPLES_SQUARE, document.location)));
    expect(distances[0]).toBeCloseTo(nearest, 6);
  });

  it('follows the origin: standing by another toilet puts that one first', () => {
    const bund: [number, number] = [121.4906, 31.2402];
    expect(topIds('toilet', bund)[0]).toBe('fixture:toilet:bund-tunnel');
    expect(topIds('toilet', PEOPLES_SQUARE)[0]).toBe('fixture:toilet:peoples-square');
  });
});

describe('ranking', () => {
  it('breaks equal scores by id when there is no origin, whatever the order of the documents', () => {
    const ids = topIds('toilet');
    expect(ids).toEqual([...ids].sort());
    const reversed = createSearchIndex([...documents].reverse());
    expect(reversed.search('accessible toilet', { limit: 10 }).map((result) => result.document.id)).toEqual(topIds('accessible toilet'));
  });

  it('puts the place named exactly by the query before the facilities whose names only begin with it', () => {
    expect(topIds('南京东路')[0]).toBe('fixture:place:nanjing-east-road');
    expect(topIds('east nanjing road')[0]).toBe('fixture:place:nanjing-east-road');
  });

  it('keeps to the categories asked for and to the limit', () => {
    const toilets = index.search('南京东路', { categories: ['toilet'], limit: 3 });
    expect(toilets.map((result) => result.document.category)).toEqual(['toilet', 'toilet']);
    expect(index.search('road', { limit: 4 })).toHaveLength(4);
    expect(index.search('road', { limit: 0 })).toEqual([]);
  });
});

describe('typing errors', () => {
  it('mends one error in a word of four to seven letters and two from eight', () => {
    expect(topIds('hauihai lift')).toContain('fixture:elevator:huaihai-footbridge');
    expect(topIds('acessible tolet')).toContain(TARGET);
  });

  it('does not mend more errors than the length allows', () => {
    expect(topIds('hauihia lift')).not.toContain('fixture:elevator:huaihai-footbridge');
    expect(topIds('rmap')).toContain('fixture:ramp:shanghai-library');
    expect(topIds('rmp')).not.toContain('fixture:ramp:shanghai-library');
  });

  it('reads abbreviations both ways and single letters as compass points', () => {
    expect(topIds('changle rd')).toContain('fixture:place:changle-road');
    expect(topIds('nanjing e road')[0]).toBe('fixture:place:nanjing-east-road');
  });
});

describe('the sample district, by name alone', () => {
  it.each([
    ['梧桐公园卫生间', 'sample:toilet:0001'], ['华辰广场电梯', 'sample:elevator:0006'], ['mingde library platform lift', 'sample:elevator:0005'],
    ['yulan park wc', 'sample:toilet:0003'], ['示例站2号口', 'sample:place:0017'], ['Jiahe Road', 'sample:place:0011'],
  ])('%s finds %s', (query, expectedId) => {
    expect(topIds(query).slice(0, 3)).toContain(expectedId);
  });
});

describe('pinyin is an enhancement', () => {
  const withoutPinyin = createSearchIndex(FIXTURE_DOCUMENTS.map((document) => ({ ...document, namePinyin: null, nameInitials: null, addressPinyin: null, addressInitials: null })));

  it('still finds a facility by its Chinese and English names without search.json', () => {
    expect(withoutPinyin.search('南京东路卫生间')[0]?.document.id).toBe(TARGET);
    expect(withoutPinyin.search('nanjng east rd toilet')[0]?.document.id).toBe(TARGET);
  });

  it('cannot find it by pinyin initials then', () => {
    expect(withoutPinyin.search('njdl wsj').map((result) => result.document.id)).not.toContain(TARGET);
  });

  it('gives the same answers with the character table of search.json as with one derived from the documents', () => {
    const characters = pinyinCharacterTable(FIXTURE_DOCUMENTS.flatMap((document) => [
      { text: document.nameZh, syllables: document.namePinyin }, { text: document.addressZh, syllables: document.addressPinyin },
    ]));
    expect(characters.jing).toContain('京');
    const derived = createSearchIndex(FIXTURE_DOCUMENTS);
    const given = createSearchIndex(FIXTURE_DOCUMENTS, { pinyinCharacters: characters });
    for (const query of ['nanjingdonglu', 'nanjingxilu dianti', 'renminguangchang', 'gongshangyinhang']) {
      const expected = derived.search(query).map((result) => result.document.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(given.search(query).map((result) => result.document.id)).toEqual(expected);
    }
  });
});
