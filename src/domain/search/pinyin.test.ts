import { describe, it, expect } from 'vitest';
import { correctPinyin, isPinyin, PINYIN_SYLLABLES, pinyinSegmentations } from './pinyin.ts';

describe('the pinyin syllable list', () => {
  it('has every syllable once, in order, none without a vowel', () => {
    expect([...new Set(PINYIN_SYLLABLES)].sort()).toEqual(PINYIN_SYLLABLES);
    expect(PINYIN_SYLLABLES.filter((syllable) => !/[aeiouv]/.test(syllable))).toEqual([]);
  });
});

describe('isPinyin', () => {
  it('accepts syllables typed together, the last one unfinished', () => {
    expect(isPinyin('nanjingdonglu')).toBe(true);
    expect(isPinyin('weishengj')).toBe(true);
  });

  it('rejects English words that do not split into syllables', () => {
    expect(isPinyin('toilet')).toBe(false);
    expect(isPinyin('street')).toBe(false);
  });
});

describe('pinyinSegmentations', () => {
  it('lists every split of an ambiguous spelling, fewest syllables first', () => {
    expect(pinyinSegmentations('xian', false)).toEqual([['xian'], ['xi', 'an']]);
  });

  it('lets the last syllable be unfinished only when asked', () => {
    expect(pinyinSegmentations('nanjingd', true)).toEqual([['nan', 'jing', 'd']]);
    expect(pinyinSegmentations('nanjingd', false)).toEqual([]);
  });
});

describe('correctPinyin', () => {
  it('mends a swap of two letters, first among the equally near readings', () => {
    expect(correctPinyin('weishengjain', 2)[0]).toBe('weishengjian');
  });

  it('offers the readings one edit away, a dropped letter before a wrong one', () => {
    const corrections = correctPinyin('nanjng', 1);
    expect(corrections[0]).toBe('nanjing');
    expect(corrections).toContain('nanang');
  });

  it('leaves correct pinyin alone and gives up beyond the allowance', () => {
    expect(correctPinyin('weishengjian', 2)).toEqual([]);
    expect(correctPinyin('xqzvk', 1)).toEqual([]);
    expect(correctPinyin('nanjng', 0)).toEqual([]);
  });
});
