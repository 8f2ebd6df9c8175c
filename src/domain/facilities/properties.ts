// The on-disk property table: snake_case names in the GeoJSON files, the camelCase field of the
// model, the type and whether it is required. The parser reads every layer through this table and
// data/README.md documents the same list; change them together.
import {
  TOILET_ACCESS, BASEMAP_KINDS, CROSSING_KINDS, ELEVATOR_TYPES, FACILITY_CATEGORIES, FACILITY_STATUSES, KERB_KINDS, KERB_RAMP_FORMS,
  NETWORK_KINDS, PLACE_KINDS, RAMP_TYPES, TACTILE_CONTINUITY, TACTILE_TYPES, type FacilityCategory,
} from './model.ts';

export type PropertyType =
  | { kind: 'string' }
  | { kind: 'number'; signed: boolean; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' };

export interface PropertySpec {
  /** Name in the GeoJSON file. */
  name: string;
  /** Field of the parsed model object. */
  field: string;
  type: PropertyType;
  required: boolean;
}

const text: PropertyType = { kind: 'string' };
const measure: PropertyType = { kind: 'number', signed: false, integer: false };
const signedMeasure: PropertyType = { kind: 'number', signed: true, integer: false };
const count: PropertyType = { kind: 'number', signed: false, integer: true };
const flag: PropertyType = { kind: 'boolean' };
const date: PropertyType = { kind: 'date' };
const oneOf = (values: readonly string[]): PropertyType => ({ kind: 'enum', values });

const spec = (name: string, field: string, type: PropertyType, required = false): PropertySpec => ({ name, field, type, required });

export const COMMON_FACILITY_PROPERTIES: readonly PropertySpec[] = [
  spec('id', 'id', text, true),
  spec('category', 'category', oneOf(FACILITY_CATEGORIES), true),
  spec('name_zh', 'nameZh', text),
  spec('name_en', 'nameEn', text),
  spec('address_zh', 'addressZh', text),
  spec('address_en', 'addressEn', text),
  spec('status', 'status', oneOf(FACILITY_STATUSES), true),
  spec('status_note', 'statusNote', text),
  spec('last_verified', 'lastVerified', date),
  spec('source', 'source', text, true),
];

export const CATEGORY_PROPERTIES: Readonly<Record<FacilityCategory, readonly PropertySpec[]>> = {
  ramp: [
    spec('ramp_type', 'rampType', oneOf(RAMP_TYPES), true),
    spec('kerb_ramp_form', 'kerbRampForm', oneOf(KERB_RAMP_FORMS)),
    spec('slope_percent', 'slopePercent', measure),
    spec('clear_width_m', 'clearWidthMeters', measure),
    spec('kerb_lip_mm', 'kerbLipMillimeters', measure),
    spec('handrail', 'handrail', flag),
  ],
  toilet: [
    spec('door_width_m', 'doorWidthMeters', measure),
    spec('turning_space_m', 'turningSpaceMeters', measure),
    spec('grab_bars', 'grabBars', flag),
    spec('emergency_call', 'emergencyCall', flag),
    spec('access', 'access', oneOf(TOILET_ACCESS)),
    spec('opening_hours', 'openingHours', text),
    spec('changing_table', 'changingTable', flag),
  ],
  elevator: [
    spec('elevator_type', 'elevatorType', oneOf(ELEVATOR_TYPES), true),
    spec('cabin_width_m', 'cabinWidthMeters', measure),
    spec('cabin_depth_m', 'cabinDepthMeters', measure),
    spec('door_width_m', 'doorWidthMeters', measure),
    spec('braille', 'braille', flag),
    spec('voice', 'voice', flag),
    spec('connects_zh', 'connectsZh', text),
    spec('connects_en', 'connectsEn', text),
  ],
  tactile_paving: [
    spec('tactile_type', 'tactileType', oneOf(TACTILE_TYPES), true),
    spec('continuity', 'continuity', oneOf(TACTILE_CONTINUITY)),
  ],
};

export const NETWORK_PROPERTIES: readonly PropertySpec[] = [
  spec('id', 'id', text, true),
  spec('kind', 'kind', oneOf(NETWORK_KINDS), true),
  spec('name_zh', 'nameZh', text),
  spec('name_en', 'nameEn', text),
  spec('incline_percent', 'inclinePercent', signedMeasure),
  spec('width_m', 'widthMeters', measure),
  spec('surface', 'surface', text),
  spec('kerb_start', 'kerbStart', oneOf(KERB_KINDS)),
  spec('kerb_end', 'kerbEnd', oneOf(KERB_KINDS)),
  spec('kerb_start_height_mm', 'kerbStartHeightMillimeters', measure),
  spec('kerb_end_height_mm', 'kerbEndHeightMillimeters', measure),
  spec('tactile_paving', 'tactilePaving', flag),
  spec('crossing', 'crossing', oneOf(CROSSING_KINDS)),
  spec('crossing_sound', 'crossingSound', flag),
  spec('step_count', 'stepCount', count),
  spec('handrail', 'handrail', flag),
  spec('facility_id', 'facilityId', text),
];

export const PLACE_PROPERTIES: readonly PropertySpec[] = [
  spec('id', 'id', text, true),
  spec('kind', 'kind', oneOf(PLACE_KINDS), true),
  spec('name_zh', 'nameZh', text),
  spec('name_en', 'nameEn', text),
  spec('address_zh', 'addressZh', text),
  spec('address_en', 'addressEn', text),
];

export const BOUNDARY_PROPERTIES: readonly PropertySpec[] = [
  spec('name_zh', 'nameZh', text),
  spec('name_en', 'nameEn', text),
];

export const BASEMAP_PROPERTIES: readonly PropertySpec[] = [
  spec('kind', 'kind', oneOf(BASEMAP_KINDS), true),
  spec('name_zh', 'nameZh', text),
  spec('name_en', 'nameEn', text),
];

