// The OpenAPI 3.1 description of the API, served at /api/openapi.json. A typed object rather than
// a YAML file, so enumerations come from the reports core's lists and cannot drift from them; a
// test compares its paths and methods with the router's table.
import {
  MAX_DESCRIPTION_LENGTH, NEW_REPORT_FIELDS, REPORT_CATEGORIES, REPORT_STATUSES, ROLES,
} from '../../src/domain/reports/index.ts';
import { DEFAULT_PAGE_SIZE, MAXIMUM_PAGE_SIZE } from '../db/repository.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body.ts';
import { IDEMPOTENCY_KEY_HEADER, REPORTS_PATH, REPORT_PATH } from './reports.ts';

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
  oneOf?: readonly JsonSchema[];
  $ref?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
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
}

export type OpenApiPathItem = Partial<Record<'get' | 'post', OpenApiOperation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, OpenApiPathItem>;
  components: { schemas: Record<string, JsonSchema> };
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
        properties: { id: { type: 'string' }, mediaType: { type: 'string' }, byteLength: { type: 'integer' } },
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
  photos: { type: 'array', maxItems: 0, description: 'Photos are not part of this API version: send none (or an empty list).' },
  outOfService: { type: 'boolean', description: "Defaults to the fault code's usual effect." },
};

const IDEMPOTENCY_PARAMETER: OpenApiParameter = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: true,
  description: 'One per report, made by the client (a UUID) and resent unchanged with every retry: a retry returns the report filed first.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
};

export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: '无障碍数字地图 API (barrier-free map)',
    version: '0.1.0',
    description: [
      'Fault reports on barrier-free facilities (issue 6), first slice: anonymous residents file reports and anyone reads their public views.',
      'Accounts, transitions, photos and rate limits are not part of this version: reports carry no photos yet.',
      'Every error is JSON: { error: { code, message: { zh, en } } }, or { errors: FieldError[] } for a report that does not validate.',
      'Unknown paths under /api answer 404, other methods 405 with Allow. Responses are Cache-Control: no-store.',
    ].join(' '),
  },
  paths: {
    [REPORTS_PATH]: {
      post: {
        operationId: 'fileReport',
        summary: 'File a fault report as an anonymous resident',
        description: `The body is JSON (at most ${DEFAULT_BODY_LIMIT_BYTES} bytes) with only the fields listed; unknown fields are refused by name. Nothing is stored on any error.`,
        parameters: [IDEMPOTENCY_PARAMETER],
        requestBody: { required: true, content: json(ref('NewReport')) },
        responses: {
          201: {
            description: 'Filed. Location gives the link to follow it.',
            headers: { Location: { description: 'The report\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json({ type: 'object', properties: { report: ref('PublicReport') }, required: ['report'] }),
          },
          200: {
            description: 'A retry: the report filed earlier with this Idempotency-Key; nothing new was stored.',
            headers: { Location: { description: 'The report\'s URL.', schema: { type: 'string' } }, ...noStore },
            content: json({ type: 'object', properties: { report: ref('PublicReport') }, required: ['report'] }),
          },
          400: {
            description: 'Missing or malformed Idempotency-Key, malformed JSON (error.position says where) or UTF-8 (Error), or a report that does not validate (FieldErrors).',
            content: json({ oneOf: [ref('Error'), ref('FieldErrors')] }),
          },
          413: errorResponse('The body is larger than the limit.'),
          415: errorResponse('The body is not application/json.'),
          422: errorResponse('The Idempotency-Key was used before for a report with different content.'),
        },
      },
      get: {
        operationId: 'listReports',
        summary: 'List public views of reports, oldest change first, in pages',
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
              properties: { reports: { type: 'array', items: ref('PublicReport') }, nextCursor: { type: ['string', 'null'] } },
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
        summary: 'A report\'s public view with its whole history: the link a resident follows',
        parameters: [{ name: 'reportId', in: 'path', required: true, description: 'The id returned when the report was filed.', schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'The report and its events, filing first.',
            headers: noStore,
            content: json({
              type: 'object',
              properties: { report: ref('PublicReport'), events: { type: 'array', items: ref('PublicReportEvent') } },
              required: ['report', 'events'],
            }),
          },
          404: errorResponse('No report has this id.'),
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
    },
  },
};
