// What each facility icon is made of, as plain data: shapes, strokes and fills in CSS pixels on a
// 32 × 32 box. src/map/icons.ts paints these onto a canvas for the map and the legend; keeping the
// geometry here lets tests check the accessibility rules (outline, halo, status marks) without a canvas.
import type { FacilityCategory, FacilityStatus } from '../../domain/facilities/model.ts';
import {
  CATEGORY_SYMBOLS, HALO_COLOR, HALO_WIDTH_PIXELS, OUTLINE_COLOR, OUTLINE_WIDTH_PIXELS, STATUS_MARKS, TACTILE_LINE_STYLES,
  type StatusBadge,
} from './symbols.ts';

export const ICON_BOX_PIXELS = 32;
export const BADGE_BOX_PIXELS = 16;

export type Position = readonly [x: number, y: number];

export type IconPath =
  | { kind: 'polygon'; points: readonly Position[] }
  | { kind: 'polyline'; points: readonly Position[] }
  | { kind: 'rounded_rectangle'; x: number; y: number; width: number; height: number; radius: number }
  | { kind: 'circle'; centerX: number; centerY: number; radius: number };

export type DrawOperation =
  | { operation: 'fill'; path: IconPath; color: string }
  | { operation: 'stroke'; path: IconPath; color: string; widthPixels: number; dashPixels: readonly number[]; cap: 'butt' | 'round' }
  | { operation: 'text'; text: string; centerX: number; centerY: number; fontSizePixels: number; color: string };

export interface IconDrawing {
  widthPixels: number;
  heightPixels: number;
  operations: readonly DrawOperation[];
}

/** Width of the white stroke laid under the outline: the outline plus a halo on each side. */
export const HALO_STROKE_PIXELS = OUTLINE_WIDTH_PIXELS + 2 * HALO_WIDTH_PIXELS;
/** Dash of an unverified outline: long enough to read as a dashed line at 0.55 icon size. */
export const UNKNOWN_OUTLINE_DASH_PIXELS: readonly number[] = [3, 2];

const SOLID: readonly number[] = [];
const BADGE_RADIUS_PIXELS = 5.5;

function shapePath(category: FacilityCategory): IconPath {
  switch (CATEGORY_SYMBOLS[category].shape) {
    case 'triangle':
      return { kind: 'polygon', points: [[16, 4.5], [27.5, 26], [4.5, 26]] };
    case 'square':
      return { kind: 'rounded_rectangle', x: 5, y: 5, width: 22, height: 22, radius: 0 };
    case 'rounded_square':
      return { kind: 'rounded_rectangle', x: 5, y: 5, width: 22, height: 22, radius: 6 };
    case 'dotted_line':
      return { kind: 'polyline', points: [[7, 16], [25, 16]] };
  }
}

function markOperations(category: FacilityCategory): DrawOperation[] {
  const symbol = CATEGORY_SYMBOLS[category];
  switch (symbol.mark) {
    case 'none':
      return [];
    case 'letters_wc':
      return [{ operation: 'text', text: 'WC', centerX: 16, centerY: 16.5, fontSizePixels: 10, color: symbol.markColor }];
    case 'up_down_arrows':
      return [
        { operation: 'fill', path: { kind: 'polygon', points: [[16, 8], [21, 14], [11, 14]] }, color: symbol.markColor },
        { operation: 'fill', path: { kind: 'polygon', points: [[11, 18], [21, 18], [16, 24]] }, color: symbol.markColor },
      ];
  }
}

/** A round white badge with a dark rim and a cross or a question mark, drawn from paths (no font). */
export function badgeOperations(badge: StatusBadge, centerX: number, centerY: number): DrawOperation[] {
  const disc: IconPath = { kind: 'circle', centerX, centerY, radius: BADGE_RADIUS_PIXELS };
  const glyph: DrawOperation[] = badge === 'cross'
    ? [
      { operation: 'stroke', path: { kind: 'polyline', points: [[centerX - 2.3, centerY - 2.3], [centerX + 2.3, centerY + 2.3]] }, color: OUTLINE_COLOR, widthPixels: 1.8, dashPixels: SOLID, cap: 'round' },
      { operation: 'stroke', path: { kind: 'polyline', points: [[centerX + 2.3, centerY - 2.3], [centerX - 2.3, centerY + 2.3]] }, color: OUTLINE_COLOR, widthPixels: 1.8, dashPixels: SOLID, cap: 'round' },
    ]
    : [
      // A question mark: a hook (three quarters of a small circle), a stem and a dot.
      { operation: 'stroke', path: { kind: 'polyline', points: questionHook(centerX, centerY - 1.4) }, color: OUTLINE_COLOR, widthPixels: 1.6, dashPixels: SOLID, cap: 'round' },
      { operation: 'fill', path: { kind: 'circle', centerX, centerY: centerY + 3, radius: 0.95 }, color: OUTLINE_COLOR },
    ];
  return [
    { operation: 'fill', path: disc, color: HALO_COLOR },
    { operation: 'stroke', path: disc, color: OUTLINE_COLOR, widthPixels: 1.5, dashPixels: SOLID, cap: 'butt' },
    ...glyph,
  ];
}

function questionHook(centerX: number, centerY: number): Position[] {
  const radius = 1.9;
  const points: Position[] = [];
  // From the left (180°) over the top round to the bottom (450°), in canvas angles (y grows down).
  for (let step = 0; step <= 12; step += 1) {
    const angle = Math.PI + (step / 12) * 1.5 * Math.PI;
    points.push([centerX + radius * Math.cos(angle), centerY + radius * Math.sin(angle)]);
  }
  points.push([centerX, centerY + radius + 1]);
  return points;
}

const BADGE_CENTER: Position = [25.5, 6.5];

/** The drawing of one facility icon: halo, fill, mark, outline, then the status marks on top. */
export function facilityIconDrawing(category: FacilityCategory, status: FacilityStatus): IconDrawing {
  const symbol = CATEGORY_SYMBOLS[category];
  const statusMark = STATUS_MARKS[status];
  const path = shapePath(category);
  const operations: DrawOperation[] = [];

  if (symbol.geometry === 'line') {
    // The legend swatch of a tactile line: white halo, dark casing, yellow dots, as on the map.
    const lineStyle = TACTILE_LINE_STYLES[status];
    const casingWidthPixels = 8;
    const dotWidthPixels = 4;
    operations.push(
      { operation: 'stroke', path, color: HALO_COLOR, widthPixels: casingWidthPixels + 2 * HALO_WIDTH_PIXELS, dashPixels: SOLID, cap: 'round' },
      {
        operation: 'stroke', path, color: OUTLINE_COLOR, widthPixels: casingWidthPixels,
        dashPixels: lineStyle.casingDasharray ? lineStyle.casingDasharray.map((length) => length * casingWidthPixels) : SOLID,
        cap: lineStyle.casingDasharray ? 'butt' : 'round',
      },
      {
        operation: 'stroke', path, color: symbol.color, widthPixels: dotWidthPixels,
        dashPixels: lineStyle.dotsDasharray.map((length) => length * dotWidthPixels), cap: 'round',
      },
    );
  } else {
    operations.push(
      { operation: 'stroke', path, color: HALO_COLOR, widthPixels: HALO_STROKE_PIXELS, dashPixels: SOLID, cap: 'round' },
      { operation: 'fill', path, color: symbol.color },
      ...markOperations(category),
      {
        operation: 'stroke', path, color: OUTLINE_COLOR, widthPixels: OUTLINE_WIDTH_PIXELS,
        dashPixels: statusMark.outline === 'dashed' ? UNKNOWN_OUTLINE_DASH_PIXELS : SOLID, cap: 'butt',
      },
    );
  }

  if (statusMark.strike) {
    const strike: IconPath = { kind: 'polyline', points: [[6, 6], [26, 26]] };
    operations.push(
      { operation: 'stroke', path: strike, color: HALO_COLOR, widthPixels: 3 + 2 * HALO_WIDTH_PIXELS, dashPixels: SOLID, cap: 'butt' },
      { operation: 'stroke', path: strike, color: OUTLINE_COLOR, widthPixels: 3, dashPixels: SOLID, cap: 'butt' },
    );
  }
  if (statusMark.badge) operations.push(...badgeOperations(statusMark.badge, BADGE_CENTER[0], BADGE_CENTER[1]));

  return { widthPixels: ICON_BOX_PIXELS, heightPixels: ICON_BOX_PIXELS, operations };
}

/** A badge alone, repeated along tactile paving lines. */
export function badgeDrawing(badge: StatusBadge): IconDrawing {
  const center = BADGE_BOX_PIXELS / 2;
  return {
    widthPixels: BADGE_BOX_PIXELS,
    heightPixels: BADGE_BOX_PIXELS,
    operations: [
      { operation: 'fill', path: { kind: 'circle', centerX: center, centerY: center, radius: BADGE_RADIUS_PIXELS + HALO_WIDTH_PIXELS }, color: HALO_COLOR },
      ...badgeOperations(badge, center, center),
    ],
  };
}

/** Where an operation paints, stroke width included: [left, top, right, bottom] in CSS pixels. */
export function operationBounds(operation: DrawOperation): [number, number, number, number] {
  if (operation.operation === 'text') {
    // Text is bounded by its size: at most as wide as 0.7 em per character, one em high.
    const halfWidth = (operation.text.length * 0.7 * operation.fontSizePixels) / 2;
    const halfHeight = operation.fontSizePixels / 2;
    return [operation.centerX - halfWidth, operation.centerY - halfHeight, operation.centerX + halfWidth, operation.centerY + halfHeight];
  }
  const reach = operation.operation === 'stroke' ? operation.widthPixels / 2 : 0;
  const path = operation.path;
  let box: [number, number, number, number];
  if (path.kind === 'circle') {
    box = [path.centerX - path.radius, path.centerY - path.radius, path.centerX + path.radius, path.centerY + path.radius];
  } else if (path.kind === 'rounded_rectangle') {
    box = [path.x, path.y, path.x + path.width, path.y + path.height];
  } else {
    const xs = path.points.map((point) => point[0]);
    const ys = path.points.map((point) => point[1]);
    box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }
  return [box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach];
}
