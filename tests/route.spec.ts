import { test, expect } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

// A point on a sidewalk of the sample district, typed as a resident would: longitude,latitude.
const TYPED_ORIGIN = '121.4700,31.2300';

test.describe('route guidance', () => {
  test('a keyboard-only user picks a toilet from search, asks for a wheelchair route from a typed point and steps through it', async ({ page }) => {
    test.setTimeout(90_000);
    const app = await AppDriver.open(page);
    const input = app.searchInput();
    await input.focus();
    await page.keyboard.type('卫生间');
    await app.waitForAnnouncement(/找到 \d+ 个结果/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(app.detailsHeading()).toBeFocused();
    // The heading starts with the symbol's own text (WC); the name is its last line.
    const toiletName = (await app.detailsHeading().innerText()).trim().split('\n').at(-1) ?? '';

    await app.tabUntil((description) => description.includes('到这里的路线'));
    await page.keyboard.press('Enter');
    await expect(app.routeHeading()).toBeFocused();
    await expect(app.routePanel()).toContainText(`已选择：${toiletName}`);

    // The profile radios: Tab reaches the checked one, arrows choose.
    await app.chooseProfile('手动轮椅');
    await app.tabUntil((description) => description.startsWith('input#route-from'));
    await page.keyboard.type(TYPED_ORIGIN);
    await app.tabUntil((description) => description.includes('查找路线'));
    await page.keyboard.press('Enter');
    await app.waitForAnnouncement(/找到路线/);

    const steps = app.routeSteps();
    const total = await steps.count();
    expect(total).toBeGreaterThan(1);
    await expect(steps.first()).toHaveAttribute('aria-current', 'step');
    await app.tabUntil((description) => description.includes('下一步'));
    await page.keyboard.press('Enter');
    await app.waitForAnnouncement(new RegExp(`第 2 步，共 ${total} 步：`));
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(steps.first()).not.toHaveAttribute('aria-current', 'step');
    await app.tabUntil((description) => description.includes('重复本步'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.announcements()).filter((text) => text.startsWith('第 2 步')).length).toBeGreaterThanOrEqual(2);
    // The last step says the user has arrived.
    await expect(steps.last()).toContainText('到达');

    const url = new URL(page.url());
    expect(url.searchParams.get('profile')).toBe('wheelchair');
    expect(url.searchParams.get('from')).toBe('121.47,31.23');
    expect(url.searchParams.get('to')).toMatch(/^121\.\d+,31\.\d+$/);
  });

  test('a shared link restores the route and its profile, and the map draws it with the current step', async ({ page }) => {
    const app = await AppDriver.open(page, '?from=121.47,31.23&to=121.475,31.232&profile=blind');
    await app.waitForMap();
    await expect(app.routePanel()).toBeVisible();
    await expect(page.getByRole('radio', { name: '视障（盲人或低视力）' })).toBeChecked();
    // "Use the map centre" takes the point under the crosshair.
    await expect(page.locator('.map-crosshair')).toBeVisible();
    await page.getByRole('button', { name: '查找路线' }).click();
    await app.waitForAnnouncement(/找到路线/);
    await expect.poll(() => app.mapRouteCoordinateCount()).toBeGreaterThan(1);
  });

  test('says what is missing when a point is not given, and takes focus to the problem', async ({ page }) => {
    const app = await AppDriver.open(page);
    await page.getByRole('button', { name: '规划路线' }).click();
    await expect(app.routeHeading()).toBeFocused();
    await page.getByRole('button', { name: '查找路线' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['请输入起点：经度,纬度，例如 121.4700,31.2300', '请输入终点：经度,纬度，例如 121.4700,31.2300']);
    await expect(app.routeField('起点')).toHaveAttribute('aria-invalid', 'true');
  });

  test('axe finds no violations on the route panel with a route shown', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await AppDriver.open(page, '?from=121.47,31.23&to=121.475,31.232&profile=wheelchair');
    await app.waitForMap();
    await page.getByRole('button', { name: '查找路线' }).click();
    await app.waitForAnnouncement(/找到路线|没有路线/);
    await page.locator('.route-limits summary').click();
    await expectNoAxeViolations(page, { label: 'route panel' });
  });
});
