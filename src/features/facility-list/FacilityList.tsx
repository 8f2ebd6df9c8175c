import type { PlacedFacility } from '../../domain/facilities/filter.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { FacilityItem } from './FacilityItem.tsx';

interface Props {
  t: Translate;
  language: Language;
  placed: readonly PlacedFacility[];
  selectedId: string | null;
  originWords: string;
  onOpen(facilityId: string, opener: HTMLElement): void;
}

export function FacilityList({ t, language, placed, selectedId, originWords, onOpen }: Props) {
  return (
    <section id="facility-list" className="facility-list" aria-labelledby="facility-list-heading" tabIndex={-1}>
      <h2 id="facility-list-heading" className="section-heading">{t('listHeading', { count: placed.length })}</h2>
      <p className="hint">{t('listSortedBy', { origin: originWords })}</p>
      {placed.length === 0 ? <p>{t('listEmpty')}</p> : (
        <ul className="plain-list">
          {placed.map((entry) => (
            <li key={entry.facility.id}>
              <FacilityItem t={t} language={language} placed={entry} list="all" selected={entry.facility.id === selectedId} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
