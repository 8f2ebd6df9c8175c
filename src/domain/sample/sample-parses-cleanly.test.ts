import { describe, it, expect } from 'vitest';
import { generateSampleDistrict } from './generate-sample-district.ts';
import { FACILITY_CATEGORIES, LAYER_FILES } from '../facilities/model.ts';
import { parseBasemapLayer, parseBoundaryLayer, parseDistrictManifest, parseFacilityLayer, parseNetworkLayer, parsePlacesLayer } from '../facilities/parse.ts';

describe('the generated sample district', () => {
  const files = generateSampleDistrict();

  it('passes the parser with zero problems in every layer', () => {
    const results = [
      ...FACILITY_CATEGORIES.map((category) => parseFacilityLayer(category, LAYER_FILES[category], files[LAYER_FILES[category]])),
      parseNetworkLayer(LAYER_FILES.network, files[LAYER_FILES.network]),
      parsePlacesLayer(LAYER_FILES.places, files[LAYER_FILES.places]),
      parseBoundaryLayer(LAYER_FILES.boundary, files[LAYER_FILES.boundary]),
      parseBasemapLayer(LAYER_FILES.basemap, files[LAYER_FILES.basemap]),
    ];
    expect(results.flatMap((result) => result.problems)).toEqual([]);
    for (const result of results) expect(result.items.length).toBeGreaterThan(0);
  });

  it('has a manifest the app accepts, whose counts match the parsed layers', () => {
    const { manifest, problems } = parseDistrictManifest('district.json', files['district.json']);
    expect(problems).toEqual([]);
    expect(manifest?.sample).toBe(true);
    expect(manifest?.counts.ramps).toBe(parseFacilityLayer('ramp', 'r', files[LAYER_FILES.ramp]).items.length);
    expect(manifest?.counts.tactilePaving).toBe(parseFacilityLayer('tactile_paving', 't', files[LAYER_FILES.tactile_paving]).items.length);
  });
});
