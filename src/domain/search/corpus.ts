// One string per kind of text holding that text for every document: slot 2i is document i's
// name, slot 2i + 1 its address, separated by SLOT_SEPARATOR. Folding is one pass over the
// characters into a typed array instead of a chain of string operations per field, and one
// indexOf over the result finds every document holding a needle: at 100k records that is the
// difference between a one-second and a sub-150 ms index build, and between 5 ms and 0.5 ms per
// probe.
import { foldText } from './normalize.ts';

/** Between slots; no folded query term can contain it. */
export const SLOT_SEPARATOR = '\u0002';
const SEPARATOR_CODE = 2;

export interface Corpus {
  text: string;
  /** starts[slot] is where the slot begins; starts[slotCount] is one past the end. */
  starts: Int32Array;
}

/**
 * Punctuation or space, after NFKC: ASCII other than letters and digits, Latin-1 signs, General
 * Punctuation, CJK Symbols and Punctuation, full-width and half-width punctuation.
 */
function isPunctuation(code: number): boolean {
  if (code < 0x80) return !((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a));
  return (code >= 0xa0 && code <= 0xbf) || code === 0xd7 || code === 0xf7 || (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f) || (code >= 0xff1a && code <= 0xff20) ||
    (code >= 0xff3b && code <= 0xff40) || (code >= 0xff5b && code <= 0xff65);
}

const PUNCTUATION = 1;
const NEEDS_FOLDING = 4;

/**
 * What each UTF-16 unit becomes in the Chinese corpus, in one lookup: itself (ASCII capitals in
 * lower case), PUNCTUATION (dropped), or NEEDS_FOLDING for letters and digits that foldText must
 * see first (NFKC, case beyond ASCII, ü): anything but ASCII and CJK ideographs.
 */
const UNIT_MAP = (() => {
  const map = new Uint16Array(65536);
  for (let code = 0; code < 65536; code += 1) {
    if (isPunctuation(code)) map[code] = PUNCTUATION;
    else if (code >= 0x41 && code <= 0x5a) map[code] = code + 0x20;
    else if (code >= 0x80 && !(code >= 0x4e00 && code <= 0x9fff) && !(code >= 0x3400 && code <= 0x4dbf)) map[code] = NEEDS_FOLDING;
    else map[code] = code;
  }
  return map;
})();

/**
 * Joins Chinese texts folded as foldText folds a query, without spaces and punctuation, so
 * "示例站 2号口" reads 示例站2号口 and the characters of "梧桐路/长乐路" follow each other as their
 * pinyin syllables do. One pass over the characters into a typed array; `unitCounts` gets how
 * often each UTF-16 unit occurs.
 */
export function buildHanCorpus(slots: readonly string[], unitCounts: Int32Array): Corpus {
  let capacity = 0;
  for (const slot of slots) capacity += slot.length + 1;
  let units = new Uint16Array(capacity);
  const starts = new Int32Array(slots.length + 1);
  let length = 0;
  // Where the raw slots end so far: what is left of the capacity belongs to the slots after it.
  let rawEnd = 0;
  for (let slot = 0; slot < slots.length; slot += 1) {
    if (slot > 0) units[length++] = SEPARATOR_CODE;
    const slotStart = length;
    starts[slot] = slotStart;
    let text = slots[slot] as string;
    rawEnd += text.length + 1;
    let folded = false;
    for (let position = 0; position < text.length; position += 1) {
      const mapped = UNIT_MAP[text.charCodeAt(position)] as number;
      if (mapped > NEEDS_FOLDING) {
        units[length++] = mapped;
        unitCounts[mapped] = (unitCounts[mapped] as number) + 1;
      } else if (mapped === NEEDS_FOLDING && folded) {
        const unit = text.charCodeAt(position);
        units[length++] = unit;
        unitCounts[unit] = (unitCounts[unit] as number) + 1;
      } else if (mapped === NEEDS_FOLDING) {
        // Start the slot again from its folded text; NFKC may have made it longer ("㎡" → "m2").
        text = foldText(text);
        folded = true;
        for (let written = slotStart; written < length; written += 1) {
          const unit = units[written] as number;
          unitCounts[unit] = (unitCounts[unit] as number) - 1;
        }
        length = slotStart;
        position = -1;
        const needed = slotStart + text.length + (capacity - rawEnd) + 1;
        if (units.length < needed) {
          const grown = new Uint16Array(Math.ceil(needed * 1.25));
          grown.set(units.subarray(0, length));
          units = grown;
        }
      }
    }
  }
  starts[slots.length] = length + 1;
  return { text: new TextDecoder('utf-16le').decode(units.subarray(0, length)), starts };
}

/**
 * Joins English texts folded as foldText folds a query: lower case, apostrophes removed
 * ("People's" → "peoples"), NFKC where some character needs it. Other punctuation stays: a word
 * is found inside "toilet," all the same, and the views made for candidates split words
 * properly. Whole-string native operations, with the slot starts moved past each apostrophe.
 */
export function buildWordsCorpus(slots: readonly string[]): Corpus {
  const joined = joinCorpus(slots);
  let text = joined.text;
  // ASCII needs no NFKC and keeps its length in lower case; anything else is normalised whole,
  // and kept only if no slot changed length.
  const ascii = !/[\u0080-\uffff]/.test(text);
  text = ascii ? text.toLowerCase() : text.normalize('NFKC').toLowerCase().replace(/ü/g, 'v');
  if (!ascii && !slotsKeptTheirLength(text, joined.starts)) return joinCorpus(slots.map((slot) => foldText(slot).replace(/['`´‘’]/g, '')));
  const removed: number[] = [];
  for (const character of ascii ? ASCII_APOSTROPHES : APOSTROPHES) {
    for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) removed.push(at);
  }
  if (removed.length === 0) return { text, starts: joined.starts };
  removed.sort((first, second) => first - second);
  const starts = new Int32Array(joined.starts.length);
  let passed = 0;
  for (let slot = 0; slot < starts.length; slot += 1) {
    const start = joined.starts[slot] ?? 0;
    while (passed < removed.length && (removed[passed] ?? 0) < start) passed += 1;
    starts[slot] = start - passed;
  }
  for (const character of APOSTROPHES) if (text.includes(character)) text = text.split(character).join('');
  return { text, starts };
}

const ASCII_APOSTROPHES = ["'", '`'];
const APOSTROPHES = [...ASCII_APOSTROPHES, '´', '‘', '’'];

function slotsKeptTheirLength(text: string, starts: Int32Array): boolean {
  if (text.length !== (starts[starts.length - 1] ?? 1) - 1) return false;
  for (let slot = 1; slot < starts.length - 1; slot += 1) {
    if (text.charCodeAt((starts[slot] ?? 0) - 1) !== SEPARATOR_CODE) return false;
  }
  return true;
}

/** Joins slots that are folded already (initials). */
export function joinCorpus(slots: readonly string[]): Corpus {
  return { text: slots.join(SLOT_SEPARATOR), starts: startsOf(slots) };
}

function startsOf(slots: readonly string[]): Int32Array {
  const starts = new Int32Array(slots.length + 1);
  let offset = 0;
  for (let slot = 0; slot < slots.length; slot += 1) {
    starts[slot] = offset;
    offset += (slots[slot] as string).length + 1;
  }
  starts[slots.length] = offset;
  return starts;
}

export function sliceSlot(corpus: Corpus, slot: number): string {
  return corpus.text.slice(corpus.starts[slot] ?? 0, (corpus.starts[slot + 1] ?? 1) - 1);
}

/**
 * Calls `visit` once for each slot holding `needle`, in slot order, until it returns false.
 * The scan looks for the needle from `anchor` on and checks the part before it at each hit: from
 * a rare character, indexOf stops far less often than from a common first one ("南京" is found
 * fastest by looking for 京). Returns the share of the text searched: 1 when it ran to the end.
 */
export function scanCorpus(corpus: Corpus, needle: string, anchor: number, visit: (slot: number) => boolean): number {
  if (needle === '') return 1;
  const { text, starts } = corpus;
  const head = needle.slice(0, anchor);
  const tail = needle.slice(anchor);
  let slot = 0;
  for (let at = text.indexOf(tail, anchor); at !== -1;) {
    if (head !== '' && !text.startsWith(head, at - anchor)) {
      at = text.indexOf(tail, at + 1);
      continue;
    }
    const start = at - anchor;
    // Slots are visited in order, so the slot of each hit is found by walking forward, or by
    // halving when the hit lies far ahead.
    if ((starts[slot + 64] ?? Infinity) <= start) {
      let low = slot;
      let high = starts.length - 2;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] ?? 0) <= start) low = middle;
        else high = middle - 1;
      }
      slot = low;
    }
    while ((starts[slot + 1] ?? Infinity) <= start) slot += 1;
    if (!visit(slot)) return text.length === 0 ? 1 : start / text.length;
    at = text.indexOf(tail, (starts[slot + 1] ?? text.length) + anchor);
  }
  return 1;
}
