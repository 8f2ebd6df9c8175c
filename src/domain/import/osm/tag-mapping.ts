// THE tag mapping of `bfmap import-osm`: which OpenStreetMap tags are read, on which elements, which
// values are understood and where they go in the district layers (data/README.md). The
// vocabularies below are the data the conversion (convert.ts) reads values through; the table
// TAG_MAPPING documents each rule once, and renderTagMappingMarkdown() prints it for data/README.md
// ("Importing OpenStreetMap"), where a test checks the two are the same.
//
// Sources: the OSM wiki page of each key (https://wiki.openstreetmap.org/wiki/Key:<key>).
import type { CrossingKind, KerbKind, NetworkKind, PlaceKind, BasemapKind, ToiletAccess } from '../../facilities/model.ts';
import type { OsmTags } from './elements.ts';
import type { OsmWarnings } from './warnings.ts';
import {
  readCount, readFrom, readInclinePercent, readKerbHeightMillimeters, readPositiveLengthMeters, readText, readYesNo,
} from './tag-values.ts';

// ---------------------------------------------------------------------------------------------
// Vocabularies

/** How a highway=* way is walked. `road`: a street walked on an assumed sidewalk; `fast_road`: not walked unless foot or sidewalk says so. */
export type WayClass = 'footway' | 'pedestrian' | 'steps' | 'path' | 'living_street' | 'crossing' | 'elevator' | 'cycleway' | 'road' | 'fast_road';

export const HIGHWAY_WAY_CLASSES: Readonly<Record<string, WayClass>> = {
  footway: 'footway', corridor: 'footway', pedestrian: 'pedestrian', steps: 'steps', path: 'path',
  living_street: 'living_street', crossing: 'crossing', elevator: 'elevator', cycleway: 'cycleway',
  primary: 'road', primary_link: 'road', secondary: 'road', secondary_link: 'road', tertiary: 'road', tertiary_link: 'road',
  unclassified: 'road', residential: 'road', service: 'road', road: 'road',
  trunk: 'fast_road', trunk_link: 'fast_road', motorway: 'fast_road', motorway_link: 'fast_road', busway: 'fast_road',
};

/** Ways whose crossing nodes (highway=crossing) are crossings of them: people cross streets and cycle tracks. */
export const CROSSABLE_WAY_CLASSES: readonly WayClass[] = ['road', 'fast_road', 'living_street', 'cycleway'];

/** Network kind of each walkable way class (roads give `assumed_sidewalk`). */
export const WAY_CLASS_NETWORK_KIND: Readonly<Record<WayClass, NetworkKind>> = {
  footway: 'footway', pedestrian: 'pedestrian', steps: 'steps', path: 'path', living_street: 'living_street',
  crossing: 'crossing', elevator: 'elevator', cycleway: 'path', road: 'assumed_sidewalk', fast_road: 'assumed_sidewalk',
};

/** footway=*, and path=* / cycleway=* on paths and cycleways (Key:footway). */
export const FOOTWAY_TYPES: Readonly<Record<string, NetworkKind>> = { sidewalk: 'sidewalk', crossing: 'crossing' };

/** sidewalk=* on a road (Key:sidewalk): whether people walk beside it on a sidewalk that is not mapped as its own way. */
export const SIDEWALK_VALUES: Readonly<Record<string, 'assumed' | 'none'>> = {
  both: 'assumed', left: 'assumed', right: 'assumed', yes: 'assumed', no: 'none', none: 'none', separate: 'none',
};

/** foot=* (Key:foot): whether people may walk the way. */
export const FOOT_VALUES: Readonly<Record<string, boolean>> = {
  yes: true, designated: true, permissive: true, destination: true, no: false, private: false, use_sidepath: false, discouraged: true,
};

/** access=* on a way (Key:access), read when foot=* is absent. */
export const WAY_ACCESS_VALUES: Readonly<Record<string, boolean>> = {
  yes: true, permissive: true, destination: true, customers: true, delivery: true, designated: true, no: false, private: false,
};

/** crossing=* (Key:crossing). `impossible`: crossing=no, nobody may cross here. */
export const CROSSING_VALUES: Readonly<Record<string, CrossingKind | 'impossible' | null>> = {
  traffic_signals: 'traffic_signals', marked: 'marked', zebra: 'marked', uncontrolled: 'marked',
  unmarked: 'unmarked', informal: 'unmarked', no: 'impossible', yes: null, island: null,
};

/** crossing:markings=* (Key:crossing:markings): no is unmarked, every kind of marking is marked. */
export const CROSSING_MARKINGS_VALUES: Readonly<Record<string, 'marked' | 'unmarked'>> = {
  no: 'unmarked', yes: 'marked', zebra: 'marked', lines: 'marked', 'lines:paired': 'marked', dashes: 'marked', dots: 'marked',
  ladder: 'marked', 'ladder:skewed': 'marked', 'ladder:paired': 'marked', surface: 'marked', pictograms: 'marked',
};

/** kerb=* (Key:kerb). yes: a kerb of unknown kind. */
export const KERB_VALUES: Readonly<Record<string, KerbKind | null>> = {
  lowered: 'lowered', flush: 'flush', raised: 'raised', rolled: 'rolled', no: 'none', yes: null,
};

/** Kerbs that are a kerb ramp (缘石坡道) in the ramps layer. A raised kerb is a missing ramp, not a ramp. */
export const KERB_RAMP_KINDS: readonly KerbKind[] = ['lowered', 'flush'];

export type TactileReading = 'yes' | 'no' | 'incorrect' | 'partial';
/** tactile_paving=* (Key:tactile_paving). */
export const TACTILE_PAVING_VALUES: Readonly<Record<string, TactileReading>> = {
  yes: 'yes', no: 'no', incorrect: 'incorrect', partial: 'partial',
};

export type WheelchairReading = 'yes' | 'limited' | 'no';
/** wheelchair=* and toilets:wheelchair=* (Key:wheelchair). */
export const WHEELCHAIR_VALUES: Readonly<Record<string, WheelchairReading>> = {
  yes: 'yes', designated: 'yes', limited: 'limited', no: 'no',
};

/** Wheelchair readings that make a toilet an accessible toilet. wheelchair=no never does; unknown does not either. */
export const ACCESSIBLE_TOILET_READINGS: readonly WheelchairReading[] = ['yes', 'limited'];

/** toilets:access=* / access=* on toilets (Key:toilets:access). `closed`: not open to the public at all. */
export const TOILET_ACCESS_VALUES: Readonly<Record<string, ToiletAccess | 'closed'>> = {
  yes: 'public', public: 'public', permissive: 'public', customers: 'customers', key: 'key', private: 'closed', no: 'closed',
};

/** traffic_signals:sound=* (Key:traffic_signals:sound): locate is a locator tone only, not a walk signal. */
export const SIGNAL_SOUND_VALUES: Readonly<Record<string, boolean | null>> = { yes: true, walk: true, no: false, locate: null };

/** changing_table=* (Key:changing_table): limited has no yes/no answer. */
export const CHANGING_TABLE_VALUES: Readonly<Record<string, boolean | null>> = { yes: true, no: false, limited: null };

/** ramp:wheelchair=* (Key:ramp:wheelchair): separate means mapped as its own way. */
export const RAMP_VALUES: Readonly<Record<string, boolean | null>> = { yes: true, no: false, separate: null, manual: true, automatic: true };

/** smoothness=* (Key:smoothness): checked, but the data contract has no field for it yet. */
export const SMOOTHNESS_VALUES: Readonly<Record<string, string>> = Object.fromEntries(
  ['excellent', 'good', 'intermediate', 'bad', 'very_bad', 'horrible', 'very_horrible', 'impassable'].map((value) => [value, value]),
);

export interface PlaceRule {
  key: string;
  /** A value, or '*' for any. */
  value: string;
  /** Further tags that must be present with one of these values. */
  also?: Readonly<Record<string, readonly string[]>>;
  kind: PlaceKind;
}

/** Named elements that become places; the first rule that matches decides the kind. */
export const PLACE_RULES: readonly PlaceRule[] = [
  { key: 'railway', value: 'subway_entrance', kind: 'metro_exit' },
  { key: 'railway', value: 'train_station_entrance', kind: 'metro_exit' },
  { key: 'railway', value: 'station', also: { station: ['subway', 'light_rail'] }, kind: 'metro_station' },
  { key: 'railway', value: 'station', also: { subway: ['yes'] }, kind: 'metro_station' },
  { key: 'public_transport', value: 'station', also: { subway: ['yes'] }, kind: 'metro_station' },
  { key: 'public_transport', value: 'station', also: { station: ['subway'] }, kind: 'metro_station' },
  { key: 'amenity', value: 'hospital', kind: 'hospital' },
  { key: 'healthcare', value: 'hospital', kind: 'hospital' },
  { key: 'leisure', value: 'park', kind: 'park' },
  { key: 'leisure', value: 'garden', kind: 'park' },
  { key: 'shop', value: 'mall', kind: 'mall' },
  { key: 'shop', value: 'department_store', kind: 'mall' },
  ...['townhall', 'library', 'community_centre', 'courthouse', 'police', 'post_office', 'social_facility', 'school', 'university', 'college', 'fire_station']
    .map((value): PlaceRule => ({ key: 'amenity', value, kind: 'public_building' })),
  { key: 'office', value: 'government', kind: 'public_building' },
  { key: 'tourism', value: 'museum', kind: 'public_building' },
  { key: 'building', value: 'public', kind: 'public_building' },
  { key: 'building', value: 'civic', kind: 'public_building' },
  { key: 'building', value: 'government', kind: 'public_building' },
  ...['amenity', 'shop', 'tourism', 'leisure', 'public_transport', 'railway', 'office', 'healthcare', 'historic', 'craft', 'building']
    .map((key): PlaceRule => ({ key, value: '*', kind: 'other' })),
  { key: 'highway', value: 'bus_stop', kind: 'other' },
];

/** Values that never make a place, even named: stop positions duplicate their platform, and rail lines and switches are not destinations. */
export const NOT_PLACE_VALUES: Readonly<Record<string, readonly string[]>> = {
  public_transport: ['stop_position'],
  railway: ['stop', 'switch', 'level_crossing', 'crossing', 'buffer_stop', 'signal', 'milestone', 'rail', 'subway', 'light_rail', 'tram', 'narrow_gauge', 'monorail', 'abandoned', 'disused', 'platform_edge'],
  amenity: ['parking_space', 'waste_basket', 'bench'],
};

/** The place kind of an element's tags, or null when it is not a place. */
export function placeKindOf(tags: OsmTags): PlaceKind | null {
  for (const rule of PLACE_RULES) {
    const value = tags[rule.key];
    if (value === undefined || value === 'no' || (rule.value !== '*' && value !== rule.value)) continue;
    if (NOT_PLACE_VALUES[rule.key]?.includes(value)) continue;
    if (rule.also && !Object.entries(rule.also).every(([key, values]) => values.includes(tags[key] ?? ''))) continue;
    return rule.kind;
  }
  return null;
}

/** highway=* values whose named ways are not streets: crossings, stairs, lifts and stops. */
export const NOT_STREET_HIGHWAYS: readonly string[] = ['crossing', 'steps', 'elevator', 'bus_stop', 'platform', 'construction', 'proposed', 'corridor'];

export interface BasemapRule {
  key: string;
  values: readonly string[] | '*';
  kind: BasemapKind;
  geometry: 'line' | 'area';
}

/** Ways drawn in basemap.geojson (roads and rail as lines, areas closed ways); the first rule that matches decides. */
export const BASEMAP_RULES: readonly BasemapRule[] = [
  { key: 'highway', values: Object.keys(HIGHWAY_WAY_CLASSES).filter((value) => ['road', 'fast_road', 'living_street'].includes(HIGHWAY_WAY_CLASSES[value] as string)), kind: 'road', geometry: 'line' },
  { key: 'railway', values: ['rail', 'subway', 'light_rail', 'tram', 'narrow_gauge', 'monorail'], kind: 'rail', geometry: 'line' },
  { key: 'waterway', values: ['river', 'canal', 'stream'], kind: 'water', geometry: 'line' },
  { key: 'natural', values: ['water'], kind: 'water', geometry: 'area' },
  { key: 'waterway', values: ['riverbank', 'dock'], kind: 'water', geometry: 'area' },
  { key: 'landuse', values: ['reservoir', 'basin'], kind: 'water', geometry: 'area' },
  { key: 'leisure', values: ['park', 'garden', 'playground', 'pitch'], kind: 'park', geometry: 'area' },
  { key: 'landuse', values: ['grass', 'recreation_ground', 'village_green'], kind: 'park', geometry: 'area' },
  { key: 'building', values: '*', kind: 'building', geometry: 'area' },
];

export function basemapRuleOf(tags: OsmTags): BasemapRule | null {
  for (const rule of BASEMAP_RULES) {
    const value = tags[rule.key];
    if (value === undefined || value === 'no') continue;
    if (rule.values === '*' || rule.values.includes(value)) return rule;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The table

export interface TagRule<Value> {
  /** The OSM key, or keys read the same way. */
  keys: readonly string[];
  /** On which elements it is read. */
  on: string;
  /** The values understood. */
  values: string;
  /** Where it goes in the district. */
  becomes: string;
  /** Reads a value: null when understood but unknown, undefined when not understood. */
  read: (raw: string) => Value | null | undefined;
  /** Whether a value not understood is worth a warning naming the element (accessibility tags). */
  checked: boolean;
}

const listed = (vocabulary: Readonly<Record<string, unknown>>): string => Object.keys(vocabulary).map((value) => `\`${value}\``).join(', ');

const rule = <Value>(definition: TagRule<Value>): TagRule<Value> => definition;

export const TAG_MAPPING = {
  highway: rule({
    keys: ['highway'], on: 'way', values: listed(HIGHWAY_WAY_CLASSES), checked: false, read: readFrom(HIGHWAY_WAY_CLASSES),
    becomes: 'network edge: `footway`/`corridor` → `footway`, `pedestrian`, `steps`, `path`, `living_street`, `crossing`, `elevator` (each its own kind); `cycleway` → `path` only with foot=yes/designated; streets (`primary` … `service`, `road`) → `assumed_sidewalk` along the centre line unless sidewalk=no/separate; `trunk`/`motorway` only with foot=yes or sidewalk=both/left/right. Named highways also give one `street` place per name. Ways are split at every node another walkable way shares.',
  }),
  footway: rule({
    keys: ['footway', 'path', 'cycleway'], on: 'footway, path or cycleway way', values: listed(FOOTWAY_TYPES), checked: false, read: readFrom(FOOTWAY_TYPES),
    becomes: 'network kind `sidewalk` or `crossing` instead of the highway\'s kind',
  }),
  sidewalk: rule({
    keys: ['sidewalk', 'sidewalk:both', 'sidewalk:left', 'sidewalk:right'], on: 'street way', values: listed(SIDEWALK_VALUES), checked: true, read: readFrom(SIDEWALK_VALUES),
    becomes: '`both`/`left`/`right`/`yes`/absent → one `assumed_sidewalk` edge along the street (accessibility unknown); `no`/`none`/`separate` → no edge (a separate sidewalk is its own footway)',
  }),
  foot: rule({
    keys: ['foot'], on: 'way', values: listed(FOOT_VALUES), checked: false, read: readFrom(FOOT_VALUES),
    becomes: '`no`/`private`/`use_sidepath` → not walkable; `yes`/`designated`/… make cycleways, trunk roads and motorways walkable',
  }),
  access: rule({
    keys: ['access'], on: 'way without foot=*', values: listed(WAY_ACCESS_VALUES), checked: false, read: readFrom(WAY_ACCESS_VALUES),
    becomes: '`no`/`private` → not walkable',
  }),
  crossing: rule({
    keys: ['crossing'], on: 'crossing node or way', values: listed(CROSSING_VALUES), checked: true, read: readFrom(CROSSING_VALUES),
    becomes: 'network `crossing`: `traffic_signals`; `marked`/`zebra`/`uncontrolled` → `marked`; `unmarked`/`informal` → `unmarked`; `no` → no crossing edge; `yes`/`island` → unknown',
  }),
  crossingSignals: rule({
    keys: ['crossing:signals'], on: 'crossing node or way', values: '`yes`, `no`', checked: true, read: readYesNo,
    becomes: '`yes` → `crossing: traffic_signals`; `no` with no other tag leaves the kind unknown',
  }),
  crossingMarkings: rule({
    keys: ['crossing:markings'], on: 'crossing node or way', values: listed(CROSSING_MARKINGS_VALUES), checked: true, read: readFrom(CROSSING_MARKINGS_VALUES),
    becomes: '`crossing: marked` or `unmarked` when crossing=* does not say',
  }),
  signalSound: rule({
    keys: ['traffic_signals:sound'], on: 'crossing node or way', values: listed(SIGNAL_SOUND_VALUES), checked: true, read: readFrom(SIGNAL_SOUND_VALUES),
    becomes: 'network `crossing_sound`; `false` on a crossing known to have no signals',
  }),
  kerb: rule({
    keys: ['kerb'], on: 'node (a crossing node, or a kerb node where a crossing meets the sidewalk); crossing way', values: listed(KERB_VALUES), checked: true, read: readFrom(KERB_VALUES),
    becomes: 'network `kerb_start`/`kerb_end` of the crossing edge at that end (`no` → `none`); `lowered`/`flush` also give a `kerb_ramp` in ramps.geojson at exactly the crossing end. `raised` is recorded on the edge end as a raised kerb: a missing ramp, never a ramp. A kerb on the crossing node applies to both ends that have no kerb node of their own.',
  }),
  barrierKerb: rule({
    keys: ['barrier'], on: 'node', values: '`kerb`', checked: false, read: (raw) => (raw === 'kerb' ? true : null),
    becomes: 'a kerb of unknown kind unless kerb=* says which',
  }),
  kerbHeight: rule({
    keys: ['kerb:height'], on: 'kerb or crossing node', values: 'metres by default, or with a unit: `0.02`, `2 cm`, `20 mm`', checked: true, read: readKerbHeightMillimeters,
    becomes: 'network `kerb_start_height_mm`/`kerb_end_height_mm`; the kerb ramp\'s `kerb_lip_mm`',
  }),
  tactilePaving: rule({
    keys: ['tactile_paving'], on: 'crossing or kerb node; way', values: listed(TACTILE_PAVING_VALUES), checked: true, read: readFrom(TACTILE_PAVING_VALUES),
    becomes: 'network `tactile_paving` (`yes` → true, `no` → false, `incorrect`/`partial` → unknown). `yes` on a crossing or kerb node → a 1.2 m `warning` strip across each crossing end it covers; `yes` on a footway, sidewalk or pedestrian way → a `guiding` line along it; `partial` on such a way → a `guiding` line with `continuity: interrupted`',
  }),
  wheelchair: rule({
    keys: ['wheelchair'], on: 'any element', values: listed(WHEELCHAIR_VALUES), checked: true, read: readFrom(WHEELCHAIR_VALUES),
    becomes: 'decides whether amenity=toilets is an accessible toilet (see below); read on elevators, entrances and places but not stored (no such field in the contract)',
  }),
  toiletsWheelchair: rule({
    keys: ['toilets:wheelchair'], on: 'any element', values: listed(WHEELCHAIR_VALUES), checked: true, read: readFrom(WHEELCHAIR_VALUES),
    becomes: 'on amenity=toilets it overrides wheelchair=*; on any other element `yes`/`limited` → a toilet in toilets.geojson at that element (id `osm:<element>:toilets`)',
  }),
  toilets: rule({
    keys: ['amenity'], on: 'node or way', values: '`toilets`', checked: false, read: (raw) => (raw === 'toilets' ? true : null),
    becomes: 'toilets.geojson only when wheelchair (or toilets:wheelchair) is `yes` or `limited`: the layer lists accessible toilets, so `no` is left out and so is an unknown wheelchair value (counted in the summary), never listed as accessible',
  }),
  toiletAccess: rule({
    keys: ['toilets:access', 'access'], on: 'toilet', values: listed(TOILET_ACCESS_VALUES), checked: true, read: readFrom(TOILET_ACCESS_VALUES),
    becomes: 'toilet `access`: `yes`/`public`/`permissive` → `public`, `customers`, `key`; `private`/`no` → left out of the layer (not open to the public)',
  }),
  centralKey: rule({
    keys: ['centralkey'], on: 'toilet', values: 'any scheme, e.g. `eurokey`, `radar`', checked: false, read: readText,
    becomes: 'toilet `access: key` when toilets:access does not say',
  }),
  changingTable: rule({
    keys: ['changing_table'], on: 'toilet', values: listed(CHANGING_TABLE_VALUES), checked: true, read: readFrom(CHANGING_TABLE_VALUES),
    becomes: 'toilet `changing_table`',
  }),
  openingHours: rule({
    keys: ['opening_hours'], on: 'toilet', values: 'OSM opening_hours syntax, kept as written', checked: false, read: readText,
    becomes: 'toilet `opening_hours`',
  }),
  doorWidth: rule({
    keys: ['door:width'], on: 'toilet, elevator', values: 'a length, e.g. `0.9`, `90 cm`', checked: true, read: readPositiveLengthMeters,
    becomes: '`door_width_m`',
  }),
  elevatorHighway: rule({
    keys: ['highway'], on: 'node or way', values: '`elevator`', checked: false, read: (raw) => (raw === 'elevator' ? true : null),
    becomes: 'elevators.geojson (`elevator_type: elevator`). A node on the network splits the ways there and each way reaching it starts with a short `elevator` edge (at most 2 m) whose `facility_id` is the elevator, so every path through the lift passes through it; an open way is an `elevator` edge itself; a closed way is an elevator at its centre',
  }),
  elevatorYes: rule({
    keys: ['elevator'], on: 'node or way (e.g. a station)', values: '`yes`, `no`', checked: true, read: readYesNo,
    becomes: '`yes` → an elevator at the node, or at the centre of the way, when highway=elevator does not already give one',
  }),
  level: rule({
    keys: ['level'], on: 'elevator', values: 'levels separated by `;`', checked: false, read: readText,
    becomes: 'elevator `connects_zh`/`connects_en`, e.g. `1层 ↔ 4层`, `levels 1 ↔ 4`',
  }),
  speechOutput: rule({
    keys: ['speech_output'], on: 'elevator', values: '`yes`, `no`', checked: true, read: readYesNo,
    becomes: 'elevator `voice`',
  }),
  braille: rule({
    keys: ['tactile_writing', 'braille'], on: 'elevator', values: '`yes`, `no`', checked: true, read: readYesNo,
    becomes: 'elevator `braille`',
  }),
  ramp: rule({
    keys: ['ramp:wheelchair', 'ramp'], on: 'way or node (an entrance)', values: listed(RAMP_VALUES), checked: true, read: readFrom(RAMP_VALUES),
    becomes: 'a `wheelchair_ramp` in ramps.geojson (id of the element; at the middle of a way): a footway, path or pedestrian way with ramp=yes becomes network kind `ramp` with `facility_id` the ramp; steps become a `ramp` edge only with ramp:wheelchair=yes (ramp=yes alone may be a bicycle or pram ramp); a node with either becomes a ramp facility only',
  }),
  incline: rule({
    keys: ['incline'], on: 'way', values: '`5%`, `-3 %`, `10°` (as tan × 100), `0`; `up`/`down` → unknown number', checked: true, read: readInclinePercent,
    becomes: 'network `incline_percent`, signed along the way as drawn (every piece keeps the way\'s direction); a ramp\'s `slope_percent` (its absolute value)',
  }),
  width: rule({
    keys: ['width'], on: 'walkable way (not streets: a street\'s width is the carriageway\'s)', values: '`1.5`, `1.5 m`, `150 cm`, `1500 mm`, `5\'`', checked: true, read: readPositiveLengthMeters,
    becomes: 'network `width_m`; a ramp\'s `clear_width_m`. On a street it sets the crossing length of a crossing node instead',
  }),
  sidewalkWidth: rule({
    keys: ['sidewalk:width', 'sidewalk:both:width'], on: 'street way', values: 'as width', checked: true, read: readPositiveLengthMeters,
    becomes: '`width_m` of the `assumed_sidewalk` edge',
  }),
  surface: rule({
    keys: ['surface'], on: 'walkable way', values: 'any OSM surface value, kept as written', checked: false, read: readText,
    becomes: 'network `surface` (not on streets: that is the carriageway\'s)',
  }),
  sidewalkSurface: rule({
    keys: ['sidewalk:surface', 'sidewalk:both:surface'], on: 'street way', values: 'as surface', checked: false, read: readText,
    becomes: '`surface` of the `assumed_sidewalk` edge',
  }),
  smoothness: rule({
    keys: ['smoothness'], on: 'way', values: listed(SMOOTHNESS_VALUES), checked: true, read: readFrom(SMOOTHNESS_VALUES),
    becomes: 'checked only: the data contract has no smoothness field yet',
  }),
  stepCount: rule({
    keys: ['step_count'], on: 'steps', values: 'a whole number ≥ 1', checked: true, read: readCount,
    becomes: 'network `step_count`',
  }),
  handrail: rule({
    keys: ['handrail', 'handrail:left', 'handrail:right', 'handrail:center'], on: 'steps, ramp', values: '`yes`, `no`', checked: true, read: readYesNo,
    becomes: 'network and ramp `handrail`: true when any says yes, false only when they say no',
  }),
  name: rule({
    keys: ['name:zh-Hans', 'name:zh', 'name:zh-CN', 'name', 'name:zh-Hant', 'name:zh-TW'], on: 'any element', values: 'text', checked: false, read: readText,
    becomes: '`name_zh`: the first of these, in this order, that has Han characters',
  }),
  nameEnglish: rule({
    keys: ['name:en', 'name'], on: 'any element', values: 'text', checked: false, read: readText,
    becomes: '`name_en`: name:en, else a name without Han characters (a Latin-script local name such as "Rue de Rivoli")',
  }),
  address: rule({
    keys: ['addr:full', 'addr:street', 'addr:housenumber'], on: 'toilets, elevators, places', values: 'text', checked: false, read: readText,
    becomes: '`address_zh` (`<street><number>号`) when the street has Han characters, else `address_en` (`<number> <street>`); addr:full as written',
  }),
  places: rule({
    keys: PLACE_RULES.map((placeRule) => placeRule.key).filter((key, index, keys) => keys.indexOf(key) === index),
    on: 'named node, way or multipolygon relation',
    values: PLACE_RULES.map((placeRule) => `\`${placeRule.key}=${placeRule.value}\`${placeRule.also ? ` with ${Object.entries(placeRule.also).map(([key, values]) => `${key}=${values.join('/')}`).join(', ')}` : ''} → \`${placeRule.kind}\``).join('; '),
    checked: false, read: readText,
    becomes: `places.geojson, first matching rule decides the kind; ways and relations at their centre. Never places: ${Object.entries(NOT_PLACE_VALUES).map(([key, values]) => `${key}=${values.join('/')}`).join('; ')}; elements that are toilets or elevators in their layers`,
  }),
  basemap: rule({
    keys: BASEMAP_RULES.map((basemapRule) => basemapRule.key).filter((key, index, keys) => keys.indexOf(key) === index),
    on: 'way',
    values: BASEMAP_RULES.map((basemapRule) => `\`${basemapRule.key}=${basemapRule.values === '*' ? '*' : basemapRule.values.join('|')}\` → ${basemapRule.kind}`).join('; '),
    checked: false, read: readText,
    becomes: 'basemap.geojson: roads, rail and waterways as lines, the rest as polygons of closed ways (tunnels are not drawn)',
  }),
} as const;

export type TagRuleName = keyof typeof TAG_MAPPING;
type RuleValue<Name extends TagRuleName> = (typeof TAG_MAPPING)[Name] extends TagRule<infer Value> ? Value : never;

/**
 * Reads the first of the rule's keys present on the element through the rule. A value not
 * understood reads as null (unknown), with a warning naming the element when the rule is checked.
 */
export function readTag<Name extends TagRuleName>(
  tags: OsmTags, name: Name, element: string, warnings: OsmWarnings | null, keys: readonly string[] = TAG_MAPPING[name].keys,
): RuleValue<Name> | null {
  const tagRule = TAG_MAPPING[name] as unknown as TagRule<RuleValue<Name>>;
  for (const key of keys) {
    const raw = tags[key];
    if (raw === undefined) continue;
    const value = tagRule.read(raw);
    if (value === undefined) {
      if (tagRule.checked && warnings !== null) warnings.add('bad_value', element, `${element}: ${key}=${raw} is not understood (expected ${tagRule.values.replaceAll('`', '')}); read as unknown`);
      return null;
    }
    return value;
  }
  return null;
}

/** The mapping as a Markdown table, for data/README.md. */
export function renderTagMappingMarkdown(): string {
  const escape = (text: string): string => text.replaceAll('|', '\\|');
  const rows = Object.values(TAG_MAPPING).map((tagRule) => `| ${tagRule.keys.map((key) => `\`${key}\``).join(', ')} | ${escape(tagRule.on)} | ${escape(tagRule.values)} | ${escape(tagRule.becomes)} |`);
  return ['| OSM key | Read on | Values understood | Becomes |', '|---|---|---|---|', ...rows].join('\n');
}
