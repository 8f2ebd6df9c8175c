import { describe, it, expect } from 'vitest';
import { allowedTypos, editDistanceWithin, foldText, hanKey, latinWords, pinyinInitials, tokenizeQuery } from './normalize.ts';

describe('foldText', () => {
  it('turns full-width letters, digits and the ideographic space into plain lower-case ASCII (NFKC)', () => {
    expect(foldText('ＮＡＮＪＩＮＧ　ＲＤ　１２３')).toBe('nanjing rd 123');
  });

  it('writes ü as v, the way pinyin keyboards type it', () => {
    expect(foldText('Lüshun')).toBe('lvshun');
  });
});

describe('hanKey', () => {
  it('drops spaces and punctuation so a name compares equal to the same characters typed together', () => {
    expect(hanKey('示例站 2号口')).toBe('示例站2号口');
    expect(hanKey('梧桐路/长乐路路口（过梧桐路）')).toBe('梧桐路长乐路路口过梧桐路');
  });
});

describe('latinWords', () => {
  it('splits an English name into folded words and keeps possessives whole', () => {
    expect(latinWords("Accessible Toilet, 433 East Nanjing Road")).toEqual(['accessible', 'toilet', '433', 'east', 'nanjing', 'road']);
    expect(latinWords("People’s Square")).toEqual(['peoples', 'square']);
  });
});

describe('tokenizeQuery', () => {
  it('keeps Chinese typed without spaces as one term, digits included', () => {
    expect(tokenizeQuery('南京东路433号卫生间')).toEqual([{ kind: 'han', text: '南京东路433号卫生间' }]);
  });

  it('splits where the script changes, so mixed queries give one term per part', () => {
    expect(tokenizeQuery('njdl卫生间 toilet')).toEqual([
      { kind: 'latin', text: 'njdl' }, { kind: 'han', text: '卫生间' }, { kind: 'latin', text: 'toilet' },
    ]);
    expect(tokenizeQuery('exit3')).toEqual([{ kind: 'latin', text: 'exit' }, { kind: 'number', text: '3' }]);
  });

  it('gives no terms for blank or punctuation-only queries', () => {
    expect(tokenizeQuery('   ')).toEqual([]);
    expect(tokenizeQuery('！！！')).toEqual([]);
  });
});

describe('typo allowance', () => {
  it('allows no typo under 4 letters, one from 4 and two from 8', () => {
    expect([3, 4, 7, 8].map(allowedTypos)).toEqual([0, 1, 1, 2]);
  });

  it('counts a swap of two neighbouring letters as one edit, as a typist would', () => {
    expect(editDistanceWithin('toliet', 'toilet', 2)).toBe(1);
    expect(editDistanceWithin('nanjng', 'nanjing', 2)).toBe(1);
    expect(editDistanceWithin('kitten', 'sitting', 3)).toBe(3);
  });

  it('stops at the limit and reports limit + 1 for anything farther', () => {
    expect(editDistanceWithin('elevator', 'toilet', 2)).toBe(3);
    expect(editDistanceWithin('a', 'abcdef', 1)).toBe(2);
  });
});

describe('pinyinInitials', () => {
  it('takes the first letter of each syllable and keeps numbers whole', () => {
    expect(pinyinInitials('nan jing dong lu 433 hao')).toBe('njdl433h');
  });
});
