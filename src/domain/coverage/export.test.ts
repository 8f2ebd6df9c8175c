import { describe, it, expect } from 'vitest';
import type { BoundaryFeature, LngLat, ToiletFacility } from '../facilities/model.ts';
import { buildRoutingGraph } from '../routing/graph.ts';
import { generateSyntheticNetwork } from '../routing/synthetic-network.ts';
import { COVERAGE_CSV_COLUMNS, coverageAreasFromBoundary, coverageTableCsv } from './export.ts';
import { computeCoverage } from './service-area.ts';

/** A small independent CSV reader (quoted fields, doubled quotes, CRLF), to read back what was written. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') { row.push(field); field = ''; }
    else if (character === '\r' && text[index + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; index += 1; }
    else field += character;
  }
  return rows;
}

function toilet(id: string, position: LngLat): ToiletFacility {
  return {
    id, category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null, lastVerified: null, source: 'test',
    doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null, openingHours: null, changingTable: null,
    location: { type: 'Point', coordinates: position },
  };
}

describe('coverage exports', () => {
  const network = generateSyntheticNetwork({ blocksEast: 4, blocksNorth: 3, seed: 3 });
  // Street names with a comma, a quote and a leading "=" to exercise quoting and formula guarding.
  const names = ['南京东路', 'Rue "du" Temple, Nord', '=HYPERLINK("x")'];
  const named = network.edges.map((line, index) => ({ ...line, nameZh: names[index % 3]!, nameEn: names[index % 3]! }));
  const { graph } = buildRoutingGraph(named, network.facilities);
  const [west, south, east, north] = network.bbox;
  const half: BoundaryFeature = {
    type: 'Feature', id: 'west-half', properties: { name_zh: '西半区', name_en: 'West half' },
    geometry: { type: 'Polygon', coordinates: [[[west, south], [(west + east) / 2, south], [(west + east) / 2, north], [west, north], [west, south]]] },
  };
  const areas = coverageAreasFromBoundary([half, { ...half, id: undefined, properties: {} }]);
  const result = computeCoverage(graph, [toilet('t', [west + (east - west) / 3, south + (north - south) / 2])], {
    category: 'toilet', profile: 'wheelchair', withinMeters: 200, cellSizeMeters: 50, areas,
  });

  it('names areas from the boundary feature, numbering those without an id', () => {
    expect(areas.map((area) => [area.id, area.nameZh, area.nameEn])).toEqual([['west-half', '西半区', 'West half'], ['boundary:2', null, null]]);
  });

  it('writes one row for the district, each area and each street, that read back to the result', () => {
    const text = coverageTableCsv(result);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual([...COVERAGE_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 1 + result.areas.length + result.streets.length);
    const column = (name: (typeof COVERAGE_CSV_COLUMNS)[number]): number => COVERAGE_CSV_COLUMNS.indexOf(name);
    const district = rows[1]!;
    expect(Number(district[column('cells')])).toBe(result.cellsOnNetwork);
    expect(Number(district[column('cells_covered_network')])).toBe(result.cellsCoveredNetwork);
    const streetRows = rows.filter((row) => row[column('kind')] === 'street');
    streetRows.forEach((row, index) => {
      const street = result.streets[index]!;
      // A name starting with "=" is written with an apostrophe so spreadsheets do not run it.
      expect(row[column('name_zh')]).toBe(street.nameZh!.startsWith('=') ? `'${street.nameZh}` : street.nameZh);
      expect(Number(row[column('cells_covered_network')])).toBe(street.cellsCoveredNetwork);
      expect(row[column('share_network')]).toBe(street.shareNetwork === null ? '' : String(Math.round(street.shareNetwork * 10000) / 10000));
    });
    expect(streetRows.map((row) => row[column('name_en')])).toContain('Rue "du" Temple, Nord');
  });
});
