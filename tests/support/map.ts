// Waits for the map to really draw, so no map test can pass on a blank canvas.
import type { Page } from '@playwright/test';
import { inflateSync } from 'node:zlib';

/** SwiftShader compiles MapLibre's shaders on the CPU; the first load can take several seconds. */
const MAP_LOAD_TIMEOUT_MILLISECONDS = 30_000;

type MapWindow = Window & { __bfmap?: { renderedFacilityIds(): readonly string[] } };

/**
 * Resolves when the app marks the map loaded (data-map-state="loaded", set by the controller's
 * onLoad) AND the controller reports facilities in its rendered source. The element is only
 * required to be attached: at 320 px the map may sit in a hidden tab.
 */
export async function waitForMapLoaded(page: Page, timeoutMs = MAP_LOAD_TIMEOUT_MILLISECONDS): Promise<void> {
  await page.locator('[data-map-state="loaded"]').waitFor({ state: 'attached', timeout: timeoutMs });
  try {
    await page.waitForFunction(() => ((window as MapWindow).__bfmap?.renderedFacilityIds().length ?? 0) > 0, undefined, { timeout: timeoutMs });
  } catch (error) {
    const state = await page.evaluate(() => ({
      controller: (window as MapWindow).__bfmap ? 'present' : 'missing',
      renderedFacilities: (window as MapWindow).__bfmap?.renderedFacilityIds().length ?? 0,
    }));
    throw new Error(`The map says it loaded but rendered no facilities within ${timeoutMs} ms (window.__bfmap ${state.controller}, ${state.renderedFacilities} rendered).\n${(error as Error).message}`);
  }
}

export interface DecodedImage {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA) bytes per pixel. */
  channels: 3 | 4;
  pixels: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The Paeth predictor of the PNG specification, §9.4 (filter type 4). */
function paeth(left: number, above: number, upperLeft: number): number {
  const estimate = left + above - upperLeft;
  const distanceLeft = Math.abs(estimate - left);
  const distanceAbove = Math.abs(estimate - above);
  const distanceUpperLeft = Math.abs(estimate - upperLeft);
  if (distanceLeft <= distanceAbove && distanceLeft <= distanceUpperLeft) return left;
  return distanceAbove <= distanceUpperLeft ? above : upperLeft;
}

/**
 * Decodes the PNGs Chromium writes for screenshots: 8-bit RGB or RGBA, not interlaced
 * (PNG specification, 3rd edition, §11.2.1 IHDR and §9 filtering). Anything else throws.
 */
export function decodePng(png: Buffer): DecodedImage {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG: the signature is missing.');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels: 3 | 4 = 4;
  const compressed: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colourType = data[9];
      const interlace = data[12];
      if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
        throw new Error(`Unsupported PNG: bit depth ${String(bitDepth)}, colour type ${String(colourType)}, interlace ${String(interlace)}.`);
      }
      channels = colourType === 2 ? 3 : 4;
    } else if (type === 'IDAT') {
      compressed.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  const filtered = inflateSync(Buffer.concat(compressed));
  const rowBytes = width * channels;
  const pixels = Buffer.alloc(rowBytes * height);
  for (let row = 0; row < height; row += 1) {
    const filterType = filtered[row * (rowBytes + 1)];
    const source = row * (rowBytes + 1) + 1;
    const target = row * rowBytes;
    for (let column = 0; column < rowBytes; column += 1) {
      const raw = filtered[source + column] ?? 0;
      const left = column >= channels ? (pixels[target + column - channels] ?? 0) : 0;
      const above = row > 0 ? (pixels[target + column - rowBytes] ?? 0) : 0;
      const upperLeft = row > 0 && column >= channels ? (pixels[target + column - rowBytes - channels] ?? 0) : 0;
      let predictor: number;
      switch (filterType) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = above; break;
        case 3: predictor = Math.floor((left + above) / 2); break;
        case 4: predictor = paeth(left, above, upperLeft); break;
        default: throw new Error(`Bad PNG filter type ${String(filterType)} on row ${row}.`);
      }
      pixels[target + column] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Distinct colours in the image, counting stops once it passes `limit`. */
export function countDistinctColours(image: DecodedImage, limit = Number.POSITIVE_INFINITY): number {
  const colours = new Set<number>();
  for (let offset = 0; offset < image.pixels.length; offset += image.channels) {
    const red = image.pixels[offset] ?? 0;
    const green = image.pixels[offset + 1] ?? 0;
    const blue = image.pixels[offset + 2] ?? 0;
    const alpha = image.channels === 4 ? (image.pixels[offset + 3] ?? 0) : 255;
    colours.add(((red << 24) | (green << 16) | (blue << 8) | alpha) >>> 0);
    if (colours.size > limit) break;
  }
  return colours.size;
}

/**
 * True when the map canvas shows more than a couple of colours. A screenshot of the element is
 * read instead of the WebGL buffer, which MapLibre clears after each frame
 * (preserveDrawingBuffer is off), so a drawImage copy could come back empty.
 */
export async function canvasHasContent(page: Page): Promise<boolean> {
  const screenshot = await page.locator('[data-map-state] canvas').first().screenshot({ animations: 'disabled' });
  return countDistinctColours(decodePng(screenshot), 2) > 2;
}
