import { test, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFacilityLayer } from '../src/domain/facilities/parse.ts';
import { faultCodesOf, validateNewReport } from '../src/domain/reports/index.ts';
import { newDraft, validationInput } from '../src/features/report-form/draft.ts';
import { AppDriver } from './driver/app-driver.ts';
import { expectNoAxeViolations } from './support/axe.ts';

// The server keeps its reports between runs (DATA_DIR): each test writes a description of its
// own and counts only reports that carry it.
const sampleFolder = resolve(import.meta.dirname, '..', 'data', 'sample');
const manifest = JSON.parse(readFileSync(join(sampleFolder, 'district.json'), 'utf8')) as { id: string; bbox: [number, number, number, number] };
const elevators = parseFacilityLayer('elevator', 'elevators.geojson', JSON.parse(readFileSync(join(sampleFolder, 'elevators.geojson'), 'utf8'))).items;
const toilets = parseFacilityLayer('toilet', 'toilets.geojson', JSON.parse(readFileSync(join(sampleFolder, 'toilets.geojson'), 'utf8'))).items;

/** The reports core's messages, in Chinese, for a form sent untouched about `facilityId`. */
function untouchedFormMessages(facilityId: string): string[] {
  const input = validationInput(newDraft(manifest.id, { kind: 'facility', facilityId }, randomUUID()));
  const validation = validateNewReport(input.body, {
    now: new Date(), districts: [manifest], findFacility: (_district, id) => [...toilets, ...elevators].find((facility) => facility.id === id) ?? null,
  });
  return validation.ok ? [] : validation.errors.map((error) => error.message.zh);
}

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Presses Tab until the focused element's id is `id`. */
async function tabToId(app: AppDriver, id: string): Promise<void> {
  for (let step = 0; step < 60; step += 1) {
    await app.press('Tab');
    if ((await focusedId(app.page)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Activates the error summary's link whose text is `text` from the keyboard. */
async function followSummaryLink(app: AppDriver, text: string): Promise<void> {
  await app.reportErrorSummary().focus();
  for (let step = 0; step < 12; step += 1) {
    await app.press('Tab');
    const focused = await app.page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused === text) {
      await app.press('Enter');
      return;
    }
  }
  throw new Error(`No error summary link "${text}"`);
}

test.describe('fault reports', () => {
  // Keyboard walks through a district of hundreds of facilities, and axe runs, take a while on 2 cores.
  test.describe.configure({ timeout: 180_000 });

  test('a keyboard-only resident reports a toilet, corrects the errors, survives a reload, and follows the report', async ({ page }) => {
    const description = `无障碍卫生间门锁着，门口没有告示。${randomUUID()}`;
    const app = await AppDriver.open(page);
    const facilityId = await app.openFacilityFromSearch('卫生间', /找到 \d+ 个结果/);

    await app.tabUntil((focused) => focused.includes('报告问题'));
    await app.press('Enter');
    await expect(app.reportHeading()).toBeFocused();
    await expect(app.reportHeading()).toContainText('报告问题：');

    // Sent untouched: the summary takes focus and lists the core's messages, each a link.
    await app.tabUntil((focused) => focused.includes('提交报告'));
    await app.press('Enter');
    await expect(app.reportErrorSummary()).toBeFocused();
    const expected = untouchedFormMessages(facilityId);
    expect(expected.length).toBeGreaterThan(0);
    const links = app.reportErrorSummary().getByRole('link');
    await expect(links).toHaveCount(expected.length);
    // The summary lists the core's messages in the form's order: the category question comes first.
    expect((await links.allInnerTexts()).toSorted()).toEqual(expected.toSorted());
    await expect(links.first()).toHaveText(expected.find((message) => message.includes('类别')) ?? '');
    await expect(page).toHaveTitle(/^错误：/);
    const descriptionField = page.locator('#report-description');
    await expect(descriptionField).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await descriptionField.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('report-description-error');
    await expect(page.locator('#report-description-error')).toContainText('请描述问题');
    await expectNoAxeViolations(page, { include: '.report-form', label: 'report form with errors' });

    // Each link moves focus to its question.
    await followSummaryLink(app, expected.find((message) => message.includes('类别')) ?? '');
    expect(await focusedId(page)).toMatch(/^report-category-/);
    await app.press('Space');
    const firstFault = faultCodesOf('toilet')[0];
    await app.press('Tab');
    expect(await focusedId(page)).toBe(`report-fault-${firstFault?.id}`);
    await app.press('Space');
    // A locked toilet cannot be used at all: the out-of-service box is ticked for the reporter.
    await expect(page.locator('#report-out-of-service')).toBeChecked({ checked: firstFault?.outOfServiceByDefault ?? false });
    await app.press('Tab');
    expect(await focusedId(page)).toBe('report-severity-1');
    await app.press('Space');
    await app.press('ArrowDown');
    await app.press('ArrowDown');
    await expect(page.locator('#report-severity-3')).toBeChecked();

    // Mid-way, the page reloads: the details open again from the link, and the form from its draft.
    await page.reload();
    await expect(app.detailsHeading()).toBeFocused({ timeout: 20_000 });
    await app.tabUntil((focused) => focused.includes('报告问题'));
    await app.press('Enter');
    await expect(app.reportHeading()).toBeFocused();
    await expect(app.reportForm().getByText(/已恢复 .* 保存的草稿/)).toBeVisible();
    await expect(page.locator(`#report-fault-${firstFault?.id}`)).toBeChecked();
    await expect(page.locator('#report-severity-3')).toBeChecked();

    await tabToId(app, 'report-permanence-temporary');
    await app.press('Space');
    await tabToId(app, 'report-description');
    await page.keyboard.type(description);
    await expect(page.locator('#report-description-count')).toContainText(`还可以输入 ${2000 - [...description].length} 个字`);
    await app.waitForAnnouncement(`还可以输入 ${2000 - [...description].length} 个字`);
    await tabToId(app, 'report-photos');
    await app.tabUntil((focused) => focused.includes('提交报告'));
    await app.press('Enter');

    // The confirmation takes focus and holds the link to follow the report.
    const confirmation = app.reportForm().getByRole('heading', { name: '报告已提交' });
    await expect(confirmation).toBeFocused({ timeout: 30_000 });
    await app.waitForAnnouncement('报告已提交。');
    await expect(page).not.toHaveTitle(/^错误：/);
    await expectNoAxeViolations(page, { include: '.report-form', label: 'report confirmation' });
    const followLink = app.reportForm().getByRole('link', { name: '查看报告处理进展' });
    const href = (await followLink.getAttribute('href')) ?? '';
    const reportId = new URLSearchParams(href.replace(/^[^?]*/, '')).get('report');
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = (await app.serverReportsFor(facilityId)).filter((report) => report.description === description);
    expect(stored.map((report) => report.id)).toEqual([reportId]);

    // The draft is gone: opening the form again starts afresh.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('bfmap.reportDraft')))).toEqual([]);

    await app.tabUntil((focused) => focused.includes('查看报告处理进展'));
    await app.press('Enter');
    await page.waitForURL(/\?report=/);
    await expect(app.reportPage().getByRole('heading', { name: '问题报告' })).toBeFocused({ timeout: 20_000 });
    await expect(app.reportPage().locator('.report-status-value')).toHaveText('已提交');
    const history = app.reportPage().locator('ol.report-history > li');
    await expect(history).toHaveCount(1);
    await expect(history.first()).toContainText('已提交');
    await expect(history.first()).toContainText('居民');
    await expect(app.reportPage()).toContainText(description);
    await expectNoAxeViolations(page, { include: '.report-page', label: 'report follow page' });
  });

  test('offline, the report waits in the queue; back online it is sent once, even when an answer is lost and the reporter retries', async ({ page, context }) => {
    const elevator = elevators[0];
    if (!elevator) throw new Error('the sample district has elevators');
    const description = `电梯停用。${randomUUID()}`;
    const app = await AppDriver.open(page, `?facility=${encodeURIComponent(elevator.id)}`);
    await expect(app.detailsHeading()).toBeFocused();
    await page.getByRole('button', { name: '报告问题' }).click();
    await expect(app.reportHeading()).toBeFocused();
    await page.locator('#report-category-elevator').check();
    await page.locator(`#report-fault-${faultCodesOf('elevator')[0]?.id}`).check();
    await page.locator('#report-severity-3').check();
    await page.locator('#report-permanence-temporary').check();
    await page.locator('#report-description').fill(description);

    await context.setOffline(true);
    await page.getByRole('button', { name: '提交报告' }).click();
    await expect(app.reportForm().getByRole('heading', { name: '报告已保存，联网后发送' })).toBeFocused({ timeout: 30_000 });
    await expect(app.reportQueue()).toBeVisible();
    await expect(app.reportQueue().getByRole('heading')).toHaveText('待发送的报告（1）');
    await expect(app.reportQueue().locator('.queue-item')).toContainText('等待发送');
    await expect(app.reportQueue().locator('.queue-item')).toContainText('恢复网络后自动发送');
    await expectNoAxeViolations(page, { include: '.report-queue', label: 'report queue offline' });

    // Back online, the first answer is lost on its way back: the server files the report, the page hears nothing.
    let lostAnswers = 0;
    await page.route('**/api/reports', async (route) => {
      if (route.request().method() !== 'POST' || lostAnswers > 0) return route.fallback();
      lostAnswers += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await expect.poll(() => lostAnswers, { timeout: 30_000 }).toBe(1);
    await expect(app.reportQueue().locator('.queue-item')).toContainText('等待发送');
    await expect(app.reportQueue().locator('.queue-item')).toContainText('已尝试 1 次');

    // The reporter does not wait for the backoff.
    await app.reportQueue().getByRole('button', { name: '立即重试' }).click();
    await app.waitForAnnouncement(/报告已发送：/, 30_000);
    await expect(app.reportQueue().getByRole('heading')).toHaveText('待发送的报告（0）');
    await expect(app.reportQueue().locator('.queue-item')).toContainText('已发送');
    await expect(app.reportQueue().getByRole('link', { name: '查看处理进展' })).toBeVisible();
    await expectNoAxeViolations(page, { include: '.report-queue', label: 'report queue sent' });

    const stored = (await app.serverReportsFor(elevator.id)).filter((report) => report.description === description);
    expect(stored).toHaveLength(1);
  });

  test('a queued report the server refuses shows the server\'s message and opens again in the form, to be sent once fixed', async ({ page }) => {
    const elevator = elevators[1] ?? elevators[0];
    if (!elevator) throw new Error('the sample district has elevators');
    const description = `电梯按钮够不到。${randomUUID()}`;
    const app = await AppDriver.open(page, `?facility=${encodeURIComponent(elevator.id)}`);
    await page.getByRole('button', { name: '报告问题' }).click();
    await page.locator('#report-category-elevator').check();
    await page.locator('#report-fault-controls_out_of_reach').check();
    await page.locator('#report-severity-2').check();
    await page.locator('#report-permanence-permanent').check();
    await page.locator('#report-description').fill(description);

    // The connection drops as the report goes out: it waits in the queue on this device.
    await page.route('**/api/reports', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
    await page.getByRole('button', { name: '提交报告' }).click();
    await expect(app.reportForm().getByRole('heading', { name: '报告已保存，联网后发送' })).toBeFocused({ timeout: 30_000 });
    // Meanwhile what the device holds has gone stale (an older version, another rule): its description
    // no longer passes. It is changed from a page of the same origin where the app is not running.
    await page.goto('/api/openapi.json');
    await page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolvePromise, reject) => {
        const request = indexedDB.open('bfmap-reports');
        request.onsuccess = () => resolvePromise(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = database.transaction('queue', 'readwrite').objectStore('queue');
      const items = await new Promise<{ report: { description: string } }[]>((resolvePromise) => {
        const request = store.getAll();
        request.onsuccess = () => resolvePromise(request.result as { report: { description: string } }[]);
      });
      for (const item of items) store.put({ ...item, report: { ...item.report, description: '   ' } });
      database.close();
    });
    await page.unroute('**/api/reports');
    // The app starts again and sends what waits: the server refuses it and says why.
    await page.goto(`/?facility=${encodeURIComponent(elevator.id)}`);
    const item = app.reportQueue().locator('.queue-item');
    await expect(item).toContainText('未能发送', { timeout: 30_000 });
    await expect(item).toContainText('请描述问题');
    await app.waitForAnnouncement(/报告未能发送：/, 30_000);
    await expectNoAxeViolations(page, { include: '.report-queue', label: 'report queue refused' });

    await app.reportQueue().getByRole('button', { name: '在表单中修改' }).click();
    await expect(app.reportHeading()).toBeFocused();
    await expect(page.locator('#report-description')).toHaveValue(description);
    await expect(app.reportQueue()).toHaveCount(0);
    await page.getByRole('button', { name: '提交报告' }).click();
    await expect(app.reportForm().getByRole('heading', { name: '报告已提交' })).toBeFocused({ timeout: 30_000 });
    expect((await app.serverReportsFor(elevator.id)).filter((report) => report.description === description)).toHaveLength(1);
  });

  test('photos: refused files say why, a photo is re-encoded without its metadata, kept across a reload, and reaches the server without it', async ({ page }) => {
    const toilet = toilets[1] ?? toilets[0];
    if (!toilet) throw new Error('the sample district has toilets');
    const description = `扶手松动。${randomUUID()}`;
    const app = await AppDriver.open(page, `?facility=${encodeURIComponent(toilet.id)}`);
    await page.getByRole('button', { name: '报告问题' }).click();
    await expect(app.reportHeading()).toBeFocused();

    const input = page.locator('#report-photos');
    await input.setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
      { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) },
    ]);
    const photoError = page.locator('#report-photos-error');
    await expect(photoError).toContainText('第 1 张照片应为 JPEG、PNG 或 WebP 格式');
    await expect(photoError).toContainText('第 2 张照片不能超过 5 MB');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.report-photo')).toHaveCount(0);

    // A JPEG that carries an EXIF block (where GPS positions live), made in the page.
    const jpeg = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const context = canvas.getContext('2d');
      if (context) { context.fillStyle = '#d55e00'; context.fillRect(0, 0, 64, 48); }
      // toDataURL encodes at once; toBlob waits for idle time the CPU-drawn map rarely leaves.
      return [...atob(canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '')].map((character) => character.charCodeAt(0));
    });
    const exifPayload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]), Buffer.from('GPS 31.2300N 121.4700E', 'latin1')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exifPayload.length + 2) >> 8, (exifPayload.length + 2) & 0xff]), exifPayload]);
    const withExif = Buffer.concat([Buffer.from(jpeg.slice(0, 2)), app1, Buffer.from(jpeg.slice(2))]);
    expect(withExif.includes(Buffer.from('Exif'))).toBe(true);
    await input.setInputFiles({ name: 'toilet.jpg', mimeType: 'image/jpeg', buffer: withExif });
    await expect(page.getByRole('img', { name: '第 1 张照片，共 1 张' })).toBeVisible();
    await expect(photoError).toHaveCount(0);

    await page.locator('#report-category-toilet').check();
    await page.locator('#report-fault-grab_bar_broken_or_missing').check();
    await page.locator('#report-severity-2').check();
    await page.locator('#report-permanence-permanent').check();
    await page.locator('#report-description').fill(description);

    await page.reload();
    await page.getByRole('button', { name: '报告问题' }).click();
    await expect(page.getByRole('img', { name: '第 1 张照片，共 1 张' })).toBeVisible();
    await expect(page.locator('#report-description')).toHaveValue(description);

    // The bytes that will be sent are the draft's stored photo: a JPEG without the EXIF block or its GPS text.
    const storedPhotos = await page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolvePromise, reject) => {
        const request = indexedDB.open('bfmap-reports');
        request.onsuccess = () => resolvePromise(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = database.transaction('photos', 'readonly').objectStore('photos');
      const keys = await new Promise<IDBValidKey[]>((resolvePromise) => { const request = store.getAllKeys(); request.onsuccess = () => resolvePromise(request.result); });
      const values = await new Promise<Blob[]>((resolvePromise) => { const request = store.getAll(); request.onsuccess = () => resolvePromise(request.result as Blob[]); });
      database.close();
      return Promise.all(values.map(async (blob, index) => ({ key: String(keys[index]), type: blob.type, bytes: [...new Uint8Array(await blob.arrayBuffer())] })));
    });
    const draftPhotos = storedPhotos.filter((photo) => photo.key.startsWith('draft:'));
    expect(draftPhotos).toHaveLength(1);
    const bytes = Buffer.from(draftPhotos[0]?.bytes ?? []);
    expect(draftPhotos[0]?.type).toBe('image/jpeg');
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('GPS 31.2300N'))).toBe(false);

    const photoRequests: { contentType: string; key: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/reports\/[^/]+\/photos$/.test(new URL(request.url()).pathname)) {
        photoRequests.push({ contentType: request.headers()['content-type'] ?? '', key: request.headers()['idempotency-key'] ?? '' });
      }
    });
    await page.getByRole('button', { name: '提交报告' }).click();
    // Filing and the photo are several requests and device writes: on a loaded CI machine that takes seconds.
    await expect(app.reportForm().getByRole('heading', { name: '报告已提交' })).toBeFocused({ timeout: 30_000 });
    expect(photoRequests).toHaveLength(1);
    expect(photoRequests[0]?.contentType).toBe('image/jpeg');
    expect(photoRequests[0]?.key).toMatch(/^[0-9a-f-]{36}-photo-1$/);

    const stored = (await app.serverReportsFor(toilet.id)).filter((report) => report.description === description);
    expect(stored).toHaveLength(1);
    // The server keeps the photo, and the bytes it serves carry no EXIF block and no GPS text.
    const followed = await (await page.request.get(`/api/reports/${stored[0]?.id}`)).json() as { report: { photos: { id: string }[] } };
    expect(followed.report.photos).toHaveLength(1);
    const served = Buffer.from(await (await page.request.get(`/api/reports/${stored[0]?.id}/photos/${followed.report.photos[0]?.id}`)).body());
    expect([...served.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(served.includes(Buffer.from('Exif'))).toBe(false);
    expect(served.includes(Buffer.from('GPS 31.2300N'))).toBe(false);
  });

  test('a missing kerb ramp is reported at a point chosen without dragging, and the draft can be discarded', async ({ page }) => {
    const app = await AppDriver.open(page);
    await app.waitForMap();
    await page.getByRole('button', { name: '报告此处缺少的设施或问题' }).click();
    await expect(app.reportHeading()).toBeFocused();
    await expect(page.locator('.map-crosshair')).toBeVisible();

    const location = page.locator('#report-location');
    await location.fill('near the gate');
    await page.getByRole('button', { name: '提交报告' }).click();
    await expect(app.reportErrorSummary()).toBeFocused();
    const locationLink = app.reportErrorSummary().getByRole('link', { name: /位置应为/ });
    await expect(locationLink).toBeVisible();
    await locationLink.press('Enter');
    await expect(location).toBeFocused();
    await expect(location).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('button', { name: '使用地图中心（十字准星处）' }).press('Enter');
    await expect(location).toHaveValue(/^\d+\.\d{6},\d+\.\d{6}$/);
    await expect(app.reportForm()).toContainText('已选择：地图中心');
    const [longitude, latitude] = (await location.inputValue()).split(',').map(Number) as [number, number];
    expect(longitude).toBeGreaterThanOrEqual(manifest.bbox[0]);
    expect(longitude).toBeLessThanOrEqual(manifest.bbox[2]);
    expect(latitude).toBeGreaterThanOrEqual(manifest.bbox[1]);
    expect(latitude).toBeLessThanOrEqual(manifest.bbox[3]);
    await page.locator('#report-category-kerb_ramp').check();
    await expect(page.locator('#report-fault-missing')).toBeVisible();

    await page.getByRole('button', { name: '放弃草稿' }).press('Enter');
    await expect(page.getByText('确定放弃这份草稿吗？')).toBeFocused();
    await page.getByRole('button', { name: '确定放弃' }).press('Enter');
    await app.waitForAnnouncement('草稿已放弃。');
    await expect(location).toHaveValue('');
    await expect(page.locator('#report-category-kerb_ramp')).not.toBeChecked();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('bfmap.reportDraft')))).toEqual([]);
  });

  test('a follow link to a report that does not exist says so clearly', async ({ page }) => {
    const missing = randomUUID();
    await page.goto(`/?report=${missing}`);
    const alert = page.locator('.report-page [role="alert"]');
    await expect(alert).toContainText(`无法显示报告：没有编号为“${missing}”的报告`, { timeout: 20_000 });
  });
});
