// The derived search file of a district, `data/<district>/search.json`: the pinyin of every
// Chinese name and address, computed when the data is built (scripts/search-data.ts) so the
// browser needs no pinyin library. It is an enhancement: without it, or without an entry for a
// feature, search still works on the names and addresses themselves. data/README.md documents it.

export const SEARCH_DATA_FILE = 'search.json';
export const SEARCH_DATA_VERSION = 1;

/** Pinyin of one feature's Chinese texts; null where the text is missing or has no Chinese. */
export interface SearchDataEntry {
  /** Toneless syllables separated by spaces, ü as v; digit and letter runs kept as folded words: "nan jing dong lu 433 hao". */
  namePinyin: string | null;
  /** First letter of each syllable, runs of digits or letters kept whole: "njdl433h". */
  nameInitials: string | null;
  addressPinyin: string | null;
  addressInitials: string | null;
}

export interface SearchData {
  version: typeof SEARCH_DATA_VERSION;
  /**
   * For each syllable read in this district, the Chinese characters read that way in its names
   * and addresses, in code point order: { "jing": "京井静" }. It lets the search find the
   * documents a pinyin query can match by their Chinese text, which is far faster than scanning
   * all the pinyin.
   */
  characters: Record<string, string>;
  /**
   * Every folded English word of the district's names and addresses with the number of features
   * using it: { "road": 412, "toilet": 37 }. The search uses it to mend typos and to know, before
   * scanning, how many documents an English word would bring.
   */
  words: Record<string, number>;
  /** Keyed by feature id; features without Chinese text have no entry. */
  entries: Record<string, SearchDataEntry>;
}

const PINYIN_TEXT = /^[a-z0-9]+( [a-z0-9]+)*$/;
const INITIALS_TEXT = /^[a-z0-9]+$/;

function readText(value: unknown, pattern: RegExp): string | null {
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

/**
 * Reads a search.json. A file of another version or shape gives null with the reason (the
 * search then works without pinyin); a malformed entry or field is read as missing, never thrown.
 */
export function parseSearchData(json: unknown): { data: SearchData | null; problem: string | null } {
  const file = json as { version?: unknown; characters?: unknown; words?: unknown; entries?: unknown } | null;
  if (file === null || typeof file !== 'object' || Array.isArray(file)) return { data: null, problem: 'search.json is not a JSON object' };
  if (file.version !== SEARCH_DATA_VERSION) return { data: null, problem: `search.json has version ${JSON.stringify(file.version)}, expected ${SEARCH_DATA_VERSION}` };
  if (file.entries === null || typeof file.entries !== 'object' || Array.isArray(file.entries)) return { data: null, problem: 'search.json has no entries object' };
  const characters: Record<string, string> = {};
  const readings = file.characters;
  if (readings !== null && typeof readings === 'object' && !Array.isArray(readings)) {
    for (const [syllable, text] of Object.entries(readings as Record<string, unknown>)) {
      if (/^[a-z]+$/.test(syllable) && typeof text === 'string' && /^\p{Script=Han}+$/u.test(text)) characters[syllable] = text;
    }
  }
  const words: Record<string, number> = {};
  const counts = file.words;
  if (counts !== null && typeof counts === 'object' && !Array.isArray(counts)) {
    for (const [word, count] of Object.entries(counts as Record<string, unknown>)) {
      if (/^\p{L}+$/u.test(word) && typeof count === 'number' && Number.isInteger(count) && count > 0) words[word] = count;
    }
  }
  const entries: Record<string, SearchDataEntry> = {};
  for (const [id, value] of Object.entries(file.entries as Record<string, unknown>)) {
    if (value === null || typeof value !== 'object') continue;
    const entry = value as Record<string, unknown>;
    entries[id] = {
      namePinyin: readText(entry.namePinyin, PINYIN_TEXT),
      nameInitials: readText(entry.nameInitials, INITIALS_TEXT),
      addressPinyin: readText(entry.addressPinyin, PINYIN_TEXT),
      addressInitials: readText(entry.addressInitials, INITIALS_TEXT),
    };
  }
  return { data: { version: SEARCH_DATA_VERSION, characters, words, entries }, problem: null };
}
