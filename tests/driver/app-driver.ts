// The domain driver for e2e specs: user verbs over the page, so specs read like sentences.
// Only this file and tests/support/ know selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import { installAnnouncementRecorder, announcements, waitForAnnouncement } from '../support/live-region.ts';
import { waitForMapLoaded } from '../support/map.ts';

export class AppDriver {
  constructor(readonly page: Page) {}

  static async open(page: Page, search = ''): Promise<AppDriver> {
    await installAnnouncementRecorder(page);
    await page.goto(`/${search}`);
    const driver = new AppDriver(page);
    // A real district lists thousands of facilities; on a loaded 2-core machine that takes seconds.
    await expect(driver.allFacilityButtons().first()).toBeVisible({ timeout: 20_000 });
    return driver;
  }

  async waitForMap(): Promise<void> {
    await waitForMapLoaded(this.page);
  }

  allFacilityButtons(): Locator {
    return this.page.locator('button[data-list="all"]');
  }

  inViewButtons(): Locator {
    return this.page.locator('button[data-list="in-view"]');
  }

  mapCanvas(): Locator {
    return this.page.locator('[data-map-state] canvas');
  }

  searchInput(): Locator {
    return this.page.getByRole('combobox', { name: /搜索设施和地点|Search facilities and places/ });
  }

  searchOptions(): Locator {
    return this.page.getByRole('listbox').getByRole('option');
  }

  detailsHeading(): Locator {
    return this.page.locator('#details-heading');
  }

  routePanel(): Locator {
    return this.page.locator('.route-planner');
  }

  routeHeading(): Locator {
    return this.routePanel().getByRole('heading', { level: 2 });
  }

  routeField(label: string): Locator {
    return this.routePanel().getByRole('textbox', { name: label, exact: true });
  }

  routeSteps(): Locator {
    return this.routePanel().locator('ol.route-steps > li');
  }

  /** Tabs to the checked profile radio and arrows to the one named, as a keyboard user does. */
  async chooseProfile(name: string): Promise<void> {
    for (let step = 0; step < 20; step += 1) {
      await this.page.keyboard.press('Tab');
      if (await this.page.evaluate(() => document.activeElement?.matches('.profile-choice input[type="radio"]') ?? false)) break;
    }
    const radios = this.routePanel().locator('.profile-choice input[type="radio"]');
    const count = await radios.count();
    for (let step = 0; step < count; step += 1) {
      if (await this.page.getByRole('radio', { name, exact: true }).isChecked()) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`No profile named ${name}`);
  }

  plannerPanel(): Locator {
    return this.page.locator('.planner-panel');
  }

  plannerHeading(): Locator {
    return this.plannerPanel().getByRole('heading', { level: 2 });
  }

  /** Tabs into a radio group inside `container` and arrows to the radio named, as a keyboard user does. */
  async chooseRadio(container: Locator, legend: string, name: string): Promise<void> {
    const group = container.getByRole('group', { name: legend });
    for (let step = 0; step < 30; step += 1) {
      await this.page.keyboard.press('Tab');
      if (await group.evaluate((element) => element.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement)) break;
    }
    const count = await group.getByRole('radio').count();
    for (let step = 0; step < count; step += 1) {
      if (await group.getByRole('radio', { name, exact: true }).isChecked()) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`No radio named ${name} under ${legend}`);
  }

  async mapFacilityStatus(facilityId: string): Promise<string | null> {
    return this.page.evaluate((id) => window.__bfmap?.facilityStatusOnMap(id) ?? null, facilityId);
  }

  /** Coverage cells drawn on the map by class, and proposed facilities. */
  async mapCoverageCounts(): Promise<{ covered: number; straight_line_only: number; gap: number; proposed: number }> {
    return this.page.evaluate(() => window.__bfmap?.coverageCounts() ?? { covered: 0, straight_line_only: 0, gap: 0, proposed: 0 });
  }

  async mapRouteCoordinateCount(): Promise<number> {
    return this.page.evaluate(() => window.__bfmap?.routeCoordinateCount() ?? 0);
  }

  async focusedDescription(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return 'body';
      const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
      const list = element.getAttribute('data-list');
      const role = element.getAttribute('role');
      const marker = (list ? `[facility:${list}]` : '') + (role ? `[role=${role}]` : '');
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${marker}:${label.trim().replace(/\s+/g, ' ').slice(0, 60)}`;
    });
  }

  async focusedFacilityId(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-facility-id') ?? null);
  }

  async listedIds(list: 'all' | 'in-view'): Promise<string[]> {
    return this.page.locator(`button[data-list="${list}"]`).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-facility-id') ?? ''));
  }

  async mapSourceIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__bfmap?.sourceFacilityIds() ?? []);
  }

  async mapRenderedIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__bfmap?.renderedFacilityIds() ?? []);
  }

  async toggleLayer(name: RegExp): Promise<void> {
    await this.page.getByRole('checkbox', { name }).press('Space');
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  announcements(): Promise<string[]> {
    return announcements(this.page);
  }

  waitForAnnouncement(matcher: RegExp | string, timeoutMs = 5000): Promise<unknown> {
    return waitForAnnouncement(this.page, matcher, timeoutMs);
  }

  /** Presses Tab (or Shift+Tab, to go back) until focus lands on an element matching `predicate`, at most `limit` times. */
  async tabUntil(predicate: (description: string) => boolean, limit = 60, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<string> {
    for (let step = 0; step < limit; step += 1) {
      await this.page.keyboard.press(key);
      const description = await this.focusedDescription();
      if (predicate(description)) return description;
    }
    throw new Error(`Focus never reached the expected element within ${limit} Tab presses`);
  }

  // Fault reports (issue 6)

  reportForm(): Locator {
    return this.page.locator('.report-form');
  }

  reportHeading(): Locator {
    return this.reportForm().getByRole('heading', { level: 2 });
  }

  reportErrorSummary(): Locator {
    return this.reportForm().locator('.error-summary');
  }

  reportQueue(): Locator {
    return this.page.getByRole('region', { name: /待发送的报告|Reports waiting to be sent/ });
  }

  reportPage(): Locator {
    return this.page.locator('.report-page');
  }

  // Staff screens (issue 6)

  staffSignInForm(): Locator {
    return this.page.locator('.staff-sign-in');
  }

  staffSignInErrorSummary(): Locator {
    return this.staffSignInForm().locator('.error-summary');
  }

  reportActions(): Locator {
    return this.page.locator('.report-actions');
  }

  workPanel(): Locator {
    return this.page.locator('.work-panel');
  }

  /** Signs in through the banner's form with the keyboard only: Tab to the button, type, Enter. */
  async signInWithKeyboard(account: { username: string; password: string }): Promise<void> {
    await this.tabUntil((focused) => focused.startsWith('button#staff-sign-in-open'));
    await this.press('Enter');
    await expect(this.staffSignInForm().getByRole('heading', { level: 2 })).toBeFocused();
    await this.tabUntil((focused) => focused.startsWith('input#staff-sign-in-username'));
    await this.page.keyboard.type(account.username);
    await this.press('Tab');
    await this.page.keyboard.type(account.password);
    await this.press('Enter');
  }

  /** Fills the note on a report's page and presses the button of the transition to `to`. */
  async actOnReport(to: string, fields: { note?: string; unit?: string } = {}): Promise<void> {
    if (fields.note !== undefined) await this.page.locator('#staff-note').fill(fields.note);
    if (fields.unit !== undefined) await this.page.locator('#staff-assignedUnitId').fill(fields.unit);
    await this.reportActions().locator(`button[data-transition="${to}"]`).focus();
    await this.press('Enter');
  }

  /** Types in search, takes the first result with the keyboard and returns the opened facility's id (from the URL). */
  async openFacilityFromSearch(text: string, announced: RegExp): Promise<string> {
    await this.searchInput().focus();
    await this.page.keyboard.type(text);
    await this.waitForAnnouncement(announced);
    await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
    await expect(this.detailsHeading()).toBeFocused();
    await expect.poll(() => new URL(this.page.url()).searchParams.get('facility')).not.toBeNull();
    return new URL(this.page.url()).searchParams.get('facility') ?? '';
  }

  /** Every public report the server lists for a facility, following its pages. */
  async serverReportsFor(facilityId: string): Promise<{ id: string; description: string; status: string }[]> {
    const reports: { id: string; description: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ facility: facilityId, limit: '100', ...(cursor === null ? {} : { cursor }) });
      const answer = await this.page.request.get(`/api/reports?${query.toString()}`);
      expect(answer.status()).toBe(200);
      const page = (await answer.json()) as { reports: { id: string; description: string; status: string }[]; nextCursor: string | null };
      reports.push(...page.reports);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return reports;
  }
}
