import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, FACILITY_STATUSES } from '../../domain/facilities/model.ts';
import {
  BADGE_BOX_PIXELS, HALO_STROKE_PIXELS, ICON_BOX_PIXELS, UNKNOWN_OUTLINE_DASH_PIXELS, badgeDrawing, facilityIconDrawing, operationBounds,
  type DrawOperation, type IconDrawing,
} from './icon-drawing.ts';
import { CATEGORY_SYMBOLS, HALO_COLOR, HALO_WIDTH_PIXELS, OUTLINE_COLOR, OUTLINE_WIDTH_PIXELS, POINT_CATEGORIES, STATUS_BADGES } from './symbols.ts';

type Stroke = Extract<DrawOperation, { operation: 'stroke' }>;

function strokes(drawing: IconDrawing): Stroke[] {
  return drawing.operations.filter((operation): operation is Stroke => operation.operation === 'stroke');
}

/** The outline of the category shape: the dark stroke of the path the category colour fills. */
function shapeOutline(drawing: IconDrawing, fillColor: string): Stroke | undefined {
  const fill = drawing.operations.find((operation) => operation.operation === 'fill' && operation.color === fillColor);
  if (!fill || fill.operation !== 'fill') return undefined;
  return strokes(drawing).find((stroke) => stroke.color === OUTLINE_COLOR && JSON.stringify(stroke.path) === JSON.stringify(fill.path));
}

function pointDrawings() {
  return POINT_CATEGORIES.flatMap((category) => FACILITY_STATUSES.map((status) => ({ category, status, drawing: facilityIconDrawing(category, status) })));
}

describe('facility icon drawings', () => {
  it('every point icon fills its shape with the category colour and outlines it 2 px #1B1B1B', () => {
    for (const { category, status, drawing } of pointDrawings()) {
      const outline = shapeOutline(drawing, CATEGORY_SYMBOLS[category].color);
      expect(outline, `${category} ${status}`).toBeDefined();
      expect(outline?.widthPixels).toBe(OUTLINE_WIDTH_PIXELS);
    }
  });

  it('a white halo 2 px beyond the outline is laid under it', () => {
    expect(HALO_STROKE_PIXELS).toBe(OUTLINE_WIDTH_PIXELS + 2 * HALO_WIDTH_PIXELS);
    for (const { category, status, drawing } of pointDrawings()) {
      const outline = shapeOutline(drawing, CATEGORY_SYMBOLS[category].color);
      const haloIndex = drawing.operations.findIndex((operation) => operation.operation === 'stroke' && operation.color === HALO_COLOR
        && JSON.stringify(operation.path) === JSON.stringify(outline?.path));
      const halo = drawing.operations[haloIndex];
      expect(halo, `${category} ${status}`).toBeDefined();
      expect(halo?.operation === 'stroke' && halo.widthPixels).toBe(HALO_STROKE_PIXELS);
      expect(haloIndex).toBeLessThan(drawing.operations.indexOf(outline as DrawOperation));
    }
  });

  it('only unknown icons have a dashed outline', () => {
    for (const { category, status, drawing } of pointDrawings()) {
      const outline = shapeOutline(drawing, CATEGORY_SYMBOLS[category].color);
      expect(outline?.dashPixels, `${category} ${status}`).toEqual(status === 'unknown' ? UNKNOWN_OUTLINE_DASH_PIXELS : []);
    }
  });

  it('out-of-service icons carry a diagonal bar and unknown ones do not', () => {
    const hasDiagonal = (drawing: IconDrawing) => strokes(drawing).some((stroke) => {
      if (stroke.path.kind !== 'polyline' || stroke.path.points.length !== 2) return false;
      const [start, end] = stroke.path.points;
      return !!start && !!end && Math.abs(end[0] - start[0]) > 10 && Math.abs(end[1] - start[1]) > 10 && stroke.widthPixels >= 3;
    });
    for (const category of FACILITY_CATEGORIES) {
      expect(hasDiagonal(facilityIconDrawing(category, 'out_of_service')), category).toBe(true);
      expect(hasDiagonal(facilityIconDrawing(category, 'unknown')), category).toBe(false);
      expect(hasDiagonal(facilityIconDrawing(category, 'working')), category).toBe(false);
    }
  });

  it('the three statuses of a category are three different drawings', () => {
    for (const category of FACILITY_CATEGORIES) {
      const drawings = FACILITY_STATUSES.map((status) => JSON.stringify(facilityIconDrawing(category, status)));
      expect(new Set(drawings).size, category).toBe(FACILITY_STATUSES.length);
    }
  });

  it('the toilet says WC and the elevator shows two arrows, so neither needs colour to be told apart', () => {
    const toiletText = facilityIconDrawing('toilet', 'working').operations.filter((operation) => operation.operation === 'text');
    expect(toiletText.map((operation) => operation.operation === 'text' && operation.text)).toEqual(['WC']);
    const elevatorArrows = facilityIconDrawing('elevator', 'working').operations
      .filter((operation) => operation.operation === 'fill' && operation.color === CATEGORY_SYMBOLS.elevator.markColor && operation.path.kind === 'polygon');
    expect(elevatorArrows).toHaveLength(2);
  });

  it('nothing is painted outside the icon box, halo and strokes included', () => {
    for (const category of FACILITY_CATEGORIES) {
      for (const status of FACILITY_STATUSES) {
        const drawing = facilityIconDrawing(category, status);
        for (const operation of drawing.operations) {
          const [left, top, right, bottom] = operationBounds(operation);
          expect(left, `${category} ${status}`).toBeGreaterThanOrEqual(0);
          expect(top, `${category} ${status}`).toBeGreaterThanOrEqual(0);
          expect(right, `${category} ${status}`).toBeLessThanOrEqual(ICON_BOX_PIXELS);
          expect(bottom, `${category} ${status}`).toBeLessThanOrEqual(ICON_BOX_PIXELS);
        }
      }
    }
    for (const badge of STATUS_BADGES) {
      for (const operation of badgeDrawing(badge).operations) {
        const [left, top, right, bottom] = operationBounds(operation);
        expect(Math.min(left, top)).toBeGreaterThanOrEqual(0);
        expect(Math.max(right, bottom)).toBeLessThanOrEqual(BADGE_BOX_PIXELS);
      }
    }
  });

  it('a stroke reaches half its width beyond its path', () => {
    const [left, top, right, bottom] = operationBounds({
      operation: 'stroke', path: { kind: 'polyline', points: [[10, 10], [20, 14]] }, color: OUTLINE_COLOR, widthPixels: 4, dashPixels: [], cap: 'butt',
    });
    expect([left, top, right, bottom]).toEqual([8, 8, 22, 16]);
  });

  it('the tactile paving swatch is a dark casing with yellow dots, dashed casing when unknown', () => {
    const working = strokes(facilityIconDrawing('tactile_paving', 'working'));
    const unknown = strokes(facilityIconDrawing('tactile_paving', 'unknown'));
    const dots = working.find((stroke) => stroke.color === CATEGORY_SYMBOLS.tactile_paving.color);
    expect(dots?.cap).toBe('round');
    expect(dots?.dashPixels[0]).toBe(0);
    expect(working.find((stroke) => stroke.color === OUTLINE_COLOR)?.dashPixels).toEqual([]);
    expect(unknown.find((stroke) => stroke.color === OUTLINE_COLOR)?.dashPixels.length).toBeGreaterThan(0);
  });
});
