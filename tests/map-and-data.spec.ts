import { test, expect } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { canvasHasContent } from './support/map.ts';

const sorted = (ids: string[]) => [...ids].sort();

test.describe('the map and the list', () => {
  test('draw exactly the same facilities, also after filtering', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    expect(await canvasHasContent(page)).toBe(true);
    const listed = await app.listedIds('all');
    expect(listed.length).toBeGreaterThan(10);
    expect(sorted(await app.mapSourceIds())).toEqual(sorted(listed));

    await app.toggleLayer(/^坡道/);
    await expect.poll(async () => sorted(await app.mapSourceIds())).toEqual(sorted(await app.listedIds('all')));
    expect((await app.listedIds('all')).some((id) => id.includes('ramp'))).toBe(false);
  });

  test('the in-view list names what the map renders in view', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await expect.poll(async () => (await app.listedIds('in-view')).length).toBeGreaterThan(0);
    const rendered = new Set(await app.mapRenderedIds());
    const inView = await app.listedIds('in-view');
    const missing = inView.filter((id) => !rendered.has(id));
    // Symbols right at the edge may be half outside; allow very few.
    expect(missing.length).toBeLessThanOrEqual(Math.ceil(inView.length * 0.05));
  });

  test('a shared link restores language, layers and the open facility', async ({ page }) => {
    const first = await AppDriver.open(page);
    const toiletId = (await first.listedIds('all')).find((id) => id.includes('toilet'));
    expect(toiletId).toBeDefined();
    const app = await AppDriver.open(page, `?lang=en&layers=toilet&facility=${encodeURIComponent(toiletId ?? '')}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const listed = await app.listedIds('all');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((id) => id.includes('toilet'))).toBe(true);
    await expect(app.detailsHeading()).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Ramp/ })).not.toBeChecked();
  });
});

test.describe('a dataset with a broken layer', () => {
  test('names the broken file and still shows every other layer', async ({ page }) => {
    await page.route('**/data/sample/tactile-paving.geojson', (route) => route.fulfill({ status: 200, contentType: 'application/geo+json', body: '{"type":"FeatureCollection","features":[{"type":' }));
    const app = await AppDriver.open(page);
    const alert = page.getByRole('alert').filter({ hasText: '盲道图层无法加载' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('tactile-paving.geojson');
    const listed = await app.listedIds('all');
    expect(listed.some((id) => id.includes('toilet'))).toBe(true);
    expect(listed.some((id) => id.includes('ramp'))).toBe(true);
    expect(listed.some((id) => id.includes('tactile'))).toBe(false);
    await app.waitForMap();
  });

  test('reports a bad feature with its file and id and keeps the good ones', async ({ page }) => {
    let badId = '';
    let goodCount = 0;
    await page.route('**/data/sample/toilets.geojson', async (route) => {
      const response = await route.fetch();
      const collection = await response.json() as { features: { properties: { id: string }; geometry: { coordinates: number[] } }[] };
      const bad = collection.features[0];
      if (bad) { badId = bad.properties.id; bad.geometry.coordinates = [500, 31]; }
      goodCount = collection.features.length - 1;
      await route.fulfill({ response, json: collection });
    });
    const app = await AppDriver.open(page);
    const listedToilets = (await app.listedIds('all')).filter((id) => id.includes('toilet'));
    expect(listedToilets).toHaveLength(goodCount);
    expect(listedToilets).not.toContain(badId);
    const problems = page.locator('#data-problems');
    await expect(problems).toContainText('toilets.geojson');
    await expect(problems).toContainText(badId);
  });
});
