// A coverage result in words: the one-sentence summary a planner reads first, the comparison with
// straight-line circles, the facility notes and the what-if announcement. Pure, for tests.
import type { CoverageCategory, CoverageResult, CoverageStage } from '../../domain/coverage/index.ts';
import type { ProfileName } from '../../domain/routing/profiles.ts';
import type { PlannerTranslate } from './messages.ts';

const PROFILE_PHRASE_KEYS = {
  walk: 'plannerProfileWalk', wheelchair: 'plannerProfileWheelchair', 'powered-wheelchair': 'plannerProfilePoweredWheelchair',
  cane: 'plannerProfileCane', blind: 'plannerProfileBlind',
} as const satisfies Record<ProfileName, string>;

const NOUN_KEYS = { toilet: 'plannerNounToilet', elevator: 'plannerNounElevator', ramp: 'plannerNounRamp' } as const satisfies Record<CoverageCategory, string>;

const STAGE_KEYS = {
  preparing: 'plannerStagePreparing', searching: 'plannerStageSearching', cells: 'plannerStageCells', done: 'plannerStageDone',
} as const satisfies Record<CoverageStage, string>;

export const profilePhrase = (t: PlannerTranslate, profile: ProfileName): string => t(PROFILE_PHRASE_KEYS[profile]);
export const categoryNoun = (t: PlannerTranslate, category: CoverageCategory): string => t(NOUN_KEYS[category]);
export const stageWord = (t: PlannerTranslate, stage: CoverageStage): string => t(STAGE_KEYS[stage]);

/** A share as a percentage with one decimal; unknown (no cell on the network) in words, never 0 %. */
export function shareText(t: PlannerTranslate, share: number | null): string {
  return share === null ? t('plannerNoShare') : `${(share * 100).toFixed(1)}%`;
}

/** Streets with cells on the network, and those of them with no cell within reach. */
export function streetsWithoutFacility(result: Pick<CoverageResult, 'streets'>): { streets: number; without: number } {
  const measured = result.streets.filter((row) => row.cells > 0);
  return { streets: measured.length, without: measured.filter((row) => row.cellsCoveredNetwork === 0).length };
}

/** The profile's name as the result was computed for (a named profile, or walking for a custom one). */
function profileNameOf(result: Pick<CoverageResult, 'profile'>): ProfileName {
  return (Object.keys(PROFILE_PHRASE_KEYS) as ProfileName[]).find((name) => name === result.profile.name) ?? 'walk';
}

/** "3 of 12 streets have no accessible toilet within 500 m by manual wheelchair." (by share of cells where no street is named). */
export function coverageSummary(t: PlannerTranslate, result: CoverageResult): string {
  const words = { category: categoryNoun(t, result.category), distance: result.withinMeters, profile: profilePhrase(t, profileNameOf(result)) };
  const { streets, without } = streetsWithoutFacility(result);
  if (streets > 0) return t('plannerSummaryStreets', { ...words, streets, without });
  return t('plannerSummaryCells', { ...words, share: shareText(t, result.shareNetwork) });
}

/** Network against straight line, in percentage points; null when there is nothing to compare. */
export function coverageComparison(t: PlannerTranslate, result: CoverageResult): string | null {
  if (result.shareNetwork === null || result.shareStraightLine === null) return null;
  const gap = ((result.shareStraightLine - result.shareNetwork) * 100).toFixed(1);
  return t('plannerComparison', { network: shareText(t, result.shareNetwork), straight: shareText(t, result.shareStraightLine), gap });
}

/** What was counted and what was not, each a sentence; the unknown and unreachable named, never hidden. */
export function facilityNotes(t: PlannerTranslate, result: CoverageResult): string[] {
  const counts = result.facilities;
  const notes = [t('plannerFacilitiesCounted', { count: counts.counted, category: categoryNoun(t, result.category) })];
  if (counts.proposed > 0) notes.push(t('plannerFacilitiesProposed', { count: counts.proposed }));
  if (counts.outOfServiceExcluded > 0) notes.push(t('plannerFacilitiesExcluded', { count: counts.outOfServiceExcluded }));
  if (counts.unknownStatusCounted > 0) notes.push(t('plannerFacilitiesUnknown', { count: counts.unknownStatusCounted }));
  if (counts.offNetwork > 0) notes.push(t('plannerFacilitiesOffNetwork', { count: counts.offNetwork }));
  return notes;
}

/** Heard after a what-if run: the new share of cells with the one before. */
export function whatIfAnnouncement(t: PlannerTranslate, result: CoverageResult, previous: CoverageResult): string {
  return t('plannerAnnounceWhatIf', { count: result.facilities.proposed, share: shareText(t, result.shareNetwork), previous: shareText(t, previous.shareNetwork) });
}
