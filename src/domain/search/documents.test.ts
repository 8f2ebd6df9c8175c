import { describe, it, expect } from 'vitest';
import type { Facility, Place } from '../facilities/model.ts';
import { buildSearchDocuments } from './documents.ts';
import { SEARCH_DATA_VERSION } from './search-data.ts';

const common = { nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null, lastVerified: null, source: 'test' } as const;
const toilet = {
  ...common, id: 't1', category: 'toilet', nameZh: '梧桐公园无障碍卫生间', doorWidthMeters: null, turningSpaceMeters: null, grabBars: null,
  emergencyCall: null, access: null, openingHours: null, changingTable: null, location: { type: 'Point', coordinates: [121.47, 31.23] },
} as Facility;
const paving = {
  ...common, id: 'p1', category: 'tactile_paving', nameZh: '梧桐路行进盲道', tactileType: 'guiding', continuity: null,
  location: { type: 'LineString', coordinates: [[121.47, 31.23], [121.48, 31.23]] },
} as Facility;
const street: Place = { id: 's1', kind: 'street', nameZh: '梧桐路', nameEn: 'Wutong Road', addressZh: null, addressEn: null, geometry: { type: 'Point', coordinates: [121.475, 31.231] } };

describe('buildSearchDocuments', () => {
  const documents = buildSearchDocuments([toilet, paving], [street], {
    version: SEARCH_DATA_VERSION, characters: {}, words: {},
    entries: { t1: { namePinyin: 'wu tong gong yuan wu zhang ai wei sheng jian', nameInitials: 'wtgywzawsj', addressPinyin: null, addressInitials: null } },
  });

  it('lists facilities, then places, with their category or kind', () => {
    expect(documents.map((document) => [document.id, document.kind, document.category])).toEqual([
      ['t1', 'facility', 'toilet'], ['p1', 'facility', 'tactile_paving'], ['s1', 'place', 'street'],
    ]);
  });

  it('joins the pinyin of search.json by id and leaves it null where there is none', () => {
    expect(documents[0]?.nameInitials).toBe('wtgywzawsj');
    expect(documents[1]?.namePinyin).toBeNull();
    expect(buildSearchDocuments([toilet], [], null)[0]?.namePinyin).toBeNull();
  });

  it('places a line at its midpoint and a point where it is', () => {
    expect(documents[1]?.location[0]).toBeCloseTo(121.475, 6);
    expect(documents[2]?.location).toEqual([121.475, 31.231]);
  });
});
