// Text folding shared by the documents and the queries, so that both sides of every comparison
// went through the same steps: NFKC (full-width "ＷＣ" and "１２" become "wc" and "12", the
// ideographic space becomes a space), lower case, apostrophes dropped ("People's" → "peoples"),
// and every other character that is neither a letter nor a digit read as a separator.

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const APOSTROPHES = /['’‘`´]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
const DIGIT = /\p{Nd}/u;

/** NFKC and lower case; ü becomes v, as pinyin keyboards type it and as the pinyin data stores it. */
export function foldText(text: string): string {
  const compatible = ASCII_PRINTABLE.test(text) ? text : text.normalize('NFKC');
  return compatible.toLowerCase().replace(/ü/g, 'v');
}

/**
 * A Chinese name or address as one key without spaces or punctuation, so "示例站 2号口" and
 * "梧桐路/长乐路" compare equal to what people type: "示例站2号口", "梧桐路长乐路".
 */
export function hanKey(text: string): string {
  return foldText(text).replace(APOSTROPHES, '').replace(SEPARATORS, '');
}

/** The words of an English name or address, folded: "Accessible Toilet, 433 East Nanjing Road" → accessible, toilet, 433, east, nanjing, road. */
export function latinWords(text: string): string[] {
  return foldText(text).replace(APOSTROPHES, '').split(SEPARATORS).filter((word) => word !== '');
}

export type QueryTermKind = 'han' | 'latin' | 'number';

export interface QueryTerm {
  kind: QueryTermKind;
  /** Folded text: Han characters with any digits next to them, letters only, or digits only. */
  text: string;
}

type CharacterClass = QueryTermKind | 'separator';

function classify(character: string): CharacterClass {
  if (HAN.test(character)) return 'han';
  if (DIGIT.test(character)) return 'number';
  if (/\p{L}/u.test(character)) return 'latin';
  return 'separator';
}

/**
 * Splits a query into terms at spaces, punctuation and changes of script: "南京东路433号 toilet" →
 * han "南京东路433号", latin "toilet"; "njdl卫生间" → latin "njdl", han "卫生间". Digits stay inside a
 * Han term ("433号", "2号口") because Chinese addresses write them together; next to letters they
 * become their own term ("exit3" → "exit", "3").
 */
export function tokenizeQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let current: QueryTerm | null = null;
  for (const character of foldText(query).replace(APOSTROPHES, '')) {
    const characterClass = classify(character);
    if (characterClass === 'separator') {
      if (current) terms.push(current);
      current = null;
      continue;
    }
    if (current === null) {
      current = { kind: characterClass, text: character };
    } else if (current.kind === characterClass) {
      current = { kind: current.kind, text: current.text + character };
    } else if ((current.kind === 'han' && characterClass === 'number') || (current.kind === 'number' && characterClass === 'han')) {
      current = { kind: 'han', text: current.text + character };
    } else {
      terms.push(current);
      current = { kind: characterClass, text: character };
    }
  }
  if (current) terms.push(current);
  return terms;
}

/**
 * How many typing errors a word of this length may carry and still match: none under 4 letters
 * (too many short words lie one edit apart), one from 4, two from 8.
 */
export function allowedTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so "toliet" is one edit
 * from "toilet" as a typist would count it. Stops early: returns `limit + 1` as soon as the distance
 * must exceed `limit`.
 */
// Three rows reused by every call: typo checks run thousands of times per query.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistanceWithin(first: string, second: string, limit: number): number {
  if (Math.abs(first.length - second.length) > limit) return limit + 1;
  if (first === second) return 0;
  const width = second.length + 1;
  if ((rows[0] as Int32Array).length < width) rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  let [previousPrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let column = 0; column < width; column += 1) previous[column] = column;
  for (let row = 1; row <= first.length; row += 1) {
    current[0] = row;
    let rowMinimum = row;
    const letter = first.charCodeAt(row - 1);
    for (let column = 1; column < width; column += 1) {
      const substitution = letter === second.charCodeAt(column - 1) ? 0 : 1;
      let value = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + substitution);
      if (row > 1 && column > 1 && letter === second.charCodeAt(column - 2) && first.charCodeAt(row - 2) === second.charCodeAt(column - 1)) {
        value = Math.min(value, (previousPrevious[column - 2] as number) + 1);
      }
      current[column] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  const distance = previous[second.length] as number;
  return distance > limit ? limit + 1 : distance;
}

/** Initials of space-separated pinyin syllables: "nan jing dong lu 433 hao" → "njdl433h" (digit runs stay whole). */
export function pinyinInitials(syllables: string): string {
  return syllables.split(' ').filter((syllable) => syllable !== '').map((syllable) => (/^\d/.test(syllable) ? syllable : syllable[0] ?? '')).join('');
}
