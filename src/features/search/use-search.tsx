// The search as the app uses it: the district's search.json (pinyin computed at build) is fetched
// once, the index is built on the first query, and results come back in the UI's own shape.
import { useEffect, useMemo, useState } from 'react';
import type { FacilityCategory, LngLat } from '../../domain/facilities/model.ts';
import { FACILITY_CATEGORIES } from '../../domain/facilities/model.ts';
import { buildSearchDocuments, type SearchDocument } from '../../domain/search/documents.ts';
import { createSearchIndex, type SearchIndex } from '../../domain/search/engine.ts';
import { parseSearchData, SEARCH_DATA_FILE, type SearchData } from '../../domain/search/search-data.ts';
import { bearingDegrees, distanceMeters } from '../../domain/geo/index.ts';
import type { LoadedDistrict } from '../../api/district-client.ts';
import type { Language, MessageKey, Translate } from '../../i18n/index.ts';
import { languageTag } from '../../i18n/index.ts';
import { categoryWord, compassWord, distanceWords, facilityName, statusWord } from '../../app/describe.ts';
import { CategorySymbol } from '../../ui/CategorySymbol.tsx';
import type { SearchOption } from './SearchBox.tsx';

export interface SearchHit extends SearchDocument {
  status: 'working' | 'out_of_service' | 'unknown' | null;
}

const RESULT_LIMIT = 10;

export function useSearch(district: LoadedDistrict | null, query: string, origin: LngLat | null): { ready: boolean; hits: SearchHit[] } {
  const [searchData, setSearchData] = useState<{ districtId: string; data: SearchData | null } | null>(null);
  const districtId = district?.manifest.id ?? null;

  useEffect(() => {
    if (!districtId) return;
    let cancelled = false;
    const done = (data: SearchData | null): void => { if (!cancelled) setSearchData({ districtId, data }); };
    fetch(`${import.meta.env.BASE_URL}data/${encodeURIComponent(districtId)}/${SEARCH_DATA_FILE}`)
      .then((response) => (response.ok ? response.json() : null))
      .then((json: unknown) => done(json === null ? null : parseSearchData(json).data))
      // Without search.json the search still works on names and addresses, only without pinyin.
      .catch(() => done(null));
    return () => { cancelled = true; };
  }, [districtId]);

  const ready = district !== null && searchData !== null && searchData.districtId === districtId;
  const wanted = query.trim() !== '';
  const index: SearchIndex | null = useMemo(
    () => {
      if (!ready || !wanted || !district) return null;
      const data = searchData?.data ?? null;
      const documents = buildSearchDocuments(district.facilities, district.places, data);
      return createSearchIndex(documents, data ? { pinyinCharacters: data.characters, englishWords: data.words } : {});
    },
    // Built once per district, on the first query; later queries reuse it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, district, searchData, wanted || null],
  );
  const statusById = useMemo(() => new Map(district?.facilities.map((facility) => [facility.id, facility.status]) ?? []), [district]);

  const hits = useMemo(() => {
    if (!index || !wanted) return [];
    return index.search(query, { limit: RESULT_LIMIT, origin }).map((result) => ({ ...result.document, status: statusById.get(result.document.id) ?? null }));
  }, [index, wanted, query, origin, statusById]);

  return { ready, hits };
}

const PLACE_KIND_KEYS: Record<string, MessageKey & `placeKind${string}`> = {
  street: 'placeKindStreet', metro_station: 'placeKindMetroStation', metro_exit: 'placeKindMetroExit', public_building: 'placeKindPublicBuilding',
  park: 'placeKindPark', mall: 'placeKindMall', hospital: 'placeKindHospital', other: 'placeKindOther',
};

const isFacilityCategory = (category: string): category is FacilityCategory => (FACILITY_CATEGORIES as readonly string[]).includes(category);

/** One result as the combobox shows it: name, then kind, status, distance and direction. */
export function searchOption(t: Translate, language: Language, hit: SearchHit, origin: LngLat | null): SearchOption {
  const name = facilityName(t, language, hit);
  const kind = isFacilityCategory(hit.category) ? categoryWord(t, hit.category) : t(PLACE_KIND_KEYS[hit.category] ?? 'placeKindOther');
  const parts = [kind];
  if (hit.status) parts.push(statusWord(t, hit.status));
  if (origin) {
    const meters = distanceMeters(origin, hit.location);
    parts.push(meters < 15 ? distanceWords(t, meters) : `${distanceWords(t, meters)} ${t('towards', { direction: compassWord(t, bearingDegrees(origin, hit.location)) })}`);
  }
  return {
    id: hit.id,
    label: name.text,
    labelLang: name.lang ? languageTag(name.lang) : undefined,
    detail: parts.join(language === 'zh' ? '，' : ', '),
    icon: isFacilityCategory(hit.category) ? <CategorySymbol category={hit.category} status={hit.status ?? 'working'} /> : null,
  };
}
