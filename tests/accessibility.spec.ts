import { test, expect } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

test.describe('axe finds no WCAG 2.2 A/AA violations', () => {
  // axe walks every one of the ~700 list items of the sample district; that takes a while on 2 cores.
  test.describe.configure({ timeout: 120_000 });
  test('on the list and map in Chinese', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await expectNoAxeViolations(page, { label: 'initial zh' });
  });

  test('in English with a facility open', async ({ page }) => {
    const app = await AppDriver.open(page, '?lang=en');
    await app.waitForMap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await app.allFacilityButtons().first().click();
    await expect(app.detailsHeading()).toBeFocused();
    await expectNoAxeViolations(page, { label: 'details en' });
  });

  test('with the map keys shown and every layer hidden', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await page.getByRole('button', { name: '显示地图按键' }).click();
    for (const name of [/^坡道/, /^无障碍卫生间/, /^无障碍电梯/, /^盲道/]) await app.toggleLayer(name);
    await expect(page.getByText('当前筛选条件下没有设施。')).toBeVisible();
    await expectNoAxeViolations(page, { label: 'keys + empty' });
  });

  test('at 320 CSS px wide, with no horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    const app = await AppDriver.open(page);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page, { label: '320 list' });
    await page.getByRole('button', { name: '地图', exact: true }).click();
    await app.waitForMap();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page, { label: '320 map' });
  });
});

test.describe('what axe cannot see', () => {
  test('every target is at least 24 by 24 CSS px', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    const small = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]')]
      .filter((element) => element.offsetParent !== null && !element.classList.contains('skip-link'))
      .map((element) => ({ text: (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim().slice(0, 40), box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ text, box }) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`));
    expect(small).toEqual([]);
  });

  test('forced colours keep a visible focus outline, and reduced motion is honoured', async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await app.allFacilityButtons().first().focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.width).toBeGreaterThanOrEqual(2);
    expect(outline.style).not.toBe('none');
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  });

  test('the live region exists from load, is polite and announces nothing until the user acts', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    const region = page.locator('[data-live-region]');
    await expect(region).toHaveCount(1);
    await expect(region).toHaveAttribute('aria-live', 'polite');
    await page.waitForTimeout(800);
    expect(await app.announcements()).toEqual([]);
    await app.toggleLayer(/^坡道/);
    await app.waitForAnnouncement(/显示 \d+ 个设施/);
  });
});
