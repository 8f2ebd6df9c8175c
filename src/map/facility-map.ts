// The one place that owns the MapLibre map. React pushes state in through idempotent setters that
// skip unchanged input, and hears back through callbacks, so the map is built once and never
// rebuilt by a re-render (the idea of Placemark's PMap). View changes carry their origin, 'user' or
// 'app', so map → state → map loops cannot start (Maputnik's `from: "map" | "app"`).
import {
  LngLatBounds, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl,
  type GeoJSONSource, type IControl, type LngLatBoundsLike, type MapLayerMouseEvent, type MapMouseEvent, type MapSourceDataEvent,
} from 'maplibre-gl';
// MapLibre bundled by Vite looks for its worker next to its own chunk and never fires `load`
// ('Worker failed to load'); pointing it at the worker file as an asset URL fixes that.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { BoundaryFeature, BoundingBox, DistrictManifest, ExternalBasemapReference, Facility, LngLat, NetworkEdge } from '../domain/facilities/model.ts';
import { loadExternalBasemap, type ExternalBasemapLoad } from './external-basemap.ts';
import {
  EXTERNAL_ID_PREFIX, EXTERNAL_LAYERS_BEFORE_ID, type BasemapSourceKind, type ExternalBasemapDrawing,
} from './layers/external-basemap.ts';
import { addFacilityImages, facilityImageByName, ICON_PIXEL_RATIO } from './icons.ts';
import { ROAD_LABEL_LAYER_ID, basemapNameField, type BasemapFeatureLike, type MapLanguage } from './layers/basemap.ts';
import {
  FACILITIES_SOURCE_ID, FACILITY_INTERACTIVE_LAYER_IDS, SELECTED_SYMBOL_LAYER_ID, SELECTION_LINE_LAYER_ID, SELECTION_RING_LAYER_ID,
  facilityFeatureCollection, facilitySelectionFilter, facilitySignature,
} from './layers/facilities.ts';
import { buildMapStyle } from './layers/style.ts';
import {
  CURRENT_STEP_LAYER_IDS, ROUTE_SOURCE_ID, currentStepFilter, routeFeatureCollection, routeSignature, type RouteDrawing,
} from './layers/route.ts';
import { COVERAGE_SOURCE_ID, coverageFeatureCollection, coverageSignature, type CoverageClass, type CoverageDrawing } from './layers/coverage.ts';

export interface MapView { center: LngLat; zoom: number; bounds: BoundingBox }
export type ViewOrigin = 'user' | 'app';

export interface MapLabels {
  mapName: string;
  /** id of the element that explains the keys; becomes the canvas's aria-describedby. */
  mapHelpId: string;
  /** Translated "map", for aria-roledescription; defaults to "map". */
  roleDescription?: string;
  zoomIn: string;
  zoomOut: string;
  resetNorth: string;
  /** Word put before the data attribution, e.g. "Data". */
  attribution: string;
  /** Language of the street names drawn on the map; defaults to Chinese. */
  language?: MapLanguage;
}

export interface FacilityMapOptions {
  /** A div rendered by React; the controller fills it. */
  container: HTMLElement;
  manifest: DistrictManifest;
  boundary: BoundaryFeature[];
  basemap: BasemapFeatureLike[];
  network: NetworkEdge[];
  labels: MapLabels;
  reducedMotion: boolean;
  /** Where to open instead of the manifest's centre and zoom, e.g. from the URL. */
  initialView?: { center: LngLat; zoom: number } | null;
  onLoad(): void;
  /** On moveend; 'user' when the move came from user input, 'app' for setView calls and resizes. */
  onViewChange(view: MapView, origin: ViewOrigin): void;
  /** Click or tap on a facility symbol or tactile paving line. */
  onFacilityActivate(facilityId: string): void;
  /** Shift+? pressed while the map has focus. */
  onKeyboardHelp(): void;
  /** The map cannot run (e.g. no WebGL); the app carries on with the list alone. */
  onError(message: string): void;
  /**
   * A real basemap to draw instead of the district's own drawing: absolute http(s) URLs of a style
   * and/or a PMTiles archive (see layers/external-basemap.ts, resolveBasemapReference).
   */
  externalBasemap?: ExternalBasemapReference | null;
  /** The external basemap could not be loaded or drawn; the district's own drawing shows. English, for the log. */
  onBasemapProblem?(message: string): void;
}

type PanDirection = 'north' | 'south' | 'east' | 'west';

/** The same step as MapLibre's arrow keys (KeyboardHandler panStep), so buttons and keys move alike. */
const PAN_STEP_PIXELS = 100;
const ANIMATION_MILLISECONDS = 300;
/** Half the hit area around a click or tap: finger-sized targets for thin tactile lines (WCAG 2.5.8 asks 24 px). */
const HIT_TOLERANCE_PIXELS = 12;
const MAXIMUM_ZOOM = 20;
/** How far out the user can zoom below the district's opening zoom. */
const ZOOM_OUT_LEVELS = 4;

/** Data attribution as a map control: plain text, with a link to the OSM copyright page for OSM data. */
class DistrictAttributionControl implements IControl {
  private readonly container: HTMLElement;
  private label = '';
  private basemapAttribution: string | null = null;

  constructor(private readonly manifest: DistrictManifest) {
    this.container = document.createElement('div');
    this.container.className = 'maplibregl-ctrl maplibregl-ctrl-attrib bfmap-attribution';
  }

  onAdd(): HTMLElement {
    return this.container;
  }

  onRemove(): void {
    this.container.remove();
  }

  /** The external basemap's credit, shown after the district's; null removes it. */
  setBasemapAttribution(text: string | null): void {
    this.basemapAttribution = text;
    this.update(this.label);
  }

  update(label: string): void {
    this.label = label;
    const text = this.manifest.attribution;
    // ODbL 1.0 §4.3 and https://www.openstreetmap.org/copyright ask for the credit and a link.
    const isOpenStreetMap = this.manifest.licence === 'ODbL-1.0' || /openstreetmap/i.test(text);
    // Chinese takes a full-width colon with no space after it; other languages a colon and a space.
    const separator = /[\u3000-\u9fff\uff00-\uffef]$/.test(label) ? '：' : ': ';
    const content: (string | HTMLElement)[] = [`${label}${separator}`];
    if (isOpenStreetMap) {
      const link = document.createElement('a');
      link.href = 'https://www.openstreetmap.org/copyright';
      link.textContent = text;
      content.push(link);
    } else {
      content.push(text);
    }
    if (this.basemapAttribution !== null) content.push(` · ${this.basemapAttribution}`);
    this.container.replaceChildren(...content);
  }
}

function sameLabels(first: MapLabels, second: MapLabels): boolean {
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]) as Set<keyof MapLabels>;
  return [...keys].every((key) => first[key] === second[key]);
}

/** The district's box grown by its own size on every side: room to look around, not to get lost. */
function panLimits(bbox: BoundingBox): LngLatBoundsLike {
  const [west, south, east, north] = bbox;
  const width = east - west;
  const height = north - south;
  return [[west - width, south - height], [east + width, north + height]];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class FacilityMap {
  private readonly options: FacilityMapOptions;
  private readonly map: MapLibreMap | null = null;
  private readonly attributionControl: DistrictAttributionControl;
  private labels: MapLabels;
  private reducedMotion: boolean;
  private styleReady = false;
  private loadReported = false;
  private destroyed = false;
  private facilities: readonly Facility[] = [];
  private facilitiesSignature: string | null = null;
  private sourceIds: string[] = [];
  private selectionId: string | null = null;
  private route: RouteDrawing | null = null;
  private routeSignatureApplied = 'none';
  private currentStep: number | null = null;
  private coverage: CoverageDrawing | null = null;
  private coverageSignatureApplied = 'none';
  /** Origin of the move in progress, learnt at movestart, for moves whose moveend carries no event. */
  private moveOrigin: ViewOrigin | null = null;
  /** Started with the map, so the fetch runs while MapLibre sets up; applied once the style has loaded. */
  private basemapLoad: Promise<ExternalBasemapLoad> | null = null;
  private basemapKind: BasemapSourceKind = 'district';
  private externalDrawing: ExternalBasemapDrawing | null = null;
  /** Set once any external tile has loaded: from then on a failing tile is only logged. */
  private externalTileLoaded = false;
  private readonly failedExternalSourceIds = new Set<string>();

  constructor(options: FacilityMapOptions) {
    this.options = options;
    this.labels = { ...options.labels };
    this.reducedMotion = options.reducedMotion;
    this.attributionControl = new DistrictAttributionControl(options.manifest);
    const opening = options.initialView ?? { center: options.manifest.center, zoom: options.manifest.zoom };

    try {
      setWorkerUrl(workerUrl);
      this.map = new MapLibreMap({
        container: options.container,
        style: buildMapStyle({
          boundary: options.boundary, basemap: options.basemap, network: options.network, facilities: [],
          language: this.labels.language ?? 'zh',
        }),
        center: opening.center,
        zoom: opening.zoom,
        minZoom: Math.max(0, options.manifest.zoom - ZOOM_OUT_LEVELS),
        maxZoom: MAXIMUM_ZOOM,
        maxBounds: panLimits(options.manifest.bbox),
        // Rotation and tilt are off: a north-up map is what the list's compass words describe.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
        attributionControl: false,
        // Symbols appear at once instead of fading in, and MapLibre's own animations follow the app's setting.
        fadeDuration: 0,
        reduceMotion: options.reducedMotion,
        locale: this.localeStrings(),
      });
    } catch (error) {
      // MapLibre throws when WebGL cannot be created; the app shows the list without the map.
      const message = errorMessage(error);
      queueMicrotask(() => { if (!this.destroyed) options.onError(message); });
      return;
    }

    const map = this.map;
    map.keyboard.disableRotation();
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false, showZoom: true }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.addControl(this.attributionControl, 'bottom-right');
    this.applyLabels();
    this.removeExtraTabStops();

    map.setMissingStyleImageResolver((name) => {
      const image = facilityImageByName(name);
      if (image && !map.hasImage(name)) map.addImage(name, image, { pixelRatio: ICON_PIXEL_RATIO });
    });

    map.on('load', this.handleLoad);
    map.on('sourcedata', this.handleSourceData);
    map.on('movestart', this.handleMoveStart);
    map.on('moveend', this.handleMoveEnd);
    map.on('click', this.handleClick);
    map.on('error', this.handleError);
    for (const layerId of FACILITY_INTERACTIVE_LAYER_IDS) {
      map.on('mouseenter', layerId, this.handlePointerEnter);
      map.on('mouseleave', layerId, this.handlePointerLeave);
    }
    map.getCanvas().addEventListener('keydown', this.handleKeyDown);
    if (options.externalBasemap) this.basemapLoad = loadExternalBasemap(options.externalBasemap, options.manifest.bbox);
  }

  // ------------------------------------------------------------------------------------------
  // Setters: each skips input it has already applied.

  setFacilities(facilities: readonly Facility[]): void {
    if (facilities === this.facilities) return;
    this.facilities = facilities;
    const signature = facilitySignature(facilities);
    if (signature === this.facilitiesSignature) return;
    this.facilitiesSignature = signature;
    if (this.styleReady) this.applyFacilities();
  }

  setSelection(facilityId: string | null): void {
    if (facilityId === this.selectionId) return;
    this.selectionId = facilityId;
    if (this.styleReady) this.applySelection();
  }

  /** Draws the route (null removes it) and brings it into view when it is new. */
  setRoute(route: RouteDrawing | null): void {
    const signature = routeSignature(route);
    if (signature === this.routeSignatureApplied) return;
    this.route = route;
    this.routeSignatureApplied = signature;
    if (this.styleReady) this.applyRoute(true);
  }

  /** Draws the planner's coverage cells and proposed facilities; null removes them. */
  setCoverage(coverage: CoverageDrawing | null): void {
    const signature = coverageSignature(coverage);
    if (signature === this.coverageSignatureApplied) return;
    this.coverage = coverage;
    this.coverageSignatureApplied = signature;
    if (this.styleReady) this.applyCoverage();
  }

  /** The status a facility is drawn with (its symbol's status marking), or null when it is not drawn. */
  facilityStatusOnMap(facilityId: string): Facility['status'] | null {
    return this.facilities.find((facility) => facility.id === facilityId)?.status ?? null;
  }

  /** Cells drawn for the planner, by class, and proposed facilities: what tests compare with the table. */
  coverageCounts(): Record<CoverageClass | 'proposed', number> {
    const counts: Record<CoverageClass | 'proposed', number> = { covered: 0, straight_line_only: 0, gap: 0, proposed: 0 };
    const source = this.map?.getSource<GeoJSONSource>(COVERAGE_SOURCE_ID);
    if (!source) return counts;
    for (const feature of coverageFeatureCollection(this.coverage).features) counts[feature.properties.coverage ?? 'proposed'] += 1;
    return counts;
  }

  /** Highlights one step of the route; null for none. */
  setCurrentStep(step: number | null): void {
    if (step === this.currentStep) return;
    this.currentStep = step;
    if (this.styleReady) this.applyCurrentStep();
  }

  setView(center: LngLat, zoom: number | null, options?: { animate?: boolean }): void {
    const map = this.map;
    if (!map || this.destroyed) return;
    const targetZoom = zoom ?? map.getZoom();
    const current = map.getCenter();
    const unchanged = Math.abs(current.lng - center[0]) < 1e-9 && Math.abs(current.lat - center[1]) < 1e-9
      && Math.abs(map.getZoom() - targetZoom) < 1e-9;
    if (unchanged) return;
    const origin: { viewOrigin: ViewOrigin } = { viewOrigin: 'app' };
    if ((options?.animate ?? true) && !this.reducedMotion) {
      map.easeTo({ center, zoom: targetZoom, duration: ANIMATION_MILLISECONDS * 2 }, origin);
    } else {
      map.jumpTo({ center, zoom: targetZoom }, origin);
    }
  }

  /** The button alternative to dragging. */
  panBy(direction: PanDirection): void {
    const map = this.map;
    if (!map || this.destroyed) return;
    const offsets: Record<PanDirection, [number, number]> = {
      north: [0, -PAN_STEP_PIXELS], south: [0, PAN_STEP_PIXELS], east: [PAN_STEP_PIXELS, 0], west: [-PAN_STEP_PIXELS, 0],
    };
    map.panBy(offsets[direction], this.motion(), { viewOrigin: 'user' });
  }

  zoomBy(delta: 1 | -1): void {
    const map = this.map;
    if (!map || this.destroyed) return;
    map.easeTo({ zoom: map.getZoom() + delta, ...this.motion() }, { viewOrigin: 'user' });
  }

  setLabels(labels: MapLabels): void {
    if (sameLabels(labels, this.labels)) return;
    const languageChanged = (labels.language ?? 'zh') !== (this.labels.language ?? 'zh');
    this.labels = { ...labels };
    if (!this.map || this.destroyed) return;
    this.applyLabels();
    if (languageChanged && this.styleReady) {
      this.map.setLayoutProperty(ROAD_LABEL_LAYER_ID, 'text-field', basemapNameField(this.labels.language ?? 'zh'));
    }
  }

  /** Not in the brief's list: lets the app follow a reduced-motion change without rebuilding the map. */
  setReducedMotion(reducedMotion: boolean): void {
    this.reducedMotion = reducedMotion;
  }

  // ------------------------------------------------------------------------------------------
  // Queries

  getView(): MapView | null {
    const map = this.map;
    if (!map || this.destroyed) return null;
    const center = map.getCenter();
    const bounds = map.getBounds();
    return {
      center: [center.lng, center.lat],
      zoom: map.getZoom(),
      bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    };
  }

  /** Ids in the facilities source, in the order given: what the map is asked to draw. */
  sourceFacilityIds(): string[] {
    return [...this.sourceIds];
  }

  /** Ids of the facilities drawn in the current viewport, sorted, each once. */
  renderedFacilityIds(): string[] {
    const map = this.map;
    if (!map || this.destroyed || !this.styleReady) return [];
    const features = map.queryRenderedFeatures({ layers: [...FACILITY_INTERACTIVE_LAYER_IDS] });
    const ids = new Set<string>();
    for (const feature of features) {
      const id: unknown = feature.properties.id;
      if (typeof id === 'string') ids.add(id);
    }
    return [...ids].sort();
  }

  /** Points of the route line in the map's source (0 without a route): lets tests see what is drawn. */
  routeCoordinateCount(): number {
    return this.styleReady ? this.route?.coordinates.length ?? 0 : 0;
  }

  /** Which basemap is on screen: the district's own drawing until an external one is drawn. */
  basemapSource(): BasemapSourceKind {
    return this.basemapKind;
  }

  /** True once the style, the icons and the first facilities are on screen. */
  isLoaded(): boolean {
    return this.loadReported && !this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const map = this.map;
    if (!map) return;
    map.getCanvas().removeEventListener('keydown', this.handleKeyDown);
    map.remove();
  }

  // ------------------------------------------------------------------------------------------
  // Internals

  private motion(): { animate: boolean; duration: number } {
    return { animate: !this.reducedMotion, duration: this.reducedMotion ? 0 : ANIMATION_MILLISECONDS };
  }

  private localeStrings(): Record<string, string> {
    return {
      'Map.Title': this.labels.mapName,
      'NavigationControl.ZoomIn': this.labels.zoomIn,
      'NavigationControl.ZoomOut': this.labels.zoomOut,
      'NavigationControl.ResetBearing': this.labels.resetNorth,
    };
  }

  /** Names the map and its controls; drops `title`, which NVDA reads in addition to aria-label. */
  private applyLabels(): void {
    const map = this.map;
    if (!map) return;
    const canvas = map.getCanvas();
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-roledescription', this.labels.roleDescription ?? 'map');
    canvas.setAttribute('aria-label', this.labels.mapName);
    canvas.setAttribute('aria-describedby', this.labels.mapHelpId);
    const container = map.getContainer();
    const buttonLabels: [string, string][] = [
      ['.maplibregl-ctrl-zoom-in', this.labels.zoomIn],
      ['.maplibregl-ctrl-zoom-out', this.labels.zoomOut],
      ['.maplibregl-ctrl-compass', this.labels.resetNorth],
    ];
    for (const [selector, label] of buttonLabels) container.querySelector(selector)?.setAttribute('aria-label', label);
    for (const element of container.querySelectorAll('.maplibregl-ctrl [title]')) element.removeAttribute('title');
    this.attributionControl.update(this.labels.attribution);
  }

  /** One tab stop for the map itself: only the canvas and the control buttons and links stay focusable. */
  private removeExtraTabStops(): void {
    const map = this.map;
    if (!map) return;
    const canvas = map.getCanvas();
    canvas.setAttribute('tabindex', '0');
    for (const element of map.getContainer().querySelectorAll('[tabindex]')) {
      if (element !== canvas) element.removeAttribute('tabindex');
    }
  }

  private applyFacilities(): void {
    const map = this.map;
    if (!map) return;
    const source = map.getSource<GeoJSONSource>(FACILITIES_SOURCE_ID);
    if (!source) return;
    void source.setData(facilityFeatureCollection(this.facilities));
    this.sourceIds = this.facilities.map((facility) => facility.id);
  }

  private applyRoute(fit: boolean): void {
    const map = this.map;
    if (!map) return;
    (map.getSource(ROUTE_SOURCE_ID) as GeoJSONSource | undefined)?.setData(routeFeatureCollection(this.route));
    this.applyCurrentStep();
    const coordinates = this.route?.coordinates ?? [];
    if (!fit || coordinates.length < 2) return;
    const bounds = new LngLatBounds();
    for (const coordinate of coordinates) bounds.extend(coordinate);
    map.fitBounds(bounds, { padding: 48, maxZoom: 18, ...this.motion() }, { viewOrigin: 'app' });
  }

  private applyCoverage(): void {
    (this.map?.getSource(COVERAGE_SOURCE_ID) as GeoJSONSource | undefined)?.setData(coverageFeatureCollection(this.coverage));
  }

  private applyCurrentStep(): void {
    const map = this.map;
    if (!map) return;
    for (const layerId of CURRENT_STEP_LAYER_IDS) map.setFilter(layerId, currentStepFilter(this.currentStep));
  }

  private applySelection(): void {
    const map = this.map;
    if (!map) return;
    map.setFilter(SELECTION_LINE_LAYER_ID, facilitySelectionFilter(this.selectionId, 'LineString'));
    map.setFilter(SELECTION_RING_LAYER_ID, facilitySelectionFilter(this.selectionId, 'Point'));
    map.setFilter(SELECTED_SYMBOL_LAYER_ID, facilitySelectionFilter(this.selectionId, 'Point'));
  }

  private readonly handleLoad = (): void => {
    const map = this.map;
    if (!map || this.destroyed) return;
    this.styleReady = true;
    addFacilityImages(map, ICON_PIXEL_RATIO);
    if (this.facilitiesSignature !== null) this.applyFacilities();
    this.applySelection();
    if (this.route !== null) this.applyRoute(false);
    if (this.coverage !== null) this.applyCoverage();
    if ((this.labels.language ?? 'zh') !== 'zh') {
      map.setLayoutProperty(ROAD_LABEL_LAYER_ID, 'text-field', basemapNameField(this.labels.language ?? 'zh'));
    }
    const view = this.getView();
    if (view) this.options.onViewChange(view, 'app');
    if (this.basemapLoad) void this.applyExternalBasemap(this.basemapLoad);
    // Report the load once the facilities are drawn, so a test that waits for it sees symbols.
    map.once('idle', () => {
      if (this.destroyed) return;
      this.loadReported = true;
      this.options.onLoad();
    });
  };

  private async applyExternalBasemap(loading: Promise<ExternalBasemapLoad>): Promise<void> {
    const { drawing, problems } = await loading;
    const map = this.map;
    if (!map || this.destroyed) return;
    if (drawing === null) {
      this.reportBasemapProblem(problems.join(' '));
      return;
    }
    // The style failed but the archive drew: worth a line in the log, not a note to the user.
    for (const problem of problems) console.warn(problem);
    this.externalDrawing = drawing;
    try {
      for (const [id, source] of Object.entries(drawing.sources)) map.addSource(id, source);
      if (drawing.glyphs !== null) map.setGlyphs(drawing.glyphs);
      if (typeof drawing.sprite === 'string') map.setSprite(drawing.sprite);
      else for (const sprite of drawing.sprite ?? []) map.addSprite(sprite.id, sprite.url);
      // MapLibre validates each layer and reports a bad one as an error event; the rest still draw.
      for (const layer of drawing.layers) map.addLayer(layer, EXTERNAL_LAYERS_BEFORE_ID);
    } catch (error) {
      this.removeExternalBasemap(`The external basemap could not be added to the map: ${errorMessage(error)}`);
      return;
    }
    if (!drawing.layers.some((layer) => map.getLayer(layer.id))) {
      this.removeExternalBasemap('None of the external basemap\'s layers could be added to the map.');
      return;
    }
    for (const id of drawing.hiddenLayerIds) map.setLayoutProperty(id, 'visibility', 'none');
    this.basemapKind = drawing.kind;
    this.attributionControl.setBasemapAttribution(drawing.attribution);
  }

  /** Takes the external basemap away again and shows the district's own drawing. */
  private removeExternalBasemap(problem: string): void {
    const map = this.map;
    const drawing = this.externalDrawing;
    this.externalDrawing = null;
    this.basemapKind = 'district';
    if (map && drawing && !this.destroyed) {
      for (const layer of drawing.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      for (const id of Object.keys(drawing.sources)) if (map.getSource(id)) map.removeSource(id);
      for (const id of drawing.hiddenLayerIds) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'visible');
      if (drawing.glyphs !== null) map.setGlyphs(null);
      if (typeof drawing.sprite === 'string') map.setSprite(null);
      else for (const sprite of drawing.sprite ?? []) map.removeSprite(sprite.id);
      this.attributionControl.setBasemapAttribution(null);
    }
    this.reportBasemapProblem(problem);
  }

  private reportBasemapProblem(message: string): void {
    if (this.destroyed) return;
    console.warn(message);
    this.options.onBasemapProblem?.(message);
  }

  private readonly handleSourceData = (event: MapSourceDataEvent): void => {
    if (event.tile !== undefined && event.sourceId.startsWith(EXTERNAL_ID_PREFIX)) this.externalTileLoaded = true;
  };

  /**
   * An external source that fails before any external tile has loaded (a tile server that is down,
   * a TileJSON that is missing) leaves a blank map: once every one of them has failed, the
   * district's own drawing comes back.
   */
  private externalSourceFailed(sourceId: string, error: unknown): void {
    const drawing = this.externalDrawing;
    if (!drawing || this.externalTileLoaded) {
      console.error(error);
      return;
    }
    this.failedExternalSourceIds.add(sourceId);
    if (Object.keys(drawing.sources).every((id) => this.failedExternalSourceIds.has(id))) {
      this.removeExternalBasemap(`The external basemap failed to load: ${errorMessage(error)}`);
    }
  }

  private readonly handleMoveStart = (event: { originalEvent?: unknown; viewOrigin?: ViewOrigin }): void => {
    this.moveOrigin = event.viewOrigin ?? (event.originalEvent ? 'user' : this.moveOrigin);
  };

  private readonly handleMoveEnd = (event: { originalEvent?: unknown; viewOrigin?: ViewOrigin }): void => {
    if (this.destroyed) return;
    const origin: ViewOrigin = event.viewOrigin ?? (event.originalEvent ? 'user' : this.moveOrigin ?? 'app');
    this.moveOrigin = null;
    const view = this.getView();
    if (view) this.options.onViewChange(view, origin);
  };

  private readonly handleClick = (event: MapMouseEvent): void => {
    const map = this.map;
    if (!map || this.destroyed || !this.styleReady) return;
    const { x, y } = event.point;
    const tolerance = HIT_TOLERANCE_PIXELS;
    const [nearest] = map.queryRenderedFeatures(
      [[x - tolerance, y - tolerance], [x + tolerance, y + tolerance]],
      { layers: [...FACILITY_INTERACTIVE_LAYER_IDS] },
    );
    const id: unknown = nearest?.properties.id;
    if (typeof id === 'string') this.options.onFacilityActivate(id);
  };

  private readonly handlePointerEnter = (_event: MapLayerMouseEvent): void => {
    if (this.map) this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly handlePointerLeave = (_event: MapLayerMouseEvent): void => {
    if (this.map) this.map.getCanvas().style.cursor = '';
  };

  private readonly handleKeyDown = (event: KeyboardEvent): void => {
    // "?" is Shift+/ on most layouts; some browsers report the unshifted key.
    if (event.key === '?' || (event.shiftKey && event.key === '/')) {
      event.preventDefault();
      this.options.onKeyboardHelp();
    }
  };

  private readonly handleError = (event: { error?: unknown; sourceId?: unknown }): void => {
    // Before the style has loaded an error means the map will not come up at all.
    if (this.destroyed) return;
    if (typeof event.sourceId === 'string' && event.sourceId.startsWith(EXTERNAL_ID_PREFIX)) this.externalSourceFailed(event.sourceId, event.error);
    else if (!this.styleReady) this.options.onError(errorMessage(event.error));
    else console.error(event.error);
  };
}
