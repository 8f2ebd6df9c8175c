import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { APP_ICONS, ICON_BACKGROUND, appIconPng, encodePng, renderIcon } from './service-worker-icons.ts';

const projectRoot = resolve(import.meta.dirname, '..');
const readProjectFile = (path: string): string => readFileSync(resolve(projectRoot, path), 'utf8');

/** CRC-32 as the PNG specification's annex D computes it, bit by bit: independent of the encoder's zlib.crc32. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

interface PngChunk { type: string; data: Buffer; crcMatches: boolean }

function readPngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: typeAndData.subarray(4),
      crcMatches: png.readUInt32BE(offset + 8 + length) === referenceCrc32(typeAndData),
    });
    offset += 12 + length;
  }
  return chunks;
}

/** The pixel at a point given in favicon units (0–32), as [r, g, b, a]. */
function pixelAt(pixels: Uint8Array, sizePixels: number, xUnits: number, yUnits: number): number[] {
  const column = Math.floor((xUnits / 32) * sizePixels);
  const row = Math.floor((yUnits / 32) * sizePixels);
  const offset = (row * sizePixels + column) * 4;
  return [...pixels.subarray(offset, offset + 4)];
}

const WHITE = [255, 255, 255, 255];
const BACKGROUND = [...ICON_BACKGROUND, 255];

describe('encodePng', () => {
  it('writes the signature, IHDR, IDAT and IEND with valid CRCs, and IDAT inflates back to the pixels', () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, index) => (index * 37) % 256);
    const png = encodePng(width, height, rgba);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readPngChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcMatches)).toBe(true);
    const header = chunks[0]?.data ?? Buffer.alloc(0);
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([width, height, 8, 6]);
    const scanlines = inflateSync(chunks[1]?.data ?? Buffer.alloc(0));
    const rowBytes = width * 4;
    for (let row = 0; row < height; row += 1) {
      expect(scanlines[row * (rowBytes + 1)]).toBe(0);
      expect([...scanlines.subarray(row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1))]).toEqual([...rgba.subarray(row * rowBytes, (row + 1) * rowBytes)]);
    }
  });

  it('refuses pixels that do not fill the stated size', () => {
    expect(() => encodePng(4, 4, new Uint8Array(10))).toThrow(/10 bytes do not make a 4 × 4 RGBA image/);
  });
});

describe('the app icons', () => {
  it('draw the favicon: white head and torso, blue inside the wheel, transparent beyond the rounded corners', () => {
    const size = 192;
    const pixels = renderIcon(size, 'any');
    // <circle cx="16" cy="7" r="3"/> and the torso's rectangle x 15–18, y 11–21.
    expect(pixelAt(pixels, size, 16, 7)).toEqual(WHITE);
    expect(pixelAt(pixels, size, 16.5, 15)).toEqual(WHITE);
    // The wheel: a ring of radius 7 round (14.44, 21.56), open in its middle, with a gap up and
    // to the right where the seat is (the arc runs from (12, 15) the long way round to (21, 24)).
    expect(pixelAt(pixels, size, 14.44, 21.56 + 7)).toEqual(WHITE);
    expect(pixelAt(pixels, size, 14.44 - 7, 21.56)).toEqual(WHITE);
    expect(pixelAt(pixels, size, 12, 25)).toEqual(BACKGROUND);
    expect(pixelAt(pixels, size, 14.44 + 7 * Math.SQRT1_2, 21.56 - 7 * Math.SQRT1_2)).toEqual(BACKGROUND);
    expect(pixelAt(pixels, size, 2, 16)).toEqual(BACKGROUND);
    // rx="6": the very corner lies outside the rounded square.
    expect(pixelAt(pixels, size, 0.2, 0.2)[3]).toBe(0);
  });

  it('use the favicon’s own blue', () => {
    const fill = /<rect[^>]*fill="#([0-9a-f]{6})"/i.exec(readProjectFile('public/favicon.svg'))?.[1] ?? '';
    expect(ICON_BACKGROUND).toEqual([0, 2, 4].map((start) => parseInt(fill.slice(start, start + 2), 16)));
  });

  it('fill the whole square when maskable and keep the figure inside the safe zone, a centred circle of 40 % of the size', () => {
    const size = 512;
    const pixels = renderIcon(size, 'maskable');
    expect(pixelAt(pixels, size, 0.2, 0.2)).toEqual(BACKGROUND);
    let farthest = 0;
    for (let row = 0; row < size; row += 1) {
      for (let column = 0; column < size; column += 1) {
        const offset = (row * size + column) * 4;
        if ((pixels[offset] ?? 0) > (ICON_BACKGROUND[0] ?? 0)) farthest = Math.max(farthest, Math.hypot(column + 0.5 - size / 2, row + 0.5 - size / 2));
      }
    }
    expect(farthest).toBeGreaterThan(0);
    expect(farthest).toBeLessThanOrEqual(0.4 * size);
  });

  it('are PNGs of the size their names give', () => {
    for (const icon of APP_ICONS) {
      const header = readPngChunks(appIconPng(icon))[0]?.data ?? Buffer.alloc(0);
      expect([header.readUInt32BE(0), header.readUInt32BE(4)], icon.fileName).toEqual([icon.sizePixels, icon.sizePixels]);
    }
  });
});

interface WebManifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

describe('the web app manifest', () => {
  const manifest = JSON.parse(readProjectFile('public/manifest.webmanifest')) as WebManifest;
  const indexHtml = readProjectFile('index.html');
  const appCss = readProjectFile('src/app/app.css');

  it('names every PNG icon the build draws, at its drawn size and purpose, and only those', () => {
    const pngIcons = manifest.icons.filter((icon) => icon.type === 'image/png');
    const drawnForManifest = APP_ICONS.filter((icon) => !icon.fileName.includes('apple-touch'));
    expect(pngIcons.map((icon) => `${icon.src} ${icon.sizes} ${icon.purpose}`).sort())
      .toEqual(drawnForManifest.map((icon) => `${icon.fileName} ${icon.sizePixels}x${icon.sizePixels} ${icon.purpose}`).sort());
    expect(pngIcons.some((icon) => icon.sizes === '192x192') && pngIcons.some((icon) => icon.sizes === '512x512')).toBe(true);
  });

  it('is linked from index.html, with the iOS icon the build draws', () => {
    expect(indexHtml).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const appleIcon = /<link rel="apple-touch-icon" href="\/([^"]+)"/.exec(indexHtml)?.[1];
    expect(APP_ICONS.map((icon) => icon.fileName)).toContain(appleIcon);
  });

  it('takes its colours from the app: the banner for the theme (as index.html does), the page for the background', () => {
    const bannerBackground = /\.banner\s*\{[^}]*background:\s*(#[0-9a-f]{6})/i.exec(appCss)?.[1];
    const paper = /--paper:\s*(#[0-9a-f]{6})/i.exec(appCss)?.[1];
    expect(manifest.theme_color.toLowerCase()).toBe(bannerBackground?.toLowerCase());
    expect(manifest.background_color.toLowerCase()).toBe(paper?.toLowerCase());
    expect(/<meta name="theme-color" content="([^"]+)"/.exec(indexHtml)?.[1]?.toLowerCase()).toBe(bannerBackground?.toLowerCase());
  });

  it('opens the app itself, standalone, under both its names', () => {
    expect(manifest.start_url).toBe('.');
    expect(manifest.display).toBe('standalone');
    expect(manifest.name).toContain('无障碍数字地图');
    expect(manifest.name).toContain('Barrier-free map');
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  });
});
