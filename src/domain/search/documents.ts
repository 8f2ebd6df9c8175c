// What the search looks at: one flat document per facility and per place, with the pinyin from
// the district's search.json joined in by id.
import type { Facility, LngLat, Place } from '../facilities/model.ts';
import { facilityAnchor } from '../geo/index.ts';
import type { SearchCategory } from './category-words.ts';
import type { SearchData, SearchDataEntry } from './search-data.ts';

export type SearchDocumentKind = 'facility' | 'place';

export interface SearchDocument {
  id: string;
  kind: SearchDocumentKind;
  category: SearchCategory;
  nameZh: string | null;
  nameEn: string | null;
  addressZh: string | null;
  addressEn: string | null;
  /** Where distances are measured from: the point, or the midpoint of a tactile paving line. */
  location: LngLat;
  /** From search.json; null when the district has none or the feature has no Chinese text. */
  namePinyin: string | null;
  nameInitials: string | null;
  addressPinyin: string | null;
  addressInitials: string | null;
}

const NO_PINYIN: SearchDataEntry = { namePinyin: null, nameInitials: null, addressPinyin: null, addressInitials: null };

/** Facilities first, then places, each in the order given. */
export function buildSearchDocuments(facilities: readonly Facility[], places: readonly Place[], searchData: SearchData | null): SearchDocument[] {
  const pinyinOf = (id: string): SearchDataEntry => searchData?.entries[id] ?? NO_PINYIN;
  const facilityDocuments = facilities.map((facility): SearchDocument => ({
    id: facility.id, kind: 'facility', category: facility.category,
    nameZh: facility.nameZh, nameEn: facility.nameEn, addressZh: facility.addressZh, addressEn: facility.addressEn,
    location: facilityAnchor(facility),
    ...pinyinOf(facility.id),
  }));
  const placeDocuments = places.map((place): SearchDocument => ({
    id: place.id, kind: 'place', category: place.kind,
    nameZh: place.nameZh, nameEn: place.nameEn, addressZh: place.addressZh, addressEn: place.addressEn,
    location: place.geometry.coordinates as LngLat,
    ...pinyinOf(place.id),
  }));
  return [...facilityDocuments, ...placeDocuments];
}
