// Filtering and ordering of facilities. The list and the map both draw exactly what
// filterFacilities returns, so the two can never disagree.
import type { BoundingBox, Facility, FacilityCategory, FacilityStatus, LngLat } from './model.ts';
import { bearingDegrees, bboxContains, distanceToFacilityMeters, facilityAnchor, nearestPointOnLine } from '../geo/index.ts';

export interface FacilityFilter {
  categories: readonly FacilityCategory[];
  statuses: readonly FacilityStatus[];
  /** Words that must all appear in a name or address; empty matches everything. */
  text: string;
}

function searchableText(facility: Facility): string {
  return [facility.nameZh, facility.nameEn, facility.addressZh, facility.addressEn, facility.id]
    .filter((part): part is string => part !== null)
    .join(' ')
    .toLowerCase();
}

export function matchesText(facility: Facility, text: string): boolean {
  const terms = text.toLowerCase().split(/\s+/).filter((term) => term !== '');
  if (terms.length === 0) return true;
  const haystack = searchableText(facility);
  return terms.every((term) => haystack.includes(term));
}

export function filterFacilities(facilities: readonly Facility[], filter: FacilityFilter): Facility[] {
  return facilities.filter(
    (facility) => filter.categories.includes(facility.category) && filter.statuses.includes(facility.status) && matchesText(facility, filter.text),
  );
}

export interface PlacedFacility {
  facility: Facility;
  distanceMeters: number;
  /** Initial bearing from the origin to the facility's nearest point, 0 = north. */
  bearingDegrees: number;
}

/** Distance and direction of each facility from `origin`, nearest first; ties keep id order. */
export function placeFacilities(facilities: readonly Facility[], origin: LngLat): PlacedFacility[] {
  return facilities
    .map((facility) => {
      const target = facility.location.type === 'Point'
        ? (facility.location.coordinates as LngLat)
        : nearestPointOnLine(origin, facility.location.coordinates as LngLat[]).point;
      return { facility, distanceMeters: distanceToFacilityMeters(origin, facility), bearingDegrees: bearingDegrees(origin, target) };
    })
    .sort((first, second) => first.distanceMeters - second.distanceMeters || first.facility.id.localeCompare(second.facility.id));
}

/** Facilities with a point (or, for lines, any vertex or the anchor) inside the box. */
export function facilitiesInBounds(facilities: readonly Facility[], bounds: BoundingBox): Facility[] {
  return facilities.filter((facility) => {
    if (facility.location.type === 'Point') return bboxContains(bounds, facility.location.coordinates as LngLat);
    return bboxContains(bounds, facilityAnchor(facility))
      || (facility.location.coordinates as LngLat[]).some((position) => bboxContains(bounds, position));
  });
}

export function countByCategory(facilities: readonly Facility[]): Record<FacilityCategory, number> {
  const counts: Record<FacilityCategory, number> = { ramp: 0, toilet: 0, elevator: 0, tactile_paving: 0 };
  for (const facility of facilities) counts[facility.category] += 1;
  return counts;
}
