import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { readDistrictForSearch } from '../bin/district-folder.ts';
import { FACILITY_CATEGORIES, LAYER_FILES } from '../src/domain/facilities/model.ts';
import { parseFacilityLayer, parsePlacesLayer } from '../src/domain/facilities/parse.ts';
import { generateSampleDistrict } from '../src/domain/sample/generate-sample-district.ts';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';
import { CATEGORY_WORDS } from '../src/domain/search/category-words.ts';
import { buildSearchDocuments } from '../src/domain/search/documents.ts';
import { createSearchIndex } from '../src/domain/search/engine.ts';
import { PINYIN_SYLLABLES, pinyinCharacterTable } from '../src/domain/search/pinyin.ts';
import { FIXTURE_DOCUMENTS } from '../src/domain/search/query-suite.ts';
import { buildSearchData, chinesePinyin, englishWordCounts } from './search-data.ts';

const sampleDirectory = resolve(import.meta.dirname, '..', 'data', 'sample');

describe('chinesePinyin', () => {
  it('reads polyphones from their neighbours: 银行 hang, 行进 xing, 长乐 chang, 重庆 chong', () => {
    expect(chinesePinyin('中国工商银行')?.pinyin).toBe('zhong guo gong shang yin hang');
    expect(chinesePinyin('行进盲道')?.pinyin).toBe('xing jin mang dao');
    expect(chinesePinyin('长乐路')?.pinyin).toBe('chang le lu');
    expect(chinesePinyin('重庆南路')?.pinyin).toBe('chong qing nan lu');
  });

  it('keeps digits and letters inside a name as words and drops punctuation', () => {
    expect(chinesePinyin('示例站 2号口')).toMatchObject({ pinyin: 'shi li zhan 2 hao kou', initials: 'slz2hk' });
    expect(chinesePinyin('ATM机（B2层）')).toMatchObject({ pinyin: 'atm ji b 2 ceng', initials: 'atmjb2c' });
    expect(chinesePinyin('绿地')?.pinyin).toBe('lv di');
  });

  it('gives nothing for a text without Chinese', () => {
    expect(chinesePinyin('Sample Station')).toBeNull();
  });
});

const sampleFiles = generateSampleDistrict();
const sampleFacilities = FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], sampleFiles[LAYER_FILES[category]]).items);
const samplePlaces = parsePlacesLayer(LAYER_FILES.places, sampleFiles[LAYER_FILES.places]).items;
const sampleData = buildSearchData(sampleFacilities, samplePlaces);

describe('buildSearchData on the sample district', () => {
  it('has an entry for every feature with a Chinese name', () => {
    const named = [...sampleFacilities, ...samplePlaces].filter((feature) => feature.nameZh !== null);
    expect(Object.keys(sampleData.entries).sort()).toEqual(named.map((feature) => feature.id).sort());
    expect(sampleData.entries['sample:place:0008']).toEqual({ namePinyin: 'chang le lu', nameInitials: 'cll', addressPinyin: null, addressInitials: null });
  });

  it('lists the characters of each syllable as the search core derives them from the same texts', () => {
    const documents = buildSearchDocuments(sampleFacilities, samplePlaces, sampleData);
    expect(pinyinCharacterTable(documents.flatMap((document) => [
      { text: document.nameZh, syllables: document.namePinyin }, { text: document.addressZh, syllables: document.addressPinyin },
    ]))).toEqual(sampleData.characters);
    expect(sampleData.characters.chang).toContain('长');
  });

  it('counts each English word once per feature', () => {
    expect(englishWordCounts([{ nameEn: 'Road Road', addressEn: "People's Road" }, { nameEn: 'Road', addressEn: null }])).toEqual({ peoples: 1, road: 2 });
    expect(sampleData.words.toilet).toBe(sampleFacilities.filter((facility) => /toilet/i.test(facility.nameEn ?? '')).length);
  });

  it.skipIf(!existsSync(resolve(sampleDirectory, 'search.json')))('matches data/sample/search.json (run `npx tsx scripts/search-data.ts data/sample` after changing the sample)', () => {
    const district = readDistrictForSearch(sampleDirectory);
    expect(readFileSync(resolve(sampleDirectory, 'search.json'), 'utf8')).toBe(formatJsonFile(buildSearchData(district.facilities, district.places)));
  });

  it.each([
    ['wutong gongyuan weishengjian', 'sample:toilet:0001'], ['wtgy wsj', 'sample:toilet:0001'], ['huachenguangchang dianti', 'sample:elevator:0006'],
    ['mingdetushuguan', 'sample:place:0021'], ['changlelu', 'sample:place:0008'], ['hpl', 'sample:place:0003'],
  ])('lets the sample district be searched by pinyin: %s finds %s', (query, expectedId) => {
    const index = createSearchIndex(buildSearchDocuments(sampleFacilities, samplePlaces, sampleData), { pinyinCharacters: sampleData.characters, englishWords: sampleData.words });
    expect(index.search(query, { limit: 10 }).map((result) => result.document.id)).toContain(expectedId);
  });
});

describe('pinyin written into the search core by hand', () => {
  it('the category word table says what pinyin-pro says', () => {
    for (const entry of CATEGORY_WORDS) {
      for (const word of entry.chinese) expect(word.pinyin, word.text).toBe(pinyin(word.text, { toneType: 'none', v: true }));
    }
  });

  it('the syllable list is every toneless syllable with a vowel that pinyin-pro gives a CJK Unified Ideograph', () => {
    const syllables = new Set<string>();
    for (let code = 0x4e00; code <= 0x9fff; code += 1) {
      for (const reading of pinyin(String.fromCharCode(code), { toneType: 'none', type: 'array', multiple: true, v: true })) {
        if (/^[a-z]+$/.test(reading) && /[aeiouv]/.test(reading)) syllables.add(reading);
      }
    }
    expect([...syllables].sort()).toEqual(PINYIN_SYLLABLES);
  });

  it('the fixture of the query suite carries the pinyin scripts/search-data.ts would write', () => {
    for (const document of FIXTURE_DOCUMENTS) {
      const name = document.nameZh === null ? null : chinesePinyin(document.nameZh);
      const address = document.addressZh === null ? null : chinesePinyin(document.addressZh);
      expect([document.namePinyin, document.nameInitials, document.addressPinyin, document.addressInitials], document.id)
        .toEqual([name?.pinyin ?? null, name?.initials ?? null, address?.pinyin ?? null, address?.initials ?? null]);
    }
  });
});
