import { test, expect } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';

test.describe('a keyboard-only user', () => {
  test('reaches the list by the skip link, opens a facility, hears it described and gets focus back on Escape', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();

    await app.press('Tab');
    expect(await app.focusedDescription()).toContain('跳到设施列表');
    await app.press('Enter');
    await app.press('Tab');
    const facilityId = await app.focusedFacilityId();
    expect(facilityId).not.toBeNull();
    const itemText = (await page.locator(`button[data-list="all"][data-facility-id="${facilityId}"]`).innerText()).replace(/\s+/g, ' ');

    await app.press('Enter');
    await expect(app.detailsHeading()).toBeFocused();
    const heading = (await app.detailsHeading().innerText()).trim();
    expect(itemText).toContain(heading);
    // The announcement carries name, category, status, distance and direction.
    const announcement = String(await app.waitForAnnouncement(/已打开详情/));
    expect(announcement).toContain(heading);
    expect(announcement).toMatch(/坡道|无障碍卫生间|无障碍电梯|盲道/);
    expect(announcement).toMatch(/正常|停用|状态未知/);
    expect(announcement).toMatch(/就在附近|\d+ 米|[\d.]+ 公里/);
    expect(announcement).toMatch(/就在附近|(北|南|东|西|东北|东南|西北|西南)方向/);

    await app.press('Escape');
    await expect(app.detailsHeading()).toHaveCount(0);
    expect(await app.focusedFacilityId()).toBe(facilityId);
  });

  test('pans and zooms the map from the keyboard and hears the change', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await app.mapCanvas().focus();
    await expect(app.mapCanvas()).toHaveAttribute('role', 'application');
    const before = await page.evaluate(() => window.__bfmap?.getView() ?? null);

    await app.press('ArrowRight');
    const moved = String(await app.waitForAnnouncement(/地图已向东/));
    expect(moved).toMatch(/视野内 \d+ 个设施/);
    const afterPan = await page.evaluate(() => window.__bfmap?.getView() ?? null);
    expect(afterPan?.center[0]).toBeGreaterThan(before?.center[0] ?? Infinity);

    await app.press('Equal');
    await app.waitForAnnouncement(/缩放级别/);
    const afterZoom = await page.evaluate(() => window.__bfmap?.getView() ?? null);
    expect(afterZoom?.zoom).toBeGreaterThan(afterPan?.zoom ?? Infinity);
  });

  test('finds the facilities in view right after the map and moves through them with arrows', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await app.mapCanvas().focus();
    // At most a handful of stops inside the map area (controls, pan toolbar, keys) before the in-view list.
    let stopsInMapArea = 0;
    while ((await page.evaluate(() => document.activeElement?.getAttribute('data-list'))) !== 'in-view') {
      await app.press('Tab');
      stopsInMapArea += 1;
      expect(stopsInMapArea).toBeLessThanOrEqual(6);
    }
    const first = await app.focusedFacilityId();
    await app.press('ArrowDown');
    const second = await app.focusedFacilityId();
    expect(second).not.toBe(first);
    const ids = await app.listedIds('in-view');
    expect(ids.indexOf(second ?? '')).toBe(ids.indexOf(first ?? '') + 1);
    await app.press('Enter');
    await expect(app.detailsHeading()).toBeFocused();
    await app.press('Escape');
    expect(await app.focusedFacilityId()).toBe(second);
  });

  test('tabs through the whole page without a trap and comes back to the start', async ({ page }) => {
    // Several hundred Tab presses: every facility of the district is a stop in the main list; on a
    // loaded 2-core machine each takes a few hundred milliseconds.
    test.setTimeout(360_000);
    const app = await AppDriver.open(page);
    await app.waitForMap();
    const stops: string[] = [];
    for (let step = 0; step < 1500; step += 1) {
      await app.press('Tab');
      const description = await app.focusedDescription();
      if (stops.length > 0 && description === stops[0]) break;
      stops.push(description);
    }
    expect(stops.length).toBeLessThan(1500);
    const firstIndex = (pattern: RegExp) => stops.findIndex((stop) => pattern.test(stop));
    const order = [/跳到设施列表/, /跳到地图/, /English/, /\[role=combobox\]/, /^input:/, /查找附近/, /使用我的位置/, /\[facility:all\]/, /^canvas/, /\[facility:in-view\]/];
    const positions = order.map(firstIndex);
    for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((first, second) => first - second)).toEqual(positions);
  });
});
