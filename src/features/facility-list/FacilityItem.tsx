import type { PlacedFacility } from '../../domain/facilities/filter.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { languageTag } from '../../i18n/index.ts';
import { categoryWord, compassWord, distanceWords, facilityName, statusWord } from '../../app/describe.ts';
import { spokenDistance } from '../../domain/geo/index.ts';
import { CategorySymbol } from '../../ui/CategorySymbol.tsx';

interface Props {
  t: Translate;
  language: Language;
  placed: PlacedFacility;
  list: string;
  selected: boolean;
  tabIndex?: number;
  onOpen(facilityId: string, opener: HTMLElement): void;
  onKeyDown?: (event: React.KeyboardEvent<HTMLButtonElement>) => void;
  onFocus?: () => void;
}

/** One facility as a button whose text reads: name, category, status, distance, direction. */
export function FacilityItem({ t, language, placed, list, selected, tabIndex, onOpen, onKeyDown, onFocus }: Props) {
  const { facility } = placed;
  const name = facilityName(t, language, facility);
  const closeBy = spokenDistance(placed.distanceMeters).kind === 'close_by';
  return (
    <button
      type="button"
      className={`facility-item status-${facility.status}`}
      data-facility-id={facility.id}
      data-list={list}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tabIndex}
      onClick={(event) => onOpen(facility.id, event.currentTarget)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <CategorySymbol category={facility.category} status={facility.status} />
      <span className="facility-item-text">
        <span className="facility-name" lang={name.lang ? languageTag(name.lang) : undefined}>{name.text}</span>
        <span className="facility-meta">
          <span>{categoryWord(t, facility.category)}</span>
          <span className="separator" aria-hidden="true"> · </span><span className="visually-hidden">, </span>
          <span className={`status-text status-${facility.status}`}>{statusWord(t, facility.status)}</span>
          <span className="separator" aria-hidden="true"> · </span><span className="visually-hidden">, </span>
          <span>{distanceWords(t, placed.distanceMeters)}</span>
          {closeBy ? null : <><span className="visually-hidden">, </span> <span>{t('towards', { direction: compassWord(t, placed.bearingDegrees) })}</span></>}
        </span>
      </span>
    </button>
  );
}
