// Paints the facility icons of src/map/layers/icon-drawing.ts onto a 2D canvas: as ImageData for
// map.addImage, and as a data URL for the app's legend. No maplibre-gl import here, so the legend
// can use this module without pulling the map library into the page.
import type { FacilityCategory, FacilityStatus } from '../domain/facilities/model.ts';
import { badgeDrawing, facilityIconDrawing, type IconDrawing, type IconPath } from './layers/icon-drawing.ts';
import { FACILITY_ICONS, STATUS_BADGES, badgeIconName, type StatusBadge } from './layers/symbols.ts';

/** Icons are drawn at twice their CSS size so they stay sharp on high-density screens. */
export const ICON_PIXEL_RATIO = 2;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function tracePath(context: Context2D, path: IconPath): void {
  context.beginPath();
  switch (path.kind) {
    case 'circle':
      context.arc(path.centerX, path.centerY, path.radius, 0, 2 * Math.PI);
      return;
    case 'rounded_rectangle':
      context.roundRect(path.x, path.y, path.width, path.height, path.radius);
      return;
    case 'polygon':
    case 'polyline': {
      const [first, ...rest] = path.points;
      if (!first) return;
      context.moveTo(first[0], first[1]);
      for (const point of rest) context.lineTo(point[0], point[1]);
      if (path.kind === 'polygon') context.closePath();
    }
  }
}

/** Paints a drawing onto a context whose canvas is `drawing size × pixelRatio` device pixels. */
export function paintIconDrawing(context: Context2D, drawing: IconDrawing, pixelRatio: number): void {
  context.save();
  context.scale(pixelRatio, pixelRatio);
  // Round joins keep every stroke inside the bounds the drawing promises (no miter spikes).
  context.lineJoin = 'round';
  for (const operation of drawing.operations) {
    if (operation.operation === 'text') {
      context.fillStyle = operation.color;
      context.font = `700 ${operation.fontSizePixels}px system-ui, "Helvetica Neue", Arial, sans-serif`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(operation.text, operation.centerX, operation.centerY);
      continue;
    }
    tracePath(context, operation.path);
    if (operation.operation === 'fill') {
      context.fillStyle = operation.color;
      context.fill();
    } else {
      context.strokeStyle = operation.color;
      context.lineWidth = operation.widthPixels;
      context.lineCap = operation.cap;
      context.setLineDash([...operation.dashPixels]);
      context.stroke();
      context.setLineDash([]);
    }
  }
  context.restore();
}

function createContext(widthPixels: number, heightPixels: number): Context2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const context = new OffscreenCanvas(widthPixels, heightPixels).getContext('2d');
    if (context) return context;
  }
  const canvas = document.createElement('canvas');
  canvas.width = widthPixels;
  canvas.height = heightPixels;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas is not available');
  return context;
}

function drawingToImageData(drawing: IconDrawing, pixelRatio: number): ImageData {
  const widthPixels = Math.round(drawing.widthPixels * pixelRatio);
  const heightPixels = Math.round(drawing.heightPixels * pixelRatio);
  const context = createContext(widthPixels, heightPixels);
  paintIconDrawing(context, drawing, pixelRatio);
  return context.getImageData(0, 0, widthPixels, heightPixels);
}

export function facilityIconImageData(category: FacilityCategory, status: FacilityStatus, pixelRatio = ICON_PIXEL_RATIO): ImageData {
  return drawingToImageData(facilityIconDrawing(category, status), pixelRatio);
}

export function badgeImageData(badge: StatusBadge, pixelRatio = ICON_PIXEL_RATIO): ImageData {
  return drawingToImageData(badgeDrawing(badge), pixelRatio);
}

/**
 * A canvas showing the same icon as the map, for the legend and the list. `sizePixels` is its CSS
 * size; it is drawn at the device pixel ratio (at least 2) so it stays sharp.
 */
export function renderFacilityIconCanvas(category: FacilityCategory, status: FacilityStatus, sizePixels = 32): HTMLCanvasElement {
  const drawing = facilityIconDrawing(category, status);
  const pixelRatio = Math.max(ICON_PIXEL_RATIO, typeof devicePixelRatio === 'number' ? devicePixelRatio : 1) * (sizePixels / drawing.widthPixels);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(drawing.widthPixels * pixelRatio);
  canvas.height = Math.round(drawing.heightPixels * pixelRatio);
  canvas.style.width = `${sizePixels}px`;
  canvas.style.height = `${sizePixels}px`;
  const context = canvas.getContext('2d');
  if (context) paintIconDrawing(context, drawing, pixelRatio);
  return canvas;
}

/** The icon as a PNG data URL, e.g. for `<img src alt="">` in the legend. */
export function renderFacilityIconDataUrl(category: FacilityCategory, status: FacilityStatus, sizePixels = 32): string {
  return renderFacilityIconCanvas(category, status, sizePixels).toDataURL('image/png');
}

/** The part of the map that images go into; a maplibre-gl Map fits it. */
export interface ImageTarget {
  hasImage(name: string): boolean;
  addImage(name: string, image: ImageData, options: { pixelRatio: number }): unknown;
}

/** Every image the facility layers name: one per (category, status) and the status badges. */
export function facilityImageNames(): string[] {
  return [...FACILITY_ICONS.map((icon) => icon.name), ...STATUS_BADGES.map(badgeIconName)];
}

/** Draws the image a layer asks for by name; null if the name is not one of ours. */
export function facilityImageByName(name: string, pixelRatio = ICON_PIXEL_RATIO): ImageData | null {
  const icon = FACILITY_ICONS.find((entry) => entry.name === name);
  if (icon) return facilityIconImageData(icon.category, icon.status, pixelRatio);
  const badge = STATUS_BADGES.find((candidate) => badgeIconName(candidate) === name);
  return badge ? badgeImageData(badge, pixelRatio) : null;
}

/** Adds every facility image the target does not have yet. */
export function addFacilityImages(target: ImageTarget, pixelRatio = ICON_PIXEL_RATIO): void {
  for (const name of facilityImageNames()) {
    if (target.hasImage(name)) continue;
    const image = facilityImageByName(name, pixelRatio);
    if (image) target.addImage(name, image, { pixelRatio });
  }
}
