import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppDriver } from './driver/app-driver.ts';

// Imported from ../shared/data/osm/paris-marais.osm by scripts/e2e-data.ts before the e2e build.
const DISTRICT = 'test-paris-marais';
const folder = resolve(import.meta.dirname, '..', 'test-results', 'e2e-data', DISTRICT);
const manifest = JSON.parse(readFileSync(join(folder, 'district.json'), 'utf8')) as { center: [number, number]; counts: { ramps: number; toilets: number; elevators: number; tactilePaving: number } };

test.describe('a district imported from OpenStreetMap', () => {
  test('is listed beside the sample, and its facilities are listed and drawn alike', async ({ page }) => {
    const app = await AppDriver.open(page, `?district=${DISTRICT}`);
    await expect(page.getByRole('combobox', { name: '街区' })).toHaveValue(DISTRICT);
    await expect(page.getByText('示例数据（虚构），不是真实设施')).toHaveCount(0);
    const facilityCount = manifest.counts.ramps + manifest.counts.toilets + manifest.counts.elevators + manifest.counts.tactilePaving;
    await expect(app.allFacilityButtons()).toHaveCount(facilityCount);
    await app.waitForMap();
    expect((await app.mapSourceIds()).sort()).toEqual((await app.listedIds('all')).sort());
    await expect(page.locator('.footer')).toContainText('OpenStreetMap');
  });

  test('routes a walker across the real footway network', async ({ page }) => {
    const [longitude, latitude] = manifest.center;
    const to = `${(longitude + 0.004).toFixed(5)},${(latitude + 0.002).toFixed(5)}`;
    const app = await AppDriver.open(page, `?district=${DISTRICT}&from=${longitude.toFixed(5)},${latitude.toFixed(5)}&to=${to}&profile=walk`);
    await page.getByRole('button', { name: '查找路线' }).click();
    await app.waitForAnnouncement(/找到路线/);
    await expect(app.routeSteps().last()).toContainText('到达');
    expect(await app.routeSteps().count()).toBeGreaterThan(2);
  });
});
