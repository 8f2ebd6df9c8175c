// The map's symbol vocabulary as data, so the map icons, the map line styles and the app's legend
// all draw from one table. Colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal
// Design", 2008), chosen to stay distinguishable with the common colour-vision deficiencies; every
// category also has its own SHAPE and every status its own MARK, so nothing depends on colour alone
// (WCAG 2.2 SC 1.4.1 Use of Color). See /work/shared/design/accessibility.md.
import { FACILITY_CATEGORIES, FACILITY_STATUSES, type FacilityCategory, type FacilityStatus } from '../../domain/facilities/model.ts';

/** Outline of every symbol: dark enough for 3:1 on any light basemap (SC 1.4.11). */
export const OUTLINE_COLOR = '#1B1B1B';
/** Halo around the outline: carries the 3:1 on dark basemaps and satellite imagery. */
export const HALO_COLOR = '#FFFFFF';
export const OUTLINE_WIDTH_PIXELS = 2;
export const HALO_WIDTH_PIXELS = 2;

export type SymbolShape = 'triangle' | 'square' | 'rounded_square' | 'dotted_line';
/** A mark drawn inside the shape: letters or a pictogram that names the category without colour. */
export type SymbolMark = 'none' | 'letters_wc' | 'up_down_arrows';

export interface CategorySymbol {
  /** Fill colour (for tactile paving, the colour of the dots). */
  color: string;
  shape: SymbolShape;
  mark: SymbolMark;
  /** Colour of the mark, chosen for contrast against `color`. */
  markColor: string;
  /** Points become icons; lines become line layers. */
  geometry: 'point' | 'line';
}

export const CATEGORY_SYMBOLS: Readonly<Record<FacilityCategory, CategorySymbol>> = {
  ramp: { color: '#D55E00', shape: 'triangle', mark: 'none', markColor: OUTLINE_COLOR, geometry: 'point' },
  toilet: { color: '#56B4E9', shape: 'square', mark: 'letters_wc', markColor: OUTLINE_COLOR, geometry: 'point' },
  elevator: { color: '#0072B2', shape: 'rounded_square', mark: 'up_down_arrows', markColor: '#FFFFFF', geometry: 'point' },
  tactile_paving: { color: '#F0E442', shape: 'dotted_line', mark: 'none', markColor: OUTLINE_COLOR, geometry: 'line' },
};

/** Categories drawn as icons, one symbol layer each. */
export const POINT_CATEGORIES: readonly FacilityCategory[] = FACILITY_CATEGORIES.filter(
  (category) => CATEGORY_SYMBOLS[category].geometry === 'point',
);

export type StatusBadge = 'cross' | 'question';

export interface StatusMark {
  /** Dashed outline: the record is unverified. */
  outline: 'solid' | 'dashed';
  /** A diagonal bar across the symbol: it cannot be used today. */
  strike: boolean;
  /** A small round badge at the top right, readable at a glance. */
  badge: StatusBadge | null;
}

export const STATUS_MARKS: Readonly<Record<FacilityStatus, StatusMark>> = {
  working: { outline: 'solid', strike: false, badge: null },
  out_of_service: { outline: 'solid', strike: true, badge: 'cross' },
  unknown: { outline: 'dashed', strike: false, badge: 'question' },
};

/**
 * How a tactile paving line shows its status. Dash arrays are in line widths, as MapLibre's
 * `line-dasharray` counts them; `null` means a solid line.
 */
export interface TactileLineStyle {
  casingDasharray: number[] | null;
  dotsDasharray: number[];
  badge: StatusBadge | null;
}

export const TACTILE_LINE_STYLES: Readonly<Record<FacilityStatus, TactileLineStyle>> = {
  // Zero-length dashes with round caps draw as dots: the "dotted line" of the palette.
  working: { casingDasharray: null, dotsDasharray: [0, 2], badge: null },
  // Out of service: the dots become short bars and a cross badge repeats along the line.
  out_of_service: { casingDasharray: null, dotsDasharray: [1, 1.5], badge: 'cross' },
  // Unverified: a broken casing, like the dashed outline of the icons, and a question badge.
  unknown: { casingDasharray: [1.5, 1], dotsDasharray: [0, 2], badge: 'question' },
};

/** Name of the map image for a category in a status, e.g. "bfmap-ramp-out_of_service". */
export function facilityIconName(category: FacilityCategory, status: FacilityStatus): string {
  return `bfmap-${category}-${status}`;
}

/** Name of the map image of a status badge alone, repeated along tactile paving lines. */
export function badgeIconName(badge: StatusBadge): string {
  return `bfmap-badge-${badge}`;
}

export interface FacilityIconEntry { name: string; category: FacilityCategory; status: FacilityStatus }

/** Every (category, status) pair and the image name that draws it. */
export const FACILITY_ICONS: readonly FacilityIconEntry[] = FACILITY_CATEGORIES.flatMap((category) =>
  FACILITY_STATUSES.map((status) => ({ name: facilityIconName(category, status), category, status })),
);

export const STATUS_BADGES: readonly StatusBadge[] = ['cross', 'question'];
