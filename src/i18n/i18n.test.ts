import { describe, it, expect } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { createTranslate } from './index.ts';

describe('translations', () => {
  it('English has exactly the keys of the Chinese source', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every key is a string or a function in both languages alike', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(typeof en[key], key).toBe(typeof zhCN[key]);
    }
  });

  it('fills parameters into the message of the chosen language', () => {
    expect(createTranslate('zh')('listHeading', { count: 7 })).toBe('设施（7）');
    expect(createTranslate('en')('listHeading', { count: 7 })).toBe('Facilities (7)');
    expect(createTranslate('en')('mapMoved', { direction: 'north', zoom: 16, count: 1 })).toContain('1 facility in view');
  });

  it('no message is empty', () => {
    for (const language of ['zh', 'en'] as const) {
      const translate = createTranslate(language) as (key: string, parameters?: unknown) => string;
      for (const key of Object.keys(zhCN)) {
        const text = translate(key, { count: 2, value: 1, name: 'x', view: 'v', district: 'd', detail: 'e', layer: 'l', file: 'f', feature: 'g', index: 0, id: '', origin: 'o', direction: 'n', zoom: 1, category: 'c', status: 's', distance: 'd', clause: 'c', limit: 'l', width: 'w', depth: 'd', description: 'x' });
        expect(text.trim().length, `${language}:${key}`).toBeGreaterThan(0);
      }
    }
  });
});
