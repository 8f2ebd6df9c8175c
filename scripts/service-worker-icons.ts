// The app's PNG icons for the web app manifest and iOS, drawn at build time from the shapes of
// public/favicon.svg (a wheelchair user on blue), so no binary file sits in the repository and the
// icons cannot drift from the favicon. A tiny rasteriser and PNG encoder on Node built-ins only.
import { crc32, deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** 'any' keeps the favicon's rounded square; 'maskable' fills the square and keeps the figure inside the safe zone. */
export type IconPurpose = 'any' | 'maskable';

export interface AppIcon {
  fileName: string;
  sizePixels: number;
  purpose: IconPurpose;
}

/** The files public/manifest.webmanifest and index.html name. */
export const APP_ICONS: readonly AppIcon[] = [
  { fileName: 'icons/icon-192.png', sizePixels: 192, purpose: 'any' },
  { fileName: 'icons/icon-512.png', sizePixels: 512, purpose: 'any' },
  { fileName: 'icons/icon-maskable-512.png', sizePixels: 512, purpose: 'maskable' },
  // iOS rounds the corners itself and shows transparency as black, so it gets the full square.
  { fileName: 'icons/apple-touch-icon.png', sizePixels: 180, purpose: 'maskable' },
];

/** The favicon's colours: fill="#0072B2" and white. */
export const ICON_BACKGROUND: readonly [number, number, number] = [0x00, 0x72, 0xb2];
const FIGURE: readonly [number, number, number] = [0xff, 0xff, 0xff];

/** The favicon's viewBox is 32 units wide; every shape below is in those units. */
const VIEW_BOX_UNITS = 32;
const CORNER_RADIUS_UNITS = 6;
/**
 * The maskable safe zone is the centred circle of 40 % of the icon's size in radius (W3C Web App
 * Manifest, "icon masks"); the figure reaches about 14.1 units from the centre, so 0.8 keeps it
 * within 12.8 units.
 */
const MASKABLE_FIGURE_SCALE = 0.8;
/** 4 × 4 samples per pixel smooth the edges enough at 180 pixels and up. */
const SAMPLES_PER_AXIS = 4;

/**
 * Centre of the wheel, the arc `M12 15 a7 7 0 1 0 9 9` of the favicon, by the endpoint-to-centre
 * conversion of SVG 2 (implementation notes, B.2.4): the centre lies on the perpendicular bisector
 * of the chord, sqrt(r² − (chord/2)²) from its middle; large-arc 1 with sweep 0 picks the side
 * below-left, where the wheel is drawn.
 */
function wheelGeometry(): { centerX: number; centerY: number; gapStart: number; gapEnd: number } {
  const [startX, startY, endX, endY, radius] = [12, 15, 21, 24, 7];
  const chord = Math.hypot(endX - startX, endY - startY);
  const distanceToCentre = Math.sqrt(radius * radius - (chord / 2) ** 2);
  const centerX = (startX + endX) / 2 - (distanceToCentre * (endY - startY)) / chord;
  const centerY = (startY + endY) / 2 + (distanceToCentre * (endX - startX)) / chord;
  // Sweep 0 draws from the start with decreasing angle round to the end: the short way between
  // them, from the start's angle up to the end's, stays empty (the seat sits in that gap).
  return { centerX, centerY, gapStart: Math.atan2(startY - centerY, startX - centerX), gapEnd: Math.atan2(endY - centerY, endX - centerX) };
}

const WHEEL = wheelGeometry();
const WHEEL_RADIUS_UNITS = 7;
const WHEEL_HALF_STROKE_UNITS = 1.25;

/** Whether a point (favicon units, y down) is white in the favicon: head, body and the wheel's open circle. */
export function insideFigure(x: number, y: number): boolean {
  // <circle cx="16" cy="7" r="3"/>
  if (Math.hypot(x - 16, y - 7) <= 3) return true;
  // <path d="M15 11h3v7h6v3h-9z"/>: the torso and the thigh.
  if (x >= 15 && x <= 18 && y >= 11 && y <= 21) return true;
  if (x >= 15 && x <= 24 && y >= 18 && y <= 21) return true;
  // The wheel: a stroke 2.5 wide with butt ends, which an angle test cuts exactly.
  const distance = Math.hypot(x - WHEEL.centerX, y - WHEEL.centerY);
  if (Math.abs(distance - WHEEL_RADIUS_UNITS) > WHEEL_HALF_STROKE_UNITS) return false;
  const angle = Math.atan2(y - WHEEL.centerY, x - WHEEL.centerX);
  return !(angle > WHEEL.gapStart && angle < WHEEL.gapEnd);
}

/** Whether a point is inside the favicon's <rect width="32" height="32" rx="6"/>. */
function insideRoundedSquare(x: number, y: number): boolean {
  if (x < 0 || y < 0 || x > VIEW_BOX_UNITS || y > VIEW_BOX_UNITS) return false;
  const nearestX = Math.min(Math.max(x, CORNER_RADIUS_UNITS), VIEW_BOX_UNITS - CORNER_RADIUS_UNITS);
  const nearestY = Math.min(Math.max(y, CORNER_RADIUS_UNITS), VIEW_BOX_UNITS - CORNER_RADIUS_UNITS);
  return Math.hypot(x - nearestX, y - nearestY) <= CORNER_RADIUS_UNITS;
}

/** The icon as straight (not premultiplied) RGBA bytes, row by row from the top. */
export function renderIcon(sizePixels: number, purpose: IconPurpose): Uint8Array {
  const unitsPerPixel = VIEW_BOX_UNITS / sizePixels;
  const figureScale = purpose === 'maskable' ? MASKABLE_FIGURE_SCALE : 1;
  const centre = VIEW_BOX_UNITS / 2;
  // The figure drawn scaled about the centre is the favicon's figure at the point scaled back.
  const figureAt = (x: number, y: number): boolean => insideFigure(centre + (x - centre) / figureScale, centre + (y - centre) / figureScale);
  const backgroundAt = (x: number, y: number): boolean => purpose === 'maskable' || insideRoundedSquare(x, y);
  // Shapes are tested once at every pixel corner; only a pixel whose corners disagree lies on an
  // edge and is sampled finely. No shape is thinner than a pixel at these sizes (the wheel's
  // stroke is 2.5 of 32 units), so a pixel with agreeing corners is wholly in or out.
  const corners = sizePixels + 1;
  const figureCorners = new Uint8Array(corners * corners);
  const backgroundCorners = new Uint8Array(corners * corners);
  for (let row = 0; row < corners; row += 1) {
    for (let column = 0; column < corners; column += 1) {
      figureCorners[row * corners + column] = figureAt(column * unitsPerPixel, row * unitsPerPixel) ? 1 : 0;
      backgroundCorners[row * corners + column] = backgroundAt(column * unitsPerPixel, row * unitsPerPixel) ? 1 : 0;
    }
  }
  const cornerShare = (grid: Uint8Array, row: number, column: number): number | null => {
    const sum = (grid[row * corners + column] ?? 0) + (grid[row * corners + column + 1] ?? 0)
      + (grid[(row + 1) * corners + column] ?? 0) + (grid[(row + 1) * corners + column + 1] ?? 0);
    return sum === 0 ? 0 : sum === 4 ? 1 : null;
  };
  const sampledShare = (inside: (x: number, y: number) => boolean, row: number, column: number): number => {
    let hits = 0;
    for (let sampleRow = 0; sampleRow < SAMPLES_PER_AXIS; sampleRow += 1) {
      for (let sampleColumn = 0; sampleColumn < SAMPLES_PER_AXIS; sampleColumn += 1) {
        const x = (column + (sampleColumn + 0.5) / SAMPLES_PER_AXIS) * unitsPerPixel;
        const y = (row + (sampleRow + 0.5) / SAMPLES_PER_AXIS) * unitsPerPixel;
        if (inside(x, y)) hits += 1;
      }
    }
    return hits / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS);
  };
  const pixels = new Uint8Array(sizePixels * sizePixels * 4);
  for (let row = 0; row < sizePixels; row += 1) {
    for (let column = 0; column < sizePixels; column += 1) {
      const figureShare = cornerShare(figureCorners, row, column) ?? sampledShare(figureAt, row, column);
      const backgroundShare = cornerShare(backgroundCorners, row, column) ?? sampledShare(backgroundAt, row, column);
      const offset = (row * sizePixels + column) * 4;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[offset + channel] = Math.round((ICON_BACKGROUND[channel] ?? 0) * (1 - figureShare) + (FIGURE[channel] ?? 0) * figureShare);
      }
      pixels[offset + 3] = Math.round(255 * backgroundShare);
    }
  }
  return pixels;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: length, type, data, and the CRC-32 of type and data (PNG specification, 5.3). */
function pngChunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(Buffer.concat([typeBytes, data])));
  return Buffer.concat([length, typeBytes, data, checksum]);
}

/** An 8-bit RGBA PNG, every row with filter type 0 (none): the deflate pass does the squeezing. */
export function encodePng(widthPixels: number, heightPixels: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== widthPixels * heightPixels * 4) {
    throw new Error(`encodePng: ${rgba.length} bytes do not make a ${widthPixels} × ${heightPixels} RGBA image`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPixels, 0);
  header.writeUInt32BE(heightPixels, 4);
  // Bit depth 8, colour type 6 (truecolour with alpha), deflate, adaptive filtering, no interlace.
  header.set([8, 6, 0, 0, 0], 8);
  const rowBytes = widthPixels * 4;
  const scanlines = Buffer.alloc((rowBytes + 1) * heightPixels);
  for (let row = 0; row < heightPixels; row += 1) {
    scanlines.set(rgba.subarray(row * rowBytes, (row + 1) * rowBytes), row * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function appIconPng(icon: AppIcon): Buffer {
  return encodePng(icon.sizePixels, icon.sizePixels, renderIcon(icon.sizePixels, icon.purpose));
}

/** Emits the icons into the build and serves them in development, drawing each once. */
export function appIcons(): Plugin {
  const drawn = new Map<string, Buffer>();
  const pngFor = (icon: AppIcon): Buffer => {
    const existing = drawn.get(icon.fileName);
    if (existing) return existing;
    const png = appIconPng(icon);
    drawn.set(icon.fileName, png);
    return png;
  };
  return {
    name: 'bfmap-app-icons',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0]?.replace(/^\/+/, '');
        const icon = APP_ICONS.find((candidate) => candidate.fileName === path);
        if (!icon) {
          next();
          return;
        }
        response.setHeader('Content-Type', 'image/png');
        response.end(pngFor(icon));
      });
    },
    generateBundle() {
      for (const icon of APP_ICONS) this.emitFile({ type: 'asset', fileName: icon.fileName, source: pngFor(icon) });
    },
  };
}
