import { describe, it, expect } from 'vitest';
import { createLabelledRandom } from './random.ts';
import {
  buildBlocks, buildSidewalkRuns, buildStreetGrid, crossPosition, crossSlope, intersectOffsetLines, pointBesideLine, pointInBlock, type GuideLine,
} from './street-grid.ts';

function straightLine(axis: GuideLine['axis'], baseMeters: number, slope: number): GuideLine {
  return { axis, baseMeters, slope, bendAmplitudeMeters: 0, bendWavelengthMeters: 1000, bendPhase: 0 };
}

/** Perpendicular distance from a point to a line, measured against its local tangent. */
function distanceFromLine(line: GuideLine, point: { x: number; y: number }): number {
  const along = line.axis === 'east_west' ? point.x : point.y;
  const cross = line.axis === 'east_west' ? point.y : point.x;
  return Math.abs(cross - crossPosition(line, along)) / Math.sqrt(1 + crossSlope(line, along) ** 2);
}

describe('line geometry', () => {
  it('offsets perpendicular to an angled line: 10 m beside a 45° line is 10 m from it', () => {
    const diagonal = straightLine('east_west', 0, 1);
    const beside = pointBesideLine(diagonal, 50, 1, 10);
    expect(distanceFromLine(diagonal, beside)).toBeCloseTo(10, 9);
  });

  it('meets two straight lines where both equations hold (y = 5 + 0.1x, x = -3 + 0.2y)', () => {
    const point = intersectOffsetLines(
      { line: straightLine('east_west', 5, 0.1), side: 1, distanceMeters: 0 },
      { line: straightLine('north_south', -3, 0.2), side: 1, distanceMeters: 0 },
    );
    expect(point.y).toBeCloseTo(5 + 0.1 * point.x, 9);
    expect(point.x).toBeCloseTo(-3 + 0.2 * point.y, 9);
  });
});

describe('buildStreetGrid', () => {
  const grid = buildStreetGrid(createLabelledRandom(1, 'streets'));

  it('gives every junction at least three arms, and T-junctions where a street ends', () => {
    for (const intersection of grid.intersections) expect(Object.values(intersection.legs).filter(Boolean).length).toBeGreaterThanOrEqual(3);
    const tJunctions = grid.intersections.filter((intersection) => Object.values(intersection.legs).filter(Boolean).length === 3);
    const streetsThatEnd = [...grid.eastWest, ...grid.northSouth].filter((street) => street.startsAt !== null || street.endsAt !== null);
    expect(tJunctions.length).toBe(streetsThatEnd.reduce((count, street) => count + (street.startsAt === null ? 0 : 1) + (street.endsAt === null ? 0 : 1), 0));
  });

  it('puts every corner one sidewalk offset from both streets', () => {
    for (const intersection of grid.intersections) {
      for (const corner of Object.values(intersection.corners)) {
        expect(distanceFromLine(intersection.eastWest, corner)).toBeCloseTo(intersection.eastWest.sidewalkOffsetMeters, 0);
        expect(distanceFromLine(intersection.northSouth, corner)).toBeCloseTo(intersection.northSouth.sidewalkOffsetMeters, 0);
      }
    }
  });

  it('splits sidewalks into runs ordered along the street, and refuses an attachment in the middle of a junction', () => {
    const runs = buildSidewalkRuns(grid, []);
    for (const run of runs) {
      expect(run.nodes.length).toBeGreaterThanOrEqual(2);
      run.nodes.forEach((node, index) => expect(node.along).toBeGreaterThan(run.nodes[index - 1]?.along ?? -Infinity));
    }
    const junction = grid.intersections.find((intersection) => intersection.legs.north && intersection.legs.south);
    if (junction === undefined) throw new Error('the grid has four-way junctions');
    expect(() => buildSidewalkRuns(grid, [{ key: 'inside', streetKey: junction.eastWest.key, side: 1, along: junction.centre.x }])).toThrow(/outside any sidewalk/);
  });

  it('keeps blocks between their streets: every block corner stands back from each bounding street by sidewalk offset plus gap', () => {
    const buildingGapMeters = 7;
    const blocks = buildBlocks(grid, buildingGapMeters, 10);
    expect(blocks.length).toBeGreaterThan(30);
    for (const block of blocks) {
      const bounding = [...grid.eastWest, ...grid.northSouth].filter((street) => [block.southKey, block.northKey, block.westKey, block.eastKey].includes(street.key));
      for (const corner of [pointInBlock(block, 0, 0), pointInBlock(block, 1, 0), pointInBlock(block, 1, 1), pointInBlock(block, 0, 1)]) {
        for (const street of bounding) expect(distanceFromLine(street, corner)).toBeGreaterThan(street.sidewalkOffsetMeters + buildingGapMeters - 0.5);
      }
    }
  });
});
