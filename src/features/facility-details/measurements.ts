// The rows of the details table per category. Unknown (null) values read "unknown", never blank,
// and kerb ramp measurements say whether they meet GB 50763-2012 §3.1.
import type { Facility } from '../../domain/facilities/model.ts';
import { gradeFacility, type MeasurementGrade } from '../../domain/facilities/grading.ts';
import type { Translate } from '../../i18n/index.ts';

export interface MeasurementRow { label: string; value: string; grade: MeasurementGrade | null; unknown: boolean }

export function measurementRows(t: Translate, facility: Facility): MeasurementRow[] {
  const grades = gradeFacility(facility);
  const gradeOf = (measure: MeasurementGrade['measure']): MeasurementGrade | null => grades.find((grade) => grade.measure === measure) ?? null;
  const unknown = t('unknownValue');
  const row = (label: string, value: string | null, grade: MeasurementGrade | null = null): MeasurementRow => ({ label, value: value ?? unknown, grade, unknown: value === null });
  const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? t('yes') : t('no'));
  const number = (value: number | null, format: (value: number) => string): string | null => (value === null ? null : format(value));
  const meters = (value: number) => t('valueMeters', { value });

  switch (facility.category) {
    case 'ramp':
      return [
        row(t('measureRampType'), facility.rampType === 'kerb_ramp' ? t('rampTypeKerbRamp') : t('rampTypeWheelchairRamp')),
        ...(facility.rampType === 'kerb_ramp'
          ? [row(t('measureKerbRampForm'), facility.kerbRampForm === null ? null
            : { full_width: t('kerbRampFormFullWidth'), three_sided: t('kerbRampFormThreeSided'), other: t('kerbRampFormOther') }[facility.kerbRampForm])]
          : []),
        row(t('measureSlope'), number(facility.slopePercent, (value) => t('valuePercent', { value })), gradeOf('slope_percent')),
        row(t('measureClearWidth'), number(facility.clearWidthMeters, meters), gradeOf('clear_width_m')),
        row(t('measureKerbLip'), number(facility.kerbLipMillimeters, (value) => t('valueMillimeters', { value })), gradeOf('kerb_lip_mm')),
        row(t('measureHandrail'), yesNo(facility.handrail)),
      ];
    case 'toilet':
      return [
        row(t('measureDoorWidth'), number(facility.doorWidthMeters, meters)),
        row(t('measureTurningSpace'), number(facility.turningSpaceMeters, meters)),
        row(t('measureGrabBars'), yesNo(facility.grabBars)),
        row(t('measureEmergencyCall'), yesNo(facility.emergencyCall)),
        row(t('measureAccess'), facility.access === null ? null : { public: t('accessPublic'), customers: t('accessCustomers'), key: t('accessKey') }[facility.access]),
        row(t('measureOpeningHours'), facility.openingHours),
        row(t('measureChangingTable'), yesNo(facility.changingTable)),
      ];
    case 'elevator':
      return [
        row(t('measureElevatorType'), facility.elevatorType === 'elevator' ? t('elevatorTypeElevator') : t('elevatorTypePlatformLift')),
        row(t('measureCabinSize'), facility.cabinWidthMeters === null && facility.cabinDepthMeters === null ? null
          : t('valueCabin', {
            width: facility.cabinWidthMeters === null ? unknown : meters(facility.cabinWidthMeters),
            depth: facility.cabinDepthMeters === null ? unknown : meters(facility.cabinDepthMeters),
          })),
        row(t('measureDoorWidth'), number(facility.doorWidthMeters, meters)),
        row(t('measureBraille'), yesNo(facility.braille)),
        row(t('measureVoice'), yesNo(facility.voice)),
        row(t('measureConnects'), facility.connectsZh ?? facility.connectsEn),
      ];
    case 'tactile_paving':
      return [
        row(t('measureTactileType'), facility.tactileType === 'guiding' ? t('tactileTypeGuiding') : t('tactileTypeWarning')),
        row(t('measureContinuity'), facility.continuity === null ? null : facility.continuity === 'continuous' ? t('continuityContinuous') : t('continuityInterrupted')),
      ];
  }
}

export function gradeWords(t: Translate, grade: MeasurementGrade | null): string {
  if (grade === null || grade.outcome === 'ungraded') return t('gradeUngraded');
  if (grade.outcome === 'unknown') return t('gradeUnknown');
  const unit = grade.measure === 'slope_percent' ? '%' : grade.measure === 'clear_width_m' ? ' m' : ' mm';
  const limit = `${grade.comparison === 'at_most' ? '≤' : '≥'} ${grade.limit ?? ''}${unit}`;
  const clause = grade.clause ?? '';
  return grade.outcome === 'meets' ? t('gradeMeets', { clause, limit }) : t('gradeFails', { clause, limit });
}
