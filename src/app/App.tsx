import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FACILITY_CATEGORIES, FACILITY_STATUSES, type FacilityCategory, type FacilityStatus, type LngLat } from '../domain/facilities/model.ts';
import { countByCategory, facilitiesInBounds, filterFacilities, placeFacilities } from '../domain/facilities/filter.ts';
import { bboxContains, bearingDegrees } from '../domain/geo/index.ts';
import type { DistrictIndexEntry } from '../domain/facilities/model.ts';
import { fetchDistrictIndex, loadDistrict, type LoadedDistrict } from '../api/district-client.ts';
import { createTranslate, languageTag, type Language } from '../i18n/index.ts';
import { parseUrlState, serialiseUrlState } from '../state/url-state.ts';
import { Announcer } from '../a11y/announcer.ts';
import { useReducedMotion } from '../a11y/motion.ts';
import { LayerFilters } from '../features/layers/LayerFilters.tsx';
import { FacilityList } from '../features/facility-list/FacilityList.tsx';
import { InViewList } from '../features/facility-list/InViewList.tsx';
import { DataProblems } from '../features/data-problems/DataProblems.tsx';
import { MapPanel, type MapState } from '../features/map-view/MapPanel.tsx';
import type { MapView, ViewOrigin } from '../map/facility-map.ts';
import { compassWord, describePlacedFacility, facilityName } from './describe.ts';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { searchOption, useSearch } from '../features/search/use-search.tsx';
import { Nearby } from '../features/nearby/Nearby.tsx';
import type { RouteEndpoint, RouteOutcome } from '../features/route-planner/RoutePlanner.tsx';
import {
  ROUTE_SETTINGS_STORAGE_KEY, defaultRouteSettings, parseRouteSettings, serialiseRouteSettings, toRoutingProfile, type RouteSettings,
} from '../features/route-planner/route-settings.ts';
import { noRouteWords, routeWords, stepCoordinates } from '../features/route-planner/route-words.ts';
import { useRouteEngine } from '../features/route-planner/use-route-engine.ts';
import type { RouteFound } from '../domain/routing/route.ts';
import { relaxLimit } from '../domain/routing/profiles.ts';
import { facilityAnchor } from '../domain/geo/index.ts';
import type { RouteDrawing } from '../map/layers/route.ts';
import type { CoverageDrawing } from '../map/layers/coverage.ts';
import { applyEffectiveStatuses, effectiveFacilityStatuses } from '../domain/reports/facility-status.ts';
import { DEFAULT_STALENESS_RULES } from '../domain/reports/staleness.ts';
import { useFacilityStatuses } from '../features/facility-status/use-facility-statuses.ts';
import { defaultPlannerSettings, type PlannerSettings } from '../features/planner/planner-settings.ts';

// The details panel, the route planner, the report form and the follow page load when first opened, as the planner view does.
const ReportForm = lazy(() => import('../features/report-form/ReportForm.tsx').then((module) => ({ default: module.ReportForm })));
const FacilityDetails = lazy(() => import('../features/facility-details/FacilityDetails.tsx').then((module) => ({ default: module.FacilityDetails })));
const RoutePlanner = lazy(() => import('../features/route-planner/RoutePlanner.tsx').then((module) => ({ default: module.RoutePlanner })));
const ReportQueuePanel = lazy(() => import('../features/report-queue/ReportQueuePanel.tsx').then((module) => ({ default: module.ReportQueuePanel })));
const ReportPage = lazy(() => import('../features/report-page/ReportPage.tsx').then((module) => ({ default: module.ReportPage })));
// The staff screens (sign-in form, "My work"), with their words, load when first opened: residents never need them.
const SignInForm = lazy(() => import('../features/staff/SignInForm.tsx').then((module) => ({ default: module.SignInForm })));
const WorkPanel = lazy(() => import('../features/staff/WorkPanel.tsx').then((module) => ({ default: module.WorkPanel })));
// The planner view is for planners, not residents: loaded, with its words, when first opened.
const PlannerView = lazy(() => import('../features/planner/PlannerView.tsx').then((module) => ({ default: module.PlannerView })));
import type { DraftTarget } from '../features/report-form/draft.ts';
import type { ReportQueueController } from '../features/report-queue/queue-controller.ts';
import type { ReportStore } from '../features/report-queue/report-store.ts';
import { currentSession, signOut, type CurrentSession } from '../api/session-client.ts';

const initialUrl = parseUrlState(window.location.search);
const LANGUAGE_STORAGE_KEY = 'bfmap.language';

function initialRouteSettings(): RouteSettings {
  let stored: RouteSettings | null = null;
  try {
    stored = parseRouteSettings(localStorage.getItem(ROUTE_SETTINGS_STORAGE_KEY));
  } catch {
    // Storage can be blocked; the profile is then not remembered.
  }
  // A shared link's profile wins over the remembered one, with that profile's default limits.
  if (initialUrl.routeProfile && initialUrl.routeProfile !== stored?.profile) return defaultRouteSettings(initialUrl.routeProfile);
  return stored ?? defaultRouteSettings();
}

const coordinatesLabel = (position: LngLat): string => `${position[0].toFixed(6)},${position[1].toFixed(6)}`;
const endpointFromUrl = (position: LngLat | null): RouteEndpoint | null => (position ? { position, label: coordinatesLabel(position) } : null);

function initialLanguage(): Language {
  if (initialUrl.language) return initialUrl.language;
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked; the default language applies.
  }
  return 'zh';
}

type Loading = { kind: 'loading' } | { kind: 'failed'; detail: string } | { kind: 'empty' } | { kind: 'ready'; district: LoadedDistrict };
type Reference = { kind: 'map' } | { kind: 'user'; position: LngLat } | { kind: 'place'; position: LngLat; name: string };

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const t = useMemo(() => createTranslate(language), [language]);
  const [districts, setDistricts] = useState<DistrictIndexEntry[]>([]);
  const [districtId, setDistrictId] = useState<string | null>(initialUrl.district);
  const [indexOutcome, setIndexOutcome] = useState<Loading | null>(null);
  const [loaded, setLoaded] = useState<{ id: string; outcome: Loading } | null>(null);
  const [categories, setCategories] = useState<FacilityCategory[]>(initialUrl.categories ?? [...FACILITY_CATEGORIES]);
  const [statuses, setStatuses] = useState<FacilityStatus[]>(initialUrl.statuses ?? [...FACILITY_STATUSES]);
  const [query, setQuery] = useState(initialUrl.query ?? '');
  const [onlyInView, setOnlyInView] = useState(initialUrl.onlyInView ?? false);
  const [selectedId, setSelectedId] = useState<string | null>(initialUrl.facility);
  const [view, setView] = useState<MapView | null>(null);
  const [mapState, setMapState] = useState<MapState>('loading');
  const [reference, setReference] = useState<Reference>({ kind: 'map' });
  const [locationMessage, setLocationMessage] = useState('');
  const [focusRequest, setFocusRequest] = useState<{ facilityId: string; serial: number } | null>(null);
  const [placeRequest, setPlaceRequest] = useState<{ position: LngLat; serial: number } | null>(null);
  const [mobileTab, setMobileTab] = useState<'list' | 'map'>('list');
  const reducedMotion = useReducedMotion();
  const [routeOpen, setRouteOpen] = useState(initialUrl.routeFrom !== null || initialUrl.routeTo !== null);
  const [routeFrom, setRouteFrom] = useState<RouteEndpoint | null>(endpointFromUrl(initialUrl.routeFrom));
  const [routeTo, setRouteTo] = useState<RouteEndpoint | null>(endpointFromUrl(initialUrl.routeTo));
  const [routeSettings, setRouteSettings] = useState<RouteSettings>(initialRouteSettings);
  const [routeOutcome, setRouteOutcome] = useState<RouteOutcome>({ kind: 'idle' });
  const [routeFound, setRouteFound] = useState<RouteFound | null>(null);
  const [currentStep, setCurrentStep] = useState(0);
  const routeOpenerRef = useRef<HTMLElement | null>(null);
  const [plannerOpen, setPlannerOpen] = useState(initialUrl.planner !== null);
  const [plannerSettings, setPlannerSettings] = useState<PlannerSettings>(initialUrl.planner ?? defaultPlannerSettings());
  const [coverageOnMap, setCoverageOnMap] = useState<CoverageDrawing | null>(null);
  const plannerOpenerRef = useRef<HTMLElement | null>(null);
  // Only a link that opened the app in the planner view runs the analysis without being asked.
  const [plannerAutoRun, setPlannerAutoRun] = useState(initialUrl.planner !== null);
  // The place last chosen in search or the facility last opened, offered as a route endpoint.
  const [lastChosen, setLastChosen] = useState<RouteEndpoint | null>(null);
  // Fault reports (issue 6): the form's target (a serial per opening, so each opening reads the saved draft afresh), the follow page, the offline queue.
  const [reportForm, setReportForm] = useState<{ target: DraftTarget; serial: number; openerId: string } | null>(null);
  const [followReportId, setFollowReportId] = useState<string | null>(initialUrl.report);
  // A signed-in inspector's session: its CSRF token goes with every report the queue sends.
  const [session, setSession] = useState<CurrentSession | null>(null);
  const sessionRef = useRef<CurrentSession | null>(null);
  // Read again after signing in or out, so the app shows what the server holds, not what the form assumed.
  const refreshSession = useCallback(
    (): Promise<CurrentSession | null> => currentSession(import.meta.env.BASE_URL).then((current) => { sessionRef.current = current; setSession(current); return current; }),
    [],
  );
  useEffect(() => {
    void currentSession(import.meta.env.BASE_URL).then((current) => { sessionRef.current = current; setSession(current); });
  }, []);
  // The staff panel in the side region: the sign-in form or "My work", with the button that opened it (focus returns there).
  const [staffPanel, setStaffPanel] = useState<{ kind: 'sign-in' | 'work'; openerId: string } | null>(null);
  // The queue and its IndexedDB store load after the first paint; pending reports are sent once they have.
  const [reports, setReports] = useState<{ queue: ReportQueueController; store: Promise<ReportStore> } | null>(null);

  const announcer = useMemo(() => new Announcer(), []);
  const liveRegionRef = useCallback((element: HTMLDivElement | null) => announcer.attach(element), [announcer]);
  const openerRef = useRef<{ element: HTMLElement; facilityId: string } | null>(null);
  const previousViewRef = useRef<MapView | null>(null);

  // Load the index, then the chosen (or first) district.
  useEffect(() => {
    let cancelled = false;
    fetchDistrictIndex(import.meta.env.BASE_URL).then(({ districts: listed, problems }) => {
      if (cancelled) return;
      setDistricts(listed);
      if (listed.length === 0) {
        setIndexOutcome(problems.length > 0 ? { kind: 'failed', detail: problems.map((problem) => problem.detail).join('; ') } : { kind: 'empty' });
        return;
      }
      setDistrictId((current) => (current && listed.some((entry) => entry.id === current) ? current : listed[0]?.id ?? null));
    });
    return () => { cancelled = true; };
  }, []);

  useEffect(() => {
    if (!districtId) return;
    let cancelled = false;
    loadDistrict(import.meta.env.BASE_URL, districtId).then(
      (district) => { if (!cancelled) setLoaded({ id: districtId, outcome: { kind: 'ready', district } }); },
      (error: unknown) => { if (!cancelled) setLoaded({ id: districtId, outcome: { kind: 'failed', detail: (error as Error).message } }); },
    );
    return () => { cancelled = true; };
  }, [districtId]);

  const loading: Loading = indexOutcome ?? (loaded && loaded.id === districtId ? loaded.outcome : { kind: 'loading' });
  const loadedDistrict = loading.kind === 'ready' ? loading.district : null;
  // Statuses from fault reports (out of service, with the reason) and staleness (unverified) replace
  // the data's in the list, the map and search; the router and the planner get the closed ids.
  const facilityStatuses = useFacilityStatuses(loadedDistrict?.manifest.id ?? null);
  // Without the server's statuses (static hosting, offline), the staleness rules still apply here:
  // a 'working' nobody has checked for too long is shown as unknown, never as fine.
  const district = useMemo(() => {
    if (!loadedDistrict) return null;
    const statuses = facilityStatuses.kind === 'ready'
      ? facilityStatuses.statuses.statuses
      : effectiveFacilityStatuses(loadedDistrict.facilities, [], { districtId: loadedDistrict.manifest.id, now: new Date(), rules: DEFAULT_STALENESS_RULES });
    return { ...loadedDistrict, facilities: applyEffectiveStatuses(loadedDistrict.facilities, statuses) };
  }, [loadedDistrict, facilityStatuses]);
  const closedIds = useMemo(() => (facilityStatuses.kind === 'ready' ? facilityStatuses.statuses.closedFacilityIds : []), [facilityStatuses]);
  // The queue starts once the district (and so the queue panel, which announces what it sends) is there.
  const districtReady = district !== null;
  useEffect(() => {
    if (!districtReady) return undefined;
    let started: ReportQueueController | null = null;
    let cancelled = false;
    void import('../features/report-queue/queue-controller.ts').then(({ createReportQueue }) => {
      if (cancelled) return;
      const created = createReportQueue(() => sessionRef.current?.csrfToken);
      started = created.queue;
      setReports(created);
      void created.queue.start();
    });
    return () => { cancelled = true; started?.stop(); };
  }, [districtReady]);
  const districtName = district ? district.manifest.name[language] : t('appTitle');

  const visible = useMemo(
    () => {
      if (!district) return [];
      const filtered = filterFacilities(district.facilities, { categories, statuses, text: '' });
      return onlyInView && view ? facilitiesInBounds(filtered, view.bounds) : filtered;
    },
    [district, categories, statuses, onlyInView, view],
  );
  const origin: LngLat | null = reference.kind === 'map' ? view?.center ?? district?.manifest.center ?? null : reference.position;
  const originWords = reference.kind === 'user' ? t('originMyLocation') : reference.kind === 'place' ? t('originPlace', { name: reference.name }) : t('originMapCentre');
  const search = useSearch(district, query, origin);
  const placed = useMemo(() => (origin ? placeFacilities(visible, origin) : []), [visible, origin?.[0], origin?.[1]]); // eslint-disable-line react-hooks/exhaustive-deps
  const inView = useMemo(() => (view ? placed.filter((entry) => facilitiesInBounds([entry.facility], view.bounds).length > 0) : []), [placed, view]);
  const selected = selectedId ? placed.find((entry) => entry.facility.id === selectedId)
    ?? (district && origin ? placeFacilities(district.facilities.filter((facility) => facility.id === selectedId), origin)[0] : undefined) : undefined;

  const categoryCounts = useMemo(() => countByCategory(district?.facilities ?? []), [district]);
  const statusCounts = useMemo(() => {
    const counts: Record<FacilityStatus, number> = { working: 0, out_of_service: 0, unknown: 0 };
    for (const facility of district?.facilities ?? []) if (categories.includes(facility.category)) counts[facility.status] += 1;
    return counts;
  }, [district, categories]);

  // Keep the URL, the document language and the title in step with the state.
  useEffect(() => {
    const search = serialiseUrlState({
      language: language === 'zh' ? null : language,
      district: districtId,
      facility: selectedId,
      categories: categories.length === FACILITY_CATEGORIES.length ? null : categories,
      statuses: statuses.length === FACILITY_STATUSES.length ? null : statuses,
      query: query.trim() === '' ? null : query,
      onlyInView: onlyInView ? true : null,
      map: view ? { zoom: view.zoom, latitude: view.center[1], longitude: view.center[0] } : initialUrl.map,
      routeFrom: routeOpen ? routeFrom?.position ?? null : null,
      routeTo: routeOpen ? routeTo?.position ?? null : null,
      routeProfile: routeOpen ? routeSettings.profile : null,
      planner: plannerOpen ? plannerSettings : null,
      report: followReportId,
    }, window.location.search);
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [language, districtId, selectedId, categories, statuses, query, onlyInView, view, routeOpen, routeFrom, routeTo, routeSettings.profile, plannerOpen, plannerSettings, followReportId]);

  useEffect(() => {
    try { localStorage.setItem(ROUTE_SETTINGS_STORAGE_KEY, serialiseRouteSettings(routeSettings)); } catch { /* storage blocked: not remembered */ }
  }, [routeSettings]);

  useEffect(() => {
    document.documentElement.lang = languageTag(language);
    try { localStorage.setItem(LANGUAGE_STORAGE_KEY, language); } catch { /* storage blocked: not remembered */ }
  }, [language]);

  useEffect(() => {
    const viewName = selected ? t('viewDetails', { name: selected.facility.nameZh && language === 'zh' ? selected.facility.nameZh : selected.facility.nameEn ?? selected.facility.nameZh ?? t('unnamed') }) : t('viewList');
    document.title = t('documentTitle', { view: viewName, district: districtName });
  }, [t, selected, districtName, language]);

  // A filter changed by the user announces the new count once React has filtered.
  const [filterSerial, setFilterSerial] = useState(0);
  const onFilterChange = <Value,>(setter: (value: Value) => void) => (value: Value) => {
    setter(value);
    setFilterSerial((serial) => serial + 1);
  };
  useEffect(() => {
    if (filterSerial > 0) announcer.announce(t('announceFilter', { count: visible.length }));
  }, [filterSerial]); // eslint-disable-line react-hooks/exhaustive-deps

  const openFacility = (facilityId: string, opener: HTMLElement | null): void => {
    openerRef.current = opener ? { element: opener, facilityId } : null;
    setSelectedId(facilityId);
    const facility = district?.facilities.find((candidate) => candidate.id === facilityId);
    const placedFacility = facility && origin ? placeFacilities([facility], origin)[0] : undefined;
    if (facility) setLastChosen({ position: facilityAnchor(facility), label: facilityName(t, language, facility).text });
    if (placedFacility) announcer.announce(t('announceDetails', { description: describePlacedFacility(t, language, placedFacility) }));
  };

  const closeDetails = useCallback(() => {
    const opener = openerRef.current;
    setSelectedId(null);
    openerRef.current = null;
    requestAnimationFrame(() => {
      if (opener?.element.isConnected) opener.element.focus();
      else if (opener) document.querySelector<HTMLElement>(`[data-facility-id="${CSS.escape(opener.facilityId)}"]`)?.focus();
      else document.getElementById('facility-list')?.focus();
    });
  }, []);

  const onViewChange = (next: MapView, viewOrigin: ViewOrigin): void => {
    const previous = previousViewRef.current;
    previousViewRef.current = next;
    setView(next);
    if (viewOrigin !== 'user' || !previous) return;
    const count = facilitiesInBounds(visible, next.bounds).length;
    const zoom = Math.round(next.zoom * 10) / 10;
    const moved = Math.abs(next.center[0] - previous.center[0]) + Math.abs(next.center[1] - previous.center[1]) > 1e-7;
    announcer.announce(moved
      ? t('mapMoved', { direction: compassWord(t, bearingDegrees(previous.center, next.center)), zoom, count })
      : t('mapZoomed', { zoom, count }));
  };

  /** The user's position inside this district, or null (denied, unavailable or elsewhere), with a message. */
  const locate = (): Promise<LngLat | null> => new Promise((resolve) => {
    const fail = (message: string): void => { setLocationMessage(message); announcer.announce(message); resolve(null); };
    if (!('geolocation' in navigator)) { fail(t('locationDenied')); return; }
    setLocationMessage(t('locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const lngLat: LngLat = [position.coords.longitude, position.coords.latitude];
        if (district && !bboxContains(district.manifest.bbox, lngLat)) { fail(t('locationOutside')); return; }
        setLocationMessage(t('locationInUse'));
        resolve(lngLat);
      },
      () => fail(t('locationDenied')),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  });

  const measureFromMyLocation = async (): Promise<void> => {
    const position = await locate();
    if (!position) return;
    setReference({ kind: 'user', position });
    announcer.announce(t('locationInUse'));
  };

  // A typed query announces its result count once typing pauses (the announcer debounces).
  const [querySerial, setQuerySerial] = useState(0);
  useEffect(() => {
    if (querySerial === 0 || query.trim() === '' || !search.ready) return;
    announcer.announce(search.hits.length === 0 ? t('searchNoResults') : t('searchResultCount', { count: search.hits.length }));
  }, [querySerial, search.ready]); // eslint-disable-line react-hooks/exhaustive-deps

  const chooseSearchHit = (hitId: string, input: HTMLInputElement): void => {
    const hit = search.hits.find((candidate) => candidate.id === hitId);
    if (!hit) return;
    if (hit.kind === 'facility') {
      setMobileTab('list');
      openFacility(hit.id, input);
      setFocusRequest({ facilityId: hit.id, serial: Date.now() });
      return;
    }
    const name = facilityName(t, language, hit).text;
    setReference({ kind: 'place', position: hit.location, name });
    setLastChosen({ position: hit.location, label: name });
    setPlaceRequest({ position: hit.location, serial: Date.now() });
    announcer.announce(t('searchPlaceChosen', { name }));
  };

  // The engine reads the district as loaded (its graph does not change with statuses); closures go with each request.
  const routeEngine = useRouteEngine(loadedDistrict);
  const facilitiesById = useMemo(() => new Map(district?.facilities.map((facility) => [facility.id, facility]) ?? []), [district]);
  const routeDrawing: RouteDrawing | null = useMemo(
    () => (routeFound ? { coordinates: routeFound.coordinates, steps: stepCoordinates(routeFound) } : null),
    [routeFound],
  );
  const routeView = useMemo(() => (routeFound ? routeWords(t, language, routeFound, facilitiesById) : null), [routeFound, t, language, facilitiesById]);
  const routeRequestSerial = useRef(0);

  const findRoute = (settings: RouteSettings = routeSettings): void => {
    if (!routeEngine || !routeFrom || !routeTo) return;
    const serial = ++routeRequestSerial.current;
    setRouteOutcome({ kind: 'running' });
    announcer.announce(t('routeRunning'));
    routeEngine.route({ origin: routeFrom.position, destination: routeTo.position, profile: toRoutingProfile(settings), closedFacilityIds: closedIds }).then((result) => {
      if (serial !== routeRequestSerial.current) return;
      if (result.status === 'found') {
        setRouteFound(result);
        setCurrentStep(0);
        setRouteOutcome({ kind: 'found', summary: '', notes: [], steps: [] });
        const words = routeWords(t, language, result, facilitiesById);
        announcer.announce(t('routeAnnounceFound', { summary: `${words.summary} ${words.notes.join(' ')}` }));
        return;
      }
      setRouteFound(null);
      const words = noRouteWords(t, result);
      const relax = words.relax;
      setRouteOutcome({
        kind: 'none',
        reason: words.reason,
        relax: relax && words.relaxLabel ? {
          label: words.relaxLabel,
          apply: () => {
            const relaxed = relaxLimit(toRoutingProfile(settings), relax);
            const next: RouteSettings = {
              ...settings,
              limits: {
                maxUphillPercent: relaxed.maxUphillPercent, maxDownhillPercent: relaxed.maxDownhillPercent,
                maxKerbHeightMillimeters: relaxed.maxKerbHeightMillimeters, minWidthMeters: relaxed.minWidthMeters,
                avoidSteps: relaxed.avoidSteps, preferTactilePaving: relaxed.preferTactilePaving, unknown: relaxed.unknown,
              },
            };
            setRouteSettings(next);
            findRoute(next);
          },
        } : null,
      });
      announcer.announce(words.reason);
    }, (error: unknown) => {
      if (serial !== routeRequestSerial.current) return;
      setRouteFound(null);
      setRouteOutcome({ kind: 'failed', detail: (error as Error).message });
    });
  };

  const openRoutePlanner = (opener: HTMLElement | null, destination?: RouteEndpoint): void => {
    routeOpenerRef.current = opener;
    setPlannerOpen(false);
    if (destination) setRouteTo(destination);
    setSelectedId(null);
    setRouteOpen(true);
  };

  const closeRoutePlanner = (): void => {
    setRouteOpen(false);
    setRouteFound(null);
    setRouteOutcome({ kind: 'idle' });
    routeRequestSerial.current += 1;
    const opener = routeOpenerRef.current;
    routeOpenerRef.current = null;
    requestAnimationFrame(() => {
      if (opener?.isConnected) opener.focus();
      else document.getElementById('route-open')?.focus();
    });
  };

  const openPlanner = (opener: HTMLElement | null): void => {
    plannerOpenerRef.current = opener;
    setSelectedId(null);
    if (routeOpen) { setRouteOpen(false); setRouteFound(null); setRouteOutcome({ kind: 'idle' }); }
    setPlannerOpen(true);
  };

  const closePlanner = (): void => {
    setPlannerOpen(false);
    setCoverageOnMap(null);
    setPlannerAutoRun(false);
    const opener = plannerOpenerRef.current;
    plannerOpenerRef.current = null;
    requestAnimationFrame(() => {
      if (opener?.isConnected) opener.focus();
      else document.getElementById('planner-open')?.focus();
    });
  };

  const openReportForm = (target: DraftTarget, openerId: string): void => setReportForm({ target, serial: Date.now(), openerId });
  const closeReportForm = (): void => {
    const openerId = reportForm?.openerId;
    setReportForm(null);
    requestAnimationFrame(() => { if (openerId) document.getElementById(openerId)?.focus(); });
  };
  const reportFacility = reportForm?.target.kind === 'facility' ? facilitiesById.get(reportForm.target.facilityId) ?? null : null;

  // The id of a banner button to focus once React has rendered it: after signing in or out the
  // button that should take focus only exists after the session state has been applied.
  const pendingFocusRef = useRef<string | null>(null);
  useEffect(() => {
    const id = pendingFocusRef.current;
    const element = id ? document.getElementById(id) : null;
    if (element) { pendingFocusRef.current = null; element.focus(); }
  });
  const closeStaffPanel = (focusId?: string): void => {
    pendingFocusRef.current = focusId ?? staffPanel?.openerId ?? null;
    setStaffPanel(null);
  };
  const signOutNow = async (): Promise<void> => {
    const current = sessionRef.current;
    if (!current) return;
    if (!(await signOut(import.meta.env.BASE_URL, current.csrfToken))) {
      announcer.announce(t('staffSignOutFailed'));
      return;
    }
    await refreshSession();
    announcer.announce(t('staffSignedOut'));
    pendingFocusRef.current = 'staff-sign-in-open';
    setStaffPanel(null);
  };

  const switchLanguage = () => {
    const next: Language = language === 'zh' ? 'en' : 'zh';
    setLanguage(next);
    announcer.announce(createTranslate(next)('announceLanguage'));
  };

  const initialView = initialUrl.map ? { center: [initialUrl.map.longitude, initialUrl.map.latitude] as [number, number], zoom: initialUrl.map.zoom } : null;

  return (
    <>
      <a className="skip-link" href="#facility-list">{t('skipToList')}</a>
      <a className="skip-link" href="#map-section">{t('skipToMap')}</a>
      <header className="banner">
        <h1>
          <span>{t('appTitle')}</span>
          {district ? <span className="district-name"> — {districtName}</span> : null}
        </h1>
        {district?.manifest.sample ? <p className="sample-badge">{t('sampleDataBadge')}</p> : null}
        {session ? <p className="signed-in">{t('signedInAs', { name: session.user.displayName })}</p> : null}
        <div className="banner-tools">
          {session ? (
            <>
              {district ? (
                <button type="button" id="staff-work-open" className="button secondary" aria-expanded={staffPanel?.kind === 'work'}
                  onClick={() => (staffPanel?.kind === 'work' ? closeStaffPanel() : setStaffPanel({ kind: 'work', openerId: 'staff-work-open' }))}>
                  {t('staffWorkOpen')}
                </button>
              ) : null}
              <button type="button" id="staff-sign-out" className="button secondary" onClick={() => { void signOutNow(); }}>{t('staffSignOut')}</button>
            </>
          ) : district ? (
            <button type="button" id="staff-sign-in-open" className="button secondary" aria-expanded={staffPanel?.kind === 'sign-in'}
              onClick={() => (staffPanel?.kind === 'sign-in' ? closeStaffPanel() : setStaffPanel({ kind: 'sign-in', openerId: 'staff-sign-in-open' }))}>
              {t('staffSignInOpen')}
            </button>
          ) : null}
          {districts.length > 1 ? (
            <label className="district-select">
              {t('districtLabel')}{' '}
              <select value={districtId ?? ''} onChange={(event) => { setSelectedId(null); setView(null); setDistrictId(event.target.value); }}>
                {districts.map((entry) => <option key={entry.id} value={entry.id}>{entry.name[language]}</option>)}
              </select>
            </label>
          ) : null}
          <button type="button" className="button secondary" lang={language === 'zh' ? 'en' : 'zh-CN'} aria-label={t('languageSwitchLabel')} onClick={switchLanguage}>
            {t('languageSwitch')}
          </button>
        </div>
      </header>
      <div ref={liveRegionRef} className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-live-region="" />
      {loading.kind === 'loading' ? <p className="page-message">{t('loading')}</p> : null}
      {loading.kind === 'failed' ? <p className="page-message error" role="alert">{t('loadFailed', { detail: loading.detail })}</p> : null}
      {loading.kind === 'empty' ? <p className="page-message" role="alert">{t('noDistricts')}</p> : null}
      {district ? (
        <div className={`layout show-${mobileTab}`}>
          <main className="main">
          <div className="view-tabs" role="group" aria-label={t('viewTabs')}>
            <button type="button" className="button secondary" aria-pressed={mobileTab === 'list'} onClick={() => setMobileTab('list')}>{t('listTab')}</button>
            <button type="button" className="button secondary" aria-pressed={mobileTab === 'map'} onClick={() => setMobileTab('map')}>{t('mapTab')}</button>
          </div>
          <div className="sidebar">
            <div role="search" className="search-area">
              <SearchBox
                t={t}
                query={query}
                ready={search.ready}
                options={search.hits.map((hit) => searchOption(t, language, hit, origin))}
                onQueryChange={(next) => { setQuery(next); setQuerySerial((serial) => serial + 1); }}
                onChoose={chooseSearchHit}
                onAnnounce={(message) => announcer.announce(message)}
              />
            </div>
            <LayerFilters
              t={t}
              categories={categories}
              statuses={statuses}
              categoryCounts={categoryCounts}
              statusCounts={statusCounts}
              layers={district.layers}
              onCategoriesChange={onFilterChange(setCategories)}
              onStatusesChange={onFilterChange(setStatuses)}
            />
            <label className="checkbox only-in-view">
              <input type="checkbox" checked={onlyInView} onChange={(event) => onFilterChange(setOnlyInView)(event.target.checked)} />
              <span>{t('onlyInView')}</span>
            </label>
            <Nearby
              t={t}
              language={language}
              facilities={district.facilities}
              fallbackOrigin={origin ? { position: origin, words: originWords } : null}
              selectedId={selectedId}
              locate={locate}
              onOpen={openFacility}
              onAnnounce={(message) => announcer.announce(message)}
            />
            <div className="route-open">
              <button type="button" id="route-open" className="button" aria-expanded={routeOpen}
                onClick={(event) => (routeOpen ? closeRoutePlanner() : openRoutePlanner(event.currentTarget))}>
                {routeOpen ? t('routeClose') : t('routeOpen')}
              </button>
              <button type="button" id="planner-open" className="button secondary" aria-expanded={plannerOpen}
                onClick={(event) => (plannerOpen ? closePlanner() : openPlanner(event.currentTarget))}>
                {plannerOpen ? t('plannerClose') : t('plannerOpen')}
              </button>
            </div>
            <div className="route-open">
              <button type="button" id="report-missing-open" className="button secondary" onClick={() => openReportForm({ kind: 'point' }, 'report-missing-open')}>
                {t('reportMissingOpen')}
              </button>
            </div>
            {reports ? (
              <Suspense fallback={null}>
                <ReportQueuePanel
                  t={t}
                  language={language}
                  queue={reports.queue}
                  districtId={district.manifest.id}
                  findFacility={(facilityId) => facilitiesById.get(facilityId) ?? null}
                  onOpenInForm={(item) => {
                    void import('../features/report-form/draft-storage.ts').then(({ reopenQueuedReport }) => reopenQueuedReport(reports.queue, reports.store, item.key)).then((target) => {
                      if (target) openReportForm(target, 'report-missing-open');
                    });
                  }}
                  onAnnounce={(message) => announcer.announce(message)}
                />
              </Suspense>
            ) : null}
            <DataProblems t={t} problems={district.problems} />
          </div>
            <div className="list-column">
              <div className="reference">
                {reference.kind !== 'user'
                  ? <button type="button" className="button secondary" onClick={() => { void measureFromMyLocation(); }}>{t('useMyLocation')}</button>
                  : <button type="button" className="button secondary" onClick={() => { setReference({ kind: 'map' }); setLocationMessage(''); }}>{t('useMapCentre')}</button>}
                {locationMessage ? <p className="hint">{locationMessage}</p> : null}
              </div>
              <FacilityList
                t={t}
                language={language}
                placed={placed}
                selectedId={selectedId}
                originWords={originWords}
                onOpen={openFacility}
              />
            </div>
            <div className="map-column">
              {/* The map is built once per loaded district; statuses reach it through `facilities`. */}
              <MapPanel
                t={t}
                language={language}
                districtName={districtName}
                district={loadedDistrict ?? district}
                facilities={visible}
                selectedId={selectedId}
                reducedMotion={reducedMotion}
                initialView={initialView}
                focusRequest={focusRequest}
                placeRequest={placeRequest}
                onViewChange={onViewChange}
                route={routeOpen ? routeDrawing : null}
                currentStep={routeOpen && routeFound ? currentStep : null}
                crosshair={routeOpen || plannerOpen || reportForm?.target.kind === 'point'}
                coverage={plannerOpen ? coverageOnMap : null}
                onFacilityActivate={(facilityId) => openFacility(facilityId, document.activeElement instanceof HTMLElement ? document.activeElement : null)}
                onStateChange={setMapState}
              />
              {mapState === 'loaded' ? <InViewList t={t} language={language} placed={inView} selectedId={selectedId} onOpen={openFacility} /> : null}
            </div>
          </main>
          {staffPanel ? (
            <aside className="details" aria-label={staffPanel.kind === 'sign-in' ? t('staffSignInOpen') : t('staffWorkOpen')}>
              <Suspense fallback={<p className="hint">{t('loading')}</p>}>
                {staffPanel.kind === 'sign-in' || !session ? (
                  <SignInForm
                    language={language}
                    baseUrl={import.meta.env.BASE_URL}
                    onSignedIn={() => {
                      void refreshSession().then((current) => {
                        // Signed in from the banner: "My work" is the next thing staff want, and focus goes to its button.
                        closeStaffPanel(current ? 'staff-work-open' : 'staff-sign-in-open');
                      });
                    }}
                    onAnnounce={(message) => announcer.announce(message)}
                    onClose={() => closeStaffPanel()}
                  />
                ) : (
                  <WorkPanel
                    language={language}
                    session={session}
                    districtId={district.manifest.id}
                    mapCentre={() => view?.center ?? district.manifest.center}
                    facilityName={(facilityId) => { const facility = facilitiesById.get(facilityId); return facility ? facilityName(t, language, facility).text : null; }}
                    onOpenReport={(reportId) => { setStaffPanel(null); setFollowReportId(reportId); }}
                    onOpenFacility={(facilityId) => { setStaffPanel(null); openFacility(facilityId, document.getElementById('staff-work-open')); }}
                    onAnnounce={(message) => announcer.announce(message)}
                    onClose={() => closeStaffPanel()}
                  />
                )}
              </Suspense>
            </aside>
          ) : followReportId ? (
            <aside className="details" aria-label={t('reportPageHeading')}>
              <Suspense fallback={<p className="hint">{t('loading')}</p>}>
              <ReportPage
                t={t}
                language={language}
                reportId={followReportId}
                findFacility={(facilityId) => facilitiesById.get(facilityId) ?? null}
                session={session}
                onAnnounce={(message) => announcer.announce(message)}
                onClose={() => {
                  setFollowReportId(null);
                  requestAnimationFrame(() => document.getElementById('facility-list')?.focus());
                }}
              />
              </Suspense>
            </aside>
          ) : reportForm && reports && (reportForm.target.kind === 'point' || reportFacility) ? (
            <aside className="details" aria-label={t('reportOpen')}>
              <Suspense fallback={<p className="hint">{t('loading')}</p>}>
              <ReportForm
                key={reportForm.serial}
                t={t}
                language={language}
                district={district}
                target={reportForm.target}
                facility={reportFacility}
                queue={reports.queue}
                store={reports.store}
                locate={locate}
                mapCentre={() => view?.center ?? district.manifest.center}
                chosenPlace={lastChosen}
                onAnnounce={(message) => announcer.announce(message)}
                onClose={closeReportForm}
              />
              </Suspense>
            </aside>
          ) : selected ? (
            <Suspense fallback={<aside className="details"><p className="hint">{t('loading')}</p></aside>}>
            <FacilityDetails
              t={t}
              language={language}
              placed={selected}
              onClose={closeDetails}
              onShowOnMap={() => {
                setMobileTab('map');
                setFocusRequest({ facilityId: selected.facility.id, serial: Date.now() });
              }}
              onRouteHere={(opener) => openRoutePlanner(opener, {
                position: facilityAnchor(selected.facility),
                label: facilityName(t, language, selected.facility).text,
              })}
              onReport={() => openReportForm({ kind: 'facility', facilityId: selected.facility.id }, 'report-open')}
              effective={facilityStatuses.kind === 'ready' ? facilityStatuses.statuses.statuses.get(selected.facility.id) ?? null : null}
            />
            </Suspense>
          ) : routeOpen ? (
            <aside className="details" aria-label={t('routeHeading')}>
              <Suspense fallback={<p className="hint">{t('loading')}</p>}>
              <RoutePlanner
                t={t}
                settings={routeSettings}
                from={routeFrom}
                to={routeTo}
                outcome={routeOutcome.kind === 'found' && routeView
                  ? { kind: 'found', summary: routeView.summary, notes: routeView.notes, steps: routeView.steps.map((text) => ({ text })) }
                  : routeOutcome}
                currentStep={currentStep}
                onSettingsChange={setRouteSettings}
                onEndpointChange={(which, endpoint) => (which === 'from' ? setRouteFrom(endpoint) : setRouteTo(endpoint))}
                locate={locate}
                mapCentre={() => view?.center ?? district.manifest.center}
                chosenPlace={lastChosen}
                onFind={() => findRoute()}
                onStepChange={setCurrentStep}
                onAnnounce={(message) => announcer.announce(message)}
                onClose={closeRoutePlanner}
              />
              </Suspense>
            </aside>
          ) : plannerOpen ? (
            <aside className="details planner-aside" aria-label={t('plannerHeading')}>
              <Suspense fallback={<p className="hint">{t('loading')}</p>}>
                <PlannerView
                  key={district.manifest.id}
                  t={t}
                  language={language}
                  districtName={districtName}
                  district={district}
                  engine={routeEngine}
                  closedFacilityIds={closedIds}
                  settings={plannerSettings}
                  onSettingsChange={setPlannerSettings}
                  autoRun={plannerAutoRun}
                  mapCentre={() => view?.center ?? district.manifest.center}
                  onDrawing={setCoverageOnMap}
                  onShowOnMap={(position) => { setMobileTab('map'); setPlaceRequest({ position, serial: Date.now() }); }}
                  onAnnounce={(message) => announcer.announce(message)}
                  onClose={closePlanner}
                />
              </Suspense>
            </aside>
          ) : null}
          <footer className="footer">
            <p>{district.manifest.attribution} · {district.manifest.licence} · {district.manifest.source}</p>
          </footer>
        </div>
      ) : null}
    </>
  );
}
