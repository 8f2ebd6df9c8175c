// The reports endpoints of the first API slice (issue 6): an anonymous resident files a report
// (POST /api/reports), anyone reads the public views (GET /api/reports, GET /api/reports/{id}).
// Every rule about a report's content is the reports core's (validateNewReport, fileReport,
// publicReportView); this file reads HTTP, calls the core and the repository, and answers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  ANONYMOUS_RESIDENT, IDEMPOTENCY_KEY_PATTERN, MAX_ID_LENGTH, REPORT_STATUSES, fileReport, publicReportView, validateNewReport,
  type FieldError, type Report, type ReportStatus,
} from '../../src/domain/reports/index.ts';
import { DEFAULT_PAGE_SIZE, InvalidStorageInput, MAXIMUM_PAGE_SIZE, type ReportFilter, type Repository } from '../db/repository.ts';
import type { DistrictCatalog } from './district-catalog.ts';
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from './json-body.ts';
import { ApiFailure, errorResponse, fieldErrorsResponse, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';

export const REPORTS_PATH = '/api/reports';
export const REPORT_PATH = '/api/reports/{reportId}';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The query parameters GET /api/reports understands; any other is refused by name. */
export const LIST_PARAMETERS = ['district', 'facility', 'status', 'limit', 'cursor'] as const;

export interface ReportsApiOptions {
  repository: Repository;
  catalog: DistrictCatalog;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** New report ids; UUIDs by default (the id is the right to follow a report, so it must be unguessable). */
  newReportId?: () => string;
  bodyLimitBytes?: number;
  /** IANA zone for "today" in expected fix dates; the reports core's default (Shanghai) when not given. */
  timeZone?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readIdempotencyKey(request: IncomingMessage): string {
  const header = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key.trim() === '') {
    throw new ApiFailure(400, 'idempotency_key_required', {
      zh: '缺少 Idempotency-Key 请求头：请为每份报告生成一个（例如 UUID），重试时原样发送',
      en: 'Send an Idempotency-Key header: make one per report (a UUID, for example) and resend it unchanged with every retry',
    });
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiFailure(400, 'idempotency_key_invalid', {
      zh: 'Idempotency-Key 应为 16 至 64 个字母、数字、“-”或“_”，例如一个 UUID',
      en: 'Idempotency-Key must be 16 to 64 letters, digits, "-" or "_", for example a UUID',
    });
  }
  return key;
}

/** What the reporter said, in a fixed order and shape, so a stored report and a retry compare equal when they say the same. */
function submittedContent(report: Report): string {
  return JSON.stringify([
    report.districtId, report.facilityId, report.location, report.category, report.faultCode, report.severity, report.permanence,
    report.expectedFixDate, report.description, report.outOfService,
    // PostgreSQL's jsonb reorders object keys, so measurements are compared field by field.
    report.measurements.map((measurement) => [measurement.name, measurement.value, measurement.unit]),
  ]);
}

const notFound = (reportId: string): ApiResponse => errorResponse(404, 'report_not_found', {
  zh: `没有编号为“${reportId}”的报告，请检查链接是否完整`,
  en: `There is no report "${reportId}": check that the link is complete`,
});

function badParameter(code: string, zh: string, en: string): ApiFailure {
  return new ApiFailure(400, code, { zh, en });
}

/** The filter of GET /api/reports from its query, or ApiFailure naming the parameter at fault. */
export function parseListQuery(query: URLSearchParams, catalog: DistrictCatalog): ReportFilter {
  for (const name of new Set(query.keys())) {
    if (!(LIST_PARAMETERS as readonly string[]).includes(name)) {
      throw badParameter('unknown_parameter', `不支持查询参数“${name}”，可用：${LIST_PARAMETERS.join('、')}`, `Unknown query parameter "${name}"; use ${LIST_PARAMETERS.join(', ')}`);
    }
    if (query.getAll(name).length > 1) {
      throw badParameter('repeated_parameter', `查询参数“${name}”只能出现一次`, `Give the query parameter "${name}" once`);
    }
  }
  const filter: ReportFilter = {};
  const district = query.get('district');
  if (district !== null) {
    if (!catalog.hasDistrict(district)) {
      throw badParameter('unknown_district', `没有编号为“${district}”的街区`, `There is no district "${district}"`);
    }
    filter.districtId = district;
  }
  const facility = query.get('facility');
  if (facility !== null) {
    if (facility === '' || facility.length > MAX_ID_LENGTH) {
      throw badParameter('invalid_facility', `设施编号应为 1 至 ${MAX_ID_LENGTH} 个字符`, `facility must be 1 to ${MAX_ID_LENGTH} characters`);
    }
    filter.facilityId = facility;
  }
  const status = query.get('status');
  if (status !== null) {
    const statuses = status.split(',');
    const unknown = statuses.filter((candidate) => !(REPORT_STATUSES as readonly string[]).includes(candidate));
    if (unknown.length > 0) {
      throw badParameter(
        'unknown_status',
        `没有状态“${unknown.join('、')}”，可用：${REPORT_STATUSES.join('、')}（多个用英文逗号分隔）`,
        `Unknown status "${unknown.join(', ')}"; use ${REPORT_STATUSES.join(', ')}, several separated by commas`,
      );
    }
    filter.statuses = [...new Set(statuses)] as ReportStatus[];
  }
  const limit = query.get('limit');
  if (limit !== null) {
    const value = /^\d{1,7}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(value >= 1 && value <= MAXIMUM_PAGE_SIZE)) {
      throw badParameter('invalid_limit', `limit 应为 1 至 ${MAXIMUM_PAGE_SIZE} 的整数（收到“${limit}”）`, `limit must be a whole number from 1 to ${MAXIMUM_PAGE_SIZE} (got "${limit}")`);
    }
    filter.limit = value;
  } else {
    filter.limit = DEFAULT_PAGE_SIZE;
  }
  const cursor = query.get('cursor');
  if (cursor !== null) filter.cursor = cursor;
  return filter;
}

export function reportRoutes(options: ReportsApiOptions): ApiRoute[] {
  const { repository, catalog } = options;
  const now = options.now ?? (() => new Date());
  const newReportId = options.newReportId ?? randomUUID;
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  async function fileOne({ request }: RouteRequest): Promise<ApiResponse> {
    const idempotencyKey = readIdempotencyKey(request);
    const body = await readJsonBody(request, bodyLimitBytes);
    let input = body;
    if (isRecord(body)) {
      if (body.idempotencyKey !== undefined && body.idempotencyKey !== idempotencyKey) {
        return fieldErrorsResponse([{
          field: '/idempotencyKey',
          code: 'mismatch',
          message: { zh: '正文中的 idempotencyKey 与 Idempotency-Key 请求头不同：删除它，或与请求头一致', en: 'idempotencyKey in the body differs from the Idempotency-Key header: leave it out or make them equal' },
        }]);
      }
      input = { ...body, idempotencyKey };
    }
    const filedAt = now();
    const validation = validateNewReport(input, {
      now: filedAt,
      districts: catalog.districts,
      findFacility: catalog.findFacility,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
    if (!validation.ok) return fieldErrorsResponse(validation.errors);
    if (validation.draft.photos.length > 0) {
      const error: FieldError = {
        field: '/photos',
        code: 'not_supported_yet',
        message: { zh: '暂时还不能上传照片：请先提交不带照片的报告', en: 'Photos cannot be sent yet: file the report without them' },
      };
      return fieldErrorsResponse([error]);
    }
    const filing = fileReport(validation.draft, { reportId: newReportId(), actor: ANONYMOUS_RESIDENT, now: filedAt });
    if (!filing.ok) throw new ApiFailure(403, filing.error.code, filing.error.message);
    const { fromStatus, toStatus, actorId, actorRole, at, note } = filing.event;
    const firstEvent = { fromStatus, toStatus, actorId, actorRole, at, note };
    const stored = await repository.createReport(filing.report, firstEvent, idempotencyKey);
    if (!stored.created && submittedContent(stored.report) !== submittedContent(filing.report)) {
      // draft-ietf-httpapi-idempotency-key-header §2.7: a key reused with another payload is 422.
      throw new ApiFailure(422, 'idempotency_key_reused', {
        zh: '这个 Idempotency-Key 已用于另一份内容不同的报告：新报告请生成新的键',
        en: 'This Idempotency-Key was used for a report with different content: make a new key for a new report',
      });
    }
    return {
      status: stored.created ? 201 : 200,
      body: { report: publicReportView(stored.report, []).report },
      headers: { Location: `${REPORTS_PATH}/${encodeURIComponent(stored.report.id)}` },
    };
  }

  async function list({ url }: RouteRequest): Promise<ApiResponse> {
    const filter = parseListQuery(url.searchParams, catalog);
    let page;
    try {
      page = await repository.listReports(filter);
    } catch (error) {
      if (error instanceof InvalidStorageInput && filter.cursor !== undefined) {
        throw badParameter('invalid_cursor', 'cursor 无效：请原样使用上一页返回的 nextCursor', 'cursor is not valid: pass nextCursor from the previous page unchanged');
      }
      throw error;
    }
    return {
      status: 200,
      body: { reports: page.reports.map((report) => publicReportView(report, []).report), nextCursor: page.nextCursor },
    };
  }

  async function readOne({ parameters }: RouteRequest): Promise<ApiResponse> {
    const reportId = parameters.reportId ?? '';
    if (reportId.length > MAX_ID_LENGTH) return notFound(reportId.slice(0, 40));
    const report = await repository.getReport(reportId);
    if (!report) return notFound(reportId);
    const events = await repository.listEvents(reportId);
    return { status: 200, body: publicReportView(report, events) };
  }

  return [
    { path: REPORTS_PATH, methods: { GET: list, POST: fileOne } },
    { path: REPORT_PATH, methods: { GET: readOne } },
  ];
}
