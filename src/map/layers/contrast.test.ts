import { describe, it, expect } from 'vitest';
import { contrastRatio, parseHexColor, relativeLuminance } from './contrast.ts';

describe('WCAG relative luminance and contrast', () => {
  it('black has luminance 0 and white has luminance 1', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
  });

  it('black on white is the maximum contrast, 21:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
  });

  it('a colour against itself is 1:1', () => {
    expect(contrastRatio('#D55E00', '#D55E00')).toBe(1);
  });

  it('#767676 on white is about 4.54:1, the lightest grey that passes AA text contrast', () => {
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeLessThan(4.5);
  });

  it('very dark greys fall on the linear part of the sRGB curve: #0A0A0A is about 0.0030', () => {
    expect(relativeLuminance('#0A0A0A')).toBeCloseTo(0.0030, 4);
  });

  it('contrast does not depend on which colour is given first', () => {
    expect(contrastRatio('#0072B2', '#F0E442')).toBe(contrastRatio('#F0E442', '#0072B2'));
  });

  it('green weighs most in luminance, blue least (0.7152 vs 0.0722)', () => {
    expect(relativeLuminance('#00FF00')).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance('#0000FF')).toBeCloseTo(0.0722, 4);
  });

  it('reads three-digit hex colours as doubled digits', () => {
    expect(parseHexColor('#fa0')).toEqual([255, 170, 0]);
    expect(() => parseHexColor('red')).toThrow();
  });
});
