// Small hand-made facilities for the layer tests: one per category, in a chosen status.
import type { Facility, FacilityBase, FacilityCategory, FacilityStatus } from '../../domain/facilities/model.ts';

function base(id: string, category: FacilityCategory, status: FacilityStatus): FacilityBase {
  return {
    id, category, status, nameZh: null, nameEn: null, addressZh: null, addressEn: null, statusNote: null, lastVerified: null, source: 'test',
  };
}

export function testFacility(category: FacilityCategory, status: FacilityStatus, id = `test:${category}:${status}`): Facility {
  const point = { type: 'Point' as const, coordinates: [121.47, 31.23] };
  switch (category) {
    case 'ramp':
      return {
        ...base(id, 'ramp', status), category: 'ramp', rampType: 'kerb_ramp', kerbRampForm: null, slopePercent: null,
        clearWidthMeters: null, kerbLipMillimeters: null, handrail: null, location: point,
      };
    case 'toilet':
      return {
        ...base(id, 'toilet', status), category: 'toilet', doorWidthMeters: null, turningSpaceMeters: null, grabBars: null,
        emergencyCall: null, access: null, openingHours: null, changingTable: null, location: point,
      };
    case 'elevator':
      return {
        ...base(id, 'elevator', status), category: 'elevator', elevatorType: 'elevator', cabinWidthMeters: null, cabinDepthMeters: null,
        doorWidthMeters: null, braille: null, voice: null, connectsZh: null, connectsEn: null, location: point,
      };
    case 'tactile_paving':
      return {
        ...base(id, 'tactile_paving', status), category: 'tactile_paving', tactileType: 'guiding', continuity: null,
        location: { type: 'LineString', coordinates: [[121.47, 31.23], [121.471, 31.23]] },
      };
  }
}
