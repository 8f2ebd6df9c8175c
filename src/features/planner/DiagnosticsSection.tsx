// The planner's list of where the network breaks: counts per kind of finding in a table, and for
// each kind a disclosure listing the places by street or facility name, each with a button that
// brings it under the map's crosshair. Findings come from the coverage core's diagnostics.
import { useId, useState } from 'react';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type NetworkDiagnostic } from '../../domain/coverage/index.ts';
import type { LngLat } from '../../domain/facilities/model.ts';
import type { PlannerTranslate } from './messages.ts';

/** Places listed per kind when its disclosure opens; the download has them all. */
const LISTED_PER_KIND = 100;

export type DiagnosticsState = { kind: 'running' } | { kind: 'failed'; detail: string } | { kind: 'done'; findings: readonly NetworkDiagnostic[] };

interface Props {
  pt: PlannerTranslate;
  state: DiagnosticsState;
  /** A finding's place in words: the street or facility its feature names, or null. */
  placeOf(finding: NetworkDiagnostic): string | null;
  onShowOnMap(position: LngLat, words: string): void;
  onExport(): void;
}

const codeWord = (pt: PlannerTranslate, code: DiagnosticCode): string => pt(`diagnostic_${code}`);

export function DiagnosticsSection({ pt, state, placeOf, onShowOnMap, onExport }: Props) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<DiagnosticCode>>(new Set());
  const findings = state.kind === 'done' ? state.findings : [];
  const byCode = new Map<DiagnosticCode, NetworkDiagnostic[]>(DIAGNOSTIC_CODES.map((code) => [code, []]));
  for (const finding of findings) byCode.get(finding.code)?.push(finding);
  const place = (finding: NetworkDiagnostic): string =>
    placeOf(finding) ?? pt('plannerDiagnosticsAt', { position: `${finding.location[0].toFixed(6)},${finding.location[1].toFixed(6)}` });

  return (
    <section className="planner-diagnostics" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{pt('plannerDiagnosticsHeading')}</h3>
      <p className="hint">{pt('plannerDiagnosticsHint')}</p>
      {state.kind === 'running' ? <p className="hint" role="status">{pt('plannerDiagnosticsRunning')}</p> : null}
      {state.kind === 'failed' ? <p className="error-text" role="alert">{pt('plannerDiagnosticsFailed', { detail: state.detail })}</p> : null}
      {state.kind === 'done' ? (
        <>
          <table className="planner-table">
            <caption>{pt('plannerDiagnosticsCaption')}</caption>
            <thead><tr><th scope="col">{pt('plannerDiagnosticsColumnKind')}</th><th scope="col">{pt('plannerDiagnosticsColumnCount')}</th></tr></thead>
            <tbody>
              {DIAGNOSTIC_CODES.map((code) => (
                <tr key={code}><th scope="row">{codeWord(pt, code)}</th><td>{byCode.get(code)?.length ?? 0}</td></tr>
              ))}
            </tbody>
          </table>
          {DIAGNOSTIC_CODES.filter((code) => (byCode.get(code)?.length ?? 0) > 0).map((code) => {
            const listed = byCode.get(code) ?? [];
            return (
              <details
                key={code}
                className="diagnostic-kind no-print"
                onToggle={(event) => {
                  const isOpen = event.currentTarget.open;
                  setOpen((current) => {
                    const next = new Set(current);
                    if (isOpen) next.add(code); else next.delete(code);
                    return next;
                  });
                }}
              >
                <summary>{codeWord(pt, code)} ({listed.length})</summary>
                {open.has(code) ? (
                  <>
                    <ol>
                      {listed.slice(0, LISTED_PER_KIND).map((finding, index) => (
                        <li key={`${finding.featureId}:${index}`}>
                          <button type="button" className="link-button" onClick={() => onShowOnMap(finding.location, place(finding))}>
                            {pt('plannerDiagnosticsShow', { place: place(finding) })}
                          </button>
                        </li>
                      ))}
                    </ol>
                    {listed.length > LISTED_PER_KIND ? <p className="hint">{pt('plannerDiagnosticsMore', { count: listed.length - LISTED_PER_KIND })}</p> : null}
                  </>
                ) : null}
              </details>
            );
          })}
          {findings.length === 0 ? <p>{pt('plannerDiagnosticsNone')}</p> : null}
          <div className="button-row no-print">
            <button type="button" className="button secondary" onClick={onExport}>{pt('plannerDiagnosticsExport')}</button>
          </div>
        </>
      ) : null}
    </section>
  );
}
