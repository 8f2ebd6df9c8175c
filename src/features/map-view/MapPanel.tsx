import { useEffect, useRef, useState } from 'react';
import type { Facility } from '../../domain/facilities/model.ts';
import type { LoadedDistrict } from '../../api/district-client.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import type { FacilityMap, MapView, ViewOrigin } from '../../map/facility-map.ts';
import type { RouteDrawing } from '../../map/layers/route.ts';
import type { CoverageDrawing } from '../../map/layers/coverage.ts';
import { resolveBasemapReference } from '../../map/basemap-reference.ts';

export type MapState = 'loading' | 'loaded' | 'failed';

interface Props {
  t: Translate;
  language: Language;
  districtName: string;
  district: LoadedDistrict;
  facilities: readonly Facility[];
  selectedId: string | null;
  reducedMotion: boolean;
  initialView: { center: [number, number]; zoom: number } | null;
  focusRequest: { facilityId: string; serial: number } | null;
  placeRequest: { position: [number, number]; serial: number } | null;
  /** The route to draw, with the step to highlight. */
  route: RouteDrawing | null;
  currentStep: number | null;
  /** The planner's coverage cells and proposed facilities. */
  coverage: CoverageDrawing | null;
  /** Show a crosshair at the map centre: the point "Use the map centre" takes. */
  crosshair: boolean;
  onViewChange(view: MapView, origin: ViewOrigin): void;
  onFacilityActivate(facilityId: string): void;
  onStateChange(state: MapState): void;
}

declare global {
  interface Window { __bfmap?: FacilityMap }
}

/**
 * The map as a synchronised view of the list. The maplibre controller is imported lazily, after the
 * list has painted, and driven only through its setters; its events come back through refs so the
 * map is never rebuilt when React re-renders.
 */
export function MapPanel(props: Props) {
  const {
    t, language, districtName, district, facilities, selectedId, reducedMotion, initialView, focusRequest, placeRequest, route, currentStep, coverage,
  } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<FacilityMap | null>(null);
  const callbacks = useRef(props);
  const [state, setState] = useState<MapState>('loading');
  const [failure, setFailure] = useState('');
  const [keysOpen, setKeysOpen] = useState(false);
  const [basemapFailed, setBasemapFailed] = useState(false);

  useEffect(() => { callbacks.current = props; });

  const labels = {
    mapName: t('mapName', { district: districtName }),
    mapHelpId: 'map-help',
    roleDescription: t('mapRoleDescription'),
    zoomIn: t('zoomIn'),
    zoomOut: t('zoomOut'),
    resetNorth: t('resetNorth'),
    attribution: t('attribution'),
    language,
  };
  const labelsRef = useRef(labels);
  useEffect(() => { labelsRef.current = labels; });

  useEffect(() => {
    let cancelled = false;
    const container = containerRef.current;
    if (!container) return;
    const report = (next: MapState, detail = ''): void => {
      setState(next);
      setFailure(detail);
      callbacks.current.onStateChange(next);
    };
    setBasemapFailed(false);
    // Basemap locations in district.json are relative to the district folder.
    const folderUrl = new URL(`${import.meta.env.BASE_URL}data/${encodeURIComponent(district.manifest.id)}/`, window.location.href).href;
    const externalBasemap = resolveBasemapReference(district.manifest.basemap, folderUrl);
    import('../../map/facility-map.ts').then(({ FacilityMap }) => {
      if (cancelled) return;
      const controller = new FacilityMap({
        container,
        manifest: district.manifest,
        boundary: district.boundary,
        basemap: district.basemap,
        network: district.network,
        labels: labelsRef.current,
        reducedMotion,
        initialView,
        onLoad: () => report('loaded'),
        onViewChange: (view, origin) => callbacks.current.onViewChange(view, origin),
        onFacilityActivate: (facilityId) => callbacks.current.onFacilityActivate(facilityId),
        onKeyboardHelp: () => setKeysOpen((open) => !open),
        onError: (message) => report('failed', message),
        externalBasemap,
        onBasemapProblem: () => { if (!cancelled) setBasemapFailed(true); },
      });
      controllerRef.current = controller;
      window.__bfmap = controller;
      controller.setFacilities(callbacks.current.facilities);
      controller.setSelection(callbacks.current.selectedId);
      controller.setRoute(callbacks.current.route);
      controller.setCurrentStep(callbacks.current.currentStep);
      controller.setCoverage(callbacks.current.coverage);
    }).catch((error: unknown) => report('failed', (error as Error).message));
    return () => {
      cancelled = true;
      controllerRef.current?.destroy();
      controllerRef.current = null;
      if (window.__bfmap) delete window.__bfmap;
    };
    // The map is built once per district; later changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [district]);

  useEffect(() => { controllerRef.current?.setFacilities(facilities); }, [facilities, state]);
  useEffect(() => { controllerRef.current?.setSelection(selectedId); }, [selectedId, state]);
  useEffect(() => { controllerRef.current?.setRoute(route); }, [route, state]);
  useEffect(() => { controllerRef.current?.setCurrentStep(currentStep); }, [currentStep, state]);
  useEffect(() => { controllerRef.current?.setCoverage(coverage); }, [coverage, state]);
  useEffect(() => { controllerRef.current?.setLabels(labelsRef.current); }, [t, language, districtName, state]);
  useEffect(() => { controllerRef.current?.setReducedMotion(reducedMotion); }, [reducedMotion, state]);
  useEffect(() => {
    if (!focusRequest || state !== 'loaded') return;
    const facility = callbacks.current.facilities.find((candidate) => candidate.id === focusRequest.facilityId)
      ?? district.facilities.find((candidate) => candidate.id === focusRequest.facilityId);
    if (!facility) return;
    const center = facility.location.type === 'Point'
      ? facility.location.coordinates as [number, number]
      : facility.location.coordinates[Math.floor(facility.location.coordinates.length / 2)] as [number, number];
    controllerRef.current?.setView(center, null, { animate: !reducedMotion });
  }, [focusRequest, state, district, reducedMotion]);

  useEffect(() => {
    if (placeRequest && state === 'loaded') controllerRef.current?.setView(placeRequest.position, null, { animate: !reducedMotion });
  }, [placeRequest, state, reducedMotion]);

  const pan = (direction: 'north' | 'south' | 'east' | 'west') => () => controllerRef.current?.panBy(direction);

  return (
    <section id="map-section" className="map-section" aria-labelledby="map-heading" tabIndex={-1}>
      <h2 id="map-heading" className="visually-hidden">{t('mapRegion')}</h2>
      <p id="map-help" className="visually-hidden">{t('mapHelp')}</p>
      <div className="map-frame">
        <div ref={containerRef} className="map-container" data-map-state={state} />
        {props.crosshair && state === 'loaded' ? <div className="map-crosshair" aria-hidden="true" /> : null}
        {state === 'loading' ? <p className="map-overlay">{t('mapLoading')}</p> : null}
        {state === 'failed' ? <p className="map-overlay map-failed" role="alert">{t('mapUnavailable', { detail: failure })}</p> : null}
      </div>
      {/* Present from the start, empty, so screen readers announce the note when its text arrives. */}
      <p className="map-basemap-note" role="status" style={{ margin: basemapFailed ? '0.5rem 1rem 0' : 0 }}>
        {basemapFailed && state !== 'failed' ? t('basemapUnavailable') : ''}
      </p>
      <div className="map-tools">
        <PanToolbar t={t} onPan={pan} disabled={state !== 'loaded'} />
        <button type="button" className="button secondary" aria-expanded={keysOpen} aria-controls="map-keys" onClick={() => setKeysOpen((open) => !open)}>
          {keysOpen ? t('mapKeysHide') : t('mapKeysShow')}
        </button>
      </div>
      <div id="map-keys" className="map-keys" hidden={!keysOpen}>
        <h3>{t('mapKeysHeading')}</h3>
        <ul>
          <li>{t('mapKeyArrows')}</li>
          <li>{t('mapKeyZoom')}</li>
          <li>{t('mapKeyHelp')}</li>
          <li>{t('mapKeyTab')}</li>
        </ul>
      </div>
    </section>
  );
}

const PAN_DIRECTIONS = ['north', 'west', 'east', 'south'] as const;

/** Button alternative to dragging; one tab stop, arrows move between the four buttons. */
function PanToolbar({ t, onPan, disabled }: { t: Translate; onPan: (direction: (typeof PAN_DIRECTIONS)[number]) => () => void; disabled: boolean }) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const words = { north: t('panNorth'), south: t('panSouth'), east: t('panEast'), west: t('panWest') };
  const arrows = { north: '↑', south: '↓', east: '→', west: '←' };
  return (
    <div
      role="toolbar"
      aria-label={t('panToolbar')}
      className="pan-toolbar"
      onKeyDown={(event) => {
        const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
        if (step === 0) return;
        event.preventDefault();
        const next = (active + step + PAN_DIRECTIONS.length) % PAN_DIRECTIONS.length;
        setActive(next);
        refs.current[next]?.focus();
      }}
    >
      {PAN_DIRECTIONS.map((direction, index) => (
        <button
          key={direction}
          ref={(element) => { refs.current[index] = element; }}
          type="button"
          className="button icon-button"
          tabIndex={index === active ? 0 : -1}
          disabled={disabled}
          onClick={onPan(direction)}
          onFocus={() => setActive(index)}
        >
          <span aria-hidden="true">{arrows[direction]}</span>
          <span className="visually-hidden">{words[direction]}</span>
        </button>
      ))}
    </div>
  );
}
