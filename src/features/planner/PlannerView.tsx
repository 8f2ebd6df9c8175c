// The planner view's state and its analyses: runs coverage in the network worker with progress,
// keeps the result and the proposed facilities of a "what if", announces what changed, and hands
// the map its drawing. Loaded only when a planner opens it, with its own words.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LoadedDistrict } from '../../api/district-client.ts';
import { coverageAreasFromBoundary, coverageTableCsv } from '../../domain/coverage/export.ts';
import type { CoverageResult, NetworkDiagnostic } from '../../domain/coverage/index.ts';
import type { LngLat } from '../../domain/facilities/model.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { coverageDrawing, type CoverageDrawing } from '../../map/layers/coverage.ts';
import type { RouteEngine } from '../route-planner/use-route-engine.ts';
import { createPlannerTranslate } from './messages.ts';
import { PlannerPanel, type PlannerRun } from './PlannerPanel.tsx';
import { DiagnosticsSection, type DiagnosticsState } from './DiagnosticsSection.tsx';
import { serialisePlannerParameter, type PlannerSettings } from './planner-settings.ts';
import { coverageSummary, whatIfAnnouncement } from './planner-words.ts';

interface Props {
  t: Translate;
  language: Language;
  districtName: string;
  district: LoadedDistrict;
  engine: RouteEngine | null;
  /** Facilities open fault reports close: left out when only working ones count. */
  closedFacilityIds: readonly string[];
  settings: PlannerSettings;
  onSettingsChange(settings: PlannerSettings): void;
  /** Run once on opening (a shared link to the planner view). */
  autoRun: boolean;
  mapCentre(): LngLat | null;
  onDrawing(drawing: CoverageDrawing | null): void;
  /** Bring a place under the map's crosshair. */
  onShowOnMap(position: LngLat): void;
  onAnnounce(message: string): void;
  onClose(): void;
}

/** Saves text as a file through a temporary link (the download attribute), then lets it go. */
function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function PlannerView(props: Props) {
  const { t, language, district, engine, settings } = props;
  const pt = useMemo(() => createPlannerTranslate(language), [language]);
  const [run, setRun] = useState<PlannerRun>({ kind: 'idle' });
  const [shown, setShown] = useState<{ result: CoverageResult; settings: PlannerSettings } | null>(null);
  const [proposed, setProposed] = useState<LngLat[]>([]);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsState>({ kind: 'running' });
  const serial = useRef(0);
  const callbacks = useRef(props);
  useEffect(() => { callbacks.current = props; });

  const analyse = (next: PlannerSettings, proposals: readonly LngLat[], previous: CoverageResult | null): void => {
    if (!engine) return;
    const request = ++serial.current;
    setRun({ kind: 'running', stage: 'preparing', fraction: 0 });
    props.onAnnounce(pt('plannerAnnounceStart'));
    engine.coverage({
      category: next.category, profile: next.profile, withinMeters: next.withinMeters, workingOnly: next.workingOnly,
      areas: coverageAreasFromBoundary(district.boundary), proposedFacilities: proposals, closedFacilityIds: [...props.closedFacilityIds],
    }, (progress) => {
      if (request === serial.current) setRun({ kind: 'running', stage: progress.stage, fraction: progress.fraction });
    }).then((result) => {
      if (request !== serial.current) return;
      setShown({ result, settings: next });
      setRun({ kind: 'done' });
      callbacks.current.onAnnounce(previous && proposals.length > 0
        ? whatIfAnnouncement(pt, result, previous)
        : pt('plannerAnnounceDone', { summary: coverageSummary(pt, result) }));
    }, (error: unknown) => {
      if (request === serial.current) setRun({ kind: 'failed', detail: (error as Error).message });
    });
  };

  // While the planner chooses, the worker prices the chosen profile's arcs, so the analysis that
  // follows does not pay for it (about a third of a first run at 200k edges).
  useEffect(() => { engine?.prepare(settings.profile); }, [engine, settings.profile]);

  // The diagnostics do not depend on the settings: found once per district (the view is keyed by district).
  useEffect(() => {
    if (!engine) return;
    let cancelled = false;
    engine.diagnostics(new Date()).then(
      (findings) => { if (!cancelled) setDiagnostics({ kind: 'done', findings }); },
      (error: unknown) => { if (!cancelled) setDiagnostics({ kind: 'failed', detail: (error as Error).message }); },
    );
    return () => { cancelled = true; };
  }, [engine]);

  const namesById = useMemo(() => {
    const names = new Map<string, { zh: string | null; en: string | null }>();
    for (const edge of district.network) if (edge.nameZh !== null || edge.nameEn !== null) names.set(edge.id, { zh: edge.nameZh, en: edge.nameEn });
    for (const facility of district.facilities) if (facility.nameZh !== null || facility.nameEn !== null) names.set(facility.id, { zh: facility.nameZh, en: facility.nameEn });
    return names;
  }, [district]);
  const placeOf = (finding: NetworkDiagnostic): string | null => {
    const names = namesById.get(finding.featureId);
    return names ? (language === 'zh' ? names.zh ?? names.en : names.en ?? names.zh) : null;
  };

  // Nothing from an earlier analysis arrives after the view closes.
  useEffect(() => () => { serial.current += 1; }, []);

  const autoRan = useRef(false);
  useEffect(() => {
    if (!props.autoRun || autoRan.current || !engine) return;
    autoRan.current = true;
    analyse(settings, [], null);
  }, [engine]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    callbacks.current.onDrawing(shown ? coverageDrawing(shown.result, proposed) : null);
  }, [shown, proposed]);
  useEffect(() => () => callbacks.current.onDrawing(null), []);

  const changeProposals = (next: LngLat[]): void => {
    setProposed(next);
    // The what-if compares with the analysis shown, under its settings.
    analyse(shown?.settings ?? settings, next, shown?.result ?? null);
  };

  const fileStem = shown ? `coverage-${district.manifest.id}-${serialisePlannerParameter(shown.settings)}` : '';

  return (
    <PlannerPanel
      t={t}
      pt={pt}
      language={language}
      districtName={props.districtName}
      settings={settings}
      run={run}
      result={shown?.result ?? null}
      outOfDate={shown !== null && serialisePlannerParameter(shown.settings) !== serialisePlannerParameter(settings)}
      proposed={proposed}
      onSettingsChange={props.onSettingsChange}
      onRun={(next) => analyse(next, proposed, null)}
      onPropose={(position) => changeProposals([...proposed, position])}
      onRemoveProposed={(index) => changeProposals(proposed.filter((_, other) => other !== index))}
      mapCentre={props.mapCentre}
      onExportCells={() => {
        if (!shown) return;
        // The cell writer lives in the coverage core, already loaded for the worker's fallback.
        void import('../../domain/coverage/index.ts').then(({ coverageCellsGeoJson }) => downloadText(
          `${fileStem}.geojson`, JSON.stringify(coverageCellsGeoJson(shown.result)), 'application/geo+json',
        ));
      }}
      onExportTable={() => { if (shown) downloadText(`${fileStem}.csv`, coverageTableCsv(shown.result), 'text/csv;charset=utf-8'); }}
      onClose={props.onClose}
    >
      <DiagnosticsSection
        pt={pt}
        state={diagnostics}
        placeOf={placeOf}
        onShowOnMap={(position, words) => {
          props.onShowOnMap(position);
          props.onAnnounce(pt('plannerDiagnosticsShown', { place: words }));
        }}
        onExport={() => {
          if (diagnostics.kind !== 'done') return;
          downloadText(`network-diagnostics-${district.manifest.id}.geojson`, JSON.stringify({
            type: 'FeatureCollection',
            features: diagnostics.findings.map((finding) => ({
              type: 'Feature',
              properties: { code: finding.code, feature_id: finding.featureId, place: placeOf(finding), detail: finding.detail },
              geometry: { type: 'Point', coordinates: finding.location },
            })),
          }), 'application/geo+json');
        }}
      />
    </PlannerPanel>
  );
}
