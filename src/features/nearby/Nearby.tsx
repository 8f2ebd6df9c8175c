import { useId, useState } from 'react';
import { FACILITY_CATEGORIES, type Facility, type FacilityCategory, type LngLat } from '../../domain/facilities/model.ts';
import { placeFacilities, type PlacedFacility } from '../../domain/facilities/filter.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { categoryWord } from '../../app/describe.ts';
import { FacilityItem } from '../facility-list/FacilityItem.tsx';

const NEARBY_COUNT = 5;

interface Props {
  t: Translate;
  language: Language;
  facilities: readonly Facility[];
  /** Where to measure from when the user's location cannot be had: the chosen place or the map centre. */
  fallbackOrigin: { position: LngLat; words: string } | null;
  selectedId: string | null;
  locate(): Promise<LngLat | null>;
  onOpen(facilityId: string, opener: HTMLElement): void;
  onAnnounce(message: string): void;
}

/** "Nearby": the nearest facilities of one category, from the user's location or a chosen point. */
export function Nearby({ t, language, facilities, fallbackOrigin, selectedId, locate, onOpen, onAnnounce }: Props) {
  const selectId = useId();
  const [category, setCategory] = useState<FacilityCategory>('toilet');
  const [result, setResult] = useState<{ originWords: string; placed: PlacedFacility[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function findNearby(): Promise<void> {
    setBusy(true);
    const position = await locate();
    setBusy(false);
    const origin = position ? { position, words: t('originMyLocation') } : fallbackOrigin;
    if (!origin) return;
    const placed = placeFacilities(facilities.filter((facility) => facility.category === category), origin.position).slice(0, NEARBY_COUNT);
    setResult({ originWords: origin.words, placed });
    onAnnounce(placed.length === 0 ? t('nearbyNone') : t('nearbyAnnounce', { count: placed.length, category: categoryWord(t, category), origin: origin.words }));
  }

  return (
    <section className="nearby" aria-labelledby={`${selectId}-heading`}>
      <h2 id={`${selectId}-heading`} className="section-heading">{t('nearbyHeading')}</h2>
      <div className="nearby-controls">
        <label htmlFor={selectId}>{t('nearbyCategoryLabel')}</label>
        <select id={selectId} value={category} onChange={(event) => setCategory(event.target.value as FacilityCategory)}>
          {FACILITY_CATEGORIES.map((option) => <option key={option} value={option}>{categoryWord(t, option)}</option>)}
        </select>
        <button type="button" className="button" disabled={busy} onClick={() => { void findNearby(); }}>{t('nearbyButton')}</button>
      </div>
      {result ? (
        result.placed.length === 0 ? <p>{t('nearbyNone')}</p> : (
          <>
            <p className="hint">{t('nearbyFrom', { origin: result.originWords })}</p>
            <ol className="plain-list">
              {result.placed.map((entry) => (
                <li key={entry.facility.id}>
                  <FacilityItem t={t} language={language} placed={entry} list="nearby" selected={entry.facility.id === selectedId} onOpen={onOpen} />
                </li>
              ))}
            </ol>
          </>
        )
      ) : null}
    </section>
  );
}
