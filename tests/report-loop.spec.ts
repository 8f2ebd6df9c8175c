// The whole rectification loop of issue 6 over the real server: a signed-in inspector files a
// report from the keyboard (correcting an error on the way), a reviewer verifies it, the map and the
// router treat the elevator as out of service, the responsible unit fixes it, and a second
// inspector re-inspects and closes it. Staff steps go through the HTTP API (the staff screens are
// not built yet); what residents see is checked in the app.
import { test, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppDriver } from './driver/app-driver.ts';

const ELEVATOR_ID = 'sample:elevator:0001';
// The street below the footbridge's south elevator, and the middle of the footbridge deck: step-free
// only by that elevator (the north one is out of service in the data).
const STREET = '121.47785,31.22975';
const DECK = '121.4776724,31.23';
const STORAGE = ['--data-dir', 'test-results/e2e-var'];

interface Account { username: string; password: string }

function addUser(role: string, extra: string[] = []): Account {
  const account = { username: `${role}-${randomUUID().slice(0, 8)}`, password: `pass-${randomUUID()}` };
  execFileSync('node', ['bin/bfmap.js', 'user', 'add', '--username', account.username, '--role', role, ...extra, ...STORAGE], { input: `${account.password}\n` });
  return account;
}

/** A staff member signed in on a request context of their own, sending the CSRF token with every change. */
async function staff(baseURL: string, account: Account): Promise<{
  transition(reportId: string, body: Record<string, unknown>): Promise<number>;
  view(reportId: string): Promise<{ view: string; report: { reporterId?: string | null } }>;
}> {
  const context: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  const signIn = await context.post('/api/session', { data: account });
  expect(signIn.status()).toBe(200);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return {
    async view(reportId) {
      return (await (await context.get(`/api/reports/${reportId}`)).json()) as { view: string; report: { reporterId?: string | null } };
    },
    async transition(reportId, body) {
      const current = (await (await context.get(`/api/reports/${reportId}`)).json()) as { report: { version: number } };
      const answer = await context.post(`/api/reports/${reportId}/transitions`, { data: { ...body, expectedVersion: current.report.version }, headers: { 'X-CSRF-Token': csrfToken } });
      return answer.status();
    },
  };
}

test('an inspector files a report from the keyboard, a reviewer verifies it, map and router avoid the elevator, the unit fixes it, a second inspector closes it', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const unitId = `unit-${randomUUID().slice(0, 8)}`;
  const inspector = addUser('inspector');
  const secondInspector = addUser('inspector');
  const reviewer = addUser('reviewer');
  const unit = addUser('responsible_unit', ['--unit', unitId]);
  const description = `电梯按钮无反应，无法使用。${randomUUID()}`;

  // The inspector is signed in in this browser before the app loads.
  expect((await page.request.post('/api/session', { data: inspector })).status()).toBe(200);
  const app = await AppDriver.open(page, `?facility=${encodeURIComponent(ELEVATOR_ID)}`);
  await expect(page.locator('.signed-in')).toContainText('已登录');
  await expect(app.detailsHeading()).toBeFocused({ timeout: 20_000 });

  // Before: the wheelchair route to the deck takes this elevator.
  await app.tabUntil((focused) => focused.includes('报告问题'));
  await app.press('Enter');
  await expect(app.reportHeading()).toBeFocused();
  // The elevator's category, then its first fault, "out of service".
  await app.tabUntil((focused) => focused.startsWith('input#report-category-elevator'));
  await app.press('Space');
  await app.press('Tab');
  await expect(page.locator('#report-fault-out_of_service')).toBeFocused();
  await app.press('Space');
  await expect(page.locator('#report-out-of-service')).toBeChecked();
  await app.tabUntil((focused) => focused.startsWith('input#report-severity-1'));
  await app.press('ArrowDown');
  await app.press('ArrowDown');
  await expect(page.locator('#report-severity-3')).toBeChecked();
  await app.tabUntil((focused) => focused.startsWith('input#report-permanence-temporary'));
  await app.press('Space');
  // Sent without a description: the error summary takes focus and leads to the field.
  await app.tabUntil((focused) => focused.includes('提交报告'));
  await app.press('Enter');
  await expect(app.reportErrorSummary()).toBeFocused();
  await app.press('Tab');
  await app.press('Enter');
  await expect(page.locator('#report-description')).toBeFocused();
  await page.keyboard.type(description);
  await app.tabUntil((focused) => focused.includes('提交报告'));
  await app.press('Enter');
  await expect(app.reportForm().getByRole('heading', { name: '报告已提交' })).toBeFocused({ timeout: 30_000 });
  const stored = (await app.serverReportsFor(ELEVATOR_ID)).filter((report) => report.description === description);
  expect(stored).toHaveLength(1);
  const reportId = stored[0]!.id;
  expect(stored[0]!.status).toBe('submitted');

  // Filed by the signed-in inspector, not anonymously: the reviewer's full view carries the account.
  const reviewing = await staff(baseURL!, reviewer);
  const seen = await reviewing.view(reportId);
  expect(seen.view).toBe('full');
  expect(seen.report.reporterId).toEqual(expect.any(String));
  expect(await reviewing.transition(reportId, { to: 'verified', note: '现场核实：电梯停用' })).toBe(200);

  // Verified and out of service: list, details and map say so, and the wheelchair route has no way up.
  await page.goto(`/?facility=${encodeURIComponent(ELEVATOR_ID)}`);
  await expect(app.detailsHeading()).toBeFocused({ timeout: 20_000 });
  await expect(page.locator('.details-facts')).toContainText('停用');
  await expect(page.locator('.details-facts')).toContainText('已核实的问题报告：停用或故障');
  await app.waitForMap();
  await expect.poll(() => app.mapFacilityStatus(ELEVATOR_ID)).toBe('out_of_service');
  await page.goto(`/?from=${STREET}&to=${DECK}&profile=wheelchair`);
  await page.getByRole('button', { name: '查找路线' }).click();
  await expect(app.routePanel().locator('.route-summary')).toContainText('要经过停用的电梯或坡道', { timeout: 30_000 });

  // The reviewer assigns it, the unit starts and fixes; the inspector who filed it may not close it
  // on the unit's word, a second inspector does after re-inspecting.
  expect(await reviewing.transition(reportId, { to: 'assigned', assignedUnitId: unitId, note: '请修复' })).toBe(200);
  const fixing = await staff(baseURL!, unit);
  expect(await fixing.transition(reportId, { to: 'in_progress', note: '已派人' })).toBe(200);
  expect(await fixing.transition(reportId, { to: 'fixed', note: '已更换控制板' })).toBe(200);
  expect(await fixing.transition(reportId, { to: 'closed', note: '自己验收' })).toBe(403);
  const reinspecting = await staff(baseURL!, secondInspector);
  expect(await reinspecting.transition(reportId, { to: 'closed', note: '复查：电梯运行正常' })).toBe(200);

  // Closed: the elevator is back for the router, and the report's page tells the whole story.
  await page.goto(`/?from=${STREET}&to=${DECK}&profile=wheelchair`);
  await page.getByRole('button', { name: '查找路线' }).click();
  await app.waitForAnnouncement(/找到路线/);
  await page.goto(`/?report=${reportId}`);
  const history = app.reportPage().locator('ol.report-history > li');
  await expect(history).toHaveCount(6, { timeout: 20_000 });
  await expect(app.reportPage().locator('.report-status-value')).toHaveText('已复查并关闭');
});
