import { describe, it, expect } from 'vitest';
import {
  createLabelledRandom, createRandom, hashLabel, randomBetween, randomInteger, randomPick, randomWeighted,
} from './random.ts';

function draw(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('createRandom (mulberry32)', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(createRandom(2025), 50)).toEqual(draw(createRandom(2025), 50));
  });

  it('gives a different sequence for a different seed', () => {
    expect(draw(createRandom(1), 20)).not.toEqual(draw(createRandom(2), 20));
  });

  it('stays within [0, 1) and averages about one half over many draws', () => {
    const values = draw(createRandom(7), 20000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('does not let one draw predict the next (consecutive draws are uncorrelated)', () => {
    const values = draw(createRandom(11), 20000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    let covariance = 0;
    let variance = 0;
    for (let index = 1; index < values.length; index += 1) {
      covariance += ((values[index] ?? 0) - mean) * ((values[index - 1] ?? 0) - mean);
      variance += ((values[index] ?? 0) - mean) ** 2;
    }
    expect(Math.abs(covariance / variance)).toBeLessThan(0.03);
  });

  it('fills each tenth of [0, 1) about equally (no lumps)', () => {
    const bins = new Array<number>(10).fill(0);
    for (const value of draw(createRandom(99), 20000)) bins[Math.floor(value * 10)] = (bins[Math.floor(value * 10)] ?? 0) + 1;
    for (const binCount of bins) {
      expect(binCount).toBeGreaterThan(1800);
      expect(binCount).toBeLessThan(2200);
    }
  });
});

describe('hashLabel and labelled streams', () => {
  it('hashes the empty string to the FNV-1a offset basis 0x811c9dc5, and "a" to the published 0xe40c292c', () => {
    expect(hashLabel('')).toBe(0x811c9dc5);
    expect(hashLabel('a')).toBe(0xe40c292c);
  });

  it('gives different labels independent streams from one seed', () => {
    expect(draw(createLabelledRandom(1, 'ramps'), 10)).not.toEqual(draw(createLabelledRandom(1, 'toilets'), 10));
    expect(draw(createLabelledRandom(1, 'ramps'), 10)).toEqual(draw(createLabelledRandom(1, 'ramps'), 10));
  });
});

describe('random helpers', () => {
  it('randomInteger reaches both ends of its inclusive range and nothing outside', () => {
    const random = createRandom(3);
    const seen = new Set(Array.from({ length: 500 }, () => randomInteger(random, 2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('randomBetween stays between its bounds', () => {
    const random = createRandom(4);
    for (let index = 0; index < 1000; index += 1) {
      const value = randomBetween(random, -3, 8);
      expect(value).toBeGreaterThanOrEqual(-3);
      expect(value).toBeLessThan(8);
    }
  });

  it('randomWeighted never picks a choice of weight zero and follows the weights', () => {
    const random = createRandom(5);
    const picks = Array.from({ length: 4000 }, () => randomWeighted(random, [['often', 3], ['never', 0], ['seldom', 1]] as const));
    expect(picks).not.toContain('never');
    const oftenShare = picks.filter((pick) => pick === 'often').length / picks.length;
    expect(oftenShare).toBeGreaterThan(0.7);
    expect(oftenShare).toBeLessThan(0.8);
  });

  it('randomPick refuses an empty list', () => {
    expect(() => randomPick(createRandom(6), [])).toThrow();
  });
});
