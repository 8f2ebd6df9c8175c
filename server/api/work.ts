// Work lists (issue 6, "Work lists"): a responsible unit's open items with their age, oldest
// first, from the reports core's unitWorkList (GET /api/work/assigned), and an inspector's patrol
// list from the core's patrolList over the district's facilities, nearest first (GET /api/work/patrol).
import {
  DEFAULT_STALENESS_RULES, FINAL_STATUSES, MAX_ID_LENGTH, REPORT_STATUSES, may, patrolList, unitWorkList,
  type Report, type ReportStatus,
} from '../../src/domain/reports/index.ts';
import type { LngLat } from '../../src/domain/facilities/model.ts';
import type { ReportFilter } from '../db/repository.ts';
import { everyReport as everyReportOf } from './every-report.ts';
import type { ApiContext } from './options.ts';
import { ApiFailure, type ApiResponse } from './responses.ts';
import type { ApiRoute, RouteRequest } from './router.ts';
import { refusal } from './sessions.ts';
import { listedReportFor } from './views.ts';

export const ASSIGNED_WORK_PATH = '/api/work/assigned';
export const PATROL_PATH = '/api/work/patrol';
export const ASSIGNED_PARAMETERS = ['unit'] as const;
export const PATROL_PARAMETERS = ['district', 'near', 'limit'] as const;

/**
 * What the storage is asked for: every status that is not final, as unitWorkList keeps. In
 * practice assigned, in_progress and fixed (waiting for the re-inspection), since handing a
 * report back (assigned → verified) clears its unit.
 */
export const UNIT_OPEN_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
export const DEFAULT_PATROL_LIMIT = 50;
export const MAXIMUM_PATROL_LIMIT = 1000;

function badParameter(code: string, zh: string, en: string): ApiFailure {
  return new ApiFailure(400, code, { zh, en });
}

function checkParameterNames(query: URLSearchParams, allowed: readonly string[]): void {
  for (const name of new Set(query.keys())) {
    if (!allowed.includes(name)) {
      throw badParameter('unknown_parameter', `不支持查询参数“${name}”，可用：${allowed.join('、')}`, `Unknown query parameter "${name}"; use ${allowed.join(', ')}`);
    }
    if (query.getAll(name).length > 1) throw badParameter('repeated_parameter', `查询参数“${name}”只能出现一次`, `Give the query parameter "${name}" once`);
  }
}

/** "longitude,latitude" in degrees, or null. */
export function parseLngLat(text: string): LngLat | null {
  const parts = text.split(',');
  if (parts.length !== 2) return null;
  const [longitude, latitude] = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (longitude === undefined || latitude === undefined || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

export function workRoutes(context: ApiContext): ApiRoute[] {
  const { repository, catalog, now } = context;

  const everyReport = (filter: Omit<ReportFilter, 'cursor' | 'limit'>): Promise<Report[]> => everyReportOf(repository, filter);

  async function assigned({ url, caller }: RouteRequest): Promise<ApiResponse> {
    const { actor } = caller;
    if (!may(actor, 'list_assigned')) {
      throw refusal(caller, { zh: '只有责任单位、审核员和管理员可以查看整改清单', en: 'Only responsible units, reviewers and admins can see work lists of units' });
    }
    checkParameterNames(url.searchParams, ASSIGNED_PARAMETERS);
    const asked = url.searchParams.get('unit');
    if (asked !== null && (asked.trim() === '' || asked.length > MAX_ID_LENGTH)) {
      throw badParameter('invalid_unit', `unit 应为 1 至 ${MAX_ID_LENGTH} 个字符的单位编号`, `unit must be a unit id of 1 to ${MAX_ID_LENGTH} characters`);
    }
    let unitId: string;
    if (actor.role === 'responsible_unit') {
      unitId = actor.unitId ?? '';
      if (asked !== null && asked !== unitId) {
        throw new ApiFailure(403, 'not_allowed', { zh: '只能查看本单位的整改清单', en: "You can see your own unit's work list only" });
      }
    } else {
      if (asked === null) throw badParameter('unit_required', '请用 unit 参数指定责任单位', 'Name the responsible unit with the unit parameter');
      unitId = asked;
    }
    const reports = (await everyReport({ assignedUnitId: unitId, statuses: UNIT_OPEN_STATUSES })).filter((report) => may(actor, 'read_report_full', report));
    const items = unitWorkList(reports, unitId, now(), context.timeZone)
      .map((item) => ({ report: listedReportFor(actor, item.report), ageDays: item.ageDays, overdue: item.overdue }));
    return { status: 200, body: { unitId, items } };
  }

  async function patrol({ url, caller }: RouteRequest): Promise<ApiResponse> {
    const { actor } = caller;
    if (!may(actor, 'patrol_list')) {
      throw refusal(caller, { zh: '只有督导员、审核员和管理员有巡查清单', en: 'Only inspectors, reviewers and admins have patrol lists' });
    }
    const query = url.searchParams;
    checkParameterNames(query, PATROL_PARAMETERS);
    const districtId = query.get('district');
    if (districtId === null) throw badParameter('district_required', '请用 district 参数指定街区', 'Name the district with the district parameter');
    const district = catalog.districts.find((candidate) => candidate.id === districtId);
    if (!district) throw badParameter('unknown_district', `没有编号为“${districtId}”的街区`, `There is no district "${districtId}"`);
    const nearText = query.get('near');
    const from = nearText === null ? district.manifest.center : parseLngLat(nearText);
    if (from === null) {
      throw badParameter('invalid_near', 'near 应为“经度,纬度”（度），例如 121.47,31.23', 'near must be "longitude,latitude" in degrees, e.g. 121.47,31.23');
    }
    const limitText = query.get('limit');
    const limit = limitText === null ? DEFAULT_PATROL_LIMIT : /^\d{1,7}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= MAXIMUM_PATROL_LIMIT)) {
      throw badParameter('invalid_limit', `limit 应为 1 至 ${MAXIMUM_PATROL_LIMIT} 的整数`, `limit must be a whole number from 1 to ${MAXIMUM_PATROL_LIMIT}`);
    }
    const items = patrolList([...district.facilities.values()], await everyReport({ districtId }), {
      actor, from, districtId, now: now(), rules: { ...DEFAULT_STALENESS_RULES, timeZone: context.timeZone }, limit,
    });
    return { status: 200, body: { districtId, from, items } };
  }

  return [
    { path: ASSIGNED_WORK_PATH, methods: { GET: assigned } },
    { path: PATROL_PATH, methods: { GET: patrol } },
  ];
}
