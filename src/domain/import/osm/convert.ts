// OpenStreetMap elements → the layers of a district folder (data/README.md), through the one tag
// mapping of tag-mapping.ts. Pure: the readers in bin/osm fill an OsmElementStore, this turns it
// into GeoJSON features, and bin/commands/import-osm.ts writes the folder.
import type { Feature } from 'geojson';
import type { DistrictLayers } from '../district-files.ts';
import { buildBasemap } from './basemap.ts';
import type { ClipArea } from './clip.ts';
import { ConversionContext } from './context.ts';
import type { OsmElementStore } from './elements.ts';
import { buildFacilities } from './facilities.ts';
import { buildNetwork } from './network.ts';
import { buildPlaces } from './places.ts';
import type { OsmWarnings } from './warnings.ts';

export interface OsmConversionOptions {
  /** The district's area; everything outside is left out and lines are cut at its edge. Null keeps everything. */
  clip: ClipArea | null;
  /** Whether to draw a basemap (roads, buildings, parks, water, rail) from the extract. */
  basemap: boolean;
}

export interface OsmConversion {
  layers: Omit<DistrictLayers, 'boundary'>;
  warnings: OsmWarnings;
  /** Things deliberately not imported, with counts, for the summary. */
  notImported: Record<string, number>;
}

export function convertOsm(store: OsmElementStore, options: OsmConversionOptions): OsmConversion {
  const context = new ConversionContext(store, options.clip);
  const network = buildNetwork(context);
  const facilities = buildFacilities(context, network);
  const places = buildPlaces(context, facilities.facilityElements);
  const basemap = options.basemap ? buildBasemap(context) : null;

  const ramps = [...network.ramps, ...facilities.ramps];
  const facilityIds = new Set<string>([...ramps, ...facilities.elevators].map((item) => String(item.properties?.id)));
  // An edge may pass through a facility left outside the district (or never mapped as one): it
  // still says what it is, but names no facility that is not in the folder.
  const edges: Feature[] = network.network.map((edge) => {
    const facilityId = edge.properties?.facility_id;
    return typeof facilityId === 'string' && !facilityIds.has(facilityId) ? { ...edge, properties: { ...edge.properties, facility_id: null } } : edge;
  });
  return {
    layers: {
      ramps,
      toilets: facilities.toilets,
      elevators: facilities.elevators,
      tactilePaving: network.tactilePaving,
      network: edges,
      places,
      basemap,
    },
    warnings: context.warnings,
    notImported: Object.fromEntries(context.notImported),
  };
}
