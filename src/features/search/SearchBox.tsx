import { useId, useRef, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';

export interface SearchOption {
  id: string;
  /** The main line: the name in the UI language. */
  label: string;
  /** `lang` of the label when it is in the other language. */
  labelLang?: string;
  /** The second line: category, status, distance, direction. */
  detail: string;
  icon?: React.ReactNode;
}

interface Props {
  t: Translate;
  query: string;
  options: readonly SearchOption[];
  /** False while the index is still loading; results then wait. */
  ready: boolean;
  onQueryChange(query: string): void;
  onChoose(optionId: string, input: HTMLInputElement): void;
  onAnnounce(message: string): void;
}

/**
 * A WAI-ARIA 1.2 combobox with a listbox popup, after GOV.UK accessible-autocomplete: nothing is
 * selected until the user moves to it, arrows move, Enter chooses, Escape closes, focus stays in
 * the input (the active option is conveyed with aria-activedescendant), and the result count is
 * announced politely once typing pauses.
 */
export function SearchBox({ t, query, options, ready, onQueryChange, onChoose, onAnnounce }: Props) {
  const baseId = useId();
  const listboxId = `${baseId}-listbox`;
  const hintId = `${baseId}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const hasQuery = query.trim() !== '';
  const expanded = open && hasQuery && ready;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  function announceCount(count: number): void {
    onAnnounce(count === 0 ? t('searchNoResults') : t('searchResultCount', { count }));
  }

  function choose(index: number): void {
    const option = options[index];
    const input = inputRef.current;
    if (!option || !input) return;
    setOpen(false);
    setActiveIndex(-1);
    onChoose(option.id, input);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>): void {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!hasQuery) return;
        setOpen(true);
        setActiveIndex((index) => (options.length === 0 ? -1 : Math.min(options.length - 1, index + 1)));
        return;
      case 'ArrowUp':
        event.preventDefault();
        // From the first option, back to the text: nothing selected.
        setActiveIndex((index) => Math.max(-1, index - 1));
        return;
      case 'Enter':
        if (expanded && activeIndex >= 0) {
          event.preventDefault();
          choose(activeIndex);
        } else {
          event.preventDefault();
          setOpen(true);
          announceCount(options.length);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActiveIndex(-1);
        }
        return;
      default:
    }
  }

  return (
    <div className="search-box">
      <label htmlFor={`${baseId}-input`} className="search-label">{t('searchLabel')}</label>
      <p id={hintId} className="hint">{t('searchHint')}</p>
      <div className="combobox-wrapper">
        <input
          ref={inputRef}
          id={`${baseId}-input`}
          className="search-input"
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
          value={query}
          onChange={(event) => {
            onQueryChange(event.target.value);
            setOpen(true);
            setActiveIndex(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => { setOpen(false); setActiveIndex(-1); }}
          onFocus={() => { if (hasQuery) setOpen(true); }}
        />
        <div id={listboxId} role="listbox" aria-label={t('searchResultsLabel')} className="search-listbox" hidden={!expanded}>
          {expanded && options.length === 0 ? <div className="search-empty" role="option" aria-disabled="true" aria-selected="false">{t('searchNoResults')}</div> : null}
          {expanded ? options.map((option, index) => (
            // Options are not focusable by design: focus stays in the input and the active option
            // is named by aria-activedescendant (WAI-ARIA APG combobox pattern).
            // eslint-disable-next-line jsx-a11y/interactive-supports-focus
            <div
              key={option.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'search-option active' : 'search-option'}
              // Choose on mousedown so the input's blur does not close the list first.
              onMouseDown={(event) => { event.preventDefault(); choose(index); }}
            >
              {option.icon}
              <span className="search-option-text">
                <span className="facility-name" lang={option.labelLang}>{option.label}</span>
                <span className="facility-meta">{option.detail}</span>
              </span>
            </div>
          )) : null}
        </div>
      </div>
    </div>
  );
}
