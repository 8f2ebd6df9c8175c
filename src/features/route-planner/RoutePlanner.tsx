// The route planner: profile and its limits, origin and destination without a mouse, then the
// route as a summary and steps to follow one at a time. It shows what it is given; finding the
// route is the caller's (through the route worker).
import { useEffect, useId, useRef, useState } from 'react';
import type { LngLat } from '../../domain/facilities/model.ts';
import { ROUTE_PROFILE_NAMES, parseLngLatText, type RouteProfileName } from '../../state/url-state.ts';
import type { Translate } from '../../i18n/index.ts';
import { defaultLimits, type RouteSettings, type UnknownHandling } from './route-settings.ts';

export interface RouteEndpoint {
  position: LngLat;
  /** What the user chose, in words: a facility's name, "my location", "the map centre", or the coordinates. */
  label: string;
}

export interface RouteStepView {
  text: string;
}

export type RouteOutcome =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'found'; summary: string; notes: string[]; steps: RouteStepView[] }
  | { kind: 'none'; reason: string; relax: { label: string; apply(): void } | null }
  | { kind: 'failed'; detail: string };

type EndpointName = 'from' | 'to';

interface Props {
  t: Translate;
  settings: RouteSettings;
  from: RouteEndpoint | null;
  to: RouteEndpoint | null;
  outcome: RouteOutcome;
  currentStep: number;
  onSettingsChange(settings: RouteSettings): void;
  onEndpointChange(which: EndpointName, endpoint: RouteEndpoint | null): void;
  /** Resolves with the user's position, or null when it cannot be had (the caller says why). */
  locate(): Promise<LngLat | null>;
  mapCentre(): LngLat | null;
  /** The place last chosen in search, or the facility last opened: offered as an endpoint. */
  chosenPlace: RouteEndpoint | null;
  onFind(): void;
  onStepChange(step: number): void;
  onAnnounce(message: string): void;
  onClose(): void;
}

const PROFILE_KEYS = {
  walk: 'profileWalk', wheelchair: 'profileWheelchair', 'powered-wheelchair': 'profilePoweredWheelchair', cane: 'profileCane', blind: 'profileBlind',
} as const satisfies Record<RouteProfileName, string>;

const UNKNOWN_KEYS = { avoid: 'unknownAvoid', penalise: 'unknownPenalise', allow: 'unknownAllow' } as const satisfies Record<UnknownHandling, string>;

export function profileWord(t: Translate, profile: RouteProfileName): string {
  return t(PROFILE_KEYS[profile]);
}

function coordinatesText(position: LngLat): string {
  return `${position[0].toFixed(6)},${position[1].toFixed(6)}`;
}

function EndpointField({ t, which, endpoint, error, onChange, locate, mapCentre, chosenPlace, onAnnounce }: {
  t: Translate;
  which: EndpointName;
  endpoint: RouteEndpoint | null;
  error: string | null;
  onChange(endpoint: RouteEndpoint | null): void;
  locate(): Promise<LngLat | null>;
  mapCentre(): LngLat | null;
  chosenPlace: RouteEndpoint | null;
  onAnnounce(message: string): void;
}) {
  const inputId = `route-${which}`;
  const chosenText = endpoint ? coordinatesText(endpoint.position) : '';
  const [text, setText] = useState(chosenText);
  // A choice made elsewhere (a facility's "route here", my location) shows up in the field; what
  // the user is typing stays while it does not parse yet.
  const [shownChoice, setShownChoice] = useState(chosenText);
  if (chosenText !== shownChoice) {
    setShownChoice(chosenText);
    if (endpoint) setText(chosenText);
  }

  const label = which === 'from' ? t('routeFrom') : t('routeTo');
  const choose = (position: LngLat, words: string): void => {
    onChange({ position, label: words });
    onAnnounce(t('routeEndpointSet', { which: label, place: words }));
  };
  const describedBy = [`${inputId}-hint`, endpoint ? `${inputId}-chosen` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ');

  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={inputId} className="field-label">{label}</label>
      <p id={`${inputId}-hint`} className="hint">{t('routeCoordinatesHint')}</p>
      {error ? <p id={`${inputId}-error`} className="error-message">{error}</p> : null}
      <input
        id={inputId}
        className="text-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const position = parseLngLatText(event.target.value);
          // Typed, not chosen elsewhere: the field keeps the user's own text.
          setShownChoice(position ? coordinatesText(position) : '');
          onChange(position ? { position, label: coordinatesText(position) } : null);
        }}
      />
      {endpoint ? <p id={`${inputId}-chosen`} className="hint">{t('routeChosen', { place: endpoint.label })}</p> : null}
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => {
          void locate().then((position) => { if (position) choose(position, t('originMyLocation')); });
        }}>{t('routeUseMyLocation')}</button>
        <button type="button" className="button secondary" onClick={() => {
          const centre = mapCentre();
          if (centre) choose(centre, t('routeMapCentreWords'));
        }}>{t('routeUseMapCentre')}</button>
        {chosenPlace ? (
          <button type="button" className="button secondary" onClick={() => choose(chosenPlace.position, chosenPlace.label)}>
            {t('routeUseChosen', { place: chosenPlace.label })}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** A limit as a number; left empty, the limit is off ("no limit"). */
function NumberLimit({ t, id, label, value, onChange }: {
  t: Translate; id: string; label: string; value: number | null; onChange(value: number | null): void;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  // A reset or a relaxed limit from outside replaces what the field shows.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText(value === null ? '' : String(value));
    setInvalid(false);
  }
  return (
    <div className={`field${invalid ? ' field-error' : ''}`}>
      <label htmlFor={id} className="field-label">{label}</label>
      <p id={`${id}-hint`} className="hint">{t('limitEmptyHint')}</p>
      {invalid ? <p id={`${id}-error`} className="error-message">{t('limitInvalid')}</p> : null}
      <input
        id={id}
        className="text-input narrow"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => {
          const raw = event.target.value.trim();
          setText(event.target.value);
          if (raw === '') { setInvalid(false); onChange(null); return; }
          const number = Number(raw);
          const valid = Number.isFinite(number) && number > 0;
          setInvalid(!valid);
          if (valid) onChange(number);
        }}
      />
    </div>
  );
}

export function RoutePlanner(props: Props) {
  const { t, settings, from, to, outcome, currentStep } = props;
  const id = useId();
  const [errors, setErrors] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const limits = settings.limits;
  const setLimit = <Name extends keyof typeof limits>(name: Name, value: (typeof limits)[Name]): void =>
    props.onSettingsChange({ ...settings, limits: { ...limits, [name]: value } });

  useEffect(() => { headingRef.current?.focus(); }, []);

  // A no-route answer takes focus, so its reason is read and the offer to relax a limit comes next;
  // a found route is announced, and focus stays on the button that asked for it.
  const outcomeKind = outcome.kind;
  useEffect(() => {
    if (outcomeKind === 'none' || outcomeKind === 'failed') summaryRef.current?.focus();
  }, [outcomeKind, outcome.kind === 'none' ? outcome.reason : null]); // eslint-disable-line react-hooks/exhaustive-deps

  const find = (): void => {
    const next = { from: from ? null : t('routeErrorFrom'), to: to ? null : t('routeErrorTo') };
    setErrors(next);
    if (next.from || next.to) {
      requestAnimationFrame(() => errorSummaryRef.current?.focus());
      return;
    }
    props.onFind();
  };

  const steps = outcome.kind === 'found' ? outcome.steps : [];
  const stepAnnouncement = (index: number): string => t('routeStepOf', { number: index + 1, total: steps.length, text: steps[index]?.text ?? '' });
  const goTo = (index: number): void => {
    if (index < 0 || index >= steps.length) return;
    props.onStepChange(index);
    props.onAnnounce(stepAnnouncement(index));
  };

  return (
    // Escape closes the planner, as it closes the details panel.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="route-planner"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div className="details-header">
        <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>{t('routeHeading')}</h2>
        <button type="button" className="button secondary" onClick={props.onClose}>{t('routeClose')}</button>
      </div>

      {errors.from || errors.to ? (
        <div className="error-summary" ref={errorSummaryRef} tabIndex={-1} role="alert" aria-labelledby={`${id}-errors`}>
          <h3 id={`${id}-errors`}>{t('errorSummaryTitle')}</h3>
          <ul>
            {errors.from ? <li><a href="#route-from">{errors.from}</a></li> : null}
            {errors.to ? <li><a href="#route-to">{errors.to}</a></li> : null}
          </ul>
        </div>
      ) : null}

      <fieldset className="profile-choice">
        <legend>{t('routeProfileLegend')}</legend>
        {ROUTE_PROFILE_NAMES.map((profile) => (
          <label key={profile} className="radio">
            <input
              type="radio"
              name={`${id}-profile`}
              value={profile}
              checked={settings.profile === profile}
              onChange={() => props.onSettingsChange({ profile, limits: defaultLimits(profile) })}
            />
            <span>{profileWord(t, profile)}</span>
          </label>
        ))}
      </fieldset>

      <details className="route-limits">
        <summary>{t('routeLimitsSummary', { profile: profileWord(t, settings.profile) })}</summary>
        <NumberLimit t={t} id={`${id}-uphill`} label={t('limitUphill')} value={limits.maxUphillPercent} onChange={(value) => setLimit('maxUphillPercent', value)} />
        <NumberLimit t={t} id={`${id}-downhill`} label={t('limitDownhill')} value={limits.maxDownhillPercent} onChange={(value) => setLimit('maxDownhillPercent', value)} />
        <NumberLimit t={t} id={`${id}-kerb`} label={t('limitKerb')} value={limits.maxKerbHeightMillimeters} onChange={(value) => setLimit('maxKerbHeightMillimeters', value)} />
        <NumberLimit t={t} id={`${id}-width`} label={t('limitWidth')} value={limits.minWidthMeters} onChange={(value) => setLimit('minWidthMeters', value)} />
        <label className="checkbox">
          <input type="checkbox" checked={limits.avoidSteps} onChange={(event) => setLimit('avoidSteps', event.target.checked)} />
          <span>{t('limitAvoidSteps')}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={limits.preferTactilePaving} onChange={(event) => setLimit('preferTactilePaving', event.target.checked)} />
          <span>{t('limitPreferTactile')}</span>
        </label>
        <fieldset>
          <legend>{t('limitUnknownLegend')}</legend>
          {(['avoid', 'penalise', 'allow'] as const).map((handling) => (
            <label key={handling} className="radio">
              <input type="radio" name={`${id}-unknown`} value={handling} checked={limits.unknown === handling} onChange={() => setLimit('unknown', handling)} />
              <span>{t(UNKNOWN_KEYS[handling])}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" className="button secondary" onClick={() => props.onSettingsChange({ ...settings, limits: defaultLimits(settings.profile) })}>
          {t('limitReset')}
        </button>
      </details>

      <EndpointField t={t} which="from" endpoint={from} error={errors.from} onChange={(endpoint) => props.onEndpointChange('from', endpoint)}
        locate={props.locate} mapCentre={props.mapCentre} chosenPlace={props.chosenPlace} onAnnounce={props.onAnnounce} />
      <EndpointField t={t} which="to" endpoint={to} error={errors.to} onChange={(endpoint) => props.onEndpointChange('to', endpoint)}
        locate={props.locate} mapCentre={props.mapCentre} chosenPlace={props.chosenPlace} onAnnounce={props.onAnnounce} />

      <div className="button-row">
        <button type="button" className="button" onClick={find} aria-disabled={outcome.kind === 'running' ? true : undefined}>{t('routeFind')}</button>
        <button type="button" className="button secondary" onClick={() => {
          props.onEndpointChange('from', to);
          props.onEndpointChange('to', from);
          props.onAnnounce(t('routeSwapped'));
        }}>{t('routeSwap')}</button>
      </div>

      {outcome.kind === 'running' ? <p className="hint" role="status">{t('routeRunning')}</p> : null}
      {outcome.kind === 'failed' ? <div ref={summaryRef} tabIndex={-1} className="route-summary error-text"><p>{t('routeFailed', { detail: outcome.detail })}</p></div> : null}
      {outcome.kind === 'none' ? (
        <div ref={summaryRef} tabIndex={-1} className="route-summary">
          <p>{outcome.reason}</p>
          {outcome.relax ? <button type="button" className="button" onClick={outcome.relax.apply}>{outcome.relax.label}</button> : null}
        </div>
      ) : null}
      {outcome.kind === 'found' ? (
        <>
          <div ref={summaryRef} tabIndex={-1} className="route-summary" aria-labelledby={`${id}-summary-heading`}>
            <h3 id={`${id}-summary-heading`}>{t('routeSummaryHeading')}</h3>
            <p>{outcome.summary}</p>
            {outcome.notes.map((note) => <p key={note} className="hint">{note}</p>)}
          </div>
          <h3 id={`${id}-steps-heading`}>{t('routeStepsHeading')}</h3>
          <ol className="route-steps" aria-labelledby={`${id}-steps-heading`}>
            {steps.map((step, index) => (
              <li key={index} aria-current={index === currentStep ? 'step' : undefined}>{step.text}</li>
            ))}
          </ol>
          <div className="button-row step-controls" role="group" aria-label={t('routeStepControls')}>
            <button type="button" className="button secondary" aria-disabled={currentStep <= 0 ? true : undefined} onClick={() => goTo(currentStep - 1)}>{t('routePrevious')}</button>
            <button type="button" className="button" aria-disabled={currentStep >= steps.length - 1 ? true : undefined} onClick={() => goTo(currentStep + 1)}>{t('routeNext')}</button>
            <button type="button" className="button secondary" onClick={() => props.onAnnounce(stepAnnouncement(currentStep))}>{t('routeRepeat')}</button>
          </div>
        </>
      ) : null}
    </section>
  );
}
