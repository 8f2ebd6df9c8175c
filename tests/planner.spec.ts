import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

interface CellFeature {
  properties: { covered_network: boolean; covered_straight_line: boolean };
  geometry: { coordinates: [number, number][][] };
}

/** Percentages in a sentence, in order ("52.8%"), as numbers. */
const percentages = (text: string): number[] => [...text.matchAll(/(\d+(?:\.\d+)?)%/g)].map((match) => Number(match[1]));

async function downloadedText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).press('Enter');
  const download = await waiting;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test.describe('coverage for planners', () => {
  test('a keyboard-only planner runs an analysis, reads the summary and the table, proposes a toilet and hears the new figure', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await AppDriver.open(page, '?lang=en');
    await app.waitForMap();
    await app.tabUntil((description) => description.includes('Coverage for planners'));
    await page.keyboard.press('Enter');
    await expect(app.plannerHeading()).toBeFocused();

    const panel = app.plannerPanel();
    await app.chooseRadio(panel, 'How residents travel', 'Manual wheelchair');
    await app.tabUntil((description) => description.startsWith('input#') && description.includes('distance'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('500');
    await app.tabUntil((description) => description.includes('Analyse coverage'));
    await page.keyboard.press('Enter');
    // On the small sample the result comes before the politely queued "started" is read, so only the result is checked.
    await expect.poll(async () => (await app.announcements()).find((text) => text.startsWith('Analysis done.')), { timeout: 30_000 }).toBeTruthy();

    // The summary heard is the summary shown, and it counts what the table shows.
    const summary = (await panel.getByTestId('planner-summary').innerText()).trim();
    expect(await app.announcements()).toContain(`Analysis done. ${summary}`);
    const [, without, streets] = /^(\d+) of (\d+) streets have no accessible toilet within 500 m by manual wheelchair\.$/.exec(summary) ?? [];
    const table = panel.getByRole('table', { name: 'Streets, worst covered first' });
    const rows = table.locator('tbody tr');
    const cellTexts = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const measured = cellTexts.filter((cells) => !/ of 0$/.test(cells[0] ?? ''));
    expect(measured.length).toBe(Number(streets));
    expect(measured.filter((cells) => /^0 of /.test(cells[0] ?? '')).length).toBe(Number(without));
    // Worst first: the network share never falls down the table.
    const shares = measured.map((cells) => percentages(cells[1] ?? '')[0] ?? NaN);
    expect([...shares].sort((first, second) => first - second)).toEqual(shares);

    // The legend counts are the cells on the map.
    const drawn = await app.mapCoverageCounts();
    const legend = await panel.locator('.planner-legend li').allInnerTexts();
    expect(legend[0]).toContain(`${drawn.covered} cells`);
    expect(legend[1]).toContain(`${drawn.straight_line_only} cells`);
    expect(legend[2]).toContain(`${drawn.gap} cells`);
    expect(drawn.covered + drawn.straight_line_only + drawn.gap).toBeGreaterThan(0);

    // Exports: the cells as GeoJSON (the gaps among them), the table as CSV with one line per row.
    const cells = await downloadedText(page, 'Download cells (GeoJSON)');
    expect(cells.name).toMatch(/^coverage-sample-toilet\.wheelchair\.500\.geojson$/);
    const features = (JSON.parse(cells.text) as { features: CellFeature[] }).features;
    expect(features.filter((feature) => feature.properties.covered_network).length).toBe(drawn.covered);
    const csv = await downloadedText(page, 'Download table (CSV)');
    // A header, the whole district, then every area and street row the tables show.
    expect(csv.text.split('\r\n').filter((line) => line !== '').length).toBe(2 + (await panel.locator('.planner-result table tbody tr').count()));

    // What if: a toilet proposed in the middle of a gap cell, typed as longitude,latitude.
    const gap = features.find((feature) => !feature.properties.covered_network && !feature.properties.covered_straight_line)
      ?? features.find((feature) => !feature.properties.covered_network);
    if (!gap) throw new Error('the analysis left no gap to fill');
    const ring = gap.geometry.coordinates[0]!.slice(0, -1);
    const centre = [ring.reduce((sum, point) => sum + point[0], 0) / ring.length, ring.reduce((sum, point) => sum + point[1], 0) / ring.length];
    const shareBefore = percentages(await panel.getByTestId('planner-comparison').innerText())[0]!;
    // The exports come after the what-if in the panel: back up to the position field.
    await app.tabUntil((description) => description.startsWith('input#') && description.includes('propose'), 30, 'Shift+Tab');
    await page.keyboard.type(`${centre[0]!.toFixed(6)},${centre[1]!.toFixed(6)}`);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.announcements()).find((text) => text.startsWith('With 1 proposed:')), { timeout: 30_000 }).toBeTruthy();
    const heard = (await app.announcements()).find((text) => text.startsWith('With 1 proposed:')) ?? '';
    const [after, was] = percentages(heard);
    expect(was).toBe(shareBefore);
    expect(after!).toBeGreaterThan(was!);
    await expect(panel.getByTestId('planner-comparison')).toContainText(`${after!.toFixed(1)}%`);
    expect((await app.mapCoverageCounts()).proposed).toBe(1);
    await expect(panel.getByRole('list', { name: 'Proposed facilities' }).getByRole('listitem')).toHaveCount(1);

    const url = new URL(page.url());
    expect(url.searchParams.get('planner')).toBe('toilet.wheelchair.500');
  });

  test('a shared link opens the planner view and runs its analysis; Escape closes it and returns focus', async ({ page }) => {
    test.setTimeout(90_000);
    const app = await AppDriver.open(page, '?planner=elevator.walk.300.all');
    await expect(app.plannerHeading()).toBeVisible();
    await expect(page.getByRole('radio', { name: '无障碍电梯' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /只计算正常使用的设施/ })).not.toBeChecked();
    await expect(app.plannerPanel().getByTestId('planner-summary')).toContainText('300 米内没有无障碍电梯（步行）', { timeout: 30_000 });
    await app.plannerHeading().focus();
    await page.keyboard.press('Escape');
    await expect(app.plannerPanel()).toHaveCount(0);
    await expect(page.locator('#planner-open')).toBeFocused();
    expect(new URL(page.url()).searchParams.get('planner')).toBeNull();
  });

  test('says what is wrong with a distance, takes focus to the problem, and changes nothing', async ({ page }) => {
    const app = await AppDriver.open(page, '?lang=en');
    await page.getByRole('button', { name: 'Coverage for planners' }).click();
    const distance = app.plannerPanel().getByRole('textbox', { name: 'Distance along the network, in metres' });
    await distance.fill('20000');
    await page.getByRole('button', { name: 'Analyse coverage' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText('Enter a distance in metres from 50 to 3000, like 300');
    await expect(distance).toHaveAttribute('aria-invalid', 'true');
    await summary.getByRole('link').press('Enter');
    await expect(distance).toBeFocused();
    await expect(app.plannerPanel().getByTestId('planner-summary')).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get('planner')).toBe('toilet.wheelchair.300');
  });

  test('the planner reads where the network breaks, counted as the command line counts them, and brings one under the crosshair', async ({ page }) => {
    test.setTimeout(90_000);
    const app = await AppDriver.open(page, '?lang=en&planner=toilet.wheelchair.300');
    await app.waitForMap();
    const section = app.plannerPanel().locator('.planner-diagnostics');
    const table = section.getByRole('table', { name: 'Findings by kind' });
    await expect(table).toBeVisible({ timeout: 30_000 });
    // The same core run by `bfmap coverage --diagnostics` on the district's files, not on network.bin.
    const cli = JSON.parse(execFileSync('node', ['bin/bfmap.js', 'coverage', '--data', 'data/sample', '--category', 'toilets', '--within', '300', '--profile', 'wheelchair', '--diagnostics'], { encoding: 'utf8' })) as { diagnostics: { counts: Record<string, number> } };
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.querySelector('td')?.textContent)));
    expect(shown).toEqual(Object.values(cli.diagnostics.counts));
    expect(shown.some((count) => count > 0)).toBe(true);

    const kind = section.locator('details').filter({ hasText: 'Crossing with a kerb ramp at one end only' });
    await kind.locator('summary').focus();
    await page.keyboard.press('Enter');
    const first = kind.getByRole('button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await app.waitForAnnouncement(/^Now at the map centre: /);
    const place = ((await first.innerText()).split('Show on the map: ')[1] ?? '').trim();
    expect((await app.announcements()).at(-1)).toBe(`Now at the map centre: ${place}`);
  });

  test('axe finds no violations on the planner view with a result and a proposed facility', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await AppDriver.open(page, '?lang=en&planner=toilet.wheelchair.300');
    await app.waitForMap();
    const panel = app.plannerPanel();
    await expect(panel.getByTestId('planner-summary')).toBeVisible({ timeout: 30_000 });
    await panel.getByRole('button', { name: /^Propose a new accessible toilet at the map centre$/ }).click();
    await expect(panel.getByRole('list', { name: 'Proposed facilities' }).getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
    await expectNoAxeViolations(page, { label: 'planner view' });
  });
});
