// The search engine, behind this one module so it can be swapped without touching its callers.
//
// CHOSEN BY MEASUREMENT (scripts/bench-search.ts, part of `npm run bench`): the 47 queries of
// query-suite.ts (Chinese, pinyin, initials, English, typos, mixed, category words) over its
// fixture mixed into synthetic Shanghai-style records, on this 2-core machine, Node 20.
// Times in ms; build is the median of 5, p50/p95 over 5 passes of the suite after a warm one;
// P@10 is the share of queries whose expected record is in the top 10.
//
//   engine                                    records   build    p50     p95    P@10
//   this engine (corpus scan)                  10k       9.4     0.30    3.3    1.00
//   uFuzzy 1.0.19, single-error mode           10k      36      6.6–16   20–197  1.00
//   fuse.js 7.5 (24 of the 47 queries)         10k      39       388    1285    0.58
//   this engine (corpus scan)                 100k     140      1.9     7.7    1.00
//   uFuzzy 1.0.19, single-error mode          100k     367      470    1880    1.00
//   fuse.js 7.5 (6 of the 47 queries)         100k     491     2392   13832    0.33
//   first draft: word lists per document      100k    1175      8.2    34.5    1.00
//
// (Two runs; where they differed much both figures are given. Build at 100k ranged 135–155 ms.)
//
// Targets (issue 4): p95 ≤ 15 ms and build ≤ 150 ms at 100k records. Only this engine meets
// both. uFuzzy, given the same query preparation (category words answered alike, Chinese split
// into one term per character, abbreviations expanded), finds the same answers, but tests a
// regular expression against every record's text on every keystroke: 200× slower at 100k.
// fuse.js scores every record with bitap: seconds per query at 100k, and Chinese typed without
// spaces or mixed with English mostly misses. A first draft of this engine that normalised each
// document into word lists when building was precise too, but took 1175 ms to build and 34 ms
// (p95) to answer at 100k; the design below came from profiling it.
//
// HOW IT WORKS
// - Build: the Chinese, English and initials texts of all documents go into three strings
//   (corpus.ts), folded in one pass each (NFKC, lower case, no punctuation in the Chinese), with
//   how often each Chinese character occurs. Nothing per word, nothing per document beyond that.
// - Query: tokenizeQuery splits the query into Han, letter and number terms (normalize.ts). A
//   query that is only a category word ("toilet", "电梯", "cesuo") lists that category nearest
//   first. Otherwise every term must match (AND), each in any of its readings:
//   · Han: a substring, or the characters in order (南京东路卫生间 in 南京东路433号无障碍卫生间), or a
//     category word plus the rest (南京东路厕所);
//   · letters: the start of an English word or a whole abbreviation (rd ↔ road, e → east), pinyin
//     with or without spaces from a syllable start, pinyin initials, a category word; a word
//     found nowhere is mended within one edit (4–7 letters) or two (8+) against the district's
//     English words and the pinyin syllables (pinyin.ts);
//   · digits: a whole number in a name or address.
// - Candidates: each term names needles that every document it matches must contain (its
//   rarest character; its English words; for pinyin, the Chinese characters the syllables stand
//   for, from search.json, scanning from the rarer of two neighbours; its initials; its category)
//   with a count estimated before scanning (character counts, the word table, a sampled count of
//   character pairs). The most selective term is listed with indexOf over the corpora, and the
//   next ones narrow it while listing costs less than scoring what they remove.
// - Scores (matching.ts): each term 0–1 by field and kind of match, averaged, plus a bonus for
//   covering more of the name; equal scores go nearest first from the origin, then by id.
import type { LngLat } from '../facilities/model.ts';
import { distanceMeters } from '../geo/index.ts';
import { abbreviationsOf, NOISE_WORDS } from './abbreviations.ts';
import { CATEGORY_FORMS, categoriesNamedBy, type SearchCategory } from './category-words.ts';
import { buildHanCorpus, buildWordsCorpus, joinCorpus, scanCorpus, sliceSlot, type Corpus } from './corpus.ts';
import type { SearchDocument } from './documents.ts';
import {
  CATEGORY_WORD_SCORE, correctionsOf, matchTerm, NO_MATCH,
  type Alternative, type CategoryMatch, type DocumentViews, type HanPlan, type LatinPlan, type MatchedField, type TermMatch, type TermPlan,
} from './matching.ts';
import { allowedTypos, editDistanceWithin, foldText, hanKey, pinyinInitials, tokenizeQuery, type QueryTerm } from './normalize.ts';
import { correctPinyin, PINYIN_SYLLABLES, pinyinCharacterTable, pinyinSegmentations } from './pinyin.ts';

export type { MatchedField } from './matching.ts';

export interface SearchOptions {
  /** How many results at most; DEFAULT_RESULT_LIMIT when not given. */
  limit?: number;
  /** Where distances are measured from (the user, or the map centre); equal scores go nearest first. */
  origin?: LngLat | null;
  /** Only documents of these categories; all when not given or empty. */
  categories?: readonly SearchCategory[] | null;
}

export interface SearchResult {
  document: SearchDocument;
  /** Higher is better, at most 1.1; comparable within one query only. */
  score: number;
  /** The field that carried the match, for a result list to say or highlight. */
  matchedField: MatchedField;
  /** Great-circle distance from the origin, when one was given. */
  distanceMeters: number | null;
}

export interface SearchIndex {
  readonly size: number;
  /**
   * The best matches for `query`, best first; equal scores go nearest first from `origin`, then
   * by id, so the same query always gives the same list. A query that is only a category word
   * ("toilet", "电梯", "cesuo") gives that category nearest first. An empty, blank or unmatched
   * query gives an empty list, never an error.
   */
  search(query: string, options?: SearchOptions): SearchResult[];
}

/** The derived tables of the district's search.json (SearchData.characters and .words). */
export interface SearchIndexOptions {
  /** Syllable → the characters read that way in the district. Derived from the documents when missing. */
  pinyinCharacters?: Readonly<Record<string, string>> | null;
  /** English word → number of features using it. Derived from the documents when missing. */
  englishWords?: Readonly<Record<string, number>> | null;
}

export const DEFAULT_RESULT_LIMIT = 10;

/** Narrowing stops once this few candidates are left: scoring them costs less than another scan. */
const FEW_CANDIDATES = 300;
/** Listing a document costs about a tenth of scoring one: narrow by a term only when that pays. */
const LIST_TO_SCORE_COST = 10;

interface ScanSource {
  corpus: 'han' | 'english' | 'initials';
  needle: string;
  /** Where in the needle the scan starts: at its rarest character. */
  anchor: number;
  /** Only documents of this category count. */
  category: number | null;
  /** Documents it is expected to yield, known before scanning. */
  estimate: number;
}

/** Where the documents a term can match are found: needles to scan, and lists known already. */
interface TermSources {
  scans: ScanSource[];
  lists: Int32Array[];
  estimate: number;
}

interface Ranked {
  index: number;
  score: number;
  field: MatchedField;
}

/** Letters from least to most common in English text: a scan from a rare one stops least often. */
const LETTERS_BY_RARITY = 'zqxjkvbpygfwmucldrhsnioate';

/** Where in `word` to start scanning: its rarest letter. */
function rarestLetterAt(word: string): number {
  let anchor = 0;
  for (let position = 1; position < word.length; position += 1) {
    if (LETTERS_BY_RARITY.indexOf(word[position] ?? '') < LETTERS_BY_RARITY.indexOf(word[anchor] ?? '')) anchor = position;
  }
  return anchor;
}

/** Words with a space before and after each, so " word" finds a word's start and " word " a whole word. */
function spacedWords(text: string): string {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  return words.length === 0 ? '' : ` ${words.join(' ')} `;
}

const BIGRAM_SAMPLE_UNITS = 1 << 18;
const BIGRAM_CHUNK_UNITS = 4096;

/**
 * Counts of adjacent pairs of UTF-16 units over evenly spread chunks of `text`, in an
 * open-addressing table (a Map would cost ten times as much), scaled to the whole text. A pair
 * never seen counts as half a sighting: rare, not absent.
 */
function sampleBigrams(text: string): (pair: string) => number {
  const tableSize = 1 << 19;
  const keys = new Uint32Array(tableSize);
  const counts = new Int32Array(tableSize);
  const slotOf = (key: number): number => {
    let slot = Math.imul(key, 0x9e3779b1) >>> 13;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & (tableSize - 1);
    return slot;
  };
  const chunkCount = Math.ceil(text.length / BIGRAM_CHUNK_UNITS);
  const every = Math.max(1, Math.ceil(text.length / BIGRAM_SAMPLE_UNITS));
  let sampled = 0;
  let distinct = 0;
  for (let chunk = 0; chunk < chunkCount && distinct < tableSize / 2; chunk += every) {
    const end = Math.min(text.length, (chunk + 1) * BIGRAM_CHUNK_UNITS);
    for (let position = chunk * BIGRAM_CHUNK_UNITS + 1; position < end; position += 1) {
      const key = ((text.charCodeAt(position - 1) << 16) | text.charCodeAt(position)) >>> 0;
      const slot = slotOf(key);
      if (keys[slot] === 0) distinct += 1;
      keys[slot] = key;
      counts[slot] = (counts[slot] ?? 0) + 1;
      sampled += 1;
    }
  }
  const scale = sampled === 0 ? 1 : text.length / sampled;
  return (pair) => {
    const key = ((pair.charCodeAt(0) << 16) | pair.charCodeAt(1)) >>> 0;
    const slot = slotOf(key);
    return ((keys[slot] === key ? (counts[slot] ?? 0) : 0) + 0.5) * scale;
  };
}

/** Sorted words with running totals of their counts, for the count of all words with a prefix. */
interface Vocabulary {
  words: string[];
  /** totals[i] is the sum of the counts of words[0..i). */
  totals: Float64Array;
}

function buildVocabulary(counts: ReadonlyMap<string, number>): Vocabulary {
  const words = [...counts.keys()].sort();
  const totals = new Float64Array(words.length + 1);
  words.forEach((word, index) => {
    totals[index + 1] = (totals[index] ?? 0) + (counts.get(word) ?? 0);
  });
  return { words, totals };
}

function lowerBound(words: readonly string[], text: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((words[middle] ?? '') < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many uses the words starting with `prefix` (or, for a whole word, that word) have together. */
function vocabularyCount(vocabulary: Vocabulary, text: string, wholeWord: boolean): number {
  const start = lowerBound(vocabulary.words, text);
  const end = wholeWord ? (vocabulary.words[start] === text ? start + 1 : start) : lowerBound(vocabulary.words, `${text}\uffff`);
  return (vocabulary.totals[end] ?? 0) - (vocabulary.totals[start] ?? 0);
}

export function createSearchIndex(documents: readonly SearchDocument[], options: SearchIndexOptions = {}): SearchIndex {
  const size = documents.length;

  // --- build: folded corpora, character counts, categories, locations --------------------------
  // One pass over the documents: their texts by kind, category numbers, locations.
  const hanSlots = new Array<string>(size * 2);
  const englishSlots = new Array<string>(size * 2);
  const initialsSlots = new Array<string>(size * 2);
  const categoryOf = new Int32Array(size);
  const longitudes = new Float64Array(size);
  const latitudes = new Float64Array(size);
  const categoryNumber = new Map<SearchCategory, number>();
  let previousCategory: SearchCategory | null = null;
  let previousNumber = 0;
  for (let index = 0; index < size; index += 1) {
    const document = documents[index] as SearchDocument;
    hanSlots[2 * index] = document.nameZh ?? '';
    hanSlots[2 * index + 1] = document.addressZh ?? '';
    englishSlots[2 * index] = document.nameEn ?? '';
    englishSlots[2 * index + 1] = document.addressEn ?? '';
    // Initials come folded from the data build; derived from the syllables where a file lacks them.
    initialsSlots[2 * index] = document.nameInitials ?? (document.namePinyin ? pinyinInitials(document.namePinyin) : '');
    initialsSlots[2 * index + 1] = document.addressInitials ?? (document.addressPinyin ? pinyinInitials(document.addressPinyin) : '');
    // Documents come grouped by layer, so the category is mostly the previous one.
    if (document.category !== previousCategory) {
      previousCategory = document.category;
      previousNumber = categoryNumber.get(document.category) ?? categoryNumber.size;
      categoryNumber.set(document.category, previousNumber);
    }
    categoryOf[index] = previousNumber;
    longitudes[index] = document.location[0];
    latitudes[index] = document.location[1];
  }
  // How often each UTF-16 unit occurs in the Chinese texts: it tells how many documents a
  // character needle brings, and which character of a term is the cheapest to scan for.
  const characterCounts = new Int32Array(65536);
  const hanCorpus = buildHanCorpus(hanSlots, characterCounts);
  const englishCorpus = buildWordsCorpus(englishSlots);
  const initialsCorpus = joinCorpus(initialsSlots);
  const corpora: Record<ScanSource['corpus'], Corpus> = { han: hanCorpus, english: englishCorpus, initials: initialsCorpus };
  const countOf = (character: string): number => characterCounts[character.charCodeAt(0)] ?? 0;

  const memberCounts = new Int32Array(categoryNumber.size);
  for (let index = 0; index < size; index += 1) {
    const category = categoryOf[index] as number;
    memberCounts[category] = (memberCounts[category] ?? 0) + 1;
  }
  const members = Array.from(memberCounts, (count) => new Int32Array(count));
  const filled = new Int32Array(categoryNumber.size);
  for (let index = 0; index < size; index += 1) {
    const category = categoryOf[index] as number;
    (members[category] as Int32Array)[filled[category] ?? 0] = index;
    filled[category] = (filled[category] ?? 0) + 1;
  }

  // --- derived tables: from search.json, or made from the documents when first needed -----------
  let characterTable: Readonly<Record<string, string>> | null = options.pinyinCharacters ?? null;
  const charactersOf = (syllable: string): string => {
    characterTable ??= pinyinCharacterTable(documents.flatMap((document) => [
      { text: document.nameZh, syllables: document.namePinyin }, { text: document.addressZh, syllables: document.addressPinyin },
    ]));
    return characterTable[syllable] ?? '';
  };
  let vocabulary: Vocabulary | null = options.englishWords ? buildVocabulary(new Map(Object.entries(options.englishWords))) : null;
  const englishVocabulary = (): Vocabulary => {
    if (vocabulary === null) {
      // Occurrences rather than documents: an upper bound is all an estimate needs.
      const counts = new Map<string, number>();
      for (const word of englishCorpus.text.split(/[^\p{L}]+/u)) if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
      vocabulary = buildVocabulary(counts);
    }
    return vocabulary;
  };

  // --- per-document views, made when a document is first a candidate ---------------------------
  const cached = (make: (index: number) => string): ((index: number) => string) => {
    const cache = new Array<string | undefined>(size);
    return (index) => {
      let value = cache[index];
      if (value === undefined) {
        value = make(index);
        cache[index] = value;
      }
      return value;
    };
  };
  const views: DocumentViews = {
    category: (index) => categoryOf[index] ?? -1,
    hanName: (index) => sliceSlot(hanCorpus, 2 * index),
    hanAddress: (index) => sliceSlot(hanCorpus, 2 * index + 1),
    englishName: cached((index) => spacedWords(sliceSlot(englishCorpus, 2 * index))),
    englishAddress: cached((index) => spacedWords(sliceSlot(englishCorpus, 2 * index + 1))),
    pinyinName: cached((index) => (documents[index]?.namePinyin ? ` ${documents[index]?.namePinyin} ` : '')),
    pinyinAddress: cached((index) => (documents[index]?.addressPinyin ? ` ${documents[index]?.addressPinyin} ` : '')),
    initialsName: (index) => initialsSlots[2 * index] ?? '',
    initialsAddress: (index) => initialsSlots[2 * index + 1] ?? '',
  };

  // --- query plans ------------------------------------------------------------------------------
  const categoryMatchesOf = (letters: string): CategoryMatch[] => {
    const matches: CategoryMatch[] = [];
    const typos = allowedTypos(letters.length);
    for (const forms of CATEGORY_FORMS) {
      const category = categoryNumber.get(forms.category);
      if (category === undefined) continue;
      let weight = forms.initials.includes(letters) ? 0.75 : 0;
      for (const word of [...forms.words, ...forms.pinyin]) {
        if (word === letters) weight = Math.max(weight, CATEGORY_WORD_SCORE);
        else if (letters.length >= 3 && word.startsWith(letters)) weight = Math.max(weight, 0.7);
        else if (typos > 0 && editDistanceWithin(letters, word, typos) <= typos) weight = Math.max(weight, 0.65);
      }
      if (weight > 0) matches.push({ category, weight });
    }
    return matches;
  };

  const planLatin = (letters: string): LatinPlan => ({
    kind: 'latin',
    text: letters,
    alternatives: [
      { text: letters, fields: 'all', mode: 'prefix', weight: 1 },
      ...abbreviationsOf(letters).map((expansion): Alternative => ({ text: expansion, fields: 'english', mode: 'word', weight: 0.95 })),
    ],
    categories: categoryMatchesOf(letters),
  });

  /** The plan with typo corrections added: English words of the district, and mended pinyin. */
  const withCorrections = (plan: LatinPlan): LatinPlan => {
    const typos = allowedTypos(plan.text.length);
    const corrections: Alternative[] = correctionsOf(plan.text, englishVocabulary().words, typos, 3)
      .map((correction) => ({ text: correction.text, fields: 'english', mode: 'word', weight: correction.edits === 1 ? 0.8 : 0.7 }));
    for (const pinyin of correctPinyin(plan.text, typos)) corrections.push({ text: pinyin, fields: 'pinyin', mode: 'prefix', weight: 0.75 });
    return { ...plan, alternatives: [...plan.alternatives, ...corrections] };
  };

  const planHan = (text: string): HanPlan => {
    const categoryReadings: HanPlan['categoryReadings'] = [];
    for (const forms of CATEGORY_FORMS) {
      const category = categoryNumber.get(forms.category);
      // Longest word first: "南京东路无障碍厕所" reads as 南京东路 + 无障碍厕所, not 南京东路无障碍 + 厕所.
      const word = category === undefined ? undefined : forms.han.find((candidate) => text.includes(candidate));
      if (category !== undefined && word !== undefined) categoryReadings.push({ category, word, pieces: text.split(word).filter((piece) => piece !== '') });
    }
    return { kind: 'han', text, categoryReadings };
  };

  const planTerms = (terms: readonly QueryTerm[]): TermPlan[] => {
    const plans: TermPlan[] = [];
    terms.forEach((term, position) => {
      if (term.kind === 'latin' && NOISE_WORDS.has(term.text) && terms[position + 1]?.kind === 'number') return;
      if (term.kind === 'han') plans.push(planHan(hanKey(term.text)));
      else if (term.kind === 'latin') plans.push(planLatin(term.text));
      else plans.push({ kind: 'number', text: term.text });
    });
    return plans;
  };

  // --- where a term's documents are ---------------------------------------------------------------
  const rarestCharacter = (text: string): string => {
    let rarest = text[0] ?? '';
    for (const character of text) if (countOf(character) < countOf(rarest)) rarest = character;
    return rarest;
  };

  // How often two characters stand side by side, counted over a sample of the Chinese texts
  // (all of it up to BIGRAM_SAMPLE_UNITS) and scaled up: it orders the terms of a query, never
  // decides a match. Made on the first pinyin query.
  let bigramCounts: ((pair: string) => number) | null = null;
  const pairEstimate = (pair: string): number => {
    bigramCounts ??= sampleBigrams(hanCorpus.text);
    return Math.min(countOf(pair[0] ?? ''), countOf(pair[1] ?? ''), bigramCounts(pair));
  };

  const syllablesStartingWith = (letters: string): string[] => PINYIN_SYLLABLES.filter((syllable) => syllable.startsWith(letters));

  /**
   * Pinyin matches a document only where its Chinese text has, for each syllable, a character
   * read that way (search.json lists them), so Chinese characters are the needles: those of the
   * cheapest pair of neighbouring syllables ("jingdong" → 京东, 景东…) or single syllable. A scan
   * costs a step per occurrence of its needle's first character, and each document it yields
   * about STEPS_PER_DOCUMENT steps more to list and score.
   */
  const STEPS_PER_DOCUMENT = 60;
  const pinyinScans = (syllables: readonly string[], lastUnfinished: boolean): ScanSource[] => {
    const characterSets = syllables.map((syllable, position) => [...new Set(
      (lastUnfinished && position === syllables.length - 1 ? syllablesStartingWith(syllable) : [syllable]).map(charactersOf).join(''),
    )]);
    if (characterSets.some((characters) => characters.length === 0)) return [];
    const costOf = (scans: readonly ScanSource[]): number => scans.reduce((sum, scan) => sum + countOf(scan.needle[scan.anchor] ?? '') + STEPS_PER_DOCUMENT * scan.estimate, 0);
    let best: { scans: ScanSource[]; cost: number } | null = null;
    for (let position = 0; position + 1 < characterSets.length; position += 1) {
      const pairs = (characterSets[position] as string[]).flatMap((first) => (characterSets[position + 1] as string[]).map((second) => first + second));
      if (pairs.length > 16) continue;
      const scans = pairs.map((pair): ScanSource => ({
        corpus: 'han', needle: pair, anchor: countOf(pair[1] ?? '') < countOf(pair[0] ?? '') ? 1 : 0, category: null, estimate: pairEstimate(pair),
      }));
      const cost = costOf(scans);
      if (best === null || cost < best.cost) best = { scans, cost };
    }
    for (const characters of characterSets) {
      const scans = characters.map((character): ScanSource => ({ corpus: 'han', needle: character, anchor: 0, category: null, estimate: countOf(character) }));
      const cost = costOf(scans);
      if (best === null || cost < best.cost) best = { scans, cost };
    }
    return best?.scans ?? [];
  };

  /** Every document the term can match is among these; estimates come from tables, not scans. */
  const sourcesOf = (plan: TermPlan): TermSources => {
    const scans: ScanSource[] = [];
    const lists: Int32Array[] = [];
    if (plan.kind === 'number') {
      const estimate = size / 10 ** (plan.text.length - 1);
      scans.push({ corpus: 'han', needle: plan.text, anchor: 0, category: null, estimate }, { corpus: 'english', needle: plan.text, anchor: 0, category: null, estimate });
    } else if (plan.kind === 'han') {
      const rarest = rarestCharacter(plan.text);
      scans.push({ corpus: 'han', needle: rarest, anchor: 0, category: null, estimate: countOf(rarest) });
      for (const reading of plan.categoryReadings) {
        const rest = reading.pieces.join('');
        if (rest === '') lists.push(members[reading.category] ?? new Int32Array(0));
        else scans.push({ corpus: 'han', needle: rarestCharacter(rest), anchor: 0, category: reading.category, estimate: countOf(rarestCharacter(rest)) });
      }
    } else {
      // Initials have no table to count from: a guess.
      if (plan.text.length >= 2) scans.push({ corpus: 'initials', needle: plan.text, anchor: rarestLetterAt(plan.text), category: null, estimate: Math.max(1, size / 26 ** (plan.text.length - 1)) });
      const seen = new Set<string>();
      for (const alternative of plan.alternatives) {
        if (alternative.fields !== 'pinyin') {
          // Only words the district uses are worth a scan of the English texts.
          const estimate = vocabularyCount(englishVocabulary(), alternative.text, alternative.mode === 'word');
          const needle = alternative.text;
          if (estimate > 0 && !seen.has(`english ${needle}`)) scans.push({ corpus: 'english', needle, anchor: rarestLetterAt(needle), category: null, estimate });
          seen.add(`english ${needle}`);
        }
        // A single letter is the start of too many syllables to mean anything as pinyin.
        if (alternative.fields === 'english' || alternative.text.length < 2) continue;
        // An ambiguous spelling ("jingansi": jing an si, jin gan si) is probed in every reading.
        for (const syllables of pinyinSegmentations(alternative.text, alternative.mode === 'prefix')) {
          for (const scan of pinyinScans(syllables, alternative.mode === 'prefix')) {
            if (!seen.has(`han ${scan.needle}`)) scans.push(scan);
            seen.add(`han ${scan.needle}`);
          }
        }
      }
      for (const match of plan.categories) lists.push(members[match.category] ?? new Int32Array(0));
    }
    const estimate = scans.reduce((sum, scan) => sum + scan.estimate, 0) + lists.reduce((sum, list) => sum + list.length, 0);
    return { scans, lists, estimate };
  };

  let epoch = 0;
  const marks = new Uint32Array(size);

  /** The documents of the sources, each once, in no particular order. */
  const collect = (sources: TermSources): Int32Array => {
    epoch += 1;
    const found: number[] = [];
    for (const list of sources.lists) {
      for (const index of list) {
        if (marks[index] === epoch) continue;
        marks[index] = epoch;
        found.push(index);
      }
    }
    for (const scan of sources.scans) {
      scanCorpus(corpora[scan.corpus], scan.needle, scan.anchor, (slot) => {
        const index = slot >> 1;
        if (marks[index] !== epoch && (scan.category === null || categoryOf[index] === scan.category)) {
          marks[index] = epoch;
          found.push(index);
        }
        return true;
      });
    }
    return Int32Array.from(found);
  };

  const intersect = (first: Int32Array, second: Int32Array): Int32Array => {
    epoch += 1;
    for (const index of first) marks[index] = epoch;
    return second.filter((index) => marks[index] === epoch);
  };

  /**
   * Mends typos, then finds the candidates: all documents of the most selective term, narrowed
   * by the next terms while listing them costs less than scoring what they would remove. Null
   * when some term matches nothing at all, so the query has no results.
   */
  const candidatesFor = (initialPlans: readonly TermPlan[]): { plans: TermPlan[]; candidates: Int32Array } | null => {
    const terms: { plan: TermPlan; sources: TermSources }[] = [];
    for (const initialPlan of initialPlans) {
      let plan = initialPlan;
      let sources = sourcesOf(plan);
      if (plan.kind === 'latin' && sources.scans.every((scan) => scan.corpus === 'initials') && sources.lists.length === 0) {
        // Nothing but initials could match, by the tables: scan the initials, and the English
        // texts in case the word table is older than the layers. If neither holds the word, a
        // word of four letters or more is a typo (or nothing).
        const found = collect({
          scans: [
            { corpus: 'english', needle: plan.text, anchor: rarestLetterAt(plan.text), category: null, estimate: 0 },
            ...(plan.text.length >= 2 ? [{ corpus: 'initials' as const, needle: plan.text, anchor: rarestLetterAt(plan.text), category: null, estimate: 0 }] : []),
          ],
          lists: [],
          estimate: 0,
        });
        sources = { scans: [], lists: [found], estimate: found.length };
        if (found.length === 0 && allowedTypos(plan.text.length) > 0) {
          plan = withCorrections(plan);
          const corrected = sourcesOf(plan);
          sources = { ...corrected, scans: corrected.scans.filter((scan) => scan.corpus !== 'initials') };
        }
      }
      if (sources.estimate === 0) return null;
      terms.push({ plan, sources });
    }
    const ordered = [...terms].sort((first, second) => first.sources.estimate - second.sources.estimate);
    let candidates: Int32Array | null = null;
    for (const { sources } of ordered) {
      if (candidates !== null && (candidates.length <= FEW_CANDIDATES || sources.estimate > LIST_TO_SCORE_COST * candidates.length)) break;
      const listed = collect(sources);
      candidates = candidates === null ? listed : intersect(candidates, listed);
    }
    return { plans: terms.map((term) => term.plan), candidates: candidates ?? new Int32Array(0) };
  };

  // --- scoring and ranking ------------------------------------------------------------------------
  const scoreDocument = (plans: readonly TermPlan[], index: number): { score: number; field: MatchedField } | null => {
    let total = 0;
    let coveredLength = 0;
    let fieldLength = 0;
    let best: TermMatch = NO_MATCH;
    for (const plan of plans) {
      const match = matchTerm(plan, index, views);
      if (match.score === 0) return null;
      total += match.score;
      coveredLength += plan.text.length;
      fieldLength += Math.max(match.fieldLength, plan.text.length);
      if (match.score > best.score) best = match;
    }
    // A small bonus for covering more of the matched text, so the street 南京东路 comes before
    // the many facilities whose names merely begin with it.
    const coverage = fieldLength === 0 ? 0 : coveredLength / fieldLength;
    return { score: Math.round((total / plans.length + 0.1 * coverage) * 10000) / 10000, field: best.field };
  };

  /**
   * The best `limit` entries in one pass, never a sort of every match: higher score first, then
   * nearer to the origin, then lower id. Distances are compared in a local flat projection, which
   * orders like the great-circle distance at district scale and costs a few multiplications; the
   * distances reported are great-circle ones.
   */
  const rank = (entries: readonly Ranked[], limit: number, origin: LngLat | null): SearchResult[] => {
    const scale = origin === null ? 0 : Math.cos((origin[1] * Math.PI) / 180);
    const planarDistance = (index: number): number => {
      if (origin === null) return 0;
      const east = ((longitudes[index] ?? 0) - origin[0]) * scale;
      const north = (latitudes[index] ?? 0) - origin[1];
      return east * east + north * north;
    };
    const before = (first: Ranked, second: Ranked): boolean => {
      if (first.score !== second.score) return first.score > second.score;
      const firstDistance = planarDistance(first.index);
      const secondDistance = planarDistance(second.index);
      if (firstDistance !== secondDistance) return firstDistance < secondDistance;
      return (documents[first.index] as SearchDocument).id < (documents[second.index] as SearchDocument).id;
    };
    const top: Ranked[] = [];
    for (const entry of entries) {
      const last = top[top.length - 1];
      if (top.length === limit && last !== undefined && !before(entry, last)) continue;
      let position = top.length;
      while (position > 0 && before(entry, top[position - 1] as Ranked)) position -= 1;
      top.splice(position, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top.map((entry) => {
      const document = documents[entry.index] as SearchDocument;
      return { document, score: entry.score, matchedField: entry.field, distanceMeters: origin === null ? null : distanceMeters(origin, document.location) };
    });
  };

  const search = (query: string, searchOptions: SearchOptions = {}): SearchResult[] => {
    const limit = Math.max(0, Math.floor(searchOptions.limit ?? DEFAULT_RESULT_LIMIT));
    const origin = searchOptions.origin ?? null;
    const allowed = searchOptions.categories && searchOptions.categories.length > 0
      ? new Set(searchOptions.categories.map((category) => categoryNumber.get(category) ?? -1))
      : null;
    if (limit === 0 || foldText(query).trim() === '') return [];

    const named = categoriesNamedBy(query)
      .map((category) => categoryNumber.get(category) ?? -1)
      .filter((category) => category !== -1 && (allowed === null || allowed.has(category)));
    if (named.length > 0) {
      const entries: Ranked[] = [];
      for (const category of named) for (const index of members[category] ?? []) entries.push({ index, score: 1, field: 'category' });
      return rank(entries, limit, origin);
    }

    const initialPlans = planTerms(tokenizeQuery(query));
    if (initialPlans.length === 0) return [];
    const found = candidatesFor(initialPlans);
    if (found === null) return [];
    const entries: Ranked[] = [];
    for (const index of found.candidates) {
      if (allowed !== null && !allowed.has(categoryOf[index] ?? -1)) continue;
      const scored = scoreDocument(found.plans, index);
      if (scored !== null) entries.push({ index, score: scored.score, field: scored.field });
    }
    return rank(entries, limit, origin);
  };

  return { size, search };
}
