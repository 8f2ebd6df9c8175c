import { useRef, useState } from 'react';
import type { PlacedFacility } from '../../domain/facilities/filter.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { FacilityItem } from './FacilityItem.tsx';

interface Props {
  t: Translate;
  language: Language;
  placed: readonly PlacedFacility[];
  selectedId: string | null;
  onOpen(facilityId: string, opener: HTMLElement): void;
}

/**
 * The facilities in the map view, right after the map in tab order. One tab stop with a roving
 * tabindex (not aria-activedescendant), so voice-control users can still name each item.
 */
export function InViewList({ t, language, placed, selectedId, onOpen }: Props) {
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const current = Math.min(activeIndex, Math.max(0, placed.length - 1));

  function moveTo(index: number): void {
    const bounded = Math.max(0, Math.min(placed.length - 1, index));
    setActiveIndex(bounded);
    listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-facility-id]')[bounded]?.focus();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLButtonElement>, index: number): void {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: placed.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  }

  return (
    <section className="in-view" aria-labelledby="in-view-heading">
      <h2 id="in-view-heading" className="section-heading">{t('inViewHeading', { count: placed.length })}</h2>
      {placed.length === 0 ? <p>{t('inViewEmpty')}</p> : (
        <>
          <p id="in-view-hint" className="hint">{t('inViewHint')}</p>
          <ul ref={listRef} className="plain-list in-view-list" aria-describedby="in-view-hint">
            {placed.map((entry, index) => (
              <li key={entry.facility.id}>
                <FacilityItem
                  t={t} language={language} placed={entry} list="in-view" selected={entry.facility.id === selectedId}
                  tabIndex={index === current ? 0 : -1}
                  onOpen={onOpen}
                  onKeyDown={(event) => onKeyDown(event, index)}
                  onFocus={() => setActiveIndex(index)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
