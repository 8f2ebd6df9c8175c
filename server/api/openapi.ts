// The OpenAPI 3.1 description of the API, served at /api/openapi.json. A typed object rather than
// a YAML file, so enumerations come from the reports core's lists and cannot drift from them; a
// test compares its paths and methods with the router's table.
import { FACILITY_STATUSES } from '../../src/domain/facilities/model.ts';
import {
  MAX_DESCRIPTION_LENGTH, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, NEW_REPORT_FIELDS, PATROL_BANDS, PHOTO_MEDIA_TYPES, REPORT_CATEGORIES,
  REPORT_EXPORT_COLUMNS, REPORT_IDENTITY_COLUMNS, REPORT_STATUSES, ROLES, TRANSITION_BODY_FIELDS,
} from '../../src/domain/reports/index.ts';
import { DEFAULT_PAGE_SIZE, MAXIMUM_PAGE_SIZE } from '../db/repository.ts';
import {
  CSV_CONTENT_TYPE, CSV_EXPORT_PATH, EXPORT_LANGUAGES, GEOJSON_CONTENT_TYPE, GEOJSON_EXPORT_PATH, exportFileName,
} from './exports.ts';
import { FACILITY_STATUSES_CACHE_CONTROL, FACILITY_STATUSES_PATH } from './facility-statuses.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body.ts';
import { MINIMUM_PASSWORD_LENGTH } from './passwords.ts';
import {
  ANONYMOUS_PHOTO_WINDOW_MILLISECONDS, FILING_KEY_HEADER, PHOTO_CACHE_CONTROL, PHOTO_PATH, PHOTOS_PATH,
} from './photos.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limits.ts';
import { DUPLICATE_OF_PREFIX, IDEMPOTENCY_KEY_HEADER, REPORTS_PATH, REPORT_PATH, TRANSITIONS_PATH } from './reports.ts';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_PATH } from './sessions.ts';
import { ASSIGNED_WORK_PATH, DEFAULT_PATROL_LIMIT, MAXIMUM_PATROL_LIMIT, PATROL_PATH, UNIT_OPEN_STATUSES } from './work.ts';

export const OPENAPI_PATH = '/api/openapi.json';

/** JSON Schema 2020-12, as much of it as this description uses. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | readonly ('string' | 'null' | 'number' | 'integer' | 'boolean' | 'array' | 'object')[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: readonly (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  /** The media type of a string's content (JSON Schema 2020-12 validation §8.4): raw bytes of an image or a file. */
  contentMediaType?: string;
  oneOf?: readonly JsonSchema[];
  $ref?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: readonly OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
  /** Alternatives: [] (empty object) means the operation also works without signing in. */
  security?: readonly Record<string, readonly string[]>[];
}

export type OpenApiPathItem = Partial<Record<'get' | 'post' | 'delete', OpenApiOperation>>;

export interface OpenApiSecurityScheme {
  type: 'apiKey';
  in: 'cookie' | 'header';
  name: string;
  description: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, OpenApiPathItem>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, OpenApiSecurityScheme> };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema): Record<string, { schema: JsonSchema }> => ({ 'application/json': { schema } });
const errorResponse = (description: string): OpenApiResponse => ({ description, content: json(ref('Error')) });
const noStore = { 'Cache-Control': { description: 'Always no-store: reports change.', schema: { type: 'string' } } } as const;

const LOCATION: JsonSchema = {
  type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[longitude, latitude] in WGS84, 7 decimals.',
};

const MEASUREMENT: JsonSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, value: { type: 'number' }, unit: { type: 'string' } },
  required: ['name', 'value', 'unit'],
  additionalProperties: false,
};

/** The shape of a report as anyone with its link sees it (publicReportView): no reporter, no fixer. */
const PUBLIC_REPORT: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    districtId: { type: 'string' },
    facilityId: { type: ['string', 'null'] },
    location: LOCATION,
    category: { type: 'string', enum: REPORT_CATEGORIES },
    faultCode: { type: 'string' },
    severity: { type: 'integer', enum: [1, 2, 3] },
    permanence: { type: 'string', enum: ['temporary', 'permanent'] },
    expectedFixDate: { type: ['string', 'null'], format: 'date' },
    description: { type: 'string' },
    measurements: { type: 'array', items: MEASUREMENT },
    photos: {
      type: 'array',
      items: {
        type: 'object',
        description: `At most ${MAX_PHOTOS_PER_REPORT}; the bytes are at GET ${PHOTO_PATH}.`,
        properties: { id: { type: 'string' }, mediaType: { type: 'string', enum: PHOTO_MEDIA_TYPES }, byteLength: { type: 'integer', minimum: 1, maximum: MAX_PHOTO_BYTES } },
        required: ['id', 'mediaType', 'byteLength'],
      },
    },
    outOfService: { type: 'boolean' },
    status: { type: 'string', enum: REPORT_STATUSES },
    assignedUnitId: { type: ['string', 'null'], description: 'The responsible unit (责任单位) that owns the fix.' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer', minimum: 1 },
  },
  required: [
    'id', 'districtId', 'facilityId', 'location', 'category', 'faultCode', 'severity', 'permanence', 'expectedFixDate', 'description',
    'measurements', 'photos', 'outOfService', 'status', 'assignedUnitId', 'createdAt', 'updatedAt', 'version',
  ],
  additionalProperties: false,
};

const PUBLIC_REPORT_EVENT: JsonSchema = {
  type: 'object',
  description: 'One step of the history: the role that acted, never the account.',
  properties: {
    reportId: { type: 'string' },
    sequence: { type: 'integer', minimum: 1 },
    fromStatus: { type: ['string', 'null'], enum: [...REPORT_STATUSES] },
    toStatus: { type: 'string', enum: REPORT_STATUSES },
    actorRole: { type: 'string', enum: ROLES },
    at: { type: 'string', format: 'date-time' },
    note: { type: 'string' },
  },
  required: ['reportId', 'sequence', 'fromStatus', 'toStatus', 'actorRole', 'at', 'note'],
  additionalProperties: false,
};

const NEW_REPORT_PROPERTIES: Record<(typeof NEW_REPORT_FIELDS)[number], JsonSchema> = {
  idempotencyKey: { type: 'string', description: `Optional here; when given it must equal the ${IDEMPOTENCY_KEY_HEADER} header.` },
  districtId: { type: 'string' },
  facilityId: { type: ['string', 'null'], description: 'Null or left out for something missing or not in the data, reported at a point.' },
  location: { ...LOCATION, description: 'Inside the district; may be left out when a facility is named (its anchor is used).' },
  category: { type: 'string', enum: REPORT_CATEGORIES },
  faultCode: { type: 'string', description: "One of the category's fault codes (../shared/design/faults.md)." },
  severity: { type: 'integer', enum: [1, 2, 3], description: '1 inconvenient, 2 hard, 3 unusable.' },
  permanence: { type: 'string', enum: ['temporary', 'permanent'] },
  expectedFixDate: { type: ['string', 'null'], format: 'date', description: "Not before today in the district's time zone." },
  description: { type: 'string', minLength: 1, maxLength: MAX_DESCRIPTION_LENGTH },
  measurements: { type: 'array', items: MEASUREMENT },
  photos: { type: 'array', maxItems: 0, description: `Send none (or an empty list) here: after filing, send each photo to POST ${PHOTOS_PATH}.` },
  outOfService: { type: 'boolean', description: "Defaults to the fault code's usual effect." },
};

/** The full view adds who filed the report and who marked it fixed. */
const FULL_REPORT: JsonSchema = {
  ...PUBLIC_REPORT,
  description: 'The full view: for reviewers and admins, the inspector who filed it and the unit it is assigned to.',
  properties: {
    ...PUBLIC_REPORT.properties,
    reporterId: { type: ['string', 'null'], description: 'The account that filed it; null for an anonymous resident.' },
    fixedById: { type: ['string', 'null'], description: 'The account that marked it fixed; the re-inspection must be by someone else.' },
  },
  required: [...(PUBLIC_REPORT.required ?? []), 'reporterId', 'fixedById'],
};

const FULL_REPORT_EVENT: JsonSchema = {
  ...PUBLIC_REPORT_EVENT,
  description: 'One step of the history with the account that acted (null for an anonymous resident).',
  properties: { ...PUBLIC_REPORT_EVENT.properties, actorId: { type: ['string', 'null'] } },
  required: [...(PUBLIC_REPORT_EVENT.required ?? []), 'actorId'],
};

const SESSION_SECURITY = [{ sessionCookie: [] }] as const;
/** Works signed in or not; the answer depends on who calls. */
const OPTIONAL_SESSION = [{}, { sessionCookie: [] }] as const;
/** A change made with the session cookie also needs the CSRF header. */
const SESSION_CHANGE_SECURITY = [{ sessionCookie: [], csrfToken: [] }] as const;
const OPTIONAL_SESSION_CHANGE = [{}, { sessionCookie: [], csrfToken: [] }] as const;

const CSRF_PARAMETER: OpenApiParameter = {
  name: CSRF_HEADER,
  in: 'header',
  required: false,
  description: `Required with the ${SESSION_COOKIE} cookie on every request that changes something: the csrfToken that POST or GET ${SESSION_PATH} answered. Leave it out without a cookie.`,
  schema: { type: 'string' },
};

const SET_COOKIE_HEADER = {
  'Set-Cookie': {
    description: `${SESSION_COOKIE}=<token>; Path=/; Max-Age=<seconds>; HttpOnly; SameSite=Strict, with Secure when the request came over TLS (or a trusted proxy says so).`,
    schema: { type: 'string' },
  },
} as const;

const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'Seconds until the limit lets a call through again.', schema: { type: 'integer', minimum: 1 } } } as const;

const REFUSALS = {
  401: errorResponse('Not signed in (sign_in_required), or the session cookie names a session that has ended (session_ended; the cookie is cleared).'),
  403: errorResponse(`The role may not do this (not_allowed), ${CSRF_HEADER} is missing or wrong (csrf_token_invalid), or Origin is another site (foreign_origin).`),
} as const;

const REPORT_ID_PARAMETER: OpenApiParameter = {
  name: 'reportId', in: 'path', required: true, description: 'The id returned when the report was filed.', schema: { type: 'string' },
};

const SINGLE_REPORT_VIEW: JsonSchema = {
  type: 'object',
  description: "view says which: 'full' where the role may see who acted (the reports core's read_report_full), else 'public'.",
  properties: {
    view: { type: 'string', enum: ['public', 'full'] },
    report: { oneOf: [ref('PublicReport'), ref('FullReport')] },
    events: { type: 'array', items: { oneOf: [ref('PublicReportEvent'), ref('FullReportEvent')] } },
    availableTransitions: { type: 'array', items: ref('OfferedTransition'), description: 'What the caller may do to it now (empty when not signed in).' },
  },
  required: ['view', 'report', 'events', 'availableTransitions'],
};

const ACCOUNT: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    unitId: { type: ['string', 'null'], description: 'For responsible units: the unit the account acts for.' },
  },
  required: ['id', 'username', 'displayName', 'role', 'unitId'],
  additionalProperties: false,
};

const SIGNED_IN: JsonSchema = {
  type: 'object',
  properties: {
    user: ref('Account'),
    csrfToken: { type: 'string', description: `Send it as ${CSRF_HEADER} with every request that changes something.` },
  },
  required: ['user', 'csrfToken'],
};

const minutes = (milliseconds: number): number => milliseconds / 60_000;
const signInLimit = DEFAULT_RATE_LIMITS.signInPerAddress;
const filingLimit = DEFAULT_RATE_LIMITS.reportFilingPerAddress;

const IDEMPOTENCY_PARAMETER: OpenApiParameter = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: true,
  description: 'One per report, made by the client (a UUID) and resent unchanged with every retry: a retry returns the report filed first.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
};

const PHOTO_ADDED: JsonSchema = {
  type: 'object',
  properties: {
    photo: { type: 'object', properties: { id: { type: 'string' }, mediaType: { type: 'string', enum: PHOTO_MEDIA_TYPES }, byteLength: { type: 'integer' } }, required: ['id', 'mediaType', 'byteLength'] },
    report: { oneOf: [ref('PublicReport'), ref('FullReport')] },
  },
  required: ['photo', 'report'],
};

const FACILITY_STATUSES_HEADERS = {
  ETag: { description: 'A weak tag of the district\'s data, the day and the reports changed last; send it back as If-None-Match.', schema: { type: 'string' } },
  'Cache-Control': { description: `${FACILITY_STATUSES_CACHE_CONTROL}: keep it, but ask again before using it.`, schema: { type: 'string' } },
} as const;

/** GET of an export: the list's filters without paging, the labels' language, an attachment. */
function exportOperation(operationId: string, summary: string, contentType: string, format: 'csv' | 'geojson'): OpenApiOperation {
  return {
    operationId,
    summary: `Every report the filters match, as ${summary}`,
    description: [
      `All pages at once, in the list's order (oldest change first). Columns: ${REPORT_EXPORT_COLUMNS.join(', ')}, then ${REPORT_IDENTITY_COLUMNS.join(', ')}`,
      "(who filed and who marked fixed; empty for an anonymous resident). Only for roles the reports core lets export (reviewers, admins).",
    ].join(' '),
    security: SESSION_SECURITY,
    parameters: [
      { name: 'district', in: 'query', description: 'A district id the map offers.', schema: { type: 'string' } },
      { name: 'facility', in: 'query', description: 'A facility id.', schema: { type: 'string' } },
      { name: 'status', in: 'query', description: 'One or more statuses separated by commas.', schema: { type: 'string' } },
      { name: 'lang', in: 'query', description: 'The language of the fault_label column; zh by default.', schema: { type: 'string', enum: EXPORT_LANGUAGES } },
    ],
    responses: {
      200: {
        description: 'The file.',
        headers: {
          'Content-Disposition': { description: `attachment; filename="${exportFileName('sample', '2026-12-10', format)}": the district (or all) and the day.`, schema: { type: 'string' } },
          ...noStore,
        },
        content: { [contentType]: { schema: { type: format === 'csv' ? 'string' : 'object' } } },
      },
      400: errorResponse('An unknown or repeated query parameter, an unknown district or status, a lang other than zh or en.'),
      ...REFUSALS,
    },
  };
}

export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: '无障碍数字地图 API (barrier-free map)',
    version: '0.1.0',
    description: [
      'Fault reports on barrier-free facilities and their rectification loop (issue 6): residents file reports without an account and follow them by link;',
      `inspectors, reviewers, responsible units and admins sign in (POST ${SESSION_PATH}), which sets the HttpOnly, SameSite=Strict cookie ${SESSION_COOKIE}.`,
      `With that cookie, every request that changes something must carry the session's ${CSRF_HEADER} header; any request that changes something and sends an Origin header must come from this site.`,
      'What each role may do follows the reports core\'s permission table (src/domain/reports/permissions.ts).',
      `Photos are sent one at a time after the report is filed (POST ${PHOTOS_PATH}), as the raw image bytes.`,
      'Every error is JSON: { error: { code, message: { zh, en } } }, or { errors: FieldError[] } for a report that does not validate.',
      'Unknown paths under /api answer 404, other methods 405 with Allow. Responses are Cache-Control: no-store, except photos and facility statuses (see there).',
    ].join(' '),
  },
  paths: {
    [REPORTS_PATH]: {
      post: {
        operationId: 'fileReport',
        summary: 'File a fault report, as an anonymous resident or as the signed-in account',
        description: [
          `The body is JSON (at most ${DEFAULT_BODY_LIMIT_BYTES} bytes) with only the fields listed; unknown fields are refused by name. Nothing is stored on any error.`,
          filingLimit === null ? '' : `Without an account, at most ${filingLimit.maximumHits} reports per ${minutes(filingLimit.windowMilliseconds)} minutes per address (IPv6: per /64) are filed; a retry of a report already filed is answered even over the limit.`,
          'The answer is the view the caller may see: full for the inspector who filed it, reviewers and admins.',
        ].join(' '),
        security: OPTIONAL_SESSION_CHANGE,
        parameters: [IDEMPOTENCY_PARAMETER, CSRF_PARAMETER],
        requestBody: { required: true, content: json(ref('NewReport')) },
        responses: {
          201: {
            description: 'Filed. Location gives the link to follow it.',
            headers: { Location: { description: 'The report\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json({ type: 'object', properties: { report: { oneOf: [ref('PublicReport'), ref('FullReport')] } }, required: ['report'] }),
          },
          200: {
            description: 'A retry: the report filed earlier with this Idempotency-Key; nothing new was stored.',
            headers: { Location: { description: 'The report\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json({ type: 'object', properties: { report: { oneOf: [ref('PublicReport'), ref('FullReport')] } }, required: ['report'] }),
          },
          400: {
            description: 'Missing or malformed Idempotency-Key, malformed JSON (error.position says where) or UTF-8 (Error), or a report that does not validate (FieldErrors).',
            content: json({ oneOf: [ref('Error'), ref('FieldErrors')] }),
          },
          401: REFUSALS[401],
          403: errorResponse(`A responsible unit's account, which does not file reports (not_allowed); ${CSRF_HEADER} missing or wrong; or Origin is another site.`),
          413: errorResponse('The body is larger than the limit.'),
          415: errorResponse('The body is not application/json.'),
          422: errorResponse('The Idempotency-Key was used before for a report with different content or by someone else.'),
          429: { description: 'Too many reports without an account from this address (too_many_reports).', headers: RETRY_AFTER_HEADER, content: json(ref('Error')) },
        },
      },
      get: {
        operationId: 'listReports',
        summary: 'List reports, oldest change first, in pages: public views, and full ones where the role may see them',
        security: OPTIONAL_SESSION,
        parameters: [
          { name: 'district', in: 'query', description: 'A district id the map offers.', schema: { type: 'string' } },
          { name: 'facility', in: 'query', description: 'A facility id.', schema: { type: 'string' } },
          { name: 'status', in: 'query', description: 'One or more statuses separated by commas.', schema: { type: 'string' } },
          { name: 'limit', in: 'query', description: `Page size, default ${DEFAULT_PAGE_SIZE}.`, schema: { type: 'integer', minimum: 1, maximum: MAXIMUM_PAGE_SIZE } },
          { name: 'cursor', in: 'query', description: 'nextCursor of the previous page, unchanged.', schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'One page; nextCursor is null on the last.',
            headers: noStore,
            content: json({
              type: 'object',
              properties: { reports: { type: 'array', items: { oneOf: [ref('PublicReport'), ref('FullReport')] } }, nextCursor: { type: ['string', 'null'] } },
              required: ['reports', 'nextCursor'],
            }),
          },
          400: errorResponse('An unknown or repeated query parameter, an unknown district or status, a bad limit or cursor.'),
        },
      },
    },
    [REPORT_PATH]: {
      get: {
        operationId: 'getReport',
        summary: 'A report with its whole history: the link a resident follows, and the page an account acts from',
        security: OPTIONAL_SESSION,
        parameters: [REPORT_ID_PARAMETER],
        responses: {
          200: { description: 'The report and its events, filing first.', headers: noStore, content: json(SINGLE_REPORT_VIEW) },
          404: errorResponse('No report has this id.'),
        },
      },
    },
    [TRANSITIONS_PATH]: {
      post: {
        operationId: 'transitionReport',
        summary: 'Move a report one step through the loop (verify, assign, start, fix, close, or an exit)',
        description: [
          'Checked by the reports core (applyTransition): the step must exist from the current status, the role and person must be allowed',
          '(a second inspector verifies; the re-inspection that closes is by someone other than who marked it fixed), and expectedVersion must be the stored version.',
          `Assigning needs assignedUnitId naming a unit some account acts for; marking a duplicate needs duplicateOf naming an existing report, recorded as the last line of the event's note ("${DUPLICATE_OF_PREFIX}<id>").`,
          'Nothing changes on any error. Of two concurrent transitions from one version exactly one succeeds; the other gets 409.',
        ].join(' '),
        security: SESSION_CHANGE_SECURITY,
        parameters: [REPORT_ID_PARAMETER, { ...CSRF_PARAMETER, required: true }],
        requestBody: { required: true, content: json(ref('TransitionRequest')) },
        responses: {
          200: { description: 'Done: the report as the caller may see it, with its history and what the caller may do next.', headers: noStore, content: json(SINGLE_REPORT_VIEW) },
          400: { description: 'Malformed JSON (Error) or a body that does not have the fields listed (FieldErrors).', content: json({ oneOf: [ref('Error'), ref('FieldErrors')] }) },
          ...REFUSALS,
          404: errorResponse('No report has this id.'),
          409: errorResponse('The report changed meanwhile (version_conflict: reload), or the step is not possible from its status (invalid_transition).'),
          413: errorResponse('The body is larger than the limit.'),
          415: errorResponse('The body is not application/json.'),
          422: errorResponse('A note, unit or original report is missing, too long, unknown or not for this step.'),
        },
      },
    },
    [PHOTOS_PATH]: {
      post: {
        operationId: 'addReportPhoto',
        summary: 'Add one photo to a report, as the raw image bytes',
        description: [
          `The body is the image itself (${PHOTO_MEDIA_TYPES.join(', ')}; at most ${MAX_PHOTO_BYTES} bytes, refused as soon as more arrive), checked by its content, not its name or declared type.`,
          'A photo that still carries a location (Exif GPS, XMP GPS) is refused: the app re-encodes photos in the browser to drop it.',
          `At most ${MAX_PHOTOS_PER_REPORT} photos per report; none once the report has ended.`,
          `Who may add: accounts that may act on the report (inspectors, reviewers, admins, the unit it is assigned to); without an account, the resident who filed it,`,
          `proved by sending the filing's Idempotency-Key as ${FILING_KEY_HEADER}, while the report is submitted and within ${ANONYMOUS_PHOTO_WINDOW_MILLISECONDS / 3_600_000} hours of filing.`,
          'A retry with the same Idempotency-Key and the same bytes answers the photo stored first (200); nothing changes on any error.',
        ].join(' '),
        security: OPTIONAL_SESSION_CHANGE,
        parameters: [
          REPORT_ID_PARAMETER,
          { ...IDEMPOTENCY_PARAMETER, description: 'One per photo, made by the client and resent unchanged with every retry of that photo.' },
          {
            name: FILING_KEY_HEADER,
            in: 'header',
            required: false,
            description: 'Without an account: the Idempotency-Key the report was filed with, which proves the caller filed it (the report id does not: lists show it to anyone).',
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
          },
          CSRF_PARAMETER,
        ],
        requestBody: {
          required: true,
          content: Object.fromEntries(PHOTO_MEDIA_TYPES.map((mediaType) => [mediaType, { schema: { type: 'string', contentMediaType: mediaType } }])),
        },
        responses: {
          201: {
            description: 'Stored. Location is the photo\'s URL; report lists every photo it now has.',
            headers: { Location: { description: 'The photo\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json(PHOTO_ADDED),
          },
          200: {
            description: 'A retry: this photo was stored earlier with this Idempotency-Key.',
            headers: { Location: { description: 'The photo\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json(PHOTO_ADDED),
          },
          400: errorResponse('Missing or malformed Idempotency-Key.'),
          401: errorResponse(`Not signed in and not proved to be the resident who filed it (sign_in_required: send ${FILING_KEY_HEADER}), or a session that has ended (session_ended).`),
          403: errorResponse(`An account that may not act on this report (not_allowed), the anonymous window has passed or the report was reviewed (photo_window_closed), ${CSRF_HEADER} missing or wrong, or Origin is another site.`),
          404: errorResponse('No report has this id.'),
          409: errorResponse(`The report already has ${MAX_PHOTOS_PER_REPORT} photos (photo_limit_reached) or has ended (report_closed).`),
          413: errorResponse(`The photo is larger than ${MAX_PHOTO_BYTES} bytes (photo_too_large).`),
          415: errorResponse(`Content-Type is not one of ${PHOTO_MEDIA_TYPES.join(', ')} (unsupported_media_type; Accept-Post lists them), or the content is another format (unsupported_type).`),
          422: errorResponse('The content is empty, damaged, of another type than declared, of impossible or too large dimensions, or carries a location (location_metadata); or the Idempotency-Key was used for another photo (idempotency_key_reused).'),
        },
      },
    },
    [PHOTO_PATH]: {
      get: {
        operationId: 'getReportPhoto',
        summary: 'The bytes of one photo of a report',
        description: 'Photos are part of the report\'s public view: anyone who may read the report may see them. They carry no location and no identity.',
        security: OPTIONAL_SESSION,
        parameters: [REPORT_ID_PARAMETER, { name: 'photoId', in: 'path', required: true, description: 'An id from the report\'s photos.', schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'The photo as stored, with its type.',
            headers: {
              'Cache-Control': { description: `${PHOTO_CACHE_CONTROL}: a photo never changes, but only the browser keeps it.`, schema: { type: 'string' } },
              'Content-Disposition': { description: 'inline, with a file name made of the photo id.', schema: { type: 'string' } },
              'X-Content-Type-Options': { description: 'nosniff: the browser takes the type as sent.', schema: { type: 'string' } },
            },
            content: Object.fromEntries(PHOTO_MEDIA_TYPES.map((mediaType) => [mediaType, { schema: { type: 'string', contentMediaType: mediaType } }])),
          },
          404: errorResponse('No report has this id (report_not_found), or it has no photo with this id (photo_not_found).'),
        },
      },
    },
    [CSV_EXPORT_PATH]: {
      get: exportOperation('exportReportsCsv', 'CSV (RFC 4180) for spreadsheets, UTF-8 with a byte order mark so Excel reads Chinese', CSV_CONTENT_TYPE, 'csv'),
    },
    [GEOJSON_EXPORT_PATH]: {
      get: exportOperation('exportReportsGeoJson', 'GeoJSON (RFC 7946) for GIS tools: one Point feature per report, the columns as properties', GEOJSON_CONTENT_TYPE, 'geojson'),
    },
    [FACILITY_STATUSES_PATH]: {
      get: {
        operationId: 'getFacilityStatuses',
        summary: "What the map, the list and the router show for a district's facilities once reports count",
        description: [
          "The reports core's effectiveFacilityStatuses over the district's facilities and all its reports: an open, verified out-of-service report puts its facility out of service with the reason;",
          "a 'working' status not checked on site within the staleness rules becomes unknown (stale). Only facilities whose status differs from the data's, or that have a reason, are listed.",
          `Public and without identities. Cache-Control: ${FACILITY_STATUSES_CACHE_CONTROL} with a weak ETag, so a client polls with If-None-Match and gets 304 while nothing changed.`,
        ].join(' '),
        security: OPTIONAL_SESSION,
        parameters: [
          { name: 'districtId', in: 'path', required: true, description: 'A district id the map offers.', schema: { type: 'string' } },
          { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of the answer the client has.', schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'The statuses that differ from the data, by facility id, and the facilities the router must avoid.',
            headers: FACILITY_STATUSES_HEADERS,
            content: json({
              type: 'object',
              properties: {
                districtId: { type: 'string' },
                generatedAt: { type: 'string', format: 'date-time' },
                statuses: { type: 'array', items: ref('EffectiveFacilityStatus') },
                closedFacilityIds: { type: 'array', items: { type: 'string' }, description: 'Facilities an open, verified out-of-service report closes (the router\'s closedFacilityIds).' },
              },
              required: ['districtId', 'generatedAt', 'statuses', 'closedFacilityIds'],
              additionalProperties: false,
            }),
          },
          304: { description: 'Nothing changed since the answer with the ETag sent.', headers: FACILITY_STATUSES_HEADERS },
          404: errorResponse('No district has this id (district_not_found).'),
        },
      },
    },
    [SESSION_PATH]: {
      get: {
        operationId: 'getSession',
        summary: 'Who is signed in, with the CSRF token to send',
        security: SESSION_SECURITY,
        responses: {
          200: { description: 'Signed in.', headers: noStore, content: json(SIGNED_IN) },
          401: errorResponse('Not signed in (not_signed_in).'),
        },
      },
      post: {
        operationId: 'signIn',
        summary: 'Sign in with username and password',
        description: [
          'Sets the session cookie and answers the account and its CSRF token. A wrong username and a wrong password get one and the same 401; so does a disabled account.',
          signInLimit === null ? '' : `At most ${signInLimit.maximumHits} attempts per ${minutes(signInLimit.windowMilliseconds)} minutes per address and per username, right or wrong.`,
          'Needs no CSRF token (its authority is the password), but an Origin header, when sent, must be this site.',
        ].join(' '),
        requestBody: { required: true, content: json(ref('SignIn')) },
        responses: {
          200: { description: 'Signed in; the session lasts 12 hours unless signed out.', headers: { ...SET_COOKIE_HEADER, ...noStore }, content: json(SIGNED_IN) },
          400: { description: 'Malformed JSON (Error), or a body without username and password (FieldErrors).', content: json({ oneOf: [ref('Error'), ref('FieldErrors')] }) },
          401: errorResponse('The username or password is not right (sign_in_failed).'),
          403: errorResponse('Origin is another site (foreign_origin).'),
          415: errorResponse('The body is not application/json.'),
          429: { description: 'Too many attempts (too_many_sign_in_attempts).', headers: RETRY_AFTER_HEADER, content: json(ref('Error')) },
        },
      },
      delete: {
        operationId: 'signOut',
        summary: 'Sign out: ends the session and clears the cookie',
        security: OPTIONAL_SESSION_CHANGE,
        parameters: [CSRF_PARAMETER],
        responses: {
          204: { description: 'Signed out (also when no session was open).', headers: SET_COOKIE_HEADER },
          403: errorResponse(`${CSRF_HEADER} missing or wrong for a live session, or Origin is another site.`),
        },
      },
    },
    [ASSIGNED_WORK_PATH]: {
      get: {
        operationId: 'listAssignedWork',
        summary: "A responsible unit's open items, oldest first, with their age in days",
        description: `Open means not final (${UNIT_OPEN_STATUSES.join(', ')}). A unit's account gets its own unit's list; reviewers and admins name the unit.`,
        security: SESSION_SECURITY,
        parameters: [{ name: 'unit', in: 'query', description: 'The unit; required for reviewers and admins, optional (and only its own) for a unit.', schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'The items, oldest filing first; ageDays counts whole days since filing in the district\'s time zone.',
            headers: noStore,
            content: json({
              type: 'object',
              properties: {
                unitId: { type: 'string' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      report: ref('FullReport'),
                      ageDays: { type: 'integer', minimum: 0 },
                      overdue: { type: 'boolean', description: 'The expected fix date has passed and the unit has not marked it fixed.' },
                    },
                    required: ['report', 'ageDays', 'overdue'],
                  },
                },
              },
              required: ['unitId', 'items'],
            }),
          },
          400: errorResponse('An unknown or repeated parameter, or no unit named by a reviewer or admin.'),
          ...REFUSALS,
        },
      },
    },
    [PATROL_PATH]: {
      get: {
        operationId: 'patrolList',
        summary: "An inspector's patrol list: reports to verify or re-inspect, facilities never or long ago verified, recent faults; nearest first within each band",
        security: SESSION_SECURITY,
        parameters: [
          { name: 'district', in: 'query', required: true, description: 'A district id.', schema: { type: 'string' } },
          { name: 'near', in: 'query', description: 'Where the inspector is, "longitude,latitude"; the district\'s centre by default.', schema: { type: 'string' } },
          { name: 'limit', in: 'query', description: `At most this many items, default ${DEFAULT_PATROL_LIMIT}.`, schema: { type: 'integer', minimum: 1, maximum: MAXIMUM_PATROL_LIMIT } },
        ],
        responses: {
          200: {
            description: 'The list, in the bands of the reports core (patrol.ts).',
            headers: noStore,
            content: json({
              type: 'object',
              properties: {
                districtId: { type: 'string' },
                from: LOCATION,
                items: { type: 'array', items: ref('PatrolItem') },
              },
              required: ['districtId', 'from', 'items'],
            }),
          },
          400: errorResponse('No or an unknown district, a malformed near or limit, an unknown parameter.'),
          ...REFUSALS,
        },
      },
    },
    [OPENAPI_PATH]: {
      get: {
        operationId: 'getOpenApiDescription',
        summary: 'This description',
        responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
      },
    },
  },
  components: {
    schemas: {
      LocalizedText: {
        type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'], additionalProperties: false,
      },
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string', description: 'Stable, for programs: not_found, method_not_allowed, malformed_json, body_too_large, …' },
              message: ref('LocalizedText'),
              position: {
                type: 'object',
                description: 'For malformed_json: where the first mistake is.',
                properties: { line: { type: 'integer' }, column: { type: 'integer' }, offset: { type: 'integer' } },
                required: ['line', 'column', 'offset'],
              },
            },
            required: ['code', 'message'],
          },
        },
        required: ['error'],
      },
      FieldError: {
        type: 'object',
        properties: {
          field: { type: 'string', description: 'JSON Pointer (RFC 6901) to the value at fault; "" for the whole body.' },
          code: { type: 'string' },
          message: ref('LocalizedText'),
        },
        required: ['field', 'code', 'message'],
      },
      FieldErrors: {
        type: 'object', properties: { errors: { type: 'array', items: ref('FieldError'), minItems: 1 } }, required: ['errors'],
      },
      NewReport: {
        type: 'object',
        properties: NEW_REPORT_PROPERTIES,
        required: ['districtId', 'category', 'faultCode', 'severity', 'permanence', 'description'],
        additionalProperties: false,
      },
      PublicReport: PUBLIC_REPORT,
      PublicReportEvent: PUBLIC_REPORT_EVENT,
      FullReport: FULL_REPORT,
      FullReportEvent: FULL_REPORT_EVENT,
      Account: ACCOUNT,
      SignIn: {
        type: 'object',
        properties: {
          username: { type: 'string', minLength: 1, description: 'Compared after NFKC and lower-casing.' },
          password: { type: 'string', minLength: 1, description: `New passwords have at least ${MINIMUM_PASSWORD_LENGTH} characters.` },
        },
        required: ['username', 'password'],
        additionalProperties: false,
      },
      TransitionRequest: {
        type: 'object',
        properties: {
          to: { type: 'string', enum: REPORT_STATUSES },
          note: { type: 'string', maxLength: MAX_DESCRIPTION_LENGTH, description: 'Why; required for the exits, for handing back and for a failed re-inspection.' },
          assignedUnitId: { type: 'string', description: 'Only for → assigned, and required there.' },
          duplicateOf: { type: 'string', description: 'Only for → duplicate, and required there: the original report.' },
          expectedVersion: { type: 'integer', minimum: 1, description: 'The version the caller saw.' },
        } satisfies Record<(typeof TRANSITION_BODY_FIELDS)[number], JsonSchema>,
        required: ['to', 'expectedVersion'],
        additionalProperties: false,
      },
      OfferedTransition: {
        type: 'object',
        properties: {
          to: { type: 'string', enum: REPORT_STATUSES },
          label: ref('LocalizedText'),
          noteRequired: { type: 'boolean' },
          needsAssignedUnit: { type: 'boolean' },
          needsDuplicateOf: { type: 'boolean' },
        },
        required: ['to', 'label', 'noteRequired', 'needsAssignedUnit', 'needsDuplicateOf'],
      },
      EffectiveFacilityStatus: {
        type: 'object',
        properties: {
          facilityId: { type: 'string' },
          status: { type: 'string', enum: FACILITY_STATUSES },
          stale: { type: 'boolean', description: "The data says working, but the last check on site is older than the staleness rules allow (or never): status is then unknown." },
          lastVerified: { type: ['string', 'null'], format: 'date', description: 'The last check on site: the data\'s, or the day a report on it was closed.' },
          reason: {
            type: ['object', 'null'],
            description: 'The report that puts it out of service; null otherwise.',
            properties: { reportId: { type: 'string' }, faultCode: { type: 'string' }, expectedFixDate: { type: ['string', 'null'], format: 'date' } },
            required: ['reportId', 'faultCode', 'expectedFixDate'],
          },
        },
        required: ['facilityId', 'status', 'stale', 'lastVerified', 'reason'],
        additionalProperties: false,
      },
      PatrolItem: {
        type: 'object',
        properties: {
          facilityId: { type: ['string', 'null'] },
          reportId: { type: ['string', 'null'], description: 'For a report filed at a point rather than on a facility.' },
          location: LOCATION,
          distanceMeters: { type: 'number', minimum: 0 },
          reason: {
            type: 'object',
            description: 'kind says why; verify_report, reinspect_fix and recent_fault list reportIds; verified_long_ago gives lastVerified, ageDays and maxAgeDays.',
            properties: { kind: { type: 'string', enum: PATROL_BANDS } },
            required: ['kind'],
          },
        },
        required: ['facilityId', 'reportId', 'location', 'distanceMeters', 'reason'],
      },
    },
    securitySchemes: {
      sessionCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: `Set by POST ${SESSION_PATH}: HttpOnly, SameSite=Strict, Secure behind TLS, 12 hours. Requests with it that change something also need ${CSRF_HEADER}.`,
      },
      csrfToken: {
        type: 'apiKey',
        in: 'header',
        name: CSRF_HEADER,
        description: `The csrfToken of POST or GET ${SESSION_PATH}; required with the session cookie on POST and DELETE.`,
      },
    },
  },
};
