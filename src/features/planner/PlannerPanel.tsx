// The planner view: what to analyse, progress while the worker runs, then the result as a
// one-sentence summary, a legend for the map, accessible tables (worst gaps first), a "what if"
// with proposed facilities, and exports. It shows what it is given; the analysis itself runs in
// the network worker (the caller's).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { COVERAGE_CATEGORIES } from '../../domain/coverage/categories.ts';
import type { CoverageResult, CoverageRow, CoverageStage } from '../../domain/coverage/index.ts';
import type { LngLat } from '../../domain/facilities/model.ts';
import { PROFILE_NAMES } from '../../domain/routing/profiles.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { parseLngLatText } from '../../state/url-state.ts';
import { COVERAGE_CLASS_COLORS, PROPOSED_FACILITY_COLOR, coverageClass, type CoverageClass } from '../../map/layers/coverage.ts';
import { profileWord } from '../route-planner/RoutePlanner.tsx';
import { MAX_PLANNER_DISTANCE_METERS, MIN_PLANNER_DISTANCE_METERS, parsePlannerDistance, type PlannerSettings } from './planner-settings.ts';
import type { PlannerTranslate } from './messages.ts';
import { categoryNoun, coverageComparison, coverageSummary, facilityNotes, shareText, stageWord } from './planner-words.ts';

export type PlannerRun =
  | { kind: 'idle' }
  | { kind: 'running'; stage: CoverageStage; fraction: number }
  | { kind: 'done' }
  | { kind: 'failed'; detail: string };

interface Props {
  t: Translate;
  /** The planner view's own words. */
  pt: PlannerTranslate;
  language: Language;
  districtName: string;
  settings: PlannerSettings;
  run: PlannerRun;
  result: CoverageResult | null;
  /** The settings the result was computed with differ from those shown. */
  outOfDate: boolean;
  proposed: readonly LngLat[];
  onSettingsChange(settings: PlannerSettings): void;
  /** Run with these settings (the ones shown, with the distance just read from its field). */
  onRun(settings: PlannerSettings): void;
  onPropose(position: LngLat): void;
  onRemoveProposed(index: number): void;
  mapCentre(): LngLat | null;
  onExportCells(): void;
  onExportTable(): void;
  onClose(): void;
  /** Shown at the end of the panel, whatever the analysis: the network diagnostics. */
  children?: ReactNode;
}

const CATEGORY_KEYS = { toilet: 'categoryToilet', elevator: 'categoryElevator', ramp: 'categoryRamp' } as const;

function lngLatText(position: LngLat): string {
  return `${position[0].toFixed(6)},${position[1].toFixed(6)}`;
}

function RowsTable({ pt, language, caption, nameHeader, rows }: { pt: PlannerTranslate; language: Language; caption: string; nameHeader: string; rows: readonly CoverageRow[] }) {
  const name = (row: CoverageRow): string => (language === 'zh' ? row.nameZh ?? row.nameEn : row.nameEn ?? row.nameZh) ?? pt('plannerUnnamed');
  return (
    // A wide table scrolls sideways on phones; the region takes focus so keyboard users can scroll it (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="planner-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col">{pt('plannerColumnCells')}</th>
            <th scope="col">{pt('plannerColumnShareNetwork')}</th>
            <th scope="col">{pt('plannerColumnShareStraight')}</th>
            <th scope="col">{pt('plannerColumnLength')}</th>
            <th scope="col">{pt('plannerColumnFacilities')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{name(row)}</th>
              <td>{pt('plannerCellsOf', { covered: row.cellsCoveredNetwork, total: row.cells })}</td>
              <td>{shareText(pt, row.shareNetwork)}</td>
              <td>{shareText(pt, row.shareStraightLine)}</td>
              <td>{shareText(pt, row.shareNetworkLength)}</td>
              <td>{row.facilities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PlannerPanel(props: Props) {
  const { t, pt, language, settings, run, result, proposed } = props;
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);
  const [distanceText, setDistanceText] = useState(String(settings.withinMeters));
  const [distanceError, setDistanceError] = useState<string | null>(null);
  const [proposeText, setProposeText] = useState('');
  const [proposeError, setProposeError] = useState<string | null>(null);

  useEffect(() => { headingRef.current?.focus(); }, []);

  const analyse = (): void => {
    const withinMeters = parsePlannerDistance(distanceText);
    if (withinMeters === null) {
      setDistanceError(pt('plannerDistanceError'));
      requestAnimationFrame(() => errorSummaryRef.current?.focus());
      return;
    }
    setDistanceError(null);
    const next = { ...settings, withinMeters };
    if (withinMeters !== settings.withinMeters) props.onSettingsChange(next);
    props.onRun(next);
  };

  const proposeTyped = (): void => {
    const position = parseLngLatText(proposeText);
    if (position === null) {
      setProposeError(pt('plannerProposeError'));
      requestAnimationFrame(() => document.getElementById(`${id}-propose`)?.focus());
      return;
    }
    setProposeError(null);
    setProposeText('');
    props.onPropose(position);
  };

  const running = run.kind === 'running';
  const counts: Record<CoverageClass, number> = { covered: 0, straight_line_only: 0, gap: 0 };
  for (const cell of result?.cells ?? []) if (cell.onNetwork) counts[coverageClass(cell)] += 1;
  const distance = result?.withinMeters ?? settings.withinMeters;
  const legend: { name: CoverageClass; text: string }[] = [
    { name: 'covered', text: pt('plannerLegendCovered', { distance }) },
    { name: 'straight_line_only', text: pt('plannerLegendStraightOnly', { distance }) },
    { name: 'gap', text: pt('plannerLegendGap', { distance }) },
  ];
  const comparison = result ? coverageComparison(pt, result) : null;

  return (
    // Escape closes the panel, as it closes the route planner.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="planner-panel"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div className="details-header">
        <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>{t('plannerHeading')}</h2>
        <button type="button" className="button secondary no-print" onClick={props.onClose}>{t('plannerClose')}</button>
      </div>
      <p className="print-only">{pt('plannerPrintTitle', { district: props.districtName, date: new Date().toLocaleDateString(language === 'zh' ? 'zh-CN' : 'en-GB') })}</p>
      <p className="hint">{pt('plannerIntro')}</p>

      {distanceError ? (
        <div className="error-summary" ref={errorSummaryRef} tabIndex={-1} role="alert" aria-labelledby={`${id}-errors`}>
          <h3 id={`${id}-errors`}>{t('errorSummaryTitle')}</h3>
          <ul><li><a href={`#${CSS.escape(`${id}-distance`)}`} onClick={(event) => { event.preventDefault(); document.getElementById(`${id}-distance`)?.focus(); }}>{distanceError}</a></li></ul>
        </div>
      ) : null}

      <form className="planner-form no-print" onSubmit={(event) => { event.preventDefault(); analyse(); }}>
        <fieldset>
          <legend>{pt('plannerCategoryLegend')}</legend>
          {COVERAGE_CATEGORIES.map((category) => (
            <label key={category} className="radio">
              <input type="radio" name={`${id}-category`} value={category} checked={settings.category === category}
                onChange={() => props.onSettingsChange({ ...settings, category })} />
              <span>{t(CATEGORY_KEYS[category])}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{pt('plannerProfileLegend')}</legend>
          {PROFILE_NAMES.map((profile) => (
            <label key={profile} className="radio">
              <input type="radio" name={`${id}-profile`} value={profile} checked={settings.profile === profile}
                onChange={() => props.onSettingsChange({ ...settings, profile })} />
              <span>{profileWord(t, profile)}</span>
            </label>
          ))}
        </fieldset>
        <div className={`field${distanceError ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-distance`} className="field-label">{pt('plannerDistanceLabel')}</label>
          <p id={`${id}-distance-hint`} className="hint">{pt('plannerDistanceHint')}</p>
          {distanceError ? <p id={`${id}-distance-error`} className="error-message">{distanceError}</p> : null}
          <input
            id={`${id}-distance`}
            className="text-input narrow"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={distanceText}
            aria-describedby={`${id}-distance-hint${distanceError ? ` ${id}-distance-error` : ''}`}
            aria-invalid={distanceError ? true : undefined}
            data-min={MIN_PLANNER_DISTANCE_METERS}
            data-max={MAX_PLANNER_DISTANCE_METERS}
            onChange={(event) => {
              setDistanceText(event.target.value);
              const withinMeters = parsePlannerDistance(event.target.value);
              if (withinMeters !== null) props.onSettingsChange({ ...settings, withinMeters });
            }}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={settings.workingOnly} onChange={(event) => props.onSettingsChange({ ...settings, workingOnly: event.target.checked })} />
          <span>{pt('plannerWorkingOnly')}</span>
        </label>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={running ? true : undefined}>{pt('plannerRun')}</button>
        </div>
      </form>

      <div className="planner-status no-print">
        {running ? (
          <>
            <label htmlFor={`${id}-progress`} className="hint">{pt('plannerRunning', { stage: stageWord(pt, run.stage), percent: Math.round(run.fraction * 100) })}</label>
            <progress id={`${id}-progress`} max={100} value={Math.round(run.fraction * 100)} aria-label={pt('plannerProgressLabel')} />
          </>
        ) : null}
        {run.kind === 'failed' ? <p className="error-text" role="alert">{pt('plannerFailed', { detail: run.detail })}</p> : null}
        {props.outOfDate && result && !running ? <p className="hint">{pt('plannerOutOfDate')}</p> : null}
      </div>

      {result ? (
        <section className="planner-result" aria-labelledby={`${id}-result-heading`}>
          <h3 id={`${id}-result-heading`}>{pt('plannerResultHeading')}</h3>
          <p className="planner-summary" data-testid="planner-summary">{coverageSummary(pt, result)}</p>
          {comparison ? <p data-testid="planner-comparison">{comparison}</p> : null}
          <p>{pt('plannerLengthShare', { share: shareText(pt, result.shareNetworkLength) })}</p>
          <ul className="planner-notes">{facilityNotes(pt, result).map((note) => <li key={note}>{note}</li>)}</ul>

          <h4 id={`${id}-legend`}>{pt('plannerLegendHeading')}</h4>
          <ul className="planner-legend" aria-labelledby={`${id}-legend`}>
            {legend.map((entry) => (
              <li key={entry.name}>
                <span className="legend-swatch" aria-hidden="true" style={{ background: COVERAGE_CLASS_COLORS[entry.name] }} />
                <span>{entry.text}: {pt('plannerCellCount', { count: counts[entry.name] })}</span>
              </li>
            ))}
            {proposed.length > 0 ? (
              <li>
                <span className="legend-swatch legend-ring" aria-hidden="true" style={{ borderColor: PROPOSED_FACILITY_COLOR }} />
                <span>{pt('plannerLegendProposed')}: {proposed.length}</span>
              </li>
            ) : null}
          </ul>

          {result.areas.length > 0 ? (
            <RowsTable pt={pt} language={language} caption={pt('plannerAreasCaption')} nameHeader={pt('plannerColumnArea')} rows={result.areas} />
          ) : null}
          <RowsTable pt={pt} language={language} caption={pt('plannerStreetsCaption')} nameHeader={pt('plannerColumnStreet')} rows={result.streets} />

          <h3 id={`${id}-whatif`} className={proposed.length === 0 ? 'no-print' : undefined}>{pt('plannerWhatIfHeading')}</h3>
          <div className="no-print">
            <p className="hint">{pt('plannerWhatIfHint')}</p>
            <div className="button-row">
              <button type="button" className="button secondary" onClick={() => {
                const centre = props.mapCentre();
                if (centre) props.onPropose(centre);
              }}>{pt('plannerProposeAtCentre', { category: categoryNoun(pt, settings.category) })}</button>
            </div>
            <div className={`field${proposeError ? ' field-error' : ''}`}>
              <label htmlFor={`${id}-propose`} className="field-label">{pt('plannerProposeLabel')}</label>
              <p id={`${id}-propose-hint`} className="hint">{t('routeCoordinatesHint')}</p>
              {proposeError ? <p id={`${id}-propose-error`} className="error-message">{proposeError}</p> : null}
              <input
                id={`${id}-propose`}
                className="text-input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                value={proposeText}
                aria-describedby={`${id}-propose-hint${proposeError ? ` ${id}-propose-error` : ''}`}
                aria-invalid={proposeError ? true : undefined}
                onChange={(event) => setProposeText(event.target.value)}
                onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); proposeTyped(); } }}
              />
              <div className="button-row">
                <button type="button" className="button secondary" onClick={proposeTyped}>{pt('plannerProposeAdd')}</button>
              </div>
            </div>
          </div>
          {proposed.length > 0 ? (
            <>
              <h4 id={`${id}-proposed`}>{pt('plannerProposedHeading')}</h4>
              <ol className="planner-proposed" aria-labelledby={`${id}-proposed`}>
                {proposed.map((position, index) => (
                  <li key={`${position[0]},${position[1]},${index}`}>
                    <span>{pt('plannerProposedItem', { number: index + 1, position: lngLatText(position) })}</span>{' '}
                    <button type="button" className="button secondary no-print" onClick={() => props.onRemoveProposed(index)}>
                      {pt('plannerProposedRemove', { number: index + 1 })}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          ) : null}

          <div className="no-print">
            <h3>{pt('plannerExportHeading')}</h3>
            <div className="button-row">
              <button type="button" className="button secondary" onClick={props.onExportCells}>{pt('plannerExportCells')}</button>
              <button type="button" className="button secondary" onClick={props.onExportTable}>{pt('plannerExportTable')}</button>
              <button type="button" className="button secondary" onClick={() => window.print()}>{pt('plannerPrint')}</button>
            </div>
          </div>
        </section>
      ) : null}
      {props.children}
    </section>
  );
}
