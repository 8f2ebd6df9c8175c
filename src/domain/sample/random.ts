// Deterministic pseudo-random numbers for the sample generator. The same seed always yields the
// same sequence, so the generated district is byte-for-byte reproducible; Math.random is never used.

/** A source of numbers uniformly distributed in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32, a 32-bit generator published by Tommy Ettinger (public domain): tiny, fast and well
 * enough distributed for placing sample features. Not for anything security-related.
 */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed = (mixed ^ (mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61))) >>> 0;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of a label, so each part of the generator can own an independent stream. */
export function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index += 1) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A stream for one concern ("streets", "ramps"): adding draws to one part of the generator then
 * leaves the numbers drawn by every other part unchanged.
 */
export function createLabelledRandom(seed: number, label: string): RandomSource {
  return createRandom((seed ^ hashLabel(label)) >>> 0);
}

export function randomBetween(random: RandomSource, minimum: number, maximum: number): number {
  return minimum + random() * (maximum - minimum);
}

/** A whole number from minimum to maximum, both included. */
export function randomInteger(random: RandomSource, minimum: number, maximum: number): number {
  return minimum + Math.floor(random() * (maximum - minimum + 1));
}

export function randomChance(random: RandomSource, probability: number): boolean {
  return random() < probability;
}

export function randomPick<Item>(random: RandomSource, items: readonly Item[]): Item {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('randomPick needs at least one item');
  return item;
}

/** Picks one value with probability proportional to its weight. */
export function randomWeighted<Value>(random: RandomSource, choices: readonly (readonly [Value, number])[]): Value {
  const totalWeight = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = random() * totalWeight;
  for (const [value, weight] of choices) {
    remaining -= weight;
    if (remaining < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (last === undefined) throw new Error('randomWeighted needs at least one choice');
  return last[0];
}
