// Builds a district's derived search file, data/<district>/search.json: the pinyin of every
// Chinese name and address (see data/README.md, "search.json"). This runs in Node at data build
// time, so the browser never loads a pinyin library.
//
//   npx tsx scripts/search-data.ts data/sample      writes data/sample/search.json
//
// Polyphones: each whole name or address goes to pinyin-pro in one call, whose word dictionary
// picks the reading from the neighbouring characters (银行 yin hang, 行进盲道 xing jin, 长乐路
// chang le, 重庆 chong qing). A reading it gets wrong stays wrong here; the Chinese text itself
// still matches, so such a name is only harder to find by pinyin.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { readDistrictForSearch } from '../bin/district-folder.ts';
import type { Facility, Place } from '../src/domain/facilities/model.ts';
import type { DataProblem } from '../src/domain/facilities/parse.ts';
import { foldText, latinWords } from '../src/domain/search/normalize.ts';
import { SEARCH_DATA_FILE, SEARCH_DATA_VERSION, type SearchData, type SearchDataEntry } from '../src/domain/search/search-data.ts';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';

const HAN = /\p{Script=Han}/u;

export interface ChinesePinyin {
  /** Syllables separated by spaces: "nan jing dong lu 433 hao". */
  pinyin: string;
  /** "njdl433h". */
  initials: string;
  /** Each Chinese character with the syllable it is read as here. */
  readings: { character: string; syllable: string }[];
}

/**
 * Toneless pinyin of a Chinese text, ü written v. Runs of digits or Latin letters inside it are
 * kept as folded words ("示例站 2号口" → "shi li zhan 2 hao kou", "ATM机" → "atm ji") and count as one
 * initial each; punctuation is dropped. Null for a text without Chinese characters.
 */
export function chinesePinyin(text: string): ChinesePinyin | null {
  if (!HAN.test(text)) return null;
  const syllables: string[] = [];
  const initials: string[] = [];
  const readings: ChinesePinyin['readings'] = [];
  for (const item of pinyin(text, { toneType: 'none', type: 'all', v: true, nonZh: 'consecutive' })) {
    const reading = foldText(item.pinyin);
    if (item.isZh && /^[a-z]+$/.test(reading)) {
      syllables.push(reading);
      initials.push(reading[0] ?? '');
      readings.push({ character: item.origin, syllable: reading });
      continue;
    }
    for (const word of foldText(item.origin).match(/[a-z]+|[0-9]+/g) ?? []) {
      syllables.push(word);
      initials.push(word);
    }
  }
  return syllables.length === 0 ? null : { pinyin: syllables.join(' '), initials: initials.join(''), readings };
}

/** How many features use each English word (letters only) in their name or address, words in order. */
export function englishWordCounts(features: readonly { nameEn: string | null; addressEn: string | null }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) {
    const words = new Set([...latinWords(feature.nameEn ?? ''), ...latinWords(feature.addressEn ?? '')].filter((word) => /^\p{L}+$/u.test(word)));
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return Object.fromEntries([...counts.entries()].sort(([first], [second]) => (first < second ? -1 : 1)));
}

/** The search file for a district's facilities and places, entries in the order given. */
export function buildSearchData(facilities: readonly Facility[], places: readonly Place[]): SearchData {
  const entries: Record<string, SearchDataEntry> = {};
  const charactersBySyllable = new Map<string, Set<string>>();
  const read = (text: string | null): ChinesePinyin | null => {
    const result = text === null ? null : chinesePinyin(text);
    for (const { character, syllable } of result?.readings ?? []) {
      const characters = charactersBySyllable.get(syllable) ?? new Set<string>();
      characters.add(character);
      charactersBySyllable.set(syllable, characters);
    }
    return result;
  };
  for (const feature of [...facilities, ...places]) {
    const name = read(feature.nameZh);
    const address = read(feature.addressZh);
    if (name === null && address === null) continue;
    entries[feature.id] = {
      namePinyin: name?.pinyin ?? null,
      nameInitials: name?.initials ?? null,
      addressPinyin: address?.pinyin ?? null,
      addressInitials: address?.initials ?? null,
    };
  }
  const characters = Object.fromEntries([...charactersBySyllable.entries()]
    .sort(([first], [second]) => (first < second ? -1 : 1))
    .map(([syllable, set]) => [syllable, [...set].sort().join('')]));
  return { version: SEARCH_DATA_VERSION, characters, words: englishWordCounts([...facilities, ...places]), entries };
}

/** Computes and writes `<directory>/search.json`; returns its path and entry count. */
export function writeSearchData(directory: string): { path: string; entryCount: number; problems: DataProblem[] } {
  const district = readDistrictForSearch(directory);
  const data = buildSearchData(district.facilities, district.places);
  const path = join(directory, SEARCH_DATA_FILE);
  writeFileSync(path, formatJsonFile(data), 'utf8');
  return { path, entryCount: Object.keys(data.entries).length, problems: district.problems };
}

function main(argumentsGiven: readonly string[]): number {
  const directories = argumentsGiven.filter((argument) => !argument.startsWith('-'));
  if (directories.length === 0 || argumentsGiven.some((argument) => argument.startsWith('-'))) {
    console.error('Usage: tsx scripts/search-data.ts <district folder>...   (writes <folder>/search.json)');
    return 2;
  }
  for (const directory of directories) {
    try {
      const written = writeSearchData(resolve(directory));
      const errors = written.problems.filter((problem) => problem.severity === 'error').length;
      console.log(`Wrote ${written.path}: ${written.entryCount} entries${errors > 0 ? ` (${errors} features left out by the parser)` : ''}`);
    } catch (error) {
      console.error(`search-data: ${(error as Error).message}`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
