// Puts a route from the routing core into words, in the UI language: the summary first (length,
// time, what it uses, how much is unknown, what it avoided), then one sentence per step, then why
// there is no route and which limit to relax.
import type { Facility, LngLat } from '../../domain/facilities/model.ts';
import type { RouteFound, RouteNotFound } from '../../domain/routing/route.ts';
import type { RouteStep, TurnDirection } from '../../domain/routing/directions.ts';
import type { BlockingLimit } from '../../domain/routing/costs.ts';
import type { RelaxableLimit } from '../../domain/routing/profiles.ts';
import type { StreetName } from '../../domain/routing/graph.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import type { PlainKey } from '../../i18n/messages.ts';
import { compassWord, distanceWords, facilityName } from '../../app/describe.ts';
import { spokenDistance } from '../../domain/geo/index.ts';

const TURN_KEYS: Record<TurnDirection, PlainKey> = {
  straight: 'turnStraight', slight_right: 'turnSlightRight', right: 'turnRight', sharp_right: 'turnSharpRight',
  u_turn: 'turnU', sharp_left: 'turnSharpLeft', left: 'turnLeft', slight_left: 'turnSlightLeft',
};

const LIMIT_KEYS: Record<BlockingLimit, PlainKey> = {
  avoidSteps: 'blockedBySteps', maxKerbHeight: 'blockedByKerbs', maxIncline: 'blockedBySlopes', minWidth: 'blockedByWidth',
  unknown: 'blockedByUnknown', closedFacility: 'blockedByClosed',
};

const RELAX_KEYS: Record<RelaxableLimit, PlainKey> = {
  avoidSteps: 'relaxSteps', maxKerbHeight: 'relaxKerbs', maxIncline: 'relaxSlopes', minWidth: 'relaxWidth', unknown: 'relaxUnknown',
};

function streetWords(t: Translate, language: Language, street: StreetName | null): string | null {
  if (!street || (street.nameZh === null && street.nameEn === null)) return null;
  return facilityName(t, language, street).text;
}

/** One sentence for one step. */
export function stepWords(t: Translate, language: Language, step: RouteStep, facilities: ReadonlyMap<string, Facility>): string {
  // Under 15 m "close by" reads oddly after "go"; a step that short is "a few metres".
  const distance = spokenDistance(step.distanceMeters).kind === 'close_by' ? t('aFewMeters') : distanceWords(t, step.distanceMeters);
  const street = streetWords(t, language, step.street);
  switch (step.kind) {
    case 'depart': {
      const text = street
        ? t('stepDepartAlong', { direction: compassWord(t, step.bearingDegrees), street, distance })
        : t('stepDepart', { direction: compassWord(t, step.bearingDegrees), distance });
      return withTactile(t, text, step.tactilePaving, step.tactilePavingChange);
    }
    case 'continue':
    case 'turn': {
      const turn = step.turn && step.kind === 'turn' ? t(TURN_KEYS[step.turn.direction]) : null;
      const clock = step.turn ? t('clockDirection', { hour: step.turn.clock }) : '';
      const text = turn
        ? (street ? t('stepTurnOnto', { turn, clock, street, distance }) : t('stepTurn', { turn, clock, distance }))
        : (street ? t('stepContinueAlong', { street, distance }) : t('stepContinue', { distance }));
      return withTactile(t, text, step.tactilePaving, step.tactilePavingChange);
    }
    case 'cross': {
      const signal = step.signalled === true
        ? (step.sound === true ? t('crossingSignalsSound') : step.sound === false ? t('crossingSignalsSilent') : t('crossingSignals'))
        : step.signalled === false ? t('crossingNoSignals') : t('crossingSignalsUnknown');
      const ramps = step.kerbRampAtStart === true && step.kerbRampAtEnd === true ? t('crossingRampsBoth')
        : step.kerbRampAtStart === false || step.kerbRampAtEnd === false ? t('crossingRampsMissing')
        : t('crossingRampsUnknown');
      const tactile = step.tactilePaving === true ? t('crossingTactileYes') : step.tactilePaving === false ? t('crossingTactileNo') : '';
      return t('stepCross', { street: street ?? t('theStreet'), distance, signal, ramps, tactile });
    }
    case 'steps': {
      const count = step.stepCount === null ? t('stepsCountUnknown') : t('stepsCount', { count: step.stepCount });
      const direction = step.direction === 'up' ? t('stepsUp') : step.direction === 'down' ? t('stepsDown') : '';
      const handrail = step.handrail === true ? t('handrailYes') : step.handrail === false ? t('handrailNo') : '';
      return t('stepSteps', { count, direction, handrail });
    }
    case 'elevator': {
      const facility = step.facilityId ? facilities.get(step.facilityId) : undefined;
      return facility ? t('stepElevatorNamed', { name: facilityName(t, language, facility).text }) : t('stepElevator');
    }
    case 'ramp': {
      const direction = step.direction === 'up' ? t('rampUp') : step.direction === 'down' ? t('rampDown') : '';
      const slope = step.inclinePercent === null ? t('slopeUnknown') : t('slopePercent', { value: Math.abs(step.inclinePercent).toFixed(1) });
      return t('stepRamp', { direction, slope, distance });
    }
    case 'arrive':
      return step.destinationClock === null || step.destinationDistanceMeters < 1
        ? t('stepArrive')
        : t('stepArriveNear', { distance: distanceWords(t, step.destinationDistanceMeters), clock: t('clockDirection', { hour: step.destinationClock }) });
  }
}

function withTactile(t: Translate, text: string, tactilePaving: boolean | null, change: 'starts' | 'ends' | null): string {
  if (change === 'starts') return `${text}${t('tactileStarts')}`;
  if (change === 'ends') return `${text}${t('tactileEnds')}`;
  return tactilePaving === true ? `${text}${t('tactileAlong')}` : text;
}

export interface RouteWords {
  summary: string;
  notes: string[];
  steps: string[];
}

export function routeWords(t: Translate, language: Language, route: RouteFound, facilities: ReadonlyMap<string, Facility>): RouteWords {
  const minutes = Math.max(1, Math.round(route.durationSeconds / 60));
  const summary = t('routeSummary', {
    length: distanceWords(t, route.lengthMeters),
    minutes,
    crossings: route.uses.crossings,
    ramps: route.uses.ramps,
    elevators: route.uses.elevators,
    steps: route.uses.steps,
  });
  const notes: string[] = [];
  notes.push(route.unknownSegments > 0 ? t('routeUnknownSegments', { count: route.unknownSegments }) : t('routeNoUnknown'));
  const avoidedNames = route.avoided.map((avoided) => {
    const facility = facilities.get(avoided.facilityId);
    return facility ? facilityName(t, language, facility).text : avoided.facilityId;
  });
  if (avoidedNames.length > 0) notes.push(t('routeAvoided', { names: avoidedNames.join(language === 'zh' ? '、' : ', ') }));
  return { summary, notes, steps: route.directions.map((step) => stepWords(t, language, step, facilities)) };
}

/** Why there is no route, in words, and the limit whose relaxation would give one. */
export function noRouteWords(t: Translate, result: RouteNotFound): { reason: string; relax: RelaxableLimit | null; relaxLabel: string | null } {
  const { reason } = result;
  switch (reason.kind) {
    case 'invalid_request':
      return { reason: t('noRouteInvalid', { detail: reason.problems.join('; ') }), relax: null, relaxLabel: null };
    case 'origin_off_network':
      return { reason: t('noRouteOriginOff', { distance: distanceWords(t, reason.maxSnapDistanceMeters) }), relax: null, relaxLabel: null };
    case 'destination_off_network':
      return { reason: t('noRouteDestinationOff', { distance: distanceWords(t, reason.maxSnapDistanceMeters) }), relax: null, relaxLabel: null };
    case 'disconnected':
      return { reason: t('noRouteDisconnected'), relax: null, relaxLabel: null };
    case 'not_explained':
      return { reason: t('noRouteUnexplained'), relax: null, relaxLabel: null };
    case 'origin_enclosed':
    case 'destination_enclosed': {
      const end = reason.kind === 'origin_enclosed' ? t('noRouteFromOrigin') : t('noRouteToDestination');
      const text = t('noRouteEnclosed', { end, cause: t(LIMIT_KEYS[reason.blockingLimit]) });
      return { reason: text, relax: reason.relax, relaxLabel: reason.relax ? t(RELAX_KEYS[reason.relax]) : null };
    }
  }
}

/** The coordinates each step covers, for the map's current-step highlight. */
export function stepCoordinates(route: RouteFound): LngLat[][] {
  return route.directions.map((step) => route.coordinates.slice(step.coordinateRange.first, step.coordinateRange.last + 1));
}
