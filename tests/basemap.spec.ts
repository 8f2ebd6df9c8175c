import { test, expect, type Page } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { canvasHasContent, decodePng, type DecodedImage } from './support/map.ts';
import { TILE_GROUND_COLOUR } from './support/pmtiles-fixture.ts';
import { BASEMAP_COLORS } from '../src/map/layers/basemap.ts';
import { parseHexColor } from '../src/map/layers/contrast.ts';
import { zhCN } from '../src/i18n/zh-CN.ts';
import { BASEMAP_ATTRIBUTION, BASEMAP_E2E_DISTRICTS } from '../scripts/e2e-basemap-data.ts';

// The districts are copies of the sample written by scripts/e2e-basemap-data.ts before the e2e build:
// one with a PMTiles raster archive, one with a style that reads that archive through pmtiles://,
// one whose style is missing (HTTP 404), one whose style loads but whose archive is missing.

/** SwiftShader draws slowly; the external tiles arrive after the map's own first frame. */
const BASEMAP_TIMEOUT_MILLISECONDS = 30_000;

async function basemapSource(page: Page): Promise<string | null> {
  return page.evaluate(() => window.__bfmap?.basemapSource() ?? null);
}

async function mapImage(page: Page): Promise<DecodedImage> {
  return decodePng(await page.locator('[data-map-state] canvas').first().screenshot({ animations: 'disabled' }));
}

/** Share of the pixels within a few levels of a colour on every channel. */
function shareOf(image: DecodedImage, matches: (red: number, green: number, blue: number) => boolean): number {
  let count = 0;
  const pixels = image.width * image.height;
  for (let offset = 0; offset < image.pixels.length; offset += image.channels) {
    if (matches(image.pixels[offset] ?? 0, image.pixels[offset + 1] ?? 0, image.pixels[offset + 2] ?? 0)) count += 1;
  }
  return count / pixels;
}

const near = (colour: readonly number[], tolerance = 3) => (red: number, green: number, blue: number): boolean =>
  Math.abs(red - (colour[0] ?? 0)) <= tolerance && Math.abs(green - (colour[1] ?? 0)) <= tolerance && Math.abs(blue - (colour[2] ?? 0)) <= tolerance;

/** The fixture's tiles are blue-grey: blue well above red, which the district's own paper colours never are. */
const [groundRed, , groundBlue] = TILE_GROUND_COLOUR;
const tileLike = (red: number, _green: number, blue: number): boolean => blue - red >= (groundBlue - groundRed) / 3;

const districtFill = near(parseHexColor(BASEMAP_COLORS.district));

test.describe('a real basemap named in district.json', () => {
  // Two map loads under SwiftShader, or one and an axe run over a few hundred list buttons.
  test.describe.configure({ timeout: 90_000 });

  test('a PMTiles raster archive is drawn instead of the district drawing, with its credit', async ({ page }) => {
    const own = await AppDriver.open(page);
    await own.waitForMap();
    const ownImage = await mapImage(page);
    expect(await basemapSource(page)).toBe('district');
    const ownFillShare = shareOf(ownImage, districtFill);
    expect(ownFillShare, 'the sample paints its own district colour').toBeGreaterThan(0.15);

    const app = await AppDriver.open(page, `?district=${BASEMAP_E2E_DISTRICTS.pmtiles}`);
    await app.waitForMap();
    await expect.poll(() => basemapSource(page), { timeout: BASEMAP_TIMEOUT_MILLISECONDS }).toBe('pmtiles');
    await expect.poll(async () => shareOf(await mapImage(page), tileLike), { timeout: BASEMAP_TIMEOUT_MILLISECONDS, message: 'tile pixels on the map' }).toBeGreaterThan(0.3);
    const image = await mapImage(page);
    expect(shareOf(image, districtFill), 'the own district colour is gone').toBeLessThan(ownFillShare / 10);
    expect(shareOf(ownImage, tileLike), 'the sample has few tile-like pixels').toBeLessThan(0.3);
    expect(await canvasHasContent(page)).toBe(true);
    expect((await app.mapRenderedIds()).length, 'facility symbols stay on top').toBeGreaterThan(0);
    await expect(page.getByText(BASEMAP_ATTRIBUTION)).toBeVisible();
    await expect(page.getByText(zhCN.basemapUnavailable)).toHaveCount(0);
  });

  test('a style in the district folder that reads the archive through pmtiles:// is drawn as a style', async ({ page }) => {
    const app = await AppDriver.open(page, `?district=${BASEMAP_E2E_DISTRICTS.style}`);
    await app.waitForMap();
    await expect.poll(() => basemapSource(page), { timeout: BASEMAP_TIMEOUT_MILLISECONDS }).toBe('style');
    await expect.poll(async () => shareOf(await mapImage(page), tileLike), { timeout: BASEMAP_TIMEOUT_MILLISECONDS }).toBeGreaterThan(0.3);
  });

  test('a style that cannot be loaded leaves the district drawing, with a polite visible note that axe accepts', async ({ page }) => {
    const app = await AppDriver.open(page, `?district=${BASEMAP_E2E_DISTRICTS.broken}`);
    const note = page.getByRole('status').filter({ hasText: zhCN.basemapUnavailable });
    const statusRegions = page.getByRole('status');
    const regionsBefore = await statusRegions.count();
    await expect(note).toHaveCount(0);
    await app.waitForMap();
    await expect(note).toBeVisible({ timeout: BASEMAP_TIMEOUT_MILLISECONDS });
    // No region was added with the text: an existing polite region got it, which screen readers announce.
    expect(await statusRegions.count()).toBe(regionsBefore);
    expect(await basemapSource(page)).toBe('district');
    expect(shareOf(await mapImage(page), districtFill), 'the own district colour is drawn').toBeGreaterThan(0.15);
    await expectNoAxeViolations(page, { label: 'basemap note' });
  });

  test('a style whose tiles never load is taken away again: the district drawing and the note come back', async ({ page }) => {
    const app = await AppDriver.open(page, `?district=${BASEMAP_E2E_DISTRICTS.noTiles}`);
    await app.waitForMap();
    await expect(page.getByRole('status').filter({ hasText: zhCN.basemapUnavailable })).toBeVisible({ timeout: BASEMAP_TIMEOUT_MILLISECONDS });
    expect(await basemapSource(page)).toBe('district');
    await expect.poll(async () => shareOf(await mapImage(page), districtFill), { timeout: BASEMAP_TIMEOUT_MILLISECONDS }).toBeGreaterThan(0.15);
    await expect(page.getByText(BASEMAP_ATTRIBUTION)).toHaveCount(0);
  });
});
