// The staff screens of issue 6 over the real server: signing in from the banner with the keyboard
// (a wrong password first), a reviewer acting on a report from its page (a refusal shown at the
// note, a change made meanwhile by someone else, then verify and assign), and the responsible unit
// finding it in "My work" and starting work. Accounts are made with `bfmap user add`.
import { test, expect, request as playwrightRequest } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const STORAGE = ['--data-dir', 'test-results/e2e-var'];
const elevators = (JSON.parse(readFileSync('data/sample/elevators.geojson', 'utf8')) as {
  features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
}).features;
const elevator = elevators[1] ?? elevators[0];
if (!elevator) throw new Error('the sample district has elevators');

interface Account { username: string; password: string; displayName: string }

function addUser(role: string, extra: string[] = []): Account {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const account = { username, password: `pass-${randomUUID()}`, displayName: `${role} ${username.slice(-8)}` };
  execFileSync('node', ['bin/bfmap.js', 'user', 'add', '--username', account.username, '--role', role, '--display-name', account.displayName, ...extra, ...STORAGE], {
    input: `${account.password}\n`,
  });
  return account;
}

/** Files a report on the sample elevator as a signed-in account (accounts are not rate limited) and returns its id. */
async function fileReport(baseURL: string, account: Account, description: string): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL });
  const signIn = await context.post('/api/session', { data: { username: account.username, password: account.password } });
  expect(signIn.status()).toBe(200);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const filed = await context.post('/api/reports', {
    headers: { 'Idempotency-Key': randomUUID(), 'X-CSRF-Token': csrfToken },
    data: {
      districtId: 'sample', facilityId: elevator!.properties.id, location: elevator!.geometry.coordinates, category: 'elevator', faultCode: 'out_of_service',
      severity: 3, permanence: 'temporary', expectedFixDate: null, description, measurements: [], outOfService: true,
    },
  });
  expect(filed.status()).toBe(201);
  const { report } = (await filed.json()) as { report: { id: string } };
  await context.dispose();
  return report.id;
}

test('a reviewer signs in with the keyboard: a wrong password is said in the error summary, the right one signs in, sign out ends it', async ({ page }) => {
  test.setTimeout(90_000);
  const reviewer = addUser('reviewer');
  const app = await AppDriver.open(page);
  await app.signInWithKeyboard({ username: reviewer.username, password: `${reviewer.password}-wrong` });
  await expect(app.staffSignInErrorSummary()).toBeFocused({ timeout: 10_000 });
  await expect(app.staffSignInErrorSummary()).toContainText('用户名或密码不正确');
  await expectNoAxeViolations(page, { include: '.staff-sign-in', label: 'sign-in form with an error' });
  await expect(page.locator('.signed-in')).toHaveCount(0);

  // The password field was cleared; the username is kept.
  await expect(page.locator('#staff-sign-in-username')).toHaveValue(reviewer.username);
  await expect(page.locator('#staff-sign-in-password')).toHaveValue('');
  await app.tabUntil((focused) => focused.startsWith('input#staff-sign-in-password'));
  await page.keyboard.type(reviewer.password);
  await app.press('Enter');
  await expect(page.locator('.signed-in')).toContainText(reviewer.displayName);
  await app.waitForAnnouncement(`已登录：${reviewer.displayName}。`);
  await expect(page.locator('#staff-work-open')).toBeFocused();
  expect((await page.request.get('/api/session')).status()).toBe(200);

  await page.locator('#staff-sign-out').focus();
  await app.press('Enter');
  await app.waitForAnnouncement('已退出登录。');
  await expect(page.locator('#staff-sign-in-open')).toBeFocused();
  await expect(page.locator('.signed-in')).toHaveCount(0);
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('a reviewer verifies and assigns a report from its page, and the unit starts work on it from My work', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const unitId = `unit-${randomUUID().slice(0, 8)}`;
  const reviewer = addUser('reviewer');
  const otherReviewer = addUser('reviewer');
  const unit = addUser('responsible_unit', ['--unit', unitId]);
  const reportId = await fileReport(baseURL!, otherReviewer, `电梯停用，门口贴着维修告示。${randomUUID()}`);

  const app = await AppDriver.open(page, `?report=${reportId}`);
  await app.signInWithKeyboard(reviewer);
  await expect(page.locator('.signed-in')).toContainText(reviewer.displayName);
  // Signed in: the page reads the report again and offers what the server allows this reviewer.
  await expect(app.reportActions().locator('button[data-transition="verified"]')).toBeVisible({ timeout: 10_000 });
  await expectNoAxeViolations(page, { include: '.report-page', label: 'report page with actions' });

  // Rejecting needs a note (the core's rule): the server's message is shown at the note field, nothing changes.
  await app.actOnReport('rejected');
  await expect(page.locator('#staff-note')).toBeFocused();
  await expect(page.locator('#staff-note-error')).not.toBeEmpty();
  await expect(page.locator('#staff-note')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.reportPage().locator('.report-status-value')).toHaveText('已提交');

  // Someone else verifies it meanwhile: this page's verify is refused as a conflict and the report is read again.
  const other = await playwrightRequest.newContext({ baseURL });
  const otherSignIn = await other.post('/api/session', { data: { username: otherReviewer.username, password: otherReviewer.password } });
  const { csrfToken } = (await otherSignIn.json()) as { csrfToken: string };
  expect((await other.post(`/api/reports/${reportId}/transitions`, { headers: { 'X-CSRF-Token': csrfToken }, data: { to: 'verified', expectedVersion: 1, note: '另一位审核员核实' } })).status()).toBe(200);
  await app.actOnReport('verified', { note: '现场核实' });
  await expect(app.reportActions().locator('.report-actions-message')).toContainText('已重新载入报告');
  await expect(app.reportPage().locator('.report-status-value')).toHaveText('已核实');
  await expect(app.reportPage().locator('ol.report-history > li')).toHaveCount(2);

  // Now assign it: the unit field is there, the history grows by one and the new status is announced.
  await app.actOnReport('assigned', { note: '请尽快修复', unit: unitId });
  await app.waitForAnnouncement('报告状态已改为：已分派给责任单位。');
  await expect(app.reportPage().locator('.report-status-value')).toHaveText('已分派给责任单位');
  await expect(app.reportPage().locator('ol.report-history > li')).toHaveCount(3);
  await expect(app.reportPage().locator('ol.report-history')).toContainText('请尽快修复');

  // The reviewer's My work has the exports of the district, and the CSV holds this report.
  await page.locator('#staff-work-open').click();
  const csvLink = app.workPanel().getByRole('link', { name: '下载报告（CSV）' });
  await expect(csvLink).toHaveAttribute('href', '/api/reports/export.csv?district=sample&lang=zh');
  const csv = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(reportId);
  await expect(app.workPanel().getByRole('link', { name: '下载报告（GeoJSON）' })).toHaveAttribute('href', /export\.geojson\?district=sample/);
  await page.locator('#staff-sign-out').click();
  await expect(page.locator('#staff-sign-in-open')).toBeFocused();

  // The unit signs in, finds the report in My work and starts work on it.
  const unitApp = await AppDriver.open(page);
  await unitApp.signInWithKeyboard(unit);
  await expect(page.locator('#staff-work-open')).toBeFocused({ timeout: 10_000 });
  await unitApp.press('Enter');
  await expect(unitApp.workPanel().getByRole('heading', { level: 2 })).toBeFocused();
  const item = unitApp.workPanel().locator(`li[data-report-id="${reportId}"]`);
  await expect(item).toContainText('今天提交');
  await expect(unitApp.workPanel().locator('li[data-report-id]')).toHaveCount(1);
  await expect(unitApp.workPanel().getByRole('link', { name: /CSV/ })).toHaveCount(0);
  await item.getByRole('button').focus();
  await unitApp.press('Enter');
  await expect(unitApp.reportPage().locator('.report-status-value')).toHaveText('已分派给责任单位', { timeout: 10_000 });
  await unitApp.actOnReport('in_progress', { note: '已派人处理' });
  await unitApp.waitForAnnouncement('报告状态已改为：整改中。');
  await expect(unitApp.reportPage().locator('.report-status-value')).toHaveText('整改中');
  const stored = (await (await page.request.get(`/api/reports/${reportId}`)).json()) as { report: { status: string; assignedUnitId: string } };
  expect(stored.report).toMatchObject({ status: 'in_progress', assignedUnitId: unitId });
});
