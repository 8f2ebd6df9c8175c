import { describe, it, expect } from 'vitest';
import { formatJsonFile } from './format-json-file.ts';

const feature = {
  type: 'Feature',
  properties: { name_en: 'Heping Road', width_m: 2.5, note: null, tags: ['a', 'b'], empty: [] },
  geometry: { type: 'LineString', coordinates: [[121.123456789, 31.2], [121.5, 31.987654321]] },
};

describe('formatJsonFile', () => {
  it('parses back to the same value, with coordinates rounded to 7 decimals', () => {
    const parsed = JSON.parse(formatJsonFile(feature)) as typeof feature;
    expect(parsed.properties).toEqual(feature.properties);
    expect(parsed.geometry.coordinates).toEqual([[121.1234568, 31.2], [121.5, 31.9876543]]);
  });

  it('indents like JSON.stringify with 2 spaces and ends with a newline', () => {
    const text = formatJsonFile({ outer: { inner: 'x' } });
    expect(text).toBe(`${JSON.stringify({ outer: { inner: 'x' } }, null, 2)}\n`);
  });

  it('keeps a coordinate pair on one line', () => {
    expect(formatJsonFile(feature)).toContain('[121.1234568, 31.2]');
  });

  it('leaves numbers outside coordinates untouched', () => {
    expect(JSON.parse(formatJsonFile({ slope_percent: 8.333333333 }))).toEqual({ slope_percent: 8.333333333 });
  });

  it('refuses NaN rather than writing null', () => {
    expect(() => formatJsonFile({ width_m: Number.NaN })).toThrow(/non-finite/);
  });
});
