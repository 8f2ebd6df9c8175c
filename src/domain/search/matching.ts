// How one query term matches one document, and how well. Scores run from 0 (no match) to 1 (the
// whole field); a match in an address counts ADDRESS_WEIGHT of the same match in a name; an
// abbreviation or a typo correction counts less than what was typed.
import { editDistanceWithin } from './normalize.ts';

export type MatchedField =
  | 'nameZh' | 'nameEn' | 'addressZh' | 'addressEn' | 'namePinyin' | 'addressPinyin' | 'nameInitials' | 'addressInitials' | 'category';

/** Folded texts of one document, made on demand and kept: only candidates are ever looked at. */
export interface DocumentViews {
  /** Category number of the document. */
  category(document: number): number;
  /** Chinese name without spaces or punctuation: "示例站2号口". */
  hanName(document: number): string;
  hanAddress(document: number): string;
  /** Folded English words, each with a space before and after: " accessible toilet 433 east nanjing road ". */
  englishName(document: number): string;
  englishAddress(document: number): string;
  /** Pinyin syllables, each with a space before and after: " nan jing dong lu 433 hao ". */
  pinyinName(document: number): string;
  pinyinAddress(document: number): string;
  initialsName(document: number): string;
  initialsAddress(document: number): string;
}

export const ADDRESS_WEIGHT = 0.8;
/** A category word standing for the document's category, against the same word in its name. */
export const CATEGORY_WORD_SCORE = 0.85;

export type Mode = 'prefix' | 'word';

export interface Alternative {
  text: string;
  /** Where it may match: pinyin corrections only as pinyin, abbreviations and English corrections only as English. */
  fields: 'all' | 'english' | 'pinyin';
  /** 'prefix': may be the start of a word or syllable (still being typed); 'word': whole words only. */
  mode: Mode;
  /** 1 for what was typed, less for abbreviations and typo corrections. */
  weight: number;
}

export interface CategoryMatch {
  category: number;
  weight: number;
}

export interface HanPlan {
  kind: 'han';
  text: string;
  /** Each category whose Chinese word the term holds, with what is left of the term around it. */
  categoryReadings: { category: number; word: string; pieces: string[] }[];
}

export interface LatinPlan {
  kind: 'latin';
  text: string;
  alternatives: Alternative[];
  categories: CategoryMatch[];
}

export interface NumberPlan {
  kind: 'number';
  text: string;
}

export type TermPlan = HanPlan | LatinPlan | NumberPlan;

export interface TermMatch {
  score: number;
  field: MatchedField;
  /** Length of the field matched, for the share of it the query covers. */
  fieldLength: number;
}

export const NO_MATCH: TermMatch = { score: 0, field: 'category', fieldLength: 0 };

function better(first: TermMatch, second: TermMatch): TermMatch {
  return second.score > first.score ? second : first;
}

// ---------------------------------------------------------------------------------------------
// Chinese

/** Length of the shortest stretch of `field` holding the characters of `term` in order, or 0. */
export function subsequenceSpan(term: string, field: string): number {
  const first = term[0];
  if (first === undefined) return 0;
  let shortest = 0;
  for (let start = field.indexOf(first); start !== -1; start = field.indexOf(first, start + 1)) {
    let position = start + 1;
    let matched = 1;
    while (matched < term.length && position < field.length) {
      if (field[position] === term[matched]) matched += 1;
      position += 1;
    }
    if (matched < term.length) break;
    const span = position - start;
    if (shortest === 0 || span < shortest) shortest = span;
  }
  return shortest;
}

/** A Han term in one Chinese text: the whole text, its start, inside it, or its characters in order. */
export function hanFieldScore(term: string, field: string): number {
  if (field === '') return 0;
  if (field === term) return 1;
  const at = field.indexOf(term);
  if (at === 0) return 0.95;
  if (at > 0) return 0.9;
  const span = subsequenceSpan(term, field);
  return span === 0 ? 0 : 0.6 + (0.25 * term.length) / span;
}

function hanMatch(term: string, hanName: string, hanAddress: string): TermMatch {
  const nameScore = hanFieldScore(term, hanName);
  const addressScore = hanFieldScore(term, hanAddress) * ADDRESS_WEIGHT;
  if (nameScore === 0 && addressScore === 0) return NO_MATCH;
  return nameScore >= addressScore
    ? { score: nameScore, field: 'nameZh', fieldLength: hanName.length }
    : { score: addressScore, field: 'addressZh', fieldLength: hanAddress.length };
}

/**
 * A Han term read directly, or as a category word plus the rest: "南京东路厕所" matches a toilet
 * on 南京东路 whose name says 卫生间.
 */
export function matchHan(plan: HanPlan, document: number, views: DocumentViews): TermMatch {
  const hanName = views.hanName(document);
  const hanAddress = views.hanAddress(document);
  let best = hanMatch(plan.text, hanName, hanAddress);
  const category = views.category(document);
  for (const reading of plan.categoryReadings) {
    if (reading.category !== category) continue;
    if (reading.pieces.length === 0) {
      best = better(best, { score: CATEGORY_WORD_SCORE, field: 'category', fieldLength: hanName.length });
      continue;
    }
    const pieceMatches = reading.pieces.map((piece) => hanMatch(piece, hanName, hanAddress));
    if (pieceMatches.some((match) => match.score === 0)) continue;
    const weighted = pieceMatches.reduce((sum, match, index) => sum + match.score * (reading.pieces[index]?.length ?? 0), 0);
    const main = pieceMatches.reduce(better);
    best = better(best, { score: (weighted + CATEGORY_WORD_SCORE * reading.word.length) / plan.text.length, field: main.field, fieldLength: main.fieldLength });
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Letters: English words, pinyin, initials, category words

/** An alternative among the spaced words of one English field: a whole word, or (prefix mode) a word's start. */
export function englishFieldScore(alternative: Alternative, field: string): number {
  if (field === '') return 0;
  const needle = ` ${alternative.text}`;
  let best = 0;
  for (let at = field.indexOf(needle); at !== -1; at = field.indexOf(needle, at + needle.length)) {
    const end = at + needle.length;
    if (field[end] === ' ') return 1;
    if (alternative.mode === 'prefix') best = Math.max(best, 0.75 + (0.2 * alternative.text.length) / (field.indexOf(' ', end) - at - 1));
  }
  return best;
}

/**
 * Pinyin typed with or without spaces, against one field's syllables: it must begin where a
 * syllable begins ("jingdong" in "nan jing dong lu", never "angdo"); in prefix mode the last
 * syllable may be unfinished ("nanjingd").
 */
export function pinyinFieldScore(alternative: Alternative, syllables: string): number {
  if (syllables === '') return 0;
  const letters = alternative.text;
  let best = 0;
  for (let space = 0; space !== -1 && space < syllables.length - 1; space = syllables.indexOf(' ', space + 1)) {
    const from = space + 1;
    if (syllables[from] !== letters[0]) continue;
    let position = from;
    let matched = 0;
    while (matched < letters.length && position < syllables.length) {
      const character = syllables[position];
      if (character === ' ') {
        position += 1;
        continue;
      }
      if (character !== letters[matched]) break;
      matched += 1;
      position += 1;
    }
    if (matched < letters.length) continue;
    const endsOnSyllable = syllables[position] === ' ';
    if (!endsOnSyllable && alternative.mode === 'word') continue;
    const whole = from === 1 && position === syllables.length - 1;
    best = Math.max(best, whole ? 1 : 0.8 + (endsOnSyllable ? 0.05 : 0) + (from === 1 ? 0.05 : 0));
  }
  return best;
}

/** Pinyin initials typed together ("njdl"): the field's whole initials, their start, or inside them. */
export function initialsFieldScore(letters: string, initials: string): number {
  if (letters.length < 2 || initials === '') return 0;
  if (initials === letters) return 0.9;
  const at = initials.indexOf(letters);
  return at === 0 ? 0.8 : at > 0 ? 0.7 : 0;
}

export function matchLatin(plan: LatinPlan, document: number, views: DocumentViews): TermMatch {
  const englishName = views.englishName(document);
  const englishAddress = views.englishAddress(document);
  const pinyinName = views.pinyinName(document);
  const pinyinAddress = views.pinyinAddress(document);
  const initialsName = views.initialsName(document);
  const initialsAddress = views.initialsAddress(document);
  let score = 0;
  let field: MatchedField = 'category';
  let fieldLength = 0;
  for (const alternative of plan.alternatives) {
    if (alternative.fields !== 'pinyin') {
      const nameEn = alternative.weight * englishFieldScore(alternative, englishName);
      if (nameEn > score) [score, field, fieldLength] = [nameEn, 'nameEn', englishName.length];
      const addressEn = alternative.weight * ADDRESS_WEIGHT * englishFieldScore(alternative, englishAddress);
      if (addressEn > score) [score, field, fieldLength] = [addressEn, 'addressEn', englishAddress.length];
    }
    // A single letter is the start of too many syllables to mean anything as pinyin.
    if (alternative.fields !== 'english' && alternative.text.length >= 2) {
      const namePinyin = alternative.weight * pinyinFieldScore(alternative, pinyinName);
      if (namePinyin > score) [score, field, fieldLength] = [namePinyin, 'namePinyin', pinyinName.length];
      const addressPinyin = alternative.weight * ADDRESS_WEIGHT * pinyinFieldScore(alternative, pinyinAddress);
      if (addressPinyin > score) [score, field, fieldLength] = [addressPinyin, 'addressPinyin', pinyinAddress.length];
    }
  }
  const nameInitials = initialsFieldScore(plan.text, initialsName);
  if (nameInitials > score) [score, field, fieldLength] = [nameInitials, 'nameInitials', initialsName.length];
  const addressInitials = ADDRESS_WEIGHT * initialsFieldScore(plan.text, initialsAddress);
  if (addressInitials > score) [score, field, fieldLength] = [addressInitials, 'addressInitials', initialsAddress.length];
  const category = views.category(document);
  for (const match of plan.categories) {
    if (match.category === category && match.weight > score) [score, field, fieldLength] = [match.weight, 'category', Math.max(englishName.length, pinyinName.length)];
  }
  return score === 0 ? NO_MATCH : { score, field, fieldLength };
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A number as a whole run of digits ("433" in "南京东路433号", not in "1433"), or the start of one. */
export function digitsFieldScore(digits: string, field: string): number {
  let best = 0;
  for (let at = field.indexOf(digits); at !== -1; at = field.indexOf(digits, at + 1)) {
    if (/\d/.test(field[at - 1] ?? '')) continue;
    if (!/\d/.test(field[at + digits.length] ?? '')) return 0.9;
    best = 0.7;
  }
  return best;
}

export function matchNumber(plan: NumberPlan, document: number, views: DocumentViews): TermMatch {
  const candidates: TermMatch[] = [
    { score: digitsFieldScore(plan.text, views.hanName(document)), field: 'nameZh', fieldLength: views.hanName(document).length },
    { score: digitsFieldScore(plan.text, views.englishName(document)), field: 'nameEn', fieldLength: views.englishName(document).length },
    { score: ADDRESS_WEIGHT * digitsFieldScore(plan.text, views.hanAddress(document)), field: 'addressZh', fieldLength: views.hanAddress(document).length },
    { score: ADDRESS_WEIGHT * digitsFieldScore(plan.text, views.englishAddress(document)), field: 'addressEn', fieldLength: views.englishAddress(document).length },
  ];
  return candidates.reduce(better, NO_MATCH);
}

export function matchTerm(plan: TermPlan, document: number, views: DocumentViews): TermMatch {
  if (plan.kind === 'han') return matchHan(plan, document, views);
  if (plan.kind === 'latin') return matchLatin(plan, document, views);
  return matchNumber(plan, document, views);
}

/**
 * Words of `vocabulary` within `limit` typing errors of `word`, whole or as the start of a longer
 * word ("nanjn" → "nanjing"), fewest errors first, at most `count`.
 */
export function correctionsOf(word: string, vocabulary: Iterable<string>, limit: number, count: number): { text: string; edits: number }[] {
  const found: { text: string; edits: number }[] = [];
  for (const candidate of vocabulary) {
    if (candidate.length < word.length - limit) continue;
    let edits = editDistanceWithin(word, candidate, limit);
    // The start of a longer word, itself a letter or two longer or shorter than what was typed.
    for (let length = Math.max(1, word.length - limit); length <= word.length + limit && length < candidate.length && edits > 1; length += 1) {
      edits = Math.min(edits, editDistanceWithin(word, candidate.slice(0, length), limit));
    }
    if (edits > 0 && edits <= limit) found.push({ text: candidate, edits });
  }
  return found.sort((first, second) => first.edits - second.edits || (first.text < second.text ? -1 : 1)).slice(0, count);
}
