// Shareable state lives in the URL query, declared in one table with a parser and a serialiser per
// key. Parsers return null for absent or invalid input (the default applies); they never treat a
// valid falsy value (zoom 0, an empty layer list) as absent.
import { FACILITY_CATEGORIES, FACILITY_STATUSES, type FacilityCategory, type FacilityStatus } from '../domain/facilities/model.ts';
import { LANGUAGES, type Language } from '../i18n/messages.ts';
import { PROFILE_NAMES, type ProfileName } from '../domain/routing/profiles.ts';
import { parsePlannerParameter, serialisePlannerParameter, type PlannerSettings } from '../features/planner/planner-settings.ts';

export interface MapPosition { zoom: number; latitude: number; longitude: number }

export interface UrlState {
  language: Language | null;
  district: string | null;
  facility: string | null;
  categories: FacilityCategory[] | null;
  statuses: FacilityStatus[] | null;
  query: string | null;
  onlyInView: boolean | null;
  map: MapPosition | null;
  routeFrom: LngLatPair | null;
  routeTo: LngLatPair | null;
  routeProfile: RouteProfileName | null;
  /** The planner view is open with these settings. */
  planner: PlannerSettings | null;
  /** The fault report whose follow page is open (its id is the right to follow it). */
  report: string | null;
}

/** Every key absent: the app's defaults. */
export const EMPTY_URL_STATE: UrlState = {
  language: null, district: null, facility: null, categories: null, statuses: null, query: null, onlyInView: null, map: null,
  routeFrom: null, routeTo: null, routeProfile: null, planner: null, report: null,
};

export type LngLatPair = [longitude: number, latitude: number];

/** The route profiles, as named in the URL and by `bfmap route --profile`. */
export const ROUTE_PROFILE_NAMES = PROFILE_NAMES;
export type RouteProfileName = ProfileName;

/** "lng,lat" with up to 7 decimals (about 1 cm); null for anything else or out of range. */
export function parseLngLatText(raw: string): LngLatPair | null {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,2}(?:\.\d+)?)\s*$/.exec(raw);
  if (!match) return null;
  const longitude = Number(match[1]);
  const latitude = Number(match[2]);
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

const lngLatField = (key: string): Field<LngLatPair> => ({
  key,
  parse: parseLngLatText,
  serialise: (value) => `${round(value[0], 7)},${round(value[1], 7)}`,
});

interface Field<Value> {
  key: string;
  parse(raw: string): Value | null;
  serialise(value: Value): string;
}

function enumList<Member extends string>(allowed: readonly Member[]): Field<Member[]>['parse'] {
  return (raw) => {
    if (raw === '') return [];
    const members = raw.split(',');
    if (!members.every((member): member is Member => (allowed as readonly string[]).includes(member))) return null;
    return allowed.filter((member) => members.includes(member));
  };
}

const identifierPattern = /^[\w:./-]{1,200}$/;

export const URL_FIELDS: { [Name in keyof UrlState]: Field<NonNullable<UrlState[Name]>> } = {
  language: {
    key: 'lang',
    parse: (raw) => ((LANGUAGES as readonly string[]).includes(raw) ? (raw as Language) : null),
    serialise: (value) => value,
  },
  district: {
    key: 'district',
    parse: (raw) => (/^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? raw : null),
    serialise: (value) => value,
  },
  facility: {
    key: 'facility',
    parse: (raw) => (identifierPattern.test(raw) ? raw : null),
    serialise: (value) => value,
  },
  categories: { key: 'layers', parse: enumList(FACILITY_CATEGORIES), serialise: (value) => value.join(',') },
  statuses: { key: 'status', parse: enumList(FACILITY_STATUSES), serialise: (value) => value.join(',') },
  query: {
    key: 'q',
    parse: (raw) => (raw.trim() === '' ? null : raw.slice(0, 200)),
    serialise: (value) => value,
  },
  onlyInView: {
    key: 'inview',
    parse: (raw) => (raw === '1' ? true : raw === '0' ? false : null),
    serialise: (value) => (value ? '1' : '0'),
  },
  map: {
    key: 'map',
    // Same order as openstreetmap.org: zoom/latitude/longitude.
    parse: (raw) => {
      const parts = raw.split('/');
      if (parts.length !== 3 || parts.some((part) => part.trim() === '')) return null;
      const [zoom, latitude, longitude] = parts.map(Number) as [number, number, number];
      if (![zoom, latitude, longitude].every(Number.isFinite)) return null;
      if (zoom < 0 || zoom > 24 || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) return null;
      return { zoom, latitude, longitude };
    },
    serialise: (value) => `${round(value.zoom, 2)}/${round(value.latitude, 5)}/${round(value.longitude, 5)}`,
  },
  routeFrom: lngLatField('from'),
  routeTo: lngLatField('to'),
  routeProfile: {
    key: 'profile',
    parse: (raw) => ((ROUTE_PROFILE_NAMES as readonly string[]).includes(raw) ? (raw as RouteProfileName) : null),
    serialise: (value) => value,
  },
  planner: { key: 'planner', parse: parsePlannerParameter, serialise: serialisePlannerParameter },
  report: {
    key: 'report',
    parse: (raw) => (identifierPattern.test(raw) ? raw : null),
    serialise: (value) => value,
  },
};

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function parseUrlState(search: string): UrlState {
  const parameters = new URLSearchParams(search);
  const read = <Name extends keyof UrlState>(name: Name): UrlState[Name] => {
    const field = URL_FIELDS[name];
    const raw = parameters.get(field.key);
    return raw === null ? null : (field.parse(raw) as UrlState[Name]);
  };
  return {
    language: read('language'),
    district: read('district'),
    facility: read('facility'),
    categories: read('categories'),
    statuses: read('statuses'),
    query: read('query'),
    onlyInView: read('onlyInView'),
    map: read('map'),
    routeFrom: read('routeFrom'),
    routeTo: read('routeTo'),
    routeProfile: read('routeProfile'),
    planner: read('planner'),
    report: read('report'),
  };
}

/** Serialises the non-null fields in table order; unknown parameters in `base` are kept. */
export function serialiseUrlState(state: UrlState, base = ''): string {
  const parameters = new URLSearchParams(base);
  for (const name of Object.keys(URL_FIELDS) as (keyof UrlState)[]) {
    const field = URL_FIELDS[name] as Field<unknown>;
    const value = state[name];
    if (value === null) parameters.delete(field.key);
    else parameters.set(field.key, field.serialise(value));
  }
  const text = parameters.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
  return text === '' ? '' : `?${text}`;
}
