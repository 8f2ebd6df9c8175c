// The whole map style, from the district's own data: no `glyphs`, no `sprite`, no remote sources.
import type { StyleSpecification } from 'maplibre-gl';
import type { BoundaryFeature, Facility, NetworkEdge } from '../../domain/facilities/model.ts';
import {
  BASEMAP_SOURCE_ID, NETWORK_SOURCE_ID, basemapLabelLayers, basemapLayers, basemapSource, networkLayers, networkSource,
  type BasemapFeatureLike, type MapLanguage,
} from './basemap.ts';
import { FACILITIES_SOURCE_ID, facilitiesSource, facilityLayers } from './facilities.ts';
import { ROUTE_SOURCE_ID, routeLayers, routeSource } from './route.ts';
import { COVERAGE_SOURCE_ID, coverageLayers, coverageSource } from './coverage.ts';

export interface MapStyleInput {
  boundary: readonly BoundaryFeature[];
  basemap: readonly BasemapFeatureLike[];
  network: readonly NetworkEdge[];
  facilities: readonly Facility[];
  language: MapLanguage;
}

/** Basemap, then the walkable network, the planner's coverage cells, the route, street names, then facilities on top. */
export function buildMapStyle(input: MapStyleInput): StyleSpecification {
  return {
    version: 8,
    name: 'barrier-free-map',
    sources: {
      [BASEMAP_SOURCE_ID]: basemapSource(input.boundary, input.basemap),
      [NETWORK_SOURCE_ID]: networkSource(input.network),
      [FACILITIES_SOURCE_ID]: facilitiesSource(input.facilities),
      [ROUTE_SOURCE_ID]: routeSource(null),
      [COVERAGE_SOURCE_ID]: coverageSource(null),
    },
    layers: [...basemapLayers(), ...networkLayers(), ...coverageLayers(), ...routeLayers(), ...basemapLabelLayers(input.language), ...facilityLayers()],
  };
}
