// The fault codes an inspector or resident chooses from, per report category, transcribed from
// ../shared/design/faults.md (one code per item of its table, in the table's order). Ids are stable
// snake_case: reports store them, so an id never changes meaning once released; a new fault gets
// a new id. The English label is the faults.md item (capitalised) so a test can check the table
// against the design file.
import type { Facility, FacilityCategory, RampType } from '../facilities/model.ts';
import { REPORT_CATEGORIES, type ReportCategory } from './model.ts';
import type { LocalizedText } from './localized.ts';

/**
 * Whether a report with this code is about a facility in the data:
 * - `required`: it only makes sense for one ("the facility does not exist");
 * - `optional`: at a facility, or at a point for something not in the data;
 * - `none`: it says there is no facility ("missing"), so naming one contradicts it.
 */
export type FacilityRequirement = 'required' | 'optional' | 'none';

export interface FaultCode {
  id: string;
  label: LocalizedText;
  /**
   * The fault usually makes the facility unusable: the report's outOfService defaults to this and
   * the reporter may say otherwise. Set only where nobody can use the facility for its purpose
   * (a locked toilet, an elevator out of service, a ramp that ends in a step), never for faults
   * that make it harder or unpleasant (a dirty toilet, a heavy door, a slope too steep).
   */
  outOfServiceByDefault: boolean;
  facility: FacilityRequirement;
}

/** Which facilities of the data a report category can be about. */
export type FacilityMatch =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'category'; category: FacilityCategory; rampType: RampType | null };

export interface ReportCategoryDetails {
  category: ReportCategory;
  label: LocalizedText;
  /** Path and crossing faults are on the walkable network, which holds no facility records. */
  facilities: FacilityMatch;
  codes: readonly FaultCode[];
}

const code = (id: string, zh: string, en: string, outOfServiceByDefault = false, facility: FacilityRequirement = 'optional'): FaultCode => ({
  id, label: { zh, en }, outOfServiceByDefault, facility,
});
const UNUSABLE = true;

/** The fault table, one entry per category in REPORT_CATEGORIES order. */
export const REPORT_CATEGORY_TABLE: readonly ReportCategoryDetails[] = [
  {
    category: 'kerb_ramp',
    label: { zh: '缘石坡道', en: 'Kerb ramp' },
    facilities: { kind: 'category', category: 'ramp', rampType: 'kerb_ramp' },
    codes: [
      code('missing', '缺少缘石坡道', 'Missing', false, 'none'),
      code('lip_too_high', '坡口高出车行道', 'Lip too high'),
      code('too_steep', '坡度过陡', 'Too steep'),
      code('too_narrow', '宽度不足', 'Too narrow'),
      code('not_aligned_with_crossing', '未与人行横道对齐', 'Not aligned with the crossing'),
      code('no_landing_space', '坡道上下缺少平台空间', 'No landing space'),
      code('surface_broken_or_slippery', '表面破损或湿滑', 'Surface broken or slippery'),
      code('water_pooling_or_debris', '积水或有杂物', 'Water pooling or debris'),
      code('blocked', '被阻挡（隔离桩、停放车辆）', 'Blocked (bollard, parked vehicle)', UNUSABLE),
      code('no_tactile_warning', '缺少提示盲道', 'No tactile warning'),
    ],
  },
  {
    category: 'tactile_paving',
    label: { zh: '盲道', en: 'Tactile paving' },
    facilities: { kind: 'category', category: 'tactile_paving', rampType: null },
    codes: [
      code('interrupted', '盲道中断', 'Interrupted'),
      code('occupied', '被占用（自行车、摊贩、汽车）', 'Occupied (bicycles, vendors, cars)'),
      code('leads_into_obstacle', '通向障碍物（电线杆、树木、井盖、墙）', 'Leads into an obstacle (pole, tree, manhole, wall)'),
      code('damaged_loose_or_sunken_tiles', '砖块破损、松动或下沉', 'Damaged, loose or sunken tiles'),
      code(
        'wrong_type_or_no_warning_strip', '类型错误，或起终点、转弯、过街和台阶处缺少提示盲道',
        'Wrong type or no warning strip at ends, turns, crossings and stairs',
      ),
      code('low_contrast', '颜色对比度不足', 'Low contrast'),
    ],
  },
  {
    category: 'elevator',
    label: { zh: '无障碍电梯', en: 'Elevator or lift' },
    facilities: { kind: 'category', category: 'elevator', rampType: null },
    codes: [
      code('out_of_service', '停用或故障', 'Out of service', UNUSABLE),
      code('locked_or_staff_only', '上锁或仅限工作人员使用', 'Locked or staff-only', UNUSABLE),
      // An elevator is there to spare people the steps; one reached only by steps serves nobody who needs it.
      code('not_reachable_step_free', '无法无台阶到达', 'Not reachable step-free', UNUSABLE),
      code('controls_out_of_reach', '按钮够不到，或无盲文、无语音', 'Controls out of reach, no braille or voice'),
      code('door_or_cabin_too_small', '门或轿厢过小', 'Door or cabin too small'),
      code('no_signage', '缺少标识', 'No signage'),
    ],
  },
  {
    category: 'toilet',
    label: { zh: '无障碍卫生间', en: 'Accessible toilet' },
    facilities: { kind: 'category', category: 'toilet', rampType: null },
    codes: [
      code('locked_or_closed', '上锁或关闭', 'Locked or closed', UNUSABLE),
      code('used_for_something_else', '被挪作他用', 'Used for something else', UNUSABLE),
      code('grab_bar_broken_or_missing', '扶手损坏或缺失', 'Grab bar broken or missing'),
      code('emergency_call_broken', '紧急呼叫装置失灵', 'Emergency call broken'),
      code('no_turning_space', '轮椅回转空间不足', 'No turning space'),
      code('heavy_door', '门太重', 'Heavy door'),
      code('fixture_broken', '洁具或设施损坏', 'Fixture broken'),
      code('dirty', '不清洁', 'Dirty'),
      code('no_signage', '缺少标识', 'No signage'),
    ],
  },
  {
    category: 'entrance',
    label: { zh: '无障碍出入口和轮椅坡道', en: 'Entrance and ramp' },
    facilities: { kind: 'category', category: 'ramp', rampType: 'wheelchair_ramp' },
    codes: [
      code('too_steep', '坡度过陡', 'Too steep'),
      code('no_handrail', '缺少扶手', 'No handrail'),
      code('slippery_surface', '地面湿滑', 'Slippery surface'),
      // A ramp that ends in a step at the door does not get a wheelchair in.
      code('step_at_door', '门口有台阶', 'Step at the door', UNUSABLE),
      code('blocked', '被阻挡', 'Blocked', UNUSABLE),
      code('too_narrow', '宽度不足', 'Too narrow'),
    ],
  },
  {
    category: 'path',
    label: { zh: '无障碍通道', en: 'Path' },
    facilities: { kind: 'none' },
    codes: [
      code('obstacle', '有障碍物', 'Obstacle'),
      code('uneven_surface', '裂缝、高差或路面不平', 'Cracks, height differences, uneven surface'),
      code('too_narrow', '宽度不足', 'Too narrow'),
      code('construction', '施工', 'Construction'),
      code('path_ends', '通道中断', 'Path ends'),
    ],
  },
  {
    category: 'crossing',
    label: { zh: '过街设施', en: 'Crossing' },
    facilities: { kind: 'none' },
    codes: [
      code('audible_signal_broken', '过街音响提示装置失灵', 'Audible signal broken'),
      code('push_button_out_of_reach', '过街按钮够不到', 'Push-button out of reach'),
      code('markings_faded', '标线褪色', 'Markings faded'),
      code('no_refuge_island', '缺少安全岛', 'No refuge island'),
    ],
  },
  {
    category: 'information',
    label: { zh: '信息有误', en: 'Wrong information' },
    facilities: { kind: 'any' },
    codes: [
      // The map must not send anyone to, or route anyone through, a facility that is not there.
      code('facility_does_not_exist', '设施不存在', 'Facility does not exist', UNUSABLE, 'required'),
      code('wrong_location', '位置错误', 'Wrong location', false, 'required'),
      // The reporter says which way it is wrong by setting outOfService.
      code('wrong_status', '状态错误', 'Wrong status', false, 'required'),
      code('other', '其他', 'Other'),
    ],
  },
];

const DETAILS_BY_CATEGORY: ReadonlyMap<ReportCategory, ReportCategoryDetails> = new Map(
  REPORT_CATEGORY_TABLE.map((details) => [details.category, details]),
);

/** True when `value` is one of REPORT_CATEGORIES. */
export function isReportCategory(value: unknown): value is ReportCategory {
  return typeof value === 'string' && (REPORT_CATEGORIES as readonly string[]).includes(value);
}

/** The table entry of a category (every category has one; a test checks it). */
export function categoryDetails(category: ReportCategory): ReportCategoryDetails {
  const details = DETAILS_BY_CATEGORY.get(category);
  if (!details) throw new Error(`The fault table has no entry for report category "${category}"`);
  return details;
}

/** The fault codes of a category, in the order the form offers them. */
export function faultCodesOf(category: ReportCategory): readonly FaultCode[] {
  return categoryDetails(category).codes;
}

/** The fault with this id in this category, or null when the category has no such fault. */
export function findFaultCode(category: ReportCategory, faultCode: string): FaultCode | null {
  return faultCodesOf(category).find((candidate) => candidate.id === faultCode) ?? null;
}

/** Whether a report of this category can be about this facility (a toilet report on an elevator cannot). */
export function facilityFitsCategory(category: ReportCategory, facility: Facility): boolean {
  const match = categoryDetails(category).facilities;
  switch (match.kind) {
    case 'none':
      return false;
    case 'any':
      return true;
    case 'category':
      if (facility.category !== match.category) return false;
      return match.rampType === null || (facility.category === 'ramp' && facility.rampType === match.rampType);
  }
}

/** The categories a report filed from this facility's details may take, in table order. */
export function reportCategoriesForFacility(facility: Facility): ReportCategory[] {
  return REPORT_CATEGORY_TABLE.filter((details) => facilityFitsCategory(details.category, facility)).map((details) => details.category);
}
