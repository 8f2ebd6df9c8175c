import { describe, it, expect } from 'vitest';
import { EMPTY_URL_STATE, parseLngLatText, parseUrlState, serialiseUrlState, URL_FIELDS, type UrlState } from './url-state.ts';

const empty: UrlState = EMPTY_URL_STATE;

describe('URL state', () => {
  it('keeps zoom 0 and the equator and prime meridian (falsy but valid)', () => {
    expect(parseUrlState('?map=0/0/0').map).toEqual({ zoom: 0, latitude: 0, longitude: 0 });
  });

  it('keeps an empty layer list apart from an absent one', () => {
    expect(parseUrlState('?layers=').categories).toEqual([]);
    expect(parseUrlState('').categories).toBeNull();
  });

  it('rejects out-of-range or malformed map positions', () => {
    for (const raw of ['25/31/121', '15/91/121', '15/31/181', '15/31', '15//121', 'a/b/c', '15/31/121/4']) {
      expect(parseUrlState(`?map=${raw}`).map, raw).toBeNull();
    }
  });

  it('rejects unknown categories, statuses and languages instead of guessing', () => {
    const state = parseUrlState('?layers=ramp,benches&status=broken&lang=fr');
    expect(state.categories).toBeNull();
    expect(state.statuses).toBeNull();
    expect(state.language).toBeNull();
  });

  it('puts categories in canonical order whatever order the link had', () => {
    expect(parseUrlState('?layers=toilet,ramp').categories).toEqual(['ramp', 'toilet']);
  });

  it('round-trips every field', () => {
    const state: UrlState = {
      language: 'en', district: 'sample', facility: 'sample:ramp:0012', categories: ['ramp', 'tactile_paving'],
      statuses: ['out_of_service'], query: '卫生间 toilet', onlyInView: true, map: { zoom: 16.5, latitude: 31.23456, longitude: 121.47123 },
      routeFrom: [121.4701234, 31.2298765], routeTo: [0, 0], routeProfile: 'powered-wheelchair',
      planner: { category: 'elevator', profile: 'cane', withinMeters: 800, workingOnly: false },
      report: '3f2b8c1e-6d4a-4b7e-9c21-5a0e8d7f6b13',
    };
    expect(parseUrlState(serialiseUrlState(state))).toEqual(state);
  });

  it('rounds positions to about a metre so links stay short', () => {
    const text = serialiseUrlState({ ...empty, map: { zoom: 15.123456, latitude: 31.2345678901, longitude: 121.4712345678 } });
    expect(text).toBe('?map=15.12/31.23457/121.47123');
  });

  it('keeps parameters it does not own and drops the ones set to null', () => {
    expect(serialiseUrlState({ ...empty, language: 'zh' }, '?debug=1&facility=x')).toBe('?debug=1&lang=zh');
  });

  it('reads the in-view switch as on, off or absent, and nothing else', () => {
    expect(parseUrlState('?inview=1').onlyInView).toBe(true);
    expect(parseUrlState('?inview=0').onlyInView).toBe(false);
    expect(parseUrlState('?inview=yes').onlyInView).toBeNull();
  });

  it('every field has a distinct URL key', () => {
    const keys = Object.values(URL_FIELDS).map((field) => field.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads route endpoints as longitude,latitude (also with a full-width comma) and refuses what is not a place on Earth', () => {
    expect(parseUrlState('?from=121.47,31.23&to=-0.1,51.5').routeFrom).toEqual([121.47, 31.23]);
    expect(parseUrlState('?to=-0.1,51.5').routeTo).toEqual([-0.1, 51.5]);
    expect(parseLngLatText('121.47，31.23')).toEqual([121.47, 31.23]);
    expect(parseLngLatText('31.23')).toBeNull();
    expect(parseLngLatText('200,31')).toBeNull();
    expect(parseLngLatText('121.47,95')).toBeNull();
    expect(parseLngLatText('abc,def')).toBeNull();
  });

  it('reads the route profile only from the known names', () => {
    expect(parseUrlState('?profile=blind').routeProfile).toBe('blind');
    expect(parseUrlState('?profile=car').routeProfile).toBeNull();
  });

  it('reads a report id for the follow page, and refuses one that could not be an id', () => {
    const reportId = '3f2b8c1e-6d4a-4b7e-9c21-5a0e8d7f6b13';
    expect(parseUrlState(`?report=${reportId}`).report).toBe(reportId);
    expect(parseUrlState('?report=').report).toBeNull();
    expect(parseUrlState(`?report=${'a'.repeat(201)}`).report).toBeNull();
    expect(parseUrlState('?report=%3Cscript%3E').report).toBeNull();
    expect(parseUrlState('?report=a%20b').report).toBeNull();
  });

  it('makes a follow link that holds only the report (and a language other than Chinese)', () => {
    const reportId = '3f2b8c1e-6d4a-4b7e-9c21-5a0e8d7f6b13';
    expect(serialiseUrlState({ ...empty, report: reportId })).toBe(`?report=${reportId}`);
    expect(parseUrlState(serialiseUrlState({ ...empty, report: reportId, language: 'en' }))).toEqual({ ...empty, report: reportId, language: 'en' });
  });

  it('every field starts absent in the empty state', () => {
    expect(Object.keys(EMPTY_URL_STATE).sort()).toEqual(Object.keys(URL_FIELDS).sort());
    expect(Object.values(EMPTY_URL_STATE).every((value) => value === null)).toBe(true);
  });
});
