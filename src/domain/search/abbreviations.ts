// English address abbreviations, read both ways: "rd" also finds "Road" and "road" also finds
// "Rd", because either side may be the abbreviated one (single letters only one way). The expansions must match a whole word:
// "e" finds "East", never every word beginning with e (that is what the typed "e" itself does).
const ABBREVIATION_PAIRS: readonly (readonly [short: string, long: string])[] = [
  ['rd', 'road'], ['st', 'street'], ['ave', 'avenue'], ['av', 'avenue'], ['blvd', 'boulevard'], ['ln', 'lane'],
  ['sq', 'square'], ['stn', 'station'], ['ctr', 'centre'], ['ctr', 'center'], ['bldg', 'building'], ['hosp', 'hospital'],
  ['n', 'north'], ['s', 'south'], ['e', 'east'], ['w', 'west'], ['ne', 'northeast'], ['nw', 'northwest'], ['se', 'southeast'], ['sw', 'southwest'],
  ['mid', 'middle'], ['centre', 'center'],
];

const EXPANSIONS = new Map<string, string[]>();
for (const [short, long] of ABBREVIATION_PAIRS) {
  EXPANSIONS.set(short, [...(EXPANSIONS.get(short) ?? []), long]);
  // Names are not written "E Nanjing Rd": a single letter is only ever the query's shorthand.
  if (short.length > 1) EXPANSIONS.set(long, [...(EXPANSIONS.get(long) ?? []), short]);
}

/** The other spellings of a folded word, as whole words: "rd" → ["road"], "east" → ["e"]. */
export function abbreviationsOf(word: string): readonly string[] {
  return EXPANSIONS.get(word) ?? [];
}

/**
 * Words a query may carry that say nothing to match: "No." before a house number ("No. 433"),
 * and the Chinese "号" is already part of the Han term it follows.
 */
export const NOISE_WORDS: ReadonlySet<string> = new Set(['no', 'nr']);
