import { test, expect } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

test.describe('search', () => {
  test('a keyboard-only user types Chinese, hears the count, picks a result and reaches its details', async ({ page }) => {
    const app = await AppDriver.open(page);
    const input = app.searchInput();
    await input.focus();
    await page.keyboard.type('卫生间');
    const count = String(await app.waitForAnnouncement(/找到 \d+ 个结果/));
    const announced = Number(/找到 (\d+) 个结果/.exec(count)?.[1]);
    const options = app.searchOptions();
    await expect(options).toHaveCount(announced);
    // Nothing is selected until the user moves; focus stays in the input.
    await expect(app.searchOptions().and(page.locator('[aria-selected="true"]'))).toHaveCount(0);
    await page.keyboard.press('ArrowDown');
    await expect(input).toBeFocused();
    const active = app.searchOptions().and(page.locator('[aria-selected="true"]'));
    await expect(active).toHaveCount(1);
    await expect(input).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id')) ?? '');
    const chosenName = (await active.locator('.facility-name').innerText()).trim();
    expect(chosenName).toContain('卫生间');

    await page.keyboard.press('Enter');
    await expect(app.detailsHeading()).toBeFocused();
    await expect(app.detailsHeading()).toContainText(chosenName);
    expect(page.url()).toContain('facility=');
    await page.keyboard.press('Escape');
    await expect(input).toBeFocused();
  });

  test('finds by pinyin, initials and English with a typo, and says so when nothing matches', async ({ page }) => {
    const app = await AppDriver.open(page);
    const input = app.searchInput();
    for (const query of ['weishengjian', 'wsj', 'accesible toilet']) {
      await input.fill(query);
      await expect(app.searchOptions().first()).toContainText(/卫生间/);
    }
    await input.fill('zzzzqqqq');
    await app.waitForAnnouncement('没有找到结果');
    await expect(page.getByRole('listbox')).toContainText('没有找到结果');
  });

  test('Escape closes the list and keeps the text; the query is in the URL', async ({ page }) => {
    const app = await AppDriver.open(page);
    const input = app.searchInput();
    await input.fill('电梯');
    await expect(page.getByRole('listbox')).toBeVisible();
    await input.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(input).toHaveValue('电梯');
    await expect(input).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('电梯');
  });

  test('axe finds no violations with the listbox open', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await AppDriver.open(page);
    await app.waitForMap();
    const input = app.searchInput();
    await input.fill('电梯');
    await input.press('ArrowDown');
    await expect(page.getByRole('listbox')).toBeVisible();
    await expectNoAxeViolations(page, { label: 'search open' });
  });
});

test.describe('filters and nearby', () => {
  test('"only in map view" keeps the list to what the map shows, and is in the URL', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    const everything = (await app.listedIds('all')).length;
    await page.getByRole('checkbox', { name: '只显示地图视野内的设施' }).press('Space');
    await expect.poll(async () => (await app.listedIds('all')).length).toBeLessThan(everything);
    expect(new URL(page.url()).searchParams.get('inview')).toBe('1');
    expect((await app.listedIds('all')).sort()).toEqual((await app.listedIds('in-view')).sort());
  });

  test('nearby lists the nearest of a category from a chosen point when location is denied', async ({ page, context }) => {
    await context.clearPermissions();
    const app = await AppDriver.open(page);
    await page.getByLabel('设施类别').selectOption('elevator');
    await page.getByRole('button', { name: '查找附近' }).click();
    await app.waitForAnnouncement(/无法获取你的位置|附近有/);
    const nearby = page.locator('button[data-list="nearby"]');
    await expect(nearby.first()).toBeVisible();
    const texts = await nearby.allInnerTexts();
    expect(texts.every((text) => text.includes('无障碍电梯'))).toBe(true);
    await expect(page.getByText(/从地图中心出发最近的设施/)).toBeVisible();
  });
});
