import { describe, it, expect } from 'vitest';
import { CATEGORY_FORMS, CATEGORY_WORDS, categoriesNamedBy } from './category-words.ts';

describe('the category word table', () => {
  it('gives every Chinese word one pinyin syllable per character', () => {
    for (const entry of CATEGORY_WORDS) {
      for (const word of entry.chinese) expect(word.pinyin.split(' ').length, word.text).toBe([...word.text].length);
    }
  });

  it('lists the longer Chinese words first, so 无障碍厕所 is read before 厕所', () => {
    const toilet = CATEGORY_FORMS.find((forms) => forms.category === 'toilet');
    expect(toilet?.han.indexOf('无障碍厕所')).toBeLessThan(toilet?.han.indexOf('厕所') ?? -1);
  });
});

describe('categoriesNamedBy', () => {
  it.each([
    ['无障碍卫生间', 'toilet'], ['第三卫生间', 'toilet'], ['Accessible Toilet', 'toilet'], ['restroom', 'toilet'], ['ＷＣ', 'toilet'],
    ['cesuo', 'toilet'], ['wei sheng jian', 'toilet'], ['wzawsj', 'toilet'], ['升降平台', 'elevator'], ['elevator', 'elevator'],
    ['curb ramp', 'ramp'], ['缘石坡道', 'ramp'], ['tactile paving', 'tactile_paving'], ['提示盲道', 'tactile_paving'], ['subway', 'metro_station'],
  ])('reads %s as the %s category', (query, category) => {
    expect(categoriesNamedBy(query)).toEqual([category]);
  });

  it('forgives one typo in a category word of five letters or more, none in a shorter one', () => {
    expect(categoriesNamedBy('toliet')).toEqual(['toilet']);
    expect(categoriesNamedBy('lfit')).toEqual([]);
  });

  it('reads nothing into a query that says more than a category', () => {
    expect(categoriesNamedBy('南京东路卫生间')).toEqual([]);
    expect(categoriesNamedBy('toilet nanjing')).toEqual([]);
    expect(categoriesNamedBy('无障碍')).toEqual([]);
    expect(categoriesNamedBy('   ')).toEqual([]);
  });
});
