import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { PMTiles } from 'pmtiles';
import { CONTENT_SECURITY_POLICY, SERVICE_WORKER_PATH, cacheControlFor, contentSecurityPolicy, createAppServer, decodeRequestPath, etagMatches, negotiateEncoding, parseRangeHeader } from './static-server.ts';
import { rasterBasemapArchive, gridTilePng, tilesCovering } from '../tests/support/pmtiles-fixture.ts';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let port: number;
let root: string;
let outside: string;

/** node:http sends the path exactly as given, unlike fetch, which would normalise "..". */
function send(path: string, options: { method?: string; headers?: Record<string, string>; port?: number } = {}): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port: options.port ?? port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolvePromise({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

// Repetitive text so every compressor shrinks it well below its raw size.
const script = `export const facilities = [${Array.from({ length: 400 }, (_, index) => `"facility-${index}"`).join(',')}];\n`;
const geojson = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 200 }, (_, index) => ({ type: 'Feature', id: `ramp-${index}`, geometry: { type: 'Point', coordinates: [121.47, 31.23] }, properties: { category: 'ramp' } })) });
const indexHtml = `<!doctype html><html lang="zh-CN"><head><title>无障碍数字地图</title></head><body>${'<p>list</p>'.repeat(200)}</body></html>`;
/** Bytes that differ from their neighbours, so a wrong offset cannot give the right slice. */
const archiveBytes = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7 + (index >> 8)) % 256));
const basemapBbox = [121.459, 31.2226, 121.4811, 31.2373] as const;
const serviceWorkerScript = `self.addEventListener('fetch', () => {});\n${'// precache list\n'.repeat(40)}`;
const webManifest = JSON.stringify({
  name: '无障碍数字地图', start_url: '.', display: 'standalone',
  icons: [192, 384, 512].map((size) => ({ src: `icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
});
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 600 }, () => 0)]);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bfmap-static-'));
  outside = mkdtempSync(join(tmpdir(), 'bfmap-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'not for the web');
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, 'data', 'sample'), { recursive: true });
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'assets', 'index-AbC123.js'), script);
  writeFileSync(join(root, 'assets', 'index-AbC123.css'), `.list{color:#1b1b1b}\n`.repeat(100));
  writeFileSync(join(root, 'data', 'sample', 'ramps.geojson'), geojson);
  writeFileSync(join(root, 'data', 'index.json'), JSON.stringify([{ id: 'sample' }]));
  writeFileSync(join(root, 'data', 'sample', 'graph.bin'), Buffer.alloc(2048, 7));
  writeFileSync(join(root, 'data', 'sample', 'bytes.pmtiles'), archiveBytes);
  writeFileSync(join(root, 'data', 'sample', 'basemap.pmtiles'), rasterBasemapArchive(basemapBbox, 13, 14));
  writeFileSync(join(root, 'icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(50)}</svg>`);
  writeFileSync(join(root, 'icon.png'), png);
  writeFileSync(join(root, 'font.woff2'), Buffer.alloc(64, 1));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(root, 'sw.js'), serviceWorkerScript);
  writeFileSync(join(root, 'manifest.webmanifest'), webManifest);
  symlinkSync(join(outside, 'secret.txt'), join(root, 'linked-secret.txt'));
  server = createAppServer({ root });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('compression negotiation', () => {
  it('prefers brotli when the browser accepts brotli and gzip, and the body decodes to the file', async () => {
    const response = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.body.length).toBeLessThan(Buffer.byteLength(script));
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
  });

  it('sends gzip to a client that accepts only gzip', async () => {
    const response = await send('/data/sample/ramps.geojson', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toBe(geojson);
  });

  it('sends the file unchanged when no encoding is accepted', async () => {
    const response = await send('/assets/index-AbC123.js');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.body.toString()).toBe(script);
  });

  it('honours q=0 for brotli and falls back to gzip', async () => {
    const response = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toBe(script);
  });

  it('never compresses images, fonts or binary data, however the client asks', async () => {
    for (const path of ['/icon.png', '/font.woff2', '/data/sample/graph.bin']) {
      const response = await send(path, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(response.headers['content-encoding'], path).toBeUndefined();
      expect(response.headers.vary, path).toBeUndefined();
    }
    const image = await send('/icon.png', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(image.body.equals(png)).toBe(true);
  });

  it('sends a tiny text file unencoded, since compressing 14 bytes only adds framing', async () => {
    const response = await send('/robots.txt', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe('User-agent: *\n');
  });

  it('returns the same compressed bytes on a second request, from its cache', async () => {
    const first = await send('/data/sample/ramps.geojson', { headers: { 'Accept-Encoding': 'br' } });
    const second = await send('/data/sample/ramps.geojson', { headers: { 'Accept-Encoding': 'br' } });
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
  });
});

describe('negotiateEncoding', () => {
  it('picks the highest q-value and breaks ties towards brotli', () => {
    expect(negotiateEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
  });
});

describe('cache headers', () => {
  it('marks hashed build assets immutable for a year', async () => {
    const response = await send('/assets/index-AbC123.css');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('makes index.html and data files revalidate every time', async () => {
    for (const path of ['/', '/index.html', '/data/index.json', '/data/sample/ramps.geojson']) {
      const response = await send(path);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.headers.etag, path).toMatch(/^"[^"]+"$/);
    }
  });

  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const first = await send('/data/index.json');
    const etag = first.headers.etag ?? '';
    const second = await send('/data/index.json', { headers: { 'If-None-Match': etag } });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['cache-control']).toBe('no-cache');
  });

  it('answers 200 when If-None-Match carries an old ETag', async () => {
    const response = await send('/data/index.json', { headers: { 'If-None-Match': '"an-older-build"' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual([{ id: 'sample' }]);
  });

  it('gives each encoding its own ETag, so a cached gzip body is never revalidated as brotli', async () => {
    const brotli = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'br' } });
    const gzipped = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const identity = await send('/assets/index-AbC123.js');
    expect(new Set([brotli.headers.etag, gzipped.headers.etag, identity.headers.etag]).size).toBe(3);
    const revalidated = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': gzipped.headers.etag ?? '' } });
    expect(revalidated.status).toBe(200);
  });

  it('picks up a rebuilt file with the same name', async () => {
    const path = join(root, 'data', 'changing.json');
    writeFileSync(path, JSON.stringify({ version: 1 }));
    const before = await send('/data/changing.json');
    writeFileSync(path, JSON.stringify({ version: 2, note: 'rebuilt' }));
    const after = await send('/data/changing.json', { headers: { 'If-None-Match': before.headers.etag ?? '' } });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString())).toEqual({ version: 2, note: 'rebuilt' });
  });
});

describe('the service worker and the web app manifest', () => {
  it('serves sw.js as JavaScript that the browser revalidates on every update check, with a 304 while unchanged', async () => {
    const response = await send(SERVICE_WORKER_PATH);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString()).toBe(serviceWorkerScript);
    const revalidated = await send(SERVICE_WORKER_PATH, { headers: { 'If-None-Match': response.headers.etag ?? '' } });
    expect(revalidated.status).toBe(304);
  });

  it('never marks the worker immutable, whatever rule hashed assets get', () => {
    expect(cacheControlFor(SERVICE_WORKER_PATH)).toBe('no-cache');
    expect(cacheControlFor('/assets/index-AbC123.js')).toContain('immutable');
  });

  it('serves the manifest as application/manifest+json, compressed like other text', async () => {
    const response = await send('/manifest.webmanifest', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-type']).toBe('application/manifest+json');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.body).toString())).toEqual(JSON.parse(webManifest));
  });

  it('answers 404 for a build without sw.js, never index.html, so registration fails instead of running HTML', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'bfmap-no-worker-'));
    writeFileSync(join(bare, 'index.html'), indexHtml);
    const bareServer = createAppServer({ root: bare });
    await new Promise<void>((resolvePromise) => bareServer.listen(0, '127.0.0.1', resolvePromise));
    try {
      const response = await send(SERVICE_WORKER_PATH, { port: (bareServer.address() as AddressInfo).port });
      expect(response.status).toBe(404);
      expect(response.body.toString()).not.toContain('<html');
    } finally {
      await new Promise<void>((resolvePromise) => bareServer.close(() => resolvePromise()));
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('etagMatches', () => {
  it('compares weakly and accepts lists and the wildcard', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});

describe('SPA fallback and missing files', () => {
  it('serves index.html for an app route without a file extension', async () => {
    const response = await send('/facility/sample:ramp:0012?lang=en');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString()).toBe(indexHtml);
  });

  it('answers 404 with a short text body for a missing file that has an extension', async () => {
    for (const path of ['/assets/missing-123.js', '/data/sample/missing.geojson']) {
      const response = await send(path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toBe('text/plain; charset=utf-8');
      expect(response.body.toString().length, path).toBeLessThan(100);
    }
  });
});

describe('path traversal', () => {
  it('refuses plain, encoded and double-slash-encoded parent segments', async () => {
    for (const path of ['/../package.json', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cetc%5cpasswd']) {
      const response = await send(path);
      expect([400, 404], path).toContain(response.status);
      expect(response.body.toString(), path).not.toContain('root:');
    }
  });

  it('refuses null bytes and malformed percent-encoding with 400', async () => {
    expect((await send('/index.html%00.png')).status).toBe(400);
    expect((await send('/%E0%A4%A')).status).toBe(400);
  });

  it('does not follow a symbolic link that leads outside the root', async () => {
    const response = await send('/linked-secret.txt');
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('not for the web');
  });

  it('decodes paths but refuses any ".." segment', () => {
    expect(decodeRequestPath('/data/%E6%B5%A6%E4%B8%9C.json?x=1')).toEqual({ ok: true, path: '/data/浦东.json' });
    expect(decodeRequestPath('/a/%2E%2E/b')).toEqual({ ok: false });
    expect(decodeRequestPath('http://example.org/index.html')).toEqual({ ok: true, path: '/index.html' });
  });
});

describe('methods', () => {
  it('answers HEAD with the GET headers and no body', async () => {
    const get = await send('/assets/index-AbC123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const head = await send('/assets/index-AbC123.js', { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-encoding']).toBe('gzip');
  });

  it('answers 405 with Allow for methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await send('/index.html', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow, method).toBe('GET, HEAD');
    }
  });
});

describe('content types', () => {
  it('labels each kind of file with its registered media type', async () => {
    const expected: Record<string, string> = {
      '/index.html': 'text/html; charset=utf-8',
      '/assets/index-AbC123.js': 'text/javascript; charset=utf-8',
      '/assets/index-AbC123.css': 'text/css; charset=utf-8',
      '/data/index.json': 'application/json',
      '/data/sample/ramps.geojson': 'application/geo+json',
      '/data/sample/graph.bin': 'application/octet-stream',
      '/icon.svg': 'image/svg+xml',
      '/icon.png': 'image/png',
      '/font.woff2': 'font/woff2',
      '/robots.txt': 'text/plain; charset=utf-8',
    };
    for (const [path, contentType] of Object.entries(expected)) {
      const response = await send(path);
      expect(response.headers['content-type'], path).toBe(contentType);
    }
  });

  it('sends the security headers on files, fallbacks, errors and the API', async () => {
    for (const path of ['/index.html', '/some/route', '/missing.js', '/api/facilities', '/%00']) {
      const response = await send(path);
      expect(response.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self' blob:");
  });
});

describe('the /api/ seam', () => {
  it('answers every /api/ request with 404 JSON until the API exists, whatever the method', async () => {
    for (const [method, path] of [['GET', '/api/facilities'], ['POST', '/api/reports'], ['GET', '/api']] as const) {
      const response = await send(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers['content-type']).toBe('application/json');
      expect(JSON.parse(response.body.toString())).toEqual({ error: 'not_found' });
    }
  });

  it('hands /api/ requests to the handler it is given', async () => {
    const apiServer = createAppServer({
      root,
      api: (_request, response, apiPath) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ apiPath }));
      },
    });
    await new Promise<void>((resolvePromise) => apiServer.listen(0, '127.0.0.1', resolvePromise));
    const apiPort = (apiServer.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${apiPort}/api/facilities/near`);
    expect(await response.json()).toEqual({ apiPath: '/api/facilities/near' });
    await new Promise<void>((resolvePromise) => apiServer.close(() => resolvePromise()));
  });
});

describe('byte ranges', () => {
  const path = '/data/sample/bytes.pmtiles';
  const size = archiveBytes.length;

  it('labels PMTiles with the media type its specification recommends and offers ranges', async () => {
    const response = await send(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.pmtiles');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.body.equals(archiveBytes)).toBe(true);
  });

  it('answers bytes=a-b, a- and -n with 206, the Content-Range and exactly those bytes', async () => {
    const cases: [string, number, number][] = [['bytes=0-126', 0, 126], ['bytes=1000-1999', 1000, 1999], ['bytes=2500-', 2500, size - 1], ['bytes=-100', size - 100, size - 1], ['BYTES = 5-5', 5, 5]];
    for (const [range, start, end] of cases) {
      const response = await send(path, { headers: { Range: range } });
      expect(response.status, range).toBe(206);
      expect(response.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(response.headers['content-length']), range).toBe(end - start + 1);
      expect(response.body.equals(archiveBytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('clamps a range past the end to the last byte, as the PMTiles client relies on for its 16 KiB first read', async () => {
    const response = await send(path, { headers: { Range: 'bytes=0-16383' } });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(response.body.equals(archiveBytes)).toBe(true);
    const suffix = await send(path, { headers: { Range: `bytes=-${size * 2}` } });
    expect(suffix.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
  });

  it('answers 416 with the size for a range that starts at or past the end, and for an empty suffix', async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const response = await send(path, { headers: { Range: range } });
      expect(response.status, range).toBe(416);
      expect(response.headers['content-range'], range).toBe(`bytes */${size}`);
    }
  });

  it('ignores another unit, bad syntax, several ranges and a HEAD request, and sends the whole file', async () => {
    for (const [method, range] of [['GET', 'items=0-5'], ['GET', 'bytes=5-2'], ['GET', 'bytes=a-b'], ['GET', 'bytes=-'], ['GET', 'bytes=0-5, 10-15'], ['HEAD', 'bytes=0-5']] as const) {
      const response = await send(path, { method, headers: { Range: range } });
      expect(response.status, `${method} ${range}`).toBe(200);
      expect(response.headers['content-range'], range).toBeUndefined();
      expect(Number(response.headers['content-length']), range).toBe(size);
    }
  });

  it('never compresses a range of a compressible file, whatever the client accepts', async () => {
    const response = await send('/assets/index-AbC123.js', { headers: { Range: 'bytes=10-59', 'Accept-Encoding': 'br, gzip' } });
    expect(response.status).toBe(206);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(Buffer.from(script).subarray(10, 60).toString());
  });

  it('serves the range only while If-Range names the current ETag', async () => {
    const { headers } = await send(path);
    const current = await send(path, { headers: { Range: 'bytes=0-9', 'If-Range': String(headers.etag) } });
    expect(current.status).toBe(206);
    const old = await send(path, { headers: { Range: 'bytes=0-9', 'If-Range': '"an-older-version"' } });
    expect(old.status).toBe(200);
    expect(old.body.length).toBe(size);
    const dated = await send(path, { headers: { Range: 'bytes=0-9', 'If-Range': 'Wed, 21 Oct 2015 07:28:00 GMT' } });
    expect(dated.status).toBe(200);
  });

  it('lets the pmtiles library read an archive through it', async () => {
    const archive = new PMTiles(`http://127.0.0.1:${port}/data/sample/basemap.pmtiles`);
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([13, 14]);
    const tile = tilesCovering(basemapBbox, 13, 14)[0];
    if (!tile) throw new Error('the box covers no tile');
    const read = await archive.getZxy(tile.zoom, tile.x, tile.y);
    expect(read && Buffer.from(read.data).equals(gridTilePng())).toBe(true);
  });

  it('reads ranges of a large binary file from disk, with a tag that stays the same between requests', async () => {
    const diskServer = createAppServer({ root, inMemoryLimitBytes: 1000 });
    await new Promise<void>((resolvePromise) => diskServer.listen(0, '127.0.0.1', resolvePromise));
    const diskPort = (diskServer.address() as AddressInfo).port;
    try {
      const whole = await send(path, { port: diskPort });
      expect(whole.status).toBe(200);
      expect(whole.body.equals(archiveBytes)).toBe(true);
      const part = await send(path, { port: diskPort, headers: { Range: 'bytes=1500-1600' } });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 1500-1600/${size}`);
      expect(part.body.equals(archiveBytes.subarray(1500, 1601))).toBe(true);
      expect(part.headers.etag).toBe(whole.headers.etag);
      const revalidated = await send(path, { port: diskPort, headers: { 'If-None-Match': String(whole.headers.etag) } });
      expect(revalidated.status).toBe(304);
      const head = await send(path, { port: diskPort, method: 'HEAD' });
      expect([head.status, Number(head.headers['content-length']), head.body.length]).toEqual([200, size, 0]);
    } finally {
      await new Promise<void>((resolvePromise) => diskServer.close(() => resolvePromise()));
    }
  });

  it('parses a range against an empty file as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader(undefined, 10)).toEqual({ kind: 'none' });
  });
});

describe('the policy for external basemaps', () => {
  it('lets the page fetch from the origins the districts name for their basemaps, and from nowhere else', async () => {
    const basemapRoot = mkdtempSync(join(tmpdir(), 'bfmap-static-basemap-'));
    const district = (id: string, basemap: unknown) => {
      mkdirSync(join(basemapRoot, 'data', id), { recursive: true });
      const manifest = {
        id, name: { zh: id, en: id }, sample: false, bbox: [121.4, 31.2, 121.5, 31.3], center: [121.45, 31.25], zoom: 15, coordinateSystem: 'WGS84',
        source: 's', licence: 'CC0-1.0', attribution: 'a', counts: { ramps: 0, toilets: 0, elevators: 0, tactilePaving: 0, network: 0, places: 0 }, basemap,
      };
      writeFileSync(join(basemapRoot, 'data', id, 'district.json'), JSON.stringify(manifest));
    };
    district('styled', { style: 'https://tiles.example.org/styles/light.json' });
    district('archived', { pmtiles: 'http://127.0.0.1:9000/huangpu.pmtiles' });
    district('local', { pmtiles: 'basemap.pmtiles' });
    district('refused', { style: 'file:///etc/passwd' });
    writeFileSync(join(basemapRoot, 'index.html'), indexHtml);
    const basemapServer = createAppServer({ root: basemapRoot, connectOrigins: ['https://fonts.example.org'] });
    await new Promise<void>((resolvePromise) => basemapServer.listen(0, '127.0.0.1', resolvePromise));
    try {
      const response = await send('/index.html', { port: (basemapServer.address() as AddressInfo).port });
      const connect = /connect-src ([^;]*)/.exec(String(response.headers['content-security-policy']))?.[1]?.split(' ');
      expect(connect?.sort()).toEqual(["'self'", 'http://127.0.0.1:9000', 'https://fonts.example.org', 'https://tiles.example.org'].sort());
    } finally {
      await new Promise<void>((resolvePromise) => basemapServer.close(() => resolvePromise()));
      rmSync(basemapRoot, { recursive: true, force: true });
    }
  });

  it('keeps the policy unchanged when there is no external basemap', () => {
    expect(contentSecurityPolicy([])).toBe(CONTENT_SECURITY_POLICY);
  });
});
