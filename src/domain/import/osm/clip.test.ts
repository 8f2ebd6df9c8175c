import { describe, it, expect } from 'vitest';
import type { LngLat } from '../../facilities/model.ts';
import { clipAreaFromBoundingBox, clipAreaFromPolygons, clipLine, clipRing, containsPosition } from './clip.ts';

const square = clipAreaFromBoundingBox([0, 0, 10, 10]);

describe('clipping lines', () => {
  it('cuts a line leaving the box exactly at the box edge', () => {
    const parts = clipLine(square, [[5, 5], [15, 5]]);
    expect(parts).toEqual([[[5, 5], [10, 5]]]);
  });

  it('keeps each stretch inside as its own part when a line leaves and comes back', () => {
    const parts = clipLine(square, [[2, 2], [2, 12], [8, 12], [8, 2]]);
    expect(parts).toEqual([[[2, 2], [2, 10]], [[8, 10], [8, 2]]]);
  });

  it('drops a line wholly outside and keeps one wholly inside unchanged', () => {
    expect(clipLine(square, [[11, 11], [12, 12]])).toEqual([]);
    const inside: LngLat[] = [[1, 1], [2, 3], [4, 4]];
    expect(clipLine(square, inside)).toEqual([inside]);
  });

  it('respects holes of a polygon boundary', () => {
    const withHole = clipAreaFromPolygons([[
      [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
      [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ]]);
    expect(containsPosition(withHole, [5, 5])).toBe(false);
    expect(containsPosition(withHole, [2, 5])).toBe(true);
    expect(clipLine(withHole, [[2, 5], [8, 5]])).toEqual([[[2, 5], [4, 5]], [[6, 5], [8, 5]]]);
  });
});

describe('clipping areas', () => {
  it('clips a ring against a rectangle and closes it again', () => {
    const ring = clipRing(square, [[5, 5], [15, 5], [15, 8], [5, 8], [5, 5]]);
    expect(ring).toEqual([[5, 5], [10, 5], [10, 8], [5, 8], [5, 5]]);
  });

  it('against a polygon that is not a rectangle keeps only rings wholly inside', () => {
    const triangle = clipAreaFromPolygons([[[[0, 0], [10, 0], [0, 10], [0, 0]]]]);
    expect(clipRing(triangle, [[1, 1], [2, 1], [2, 2], [1, 1]])).not.toBeNull();
    expect(clipRing(triangle, [[1, 1], [9, 1], [9, 9], [1, 1]])).toBeNull();
  });
});
