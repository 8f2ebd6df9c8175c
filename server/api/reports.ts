// The reports endpoints (issue 6): anyone files a report (POST /api/reports; anonymous residents
// within a rate limit, signed-in accounts as themselves), anyone reads reports in the view their
// role allows (GET /api/reports, GET /api/reports/{id}), and accounts move reports through the
// loop (POST /api/reports/{id}/transitions). Every rule about a report is the reports core's
// (validateNewReport, fileReport, may, applyTransition, publicReportView); this file reads HTTP,
// calls the core and the repository, and answers.
import type { IncomingMessage } from 'node:http';
import {
  IDEMPOTENCY_KEY_PATTERN, MAX_ID_LENGTH, REPORT_STATUSES, applyTransition, fileReport, may, parseTransitionBody, validateNewReport,
  type FieldError, type Report, type ReportEvent, type ReportStatus, type TransitionErrorCode,
} from '../../src/domain/reports/index.ts';
import { DEFAULT_PAGE_SIZE, InvalidStorageInput, MAXIMUM_PAGE_SIZE, VersionConflict, type NewReportEvent, type ReportFilter } from '../db/repository.ts';
import type { DistrictCatalog } from './district-catalog.ts';
import { readJsonBody } from './json-body.ts';
import type { ApiContext } from './options.ts';
import { countCall, tooManyRequests } from './rate-limits.ts';
import { ApiFailure, errorResponse, fieldErrorsResponse, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';
import { refusal } from './sessions.ts';
import { listedReportFor, offeredTransitions, reportViewFor } from './views.ts';

export type { ApiOptions as ReportsApiOptions } from './options.ts';

export const REPORTS_PATH = '/api/reports';
export const REPORT_PATH = '/api/reports/{reportId}';
export const TRANSITIONS_PATH = '/api/reports/{reportId}/transitions';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The query parameters GET /api/reports understands; any other is refused by name. */
export const LIST_PARAMETERS = ['district', 'facility', 'status', 'limit', 'cursor'] as const;

/**
 * The status of each way applyTransition can refuse: a stale version or a step the report's
 * status does not allow conflict with the report's state (409, reload); a role or person the
 * loop does not allow is forbidden (403); a missing note or option is a request to correct (422).
 */
export const TRANSITION_ERROR_STATUS: Readonly<Record<TransitionErrorCode, number>> = {
  version_conflict: 409,
  invalid_transition: 409,
  not_allowed: 403,
  missing_note: 422,
  note_too_long: 422,
  missing_assigned_unit: 422,
  missing_duplicate_of: 422,
  duplicate_of_itself: 422,
  unexpected_option: 422,
  invalid_option: 422,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Idempotency-Key header, checked: 400 when missing or not 16 to 64 letters, digits, "-" or "_". */
export function readIdempotencyKey(request: IncomingMessage): string {
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
    // A key is one reporter's: the same key from someone else is not a retry.
    report.reporterId,
    report.districtId, report.facilityId, report.location, report.category, report.faultCode, report.severity, report.permanence,
    report.expectedFixDate, report.description, report.outOfService,
    // PostgreSQL's jsonb reorders object keys, so measurements are compared field by field.
    report.measurements.map((measurement) => [measurement.name, measurement.value, measurement.unit]),
  ]);
}

/** 404 for a report id nobody was given (or one too long to be any). */
export const notFound = (reportId: string): ApiResponse => errorResponse(404, 'report_not_found', {
  zh: `没有编号为“${reportId}”的报告，请检查链接是否完整`,
  en: `There is no report "${reportId}": check that the link is complete`,
});

function badParameter(code: string, zh: string, en: string): ApiFailure {
  return new ApiFailure(400, code, { zh, en });
}

/**
 * The filter of GET /api/reports from its query, or ApiFailure naming the parameter at fault.
 * `allowedParameters` lets the exports take the same filters with their own parameters.
 */
export function parseListQuery(query: URLSearchParams, catalog: DistrictCatalog, allowedParameters: readonly string[] = LIST_PARAMETERS): ReportFilter {
  for (const name of new Set(query.keys())) {
    if (!allowedParameters.includes(name)) {
      throw badParameter('unknown_parameter', `不支持查询参数“${name}”，可用：${allowedParameters.join('、')}`, `Unknown query parameter "${name}"; use ${allowedParameters.join(', ')}`);
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

export function reportRoutes(context: ApiContext): ApiRoute[] {
  const { repository, catalog, now, newReportId, bodyLimitBytes } = context;

  /**
   * Anonymous filing counts against the caller's address. Over the limit, a retry of a report
   * already filed with the same key is still answered (with that report, nothing new stored):
   * a client that lost the first answer must be able to learn it was filed.
   */
  async function checkFilingLimit({ caller }: RouteRequest, idempotencyKey: string): Promise<void> {
    if (caller.user !== null) return;
    const count = await countCall(repository, `report-filing:address:${caller.clientAddress}`, context.rateLimits.reportFilingPerAddress, now());
    if (!count.exceeded) return;
    if (await repository.findReportByIdempotencyKey(idempotencyKey)) return;
    throw tooManyRequests('too_many_reports', count.retryAfterSeconds, { zh: '匿名提交报告', en: 'reports filed without an account from this address' });
  }

  async function fileOne(routeRequest: RouteRequest): Promise<ApiResponse> {
    const { request, caller } = routeRequest;
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
      ...(context.reportTimeZone === undefined ? {} : { timeZone: context.reportTimeZone }),
    });
    if (!validation.ok) return fieldErrorsResponse(validation.errors);
    if (validation.draft.photos.length > 0) {
      const error: FieldError = {
        field: '/photos',
        code: 'send_photos_separately',
        message: {
          zh: '照片不随报告正文提交：请先提交不带照片的报告，再把每张照片发送到 /api/reports/{报告编号}/photos',
          en: 'Photos are not sent in the report itself: file the report without them, then send each photo to /api/reports/{reportId}/photos',
        },
      };
      return fieldErrorsResponse([error]);
    }
    const filing = fileReport(validation.draft, { reportId: newReportId(), actor: caller.actor, now: filedAt });
    if (!filing.ok) throw new ApiFailure(403, filing.error.code, filing.error.message);
    await checkFilingLimit(routeRequest, idempotencyKey);
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
      body: { report: listedReportFor(caller.actor, stored.report) },
      headers: { Location: `${REPORTS_PATH}/${encodeURIComponent(stored.report.id)}` },
    };
  }

  async function list({ url, caller }: RouteRequest): Promise<ApiResponse> {
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
      body: { reports: page.reports.map((report) => listedReportFor(caller.actor, report)), nextCursor: page.nextCursor },
    };
  }

  async function storedReport(reportId: string): Promise<Report | null> {
    return reportId.length > MAX_ID_LENGTH ? null : repository.getReport(reportId);
  }

  async function answerWithView(caller: RouteRequest['caller'], report: Report, events: readonly ReportEvent[]): Promise<ApiResponse> {
    return { status: 200, body: { ...reportViewFor(caller.actor, report, events), availableTransitions: offeredTransitions(caller.actor, report) } };
  }

  async function readOne({ parameters, caller }: RouteRequest): Promise<ApiResponse> {
    const reportId = parameters.reportId ?? '';
    const report = await storedReport(reportId);
    if (!report) return notFound(reportId.slice(0, MAX_ID_LENGTH));
    return answerWithView(caller, report, await repository.listEvents(reportId));
  }

  /** Refuses an assignment to a unit no account acts for: the report would wait for nobody. */
  async function checkUnitExists(unitId: string): Promise<void> {
    if ((await repository.listUsers({ role: 'responsible_unit', unitId })).length > 0) return;
    throw new ApiFailure(422, 'unknown_unit', {
      zh: `没有责任单位“${unitId}”的账号：请检查单位编号，或先为该单位创建账号`,
      en: `No account acts for the responsible unit "${unitId}": check the unit id, or create an account for the unit first`,
    });
  }

  async function transition({ request, parameters, caller }: RouteRequest): Promise<ApiResponse> {
    const refused = { zh: '你的账号不能更改报告状态', en: 'Your account cannot change the status of reports' };
    if (!may(caller.actor, 'transition')) throw refusal(caller, refused);
    const parsed = parseTransitionBody(await readJsonBody(request, bodyLimitBytes));
    if (!parsed.ok) return fieldErrorsResponse(parsed.errors);
    const reportId = parameters.reportId ?? '';
    const report = await storedReport(reportId);
    if (!report) return notFound(reportId.slice(0, MAX_ID_LENGTH));
    if (!may(caller.actor, 'transition', report)) {
      throw new ApiFailure(403, 'not_allowed', { zh: '这份报告没有分派给你的单位', en: 'This report is not assigned to your unit' });
    }
    const { to, note, assignedUnitId, duplicateOf, expectedVersion } = parsed.body;
    const result = applyTransition(report, {
      to, actor: caller.actor, now: now(), expectedVersion,
      ...(note === undefined ? {} : { note }),
      ...(assignedUnitId === undefined ? {} : { assignedUnitId }),
      ...(duplicateOf === undefined ? {} : { duplicateOf }),
    });
    if (!result.ok) throw new ApiFailure(TRANSITION_ERROR_STATUS[result.error.code], result.error.code, result.error.message);
    if (result.report.status === 'assigned' && result.report.assignedUnitId !== null) await checkUnitExists(result.report.assignedUnitId);
    let eventNote = result.event.note;
    if (result.duplicateOf !== null) {
      if (!(await storedReport(result.duplicateOf))) {
        throw new ApiFailure(422, 'unknown_original', {
          zh: `没有编号为“${result.duplicateOf}”的报告：请填写原报告的编号`, en: `There is no report "${result.duplicateOf}": enter the id of the original report`,
        });
      }
      // The report model has no field for the original yet, so the history says it, for people and programs alike.
      eventNote = `${eventNote}${eventNote === '' ? '' : '\n'}${DUPLICATE_OF_PREFIX}${result.duplicateOf}`;
    }
    const { fromStatus, toStatus, actorId, actorRole, at } = result.event;
    const event: NewReportEvent = { fromStatus, toStatus, actorId, actorRole, at, note: eventNote };
    let updated: Report;
    try {
      updated = await repository.updateReport(result.report, expectedVersion, event);
    } catch (error) {
      if (error instanceof VersionConflict) {
        throw new ApiFailure(409, 'version_conflict', {
          zh: `这份报告刚被他人更新（现在是第 ${error.actualVersion} 版）：请刷新后再试`,
          en: `Someone changed this report just now (it is at version ${error.actualVersion}): reload it and try again`,
        });
      }
      throw error;
    }
    return answerWithView(caller, updated, await repository.listEvents(reportId));
  }

  return [
    { path: REPORTS_PATH, methods: { GET: list, POST: fileOne } },
    { path: REPORT_PATH, methods: { GET: readOne } },
    { path: TRANSITIONS_PATH, methods: { POST: transition } },
  ];
}

/** How the history records which report a duplicate repeats: the last line of the event's note. */
export const DUPLICATE_OF_PREFIX = '重复于 / duplicate of: ';
