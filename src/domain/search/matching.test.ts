import { describe, it, expect } from 'vitest';
import { correctionsOf, digitsFieldScore, englishFieldScore, hanFieldScore, initialsFieldScore, pinyinFieldScore, subsequenceSpan, type Alternative } from './matching.ts';

const prefix = (text: string): Alternative => ({ text, fields: 'all', mode: 'prefix', weight: 1 });
const word = (text: string): Alternative => ({ text, fields: 'all', mode: 'word', weight: 1 });

describe('Chinese', () => {
  it('finds the characters of 南京东路卫生间 in order in 南京东路433号无障碍卫生间, over a stretch of 14', () => {
    expect(subsequenceSpan('南京东路卫生间', '南京东路433号无障碍卫生间')).toBe(14);
    expect(subsequenceSpan('卫生间南京', '南京东路433号无障碍卫生间')).toBe(0);
    expect(subsequenceSpan('南京', '南南路')).toBe(0);
  });

  it('ranks the whole name over its start over its inside over scattered characters', () => {
    const name = '南京东路433号无障碍卫生间';
    const scores = [hanFieldScore(name, name), hanFieldScore('南京东路', name), hanFieldScore('无障碍', name), hanFieldScore('南京卫生间', name)];
    expect(scores).toEqual([...scores].sort((first, second) => second - first));
    expect(scores.every((score) => score > 0)).toBe(true);
  });
});

describe('English words', () => {
  const field = ' accessible toilet 433 east nanjing road ';

  it('match a whole word fully and the start of a word partly', () => {
    expect(englishFieldScore(prefix('toilet'), field)).toBe(1);
    expect(englishFieldScore(prefix('toi'), field)).toBeGreaterThan(0);
    expect(englishFieldScore(prefix('toi'), field)).toBeLessThan(1);
  });

  it('match nothing in the middle of a word, and only whole words in word mode', () => {
    expect(englishFieldScore(prefix('ilet'), field)).toBe(0);
    expect(englishFieldScore(word('toi'), field)).toBe(0);
  });
});

describe('pinyin', () => {
  const syllables = ' nan jing dong lu 433 hao wu zhang ai wei sheng jian ';

  it('matches syllables typed together or apart, starting where a syllable starts', () => {
    expect(pinyinFieldScore(prefix('nanjingdonglu'), syllables)).toBeGreaterThan(0);
    expect(pinyinFieldScore(prefix('weishengjian'), syllables)).toBeGreaterThan(0);
    expect(pinyinFieldScore(prefix('ingdong'), syllables)).toBe(0);
  });

  it('lets the last syllable be unfinished only in prefix mode', () => {
    expect(pinyinFieldScore(prefix('nanjingd'), syllables)).toBeGreaterThan(0);
    expect(pinyinFieldScore(word('nanjingd'), syllables)).toBe(0);
  });

  it('matches initials from two letters on', () => {
    expect(initialsFieldScore('njdl', 'njdl433hwzawsj')).toBeGreaterThan(initialsFieldScore('wsj', 'njdl433hwzawsj'));
    expect(initialsFieldScore('wsj', 'njdl433hwzawsj')).toBeGreaterThan(0);
    expect(initialsFieldScore('n', 'njdl433hwzawsj')).toBe(0);
  });
});

describe('numbers', () => {
  it('match a whole run of digits, not the digits inside a longer number', () => {
    expect(digitsFieldScore('433', '南京东路433号')).toBeGreaterThan(digitsFieldScore('43', '南京东路433号'));
    expect(digitsFieldScore('433', '南京东路1433号')).toBe(0);
  });
});

describe('correctionsOf', () => {
  it('offers the words within the allowance, fewest edits first, whole or as the start of a longer word', () => {
    expect(correctionsOf('nanjng', ['nanjing', 'nantong', 'beijing'], 1, 3)).toEqual([{ text: 'nanjing', edits: 1 }]);
    expect(correctionsOf('tolet', ['toilet', 'toilets', 'outlet'], 1, 3).map((correction) => correction.text)).toEqual(['toilet', 'toilets']);
  });
});
