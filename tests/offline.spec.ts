import { test, expect, type BrowserContext, type Page, type Response as PageResponse } from '@playwright/test';
import { AppDriver } from './driver/app-driver.ts';

// Offline inspectors: after a visit online, the app and the current district keep working with no
// network, through the service worker (src/pwa/service-worker.ts), in real Chromium against the
// real server. context.setOffline cuts the page and the worker off alike.

// The worker only exists in the production build these specs run against.
test.use({ serviceWorkers: 'allow' });

const ROUTE_LINK = '?from=121.47,31.23&to=121.475,31.232&profile=wheelchair';

async function waitForActiveWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

async function controlledByWorker(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

/** Opens the app, waits for the worker to be active, and reloads so the worker controls the page. */
async function openControlled(page: Page, search = ''): Promise<AppDriver> {
  await AppDriver.open(page, search);
  await waitForActiveWorker(page);
  await reloadApp(page);
  expect(await controlledByWorker(page)).toBe(true);
  return new AppDriver(page);
}

async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await expect(new AppDriver(page).allFacilityButtons().first()).toBeVisible({ timeout: 20_000 });
}

/** Every URL in every cache of the origin. */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).sort());
}

/** Same-origin data files the page has fetched, as resource timing lists them. */
async function loadedDataUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith('/data/')));
}

/**
 * Cuts the network, and checks that it is cut for the page and for the worker alike. The HTTP
 * cache is emptied first: Chromium's offline mode still answers from it, and hashed assets sit
 * there for a year, so without this they would work offline with no worker at all.
 */
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.clearBrowserCache');
  await devtools.detach();
  await context.setOffline(true);
  const fromPage = await page.evaluate(() => fetch(`/offline-probe-${Date.now()}.txt`).then(() => 'reached', () => 'failed'));
  expect(fromPage).toBe('failed');
  const [worker] = context.serviceWorkers();
  expect(worker).toBeDefined();
  const fromWorker = await worker?.evaluate(() => fetch('/data/index.json', { cache: 'no-store' }).then(() => 'reached', () => 'failed'));
  expect(fromWorker).toBe('failed');
}

test.describe('offline inspectors', () => {
  // Each test loads the app two or three times; on a loaded 2-core machine one load takes seconds.
  test.describe.configure({ timeout: 90_000 });

  test('after a visit online, the shell, the district, its list, search and a facility’s details work offline', async ({ page, context }) => {
    const app = await openControlled(page);
    const districtName = (await page.locator('.banner .district-name').innerText()).trim();
    const onlineIds = await app.listedIds('all');
    expect(onlineIds.length).toBeGreaterThan(0);

    await goOffline(context, page);
    await reloadApp(page);
    await expect(page.locator('.banner .district-name')).toHaveText(districtName);
    // The same facilities (their order can differ: offline, statuses from fault reports are not there to break ties).
    expect([...(await app.listedIds('all'))].sort()).toEqual([...onlineIds].sort());

    await app.searchInput().focus();
    await page.keyboard.type('卫生间');
    await app.waitForAnnouncement(/找到 \d+ 个结果/);
    await expect(app.searchOptions().first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(app.detailsHeading()).toBeFocused();
    const facilityId = new URL(page.url()).searchParams.get('facility');
    expect(facilityId).not.toBeNull();
    expect(onlineIds).toContain(facilityId);
  });

  test('a first visit is enough: the files it loaded before the worker took over are kept for the next, offline, visit', async ({ page, context }) => {
    const app = await AppDriver.open(page);
    await waitForActiveWorker(page);
    // The first page is not controlled (the worker claims no open page); it tells the worker what it loaded.
    expect(await controlledByWorker(page)).toBe(false);
    const loaded = await loadedDataUrls(page);
    expect(loaded.some((url) => url.endsWith('/data/index.json'))).toBe(true);
    await expect.poll(async () => {
      const cached = new Set(await cachedUrls(page));
      return loaded.filter((url) => !cached.has(url));
    }, { timeout: 15_000 }).toEqual([]);
    const onlineIds = await app.listedIds('all');

    await goOffline(context, page);
    await reloadApp(page);
    expect(await controlledByWorker(page)).toBe(true);
    // The same facilities; their order may differ, as offline the fault-report statuses (from /api,
    // never cached) are not there to break ties between facilities at the same distance.
    expect([...(await app.listedIds('all'))].sort()).toEqual([...onlineIds].sort());
  });

  test('a route works offline once it was planned online: network.bin and the lazily loaded map and route code come from the cache', async ({ page, context }) => {
    test.setTimeout(120_000);
    const app = await openControlled(page, ROUTE_LINK);
    await app.waitForMap();
    await page.getByRole('button', { name: '查找路线' }).click();
    await app.waitForAnnouncement(/找到路线/);

    await goOffline(context, page);
    await reloadApp(page);
    await app.waitForMap();
    const graphResponse = page.waitForResponse((response: PageResponse) => response.url().endsWith('/network.bin'));
    await page.getByRole('button', { name: '查找路线' }).click();
    const graph = await graphResponse;
    expect(graph.status()).toBe(200);
    expect(graph.fromServiceWorker()).toBe(true);
    await app.waitForAnnouncement(/找到路线/);
    await expect.poll(() => app.mapRouteCoordinateCount()).toBeGreaterThan(1);
  });

  test('only the current district is kept: opening another district drops the files of the one before', async ({ page }) => {
    await openControlled(page);
    const districtsOf = async (): Promise<string[]> => [...new Set((await cachedUrls(page))
      .map((url) => /\/data\/([^/]+)\/[^/]+$/.exec(new URL(url).pathname)?.[1])
      .filter((district): district is string => district !== undefined))].sort();
    await expect.poll(districtsOf).toEqual(['sample']);
    await AppDriver.open(page, '?district=test-basemap-broken');
    await expect.poll(districtsOf).toEqual(['test-basemap-broken']);
  });

  test('API responses are never kept: online they come from the server, offline they fail instead of coming from a cache', async ({ page, context }) => {
    await openControlled(page);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answered = page.waitForResponse((response: PageResponse) => response.url().includes('/api/openapi.json'));
      const status = await page.evaluate(() => fetch('/api/openapi.json').then((response) => response.status));
      expect(status).toBe(200);
      expect((await answered).fromServiceWorker()).toBe(false);
    }
    expect((await cachedUrls(page)).filter((url) => new URL(url).pathname.startsWith('/api'))).toEqual([]);

    await goOffline(context, page);
    const offline = await page.evaluate(() => Promise.all([
      fetch('/api/openapi.json').then(() => 'answered', () => 'failed'),
      fetch('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(() => 'answered', () => 'failed'),
    ]));
    expect(offline).toEqual(['failed', 'failed']);
  });

  test('a new worker waits while a page of the old one is open, and takes over once it is closed', async ({ page, context }) => {
    await openControlled(page);
    // Another script URL is another version to the browser, though the server sends the same file.
    const states = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register('/sw.js?next-version', { scope: '/' });
      const incoming = registration.installing ?? registration.waiting;
      if (incoming && incoming.state === 'installing') {
        await new Promise<void>((resolve) => incoming.addEventListener('statechange', () => resolve(), { once: true }));
      }
      return { waiting: registration.waiting?.scriptURL ?? null, active: registration.active?.scriptURL ?? null };
    });
    expect(states.waiting).toMatch(/\/sw\.js\?next-version$/);
    expect(states.active).toMatch(/\/sw\.js$/);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(states.active);

    const incoming = context.serviceWorkers().find((worker) => worker.url() === states.waiting);
    expect(incoming).toBeDefined();
    await page.close();
    // Activation follows the last page's unload; a page opened before that would be the old worker's again.
    await expect.poll(() => incoming?.evaluate(() => (self as unknown as ServiceWorkerGlobalScope).registration.active?.scriptURL)).toBe(states.waiting);
    const next = await context.newPage();
    await AppDriver.open(next);
    expect(await next.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(states.waiting);
  });

  test('installing a version fetches again the district files an earlier version kept, and activating it deletes the earlier caches', async ({ page }) => {
    // Caches an earlier version left. network.bin is read only for a route, so no page of this
    // visit loads it: only the install can put the server's copy in the new cache.
    await page.goto('/manifest.webmanifest');
    await page.evaluate(async () => {
      const data = await caches.open('bfmap-data-earlier');
      await data.put('/data/sample/network.bin', new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'application/octet-stream' } }));
      await (await caches.open('bfmap-shell-earlier')).put('/index.html', new Response('<!doctype html><title>earlier</title>'));
    });
    await AppDriver.open(page);
    await waitForActiveWorker(page);
    await expect.poll(() => cacheNames(page)).toEqual([expect.stringMatching(/^bfmap-data-(?!earlier)/), expect.stringMatching(/^bfmap-shell-(?!earlier)/)]);
    const [dataCache] = await cacheNames(page);
    const digests = await page.evaluate(async (name) => {
      const digest = async (response: Response | undefined): Promise<string | null> => {
        if (!response) return null;
        return [...new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      };
      return {
        kept: await digest(await (await caches.open(name ?? '')).match('/data/sample/network.bin')),
        served: await digest(await fetch('/data/sample/network.bin', { cache: 'no-store' })),
      };
    }, dataCache);
    expect(digests.kept).toBe(digests.served);
  });

  test('the page links a web app manifest whose icons load at the sizes it states', async ({ page }) => {
    await AppDriver.open(page);
    const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((link) => (link as HTMLLinkElement).href);
    const response = await page.request.get(manifestUrl);
    expect(response.headers()['content-type']).toBe('application/manifest+json');
    const manifest = await response.json() as { name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
    expect(manifest.display).toBe('standalone');
    expect(new URL(manifest.start_url, manifestUrl).pathname).toBe('/');
    const themeColour = await page.locator('meta[name="theme-color"]').getAttribute('content');
    expect(themeColour).toBe((manifest as unknown as { theme_color: string }).theme_color);
    for (const icon of manifest.icons.filter((candidate) => candidate.sizes !== 'any')) {
      const source = new URL(icon.src, manifestUrl).href;
      const size = await page.evaluate(async (url) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        return `${image.naturalWidth}x${image.naturalHeight}`;
      }, source);
      expect(size, icon.src).toBe(icon.sizes);
    }
  });
});
