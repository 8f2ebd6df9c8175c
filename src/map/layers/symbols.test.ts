import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, FACILITY_STATUSES } from '../../domain/facilities/model.ts';
import { BASEMAP_SURFACE_COLORS } from './basemap.ts';
import { NON_TEXT_CONTRAST_MINIMUM, contrastRatio } from './contrast.ts';
import {
  CATEGORY_SYMBOLS, FACILITY_ICONS, HALO_COLOR, OUTLINE_COLOR, POINT_CATEGORIES, STATUS_MARKS, TACTILE_LINE_STYLES, facilityIconName,
} from './symbols.ts';

function pairs<Item>(items: readonly Item[]): [Item, Item][] {
  return items.flatMap((first, index) => items.slice(index + 1).map((second): [Item, Item] => [first, second]));
}

describe('category symbols', () => {
  it('every category has a symbol', () => {
    for (const category of FACILITY_CATEGORIES) expect(CATEGORY_SYMBOLS[category]).toBeDefined();
  });

  it('no two categories share a colour', () => {
    for (const [first, second] of pairs(FACILITY_CATEGORIES)) {
      expect(CATEGORY_SYMBOLS[first].color.toLowerCase(), `${first} vs ${second}`).not.toBe(CATEGORY_SYMBOLS[second].color.toLowerCase());
    }
  });

  it('no two categories share a shape, so colour is never the only difference', () => {
    for (const [first, second] of pairs(FACILITY_CATEGORIES)) {
      expect(CATEGORY_SYMBOLS[first].shape, `${first} vs ${second}`).not.toBe(CATEGORY_SYMBOLS[second].shape);
    }
  });

  it('uses the Okabe-Ito colours named in the accessibility brief', () => {
    expect(CATEGORY_SYMBOLS.ramp).toMatchObject({ color: '#D55E00', shape: 'triangle' });
    expect(CATEGORY_SYMBOLS.toilet).toMatchObject({ color: '#56B4E9', shape: 'square', mark: 'letters_wc' });
    expect(CATEGORY_SYMBOLS.elevator).toMatchObject({ color: '#0072B2', shape: 'rounded_square' });
    expect(CATEGORY_SYMBOLS.tactile_paving).toMatchObject({ color: '#F0E442', shape: 'dotted_line', geometry: 'line' });
  });

  it('point categories are exactly the categories not drawn as lines', () => {
    expect(POINT_CATEGORIES).toEqual(FACILITY_CATEGORIES.filter((category) => CATEGORY_SYMBOLS[category].geometry === 'point'));
    expect(POINT_CATEGORIES).not.toContain('tactile_paving');
  });

  it('marks inside symbols keep 3:1 against their fill', () => {
    for (const category of FACILITY_CATEGORIES) {
      const symbol = CATEGORY_SYMBOLS[category];
      if (symbol.mark === 'none') continue;
      expect(contrastRatio(symbol.markColor, symbol.color), category).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST_MINIMUM);
    }
  });
});

describe('status marks: status is shown by shape, not colour alone', () => {
  it('no two statuses look alike', () => {
    for (const [first, second] of pairs(FACILITY_STATUSES)) {
      expect(STATUS_MARKS[first], `${first} vs ${second}`).not.toEqual(STATUS_MARKS[second]);
      expect(TACTILE_LINE_STYLES[first], `tactile ${first} vs ${second}`).not.toEqual(TACTILE_LINE_STYLES[second]);
    }
  });

  it('out of service is struck through and badged; unknown is dashed and badged; working is plain', () => {
    expect(STATUS_MARKS.out_of_service).toEqual({ outline: 'solid', strike: true, badge: 'cross' });
    expect(STATUS_MARKS.unknown).toEqual({ outline: 'dashed', strike: false, badge: 'question' });
    expect(STATUS_MARKS.working).toEqual({ outline: 'solid', strike: false, badge: null });
  });

  it('tactile lines change their dash pattern, not their colour, with status', () => {
    const working = TACTILE_LINE_STYLES.working;
    for (const status of FACILITY_STATUSES.filter((candidate) => candidate !== 'working')) {
      const style = TACTILE_LINE_STYLES[status];
      const patternChanged = JSON.stringify(style.casingDasharray) !== JSON.stringify(working.casingDasharray)
        || JSON.stringify(style.dotsDasharray) !== JSON.stringify(working.dotsDasharray);
      expect(patternChanged, status).toBe(true);
    }
  });
});

describe('icons', () => {
  it('every (category, status) pair has exactly one icon, and no two pairs share one', () => {
    expect(FACILITY_ICONS).toHaveLength(FACILITY_CATEGORIES.length * FACILITY_STATUSES.length);
    for (const category of FACILITY_CATEGORIES) {
      for (const status of FACILITY_STATUSES) {
        const matches = FACILITY_ICONS.filter((icon) => icon.category === category && icon.status === status);
        expect(matches, `${category} ${status}`).toHaveLength(1);
        expect(matches[0]?.name).toBe(facilityIconName(category, status));
      }
    }
    expect(new Set(FACILITY_ICONS.map((icon) => icon.name)).size).toBe(FACILITY_ICONS.length);
  });
});

describe('symbol contrast (WCAG 2.2 SC 1.4.11 Non-text Contrast, 3:1)', () => {
  it('the dark outline keeps 3:1 on every colour of the light basemap', () => {
    for (const surface of BASEMAP_SURFACE_COLORS) {
      expect(contrastRatio(OUTLINE_COLOR, surface), surface).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST_MINIMUM);
    }
  });

  it('the white halo keeps 3:1 against the dark outline it surrounds', () => {
    expect(contrastRatio(HALO_COLOR, OUTLINE_COLOR)).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST_MINIMUM);
  });

  it('on a dark basemap the white halo carries the 3:1 where the outline cannot', () => {
    const darkBasemaps = ['#000000', '#1B1B1B', '#2E3440', '#404040'];
    for (const surface of darkBasemaps) {
      expect(contrastRatio(HALO_COLOR, surface), surface).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST_MINIMUM);
    }
  });

  it('the yellow tactile dots keep 3:1 against their dark casing', () => {
    expect(contrastRatio(CATEGORY_SYMBOLS.tactile_paving.color, OUTLINE_COLOR)).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST_MINIMUM);
  });
});
