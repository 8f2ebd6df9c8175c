import { describe, it, expect } from 'vitest';
import { readCount, readInclinePercent, readKerbHeightMillimeters, readLengthMeters, readPositiveLengthMeters, readYesNo } from './tag-values.ts';

describe('lengths (Key:width): metres unless a unit follows', () => {
  it.each([
    ['1.5', 1.5], ['1.5 m', 1.5], ['150 cm', 1.5], ['1500 mm', 1.5], ['1,5', 1.5], ['2m', 2],
  ])('%s is %f m', (raw, meters) => {
    expect(readLengthMeters(raw)).toBeCloseTo(meters, 9);
  });

  it('reads feet and inches with the international foot of 0.3048 m', () => {
    expect(readLengthMeters("5'")).toBeCloseTo(5 * 0.3048, 9);
    expect(readLengthMeters('3\'6"')).toBeCloseTo(3 * 0.3048 + 6 * 0.0254, 9);
  });

  it('does not understand words, and keeps unknown as unknown', () => {
    expect(readLengthMeters('wide')).toBeUndefined();
    expect(readLengthMeters('1.5 yards')).toBeUndefined();
    expect(readLengthMeters('unknown')).toBeNull();
  });

  it('a width of zero is not a width', () => {
    expect(readPositiveLengthMeters('0')).toBeUndefined();
    expect(readPositiveLengthMeters('0.9')).toBe(0.9);
  });
});

describe('kerb heights (Key:kerb:height) in millimetres', () => {
  it.each([['2 cm', 20], ['0.02', 20], ['20 mm', 20], ['3cm', 30], ['0', 0]])('%s is %d mm', (raw, millimeters) => {
    expect(readKerbHeightMillimeters(raw)).toBe(millimeters);
  });

  it('a kerb half a metre tall or more is a typo, not a kerb', () => {
    expect(readKerbHeightMillimeters('60 cm')).toBeUndefined();
    expect(readKerbHeightMillimeters('-2 cm')).toBeUndefined();
    expect(readKerbHeightMillimeters('low')).toBeUndefined();
  });
});

describe('inclines (Key:incline), signed along the way', () => {
  it.each([['5%', 5], ['-3 %', -3], ['+8%', 8], ['0', 0], ['12.5%', 12.5]])('%s is %f %%', (raw, percent) => {
    expect(readInclinePercent(raw)).toBe(percent);
  });

  it('converts degrees through the tangent: 45° is 100 %', () => {
    expect(readInclinePercent('45°')).toBeCloseTo(100, 6);
    expect(readInclinePercent('10°')).toBeCloseTo(Math.tan((10 * Math.PI) / 180) * 100, 2);
  });

  it('up and down say a direction but no number: unknown, not zero', () => {
    expect(readInclinePercent('up')).toBeNull();
    expect(readInclinePercent('down')).toBeNull();
  });

  it('a bare number other than 0 is ambiguous and not understood', () => {
    expect(readInclinePercent('5')).toBeUndefined();
    expect(readInclinePercent('steep')).toBeUndefined();
  });
});

describe('counts and yes/no', () => {
  it('reads step counts of at least one', () => {
    expect(readCount('12')).toBe(12);
    expect(readCount('0')).toBeUndefined();
    expect(readCount('about 10')).toBeUndefined();
  });

  it('reads yes and no, and nothing else', () => {
    expect(readYesNo('yes')).toBe(true);
    expect(readYesNo('no')).toBe(false);
    expect(readYesNo('both')).toBeUndefined();
  });
});
