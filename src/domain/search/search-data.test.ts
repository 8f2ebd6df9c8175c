import { describe, it, expect } from 'vitest';
import { parseSearchData, SEARCH_DATA_VERSION } from './search-data.ts';

describe('parseSearchData', () => {
  it('reads a file of this version', () => {
    const { data, problem } = parseSearchData({
      version: SEARCH_DATA_VERSION,
      characters: { jing: '京静' },
      words: { road: 12 },
      entries: { 'sample:toilet:0001': { namePinyin: 'wu tong gong yuan', nameInitials: 'wtgy', addressPinyin: null, addressInitials: null } },
    });
    expect(problem).toBeNull();
    expect(data?.characters).toEqual({ jing: '京静' });
    expect(data?.words).toEqual({ road: 12 });
    expect(data?.entries['sample:toilet:0001']?.nameInitials).toBe('wtgy');
  });

  it('refuses another version or shape with a reason, so search goes on without pinyin', () => {
    expect(parseSearchData({ version: 2, entries: {} }).problem).toMatch(/version 2/);
    expect(parseSearchData([]).data).toBeNull();
    expect(parseSearchData({ version: SEARCH_DATA_VERSION }).problem).toMatch(/entries/);
  });

  it('reads a malformed field as missing instead of failing', () => {
    const { data } = parseSearchData({
      version: SEARCH_DATA_VERSION,
      characters: { jing: 'jing', nan: '南' },
      words: { road: -1, east: 3 },
      entries: { a: { namePinyin: 'Nan Jing!', nameInitials: 'nj', addressPinyin: 42 }, b: 'nonsense' },
    });
    expect(data?.characters).toEqual({ nan: '南' });
    expect(data?.words).toEqual({ east: 3 });
    expect(data?.entries.a).toEqual({ namePinyin: null, nameInitials: 'nj', addressPinyin: null, addressInitials: null });
    expect(data?.entries.b).toBeUndefined();
  });
});
