import { describe, it, expect } from 'vitest';
import { elementAddress, elementNames, isChineseText } from './names.ts';

describe('names by script', () => {
  it('puts a Taipei name with Han characters in name_zh and name:en in name_en', () => {
    expect(elementNames({ name: '中山北路二段', 'name:en': 'Sec. 2, Zhongshan N. Rd.' })).toEqual({ nameZh: '中山北路二段', nameEn: 'Sec. 2, Zhongshan N. Rd.' });
  });

  it('never puts a French name in name_zh; without name:en it is the English-side name', () => {
    expect(elementNames({ name: 'Rue de Rivoli' })).toEqual({ nameZh: null, nameEn: 'Rue de Rivoli' });
  });

  it('prefers name:zh-Hans over name and name:zh for the simplified Chinese app', () => {
    expect(elementNames({ name: '臺北車站', 'name:zh': '臺北車站', 'name:zh-Hans': '台北车站' }).nameZh).toBe('台北车站');
  });

  it('uses name:zh when the local name is not Chinese', () => {
    expect(elementNames({ name: 'Marina Bay Sands', 'name:zh': '滨海湾金沙' })).toEqual({ nameZh: '滨海湾金沙', nameEn: 'Marina Bay Sands' });
  });

  it('a name:zh without Han characters is not a Chinese name', () => {
    expect(elementNames({ 'name:zh': 'Wutong Lu' }).nameZh).toBeNull();
  });

  it('kana beside kanji make Japanese, not Chinese', () => {
    expect(isChineseText('東京駅')).toBe(true);
    expect(isChineseText('とうきょう駅')).toBe(false);
  });
});

describe('addresses', () => {
  it('writes a Chinese address street first with 号', () => {
    expect(elementAddress({ 'addr:street': '梧桐路', 'addr:housenumber': '96' })).toEqual({ addressZh: '梧桐路96号', addressEn: null });
  });

  it('writes a Latin address number first', () => {
    expect(elementAddress({ 'addr:street': 'Rue de Rivoli', 'addr:housenumber': '12' })).toEqual({ addressZh: null, addressEn: '12 Rue de Rivoli' });
  });

  it('keeps addr:full as written', () => {
    expect(elementAddress({ 'addr:full': '上海市黄浦区人民大道200号' }).addressZh).toBe('上海市黄浦区人民大道200号');
  });
});
