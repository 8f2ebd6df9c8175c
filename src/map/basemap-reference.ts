// The one piece of the external basemap the first paint needs: where to load it from. Kept apart
// from layers/external-basemap.ts so that importing it from the app shell does not pull the map's
// layer modules into the main chunk.
import type { ExternalBasemapReference } from '../domain/facilities/model.ts';

/**
 * The manifest's basemap with every location made absolute against the district folder's URL, as
 * the browser and the pmtiles:// protocol need it; null when there is nothing to load.
 */
export function resolveBasemapReference(reference: ExternalBasemapReference | null | undefined, folderUrl: string): ExternalBasemapReference | null {
  if (!reference || (reference.style === null && reference.pmtiles === null)) return null;
  const absolute = (location: string | null): string | null => (location === null ? null : new URL(location, folderUrl).href);
  return { style: absolute(reference.style), pmtiles: absolute(reference.pmtiles) };
}
