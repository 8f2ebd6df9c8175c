// Words for facilities, shared by the list, the details panel and the announcements, so a place
// is described the same way everywhere: name, category, status, distance, direction.
import type { Facility, FacilityCategory, FacilityStatus } from '../domain/facilities/model.ts';
import type { PlacedFacility } from '../domain/facilities/filter.ts';
import { compassPoint, spokenDistance, type CompassPoint } from '../domain/geo/index.ts';
import type { Language, Translate, MessageKey } from '../i18n/index.ts';

const CATEGORY_KEYS: Record<FacilityCategory, MessageKey & `category${string}`> = {
  ramp: 'categoryRamp', toilet: 'categoryToilet', elevator: 'categoryElevator', tactile_paving: 'categoryTactilePaving',
};
const STATUS_KEYS: Record<FacilityStatus, MessageKey & `status${string}`> = {
  working: 'statusWorking', out_of_service: 'statusOutOfService', unknown: 'statusUnknown',
};
const COMPASS_KEYS: Record<CompassPoint, MessageKey & `compass${string}`> = {
  N: 'compassN', NE: 'compassNE', E: 'compassE', SE: 'compassSE', S: 'compassS', SW: 'compassSW', W: 'compassW', NW: 'compassNW',
};

export function categoryWord(t: Translate, category: FacilityCategory): string {
  return t(CATEGORY_KEYS[category]);
}

export function statusWord(t: Translate, status: FacilityStatus): string {
  return t(STATUS_KEYS[status]);
}

export function compassWord(t: Translate, bearing: number): string {
  return t(COMPASS_KEYS[compassPoint(bearing)]);
}

export function distanceWords(t: Translate, meters: number): string {
  const spoken = spokenDistance(meters);
  if (spoken.kind === 'close_by') return t('closeBy');
  if (spoken.kind === 'meters') return t('meters', { value: spoken.meters });
  return t('kilometers', { value: spoken.kilometers.toFixed(1) });
}

/** The name in the UI language, falling back to the other language; `lang` says which it is. */
export function facilityName(t: Translate, language: Language, facility: Pick<Facility, 'nameZh' | 'nameEn'>): { text: string; lang: Language | null } {
  const preferred = language === 'zh' ? facility.nameZh : facility.nameEn;
  if (preferred) return { text: preferred, lang: null };
  const other = language === 'zh' ? facility.nameEn : facility.nameZh;
  if (other) return { text: other, lang: language === 'zh' ? 'en' : 'zh' };
  return { text: t('unnamed'), lang: null };
}

export function describePlacedFacility(t: Translate, language: Language, placed: PlacedFacility): string {
  const { facility } = placed;
  const spoken = spokenDistance(placed.distanceMeters);
  return t('facilityDescription', {
    name: facilityName(t, language, facility).text,
    category: categoryWord(t, facility.category),
    status: statusWord(t, facility.status),
    distance: distanceWords(t, placed.distanceMeters),
    direction: spoken.kind === 'close_by' ? '' : t('towards', { direction: compassWord(t, placed.bearingDegrees) }),
  }).replace(/[，,]\s*$/, '');
}
