// Serves the built app (dist/) with Node built-ins only: content types, negotiated compression
// cached in memory, validators and cache headers, byte ranges (for PMTiles basemaps), an SPA
// fallback, and a seam for the JSON API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { parseDistrictManifest } from '../src/domain/facilities/parse.ts';

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The one Content-Security-Policy of the app. MapLibre needs blob: workers and images and sets
 * inline styles; everything else, data included, comes from this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response, whatever its status. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The policy with more origins the page may fetch from: the external basemaps named by the
 * districts. MapLibre fetches styles, tiles, glyphs and sprites with fetch(), so connect-src covers them.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  if (connectOrigins.length === 0) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${[...new Set(connectOrigins)].sort().join(' ')}`);
}

/**
 * Origins of the http(s) basemaps named in root/data/<district>/district.json (see data/README.md,
 * "Real basemap"); a file in the district folder is same-origin and needs none. A style's tiles,
 * fonts and icons on yet other hosts are not known here; pass them as `connectOrigins`.
 */
export function districtBasemapOrigins(root: string): string[] {
  const dataFolder = join(root, 'data');
  let folders: string[];
  try {
    folders = readdirSync(dataFolder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
  const origins = new Set<string>();
  for (const folder of folders) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dataFolder, folder, 'district.json'), 'utf8'));
    } catch {
      continue;
    }
    const basemap = parseDistrictManifest(`${folder}/district.json`, json).manifest?.basemap;
    for (const location of [basemap?.style, basemap?.pmtiles]) {
      if (typeof location === 'string' && /^https?:\/\//i.test(location)) origins.add(new URL(location).origin);
    }
  }
  return [...origins].sort();
}

interface ContentType {
  mediaType: string;
  compressible: boolean;
}

/** Keyed by lower-case file extension with its dot. Anything else is application/octet-stream. */
export const CONTENT_TYPES: Readonly<Record<string, ContentType>> = {
  '.html': { mediaType: 'text/html; charset=utf-8', compressible: true },
  // RFC 9239 names text/javascript as the one media type for JavaScript.
  '.js': { mediaType: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { mediaType: 'text/javascript; charset=utf-8', compressible: true },
  '.css': { mediaType: 'text/css; charset=utf-8', compressible: true },
  // RFC 8259 §11: application/json takes no charset parameter; JSON is UTF-8.
  '.json': { mediaType: 'application/json', compressible: true },
  '.map': { mediaType: 'application/json', compressible: true },
  '.webmanifest': { mediaType: 'application/manifest+json', compressible: true },
  // RFC 7946 §12 registers application/geo+json.
  '.geojson': { mediaType: 'application/geo+json', compressible: true },
  '.svg': { mediaType: 'image/svg+xml', compressible: true },
  '.txt': { mediaType: 'text/plain; charset=utf-8', compressible: true },
  '.wasm': { mediaType: 'application/wasm', compressible: true },
  '.ico': { mediaType: 'image/x-icon', compressible: true },
  // Already compressed formats gain nothing from a second pass.
  '.png': { mediaType: 'image/png', compressible: false },
  '.webp': { mediaType: 'image/webp', compressible: false },
  '.jpg': { mediaType: 'image/jpeg', compressible: false },
  '.jpeg': { mediaType: 'image/jpeg', compressible: false },
  '.woff2': { mediaType: 'font/woff2', compressible: false },
  // Vector tiles written by tippecanoe and similar tools are usually gzipped already.
  '.pbf': { mediaType: 'application/x-protobuf', compressible: false },
  '.bin': { mediaType: 'application/octet-stream', compressible: false },
  // The media type the PMTiles v3 specification recommends; its tiles are compressed inside, and
  // clients read it in byte ranges, which must never be compressed.
  '.pmtiles': { mediaType: 'application/vnd.pmtiles', compressible: false },
};

const UNKNOWN_CONTENT_TYPE: ContentType = { mediaType: 'application/octet-stream', compressible: false };

export function contentTypeFor(filePath: string): ContentType {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? UNKNOWN_CONTENT_TYPE;
}

/** Vite puts content-hashed build output under /assets/; a changed file gets a new name. */
const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html and data files keep their names across builds, so revalidate every time. */
const REVALIDATE_CACHE_CONTROL = 'no-cache';
/**
 * The service worker script (scripts/service-worker-build.ts). Browsers compare it byte for byte
 * to find a new version; a cached copy would hold every visitor on the old app until it expired.
 */
export const SERVICE_WORKER_PATH = '/sw.js';

/** Cache-Control for a file at a decoded request path. */
export function cacheControlFor(path: string): string {
  if (path === SERVICE_WORKER_PATH) return REVALIDATE_CACHE_CONTROL;
  return path.startsWith('/assets/') ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
}

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * Picks the response encoding from Accept-Encoding (RFC 9110 §12.5.3): the highest q-value wins,
 * ties go to brotli, then gzip, then identity. A missing header means identity.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...parameters] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.trim().split('=');
      if (name === 'q' && value !== undefined) {
        const parsed = Number(value);
        weight = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    weights.set(token.trim(), weight);
  }
  const wildcardWeight = weights.get('*');
  const weightOf = (encoding: ContentEncoding): number => {
    const explicit = weights.get(encoding);
    if (explicit !== undefined) return explicit;
    if (wildcardWeight !== undefined) return wildcardWeight;
    // Identity is acceptable unless excluded (RFC 9110 §12.5.3); other codings only if named.
    return encoding === 'identity' ? 0.001 : 0;
  };
  let best: ContentEncoding = 'identity';
  let bestWeight = 0;
  for (const encoding of ['br', 'gzip', 'identity'] as const) {
    const weight = weightOf(encoding);
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

export type RangeRequest = { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };
const NO_RANGE: RangeRequest = { kind: 'none' };

/**
 * A Range header (RFC 9110 §14.1.2) against a representation of `sizeBytes`: `bytes=a-b`, `a-` or
 * `-n`, with `end` inclusive and clamped to the last byte. A header the server ignores (another
 * unit, bad syntax, several ranges, which we answer with the whole file as §14.2 allows) is
 * 'none'; a range that starts past the end, or an empty suffix, is 'unsatisfiable' (§15.5.17).
 */
export function parseRangeHeader(header: string | undefined, sizeBytes: number): RangeRequest {
  const specification = header === undefined ? null : /^\s*bytes\s*=\s*([^,]*?)\s*$/i.exec(header)?.[1];
  const match = specification === null || specification === undefined ? null : /^(\d*)-(\d*)$/.exec(specification);
  if (!match) return NO_RANGE;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return NO_RANGE;
  if (first === '') {
    const suffixBytes = Number(last);
    if (suffixBytes === 0 || sizeBytes === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, sizeBytes - suffixBytes), end: sizeBytes - 1 };
  }
  const start = Number(first);
  // first-last with last < first is invalid syntax (§14.1.1), not an unsatisfiable range.
  if (last !== '' && Number(last) < start) return NO_RANGE;
  if (start >= sizeBytes) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: last === '' ? sizeBytes - 1 : Math.min(Number(last), sizeBytes - 1) };
}

/**
 * If-Range (RFC 9110 §13.1.5): the range is served only while the entity tag still matches,
 * compared strongly. A date never matches, since these responses carry no Last-Modified.
 */
function ifRangeAllows(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}

/** True when If-None-Match lists the tag, compared weakly as RFC 9110 §13.1.2 requires. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || bare(candidate) === bare(etag));
}

interface Representation {
  body: Buffer;
  etag: string;
}

interface CachedFile {
  modifiedMilliseconds: number;
  sizeBytes: number;
  contentType: ContentType;
  identity: Representation;
  /** Filled on first request per encoding; a promise so concurrent requests compress once. */
  encoded: Map<'br' | 'gzip', Promise<Representation | null>>;
}

/**
 * Brotli quality 11 costs about 2 s per MiB on a small CI machine, quality 9 about 0.1 s for some
 * 9 % more bytes; large files take 9 so the first visitor does not wait seconds.
 */
const BROTLI_MAX_QUALITY_LIMIT_BYTES = 512 * 1024;

async function compress(body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
  const quality = body.length <= BROTLI_MAX_QUALITY_LIMIT_BYTES ? 11 : 9;
  return brotliCompressAsync(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

const ETAG_SUFFIX: Record<'br' | 'gzip', string> = { br: '.br', gzip: '.gz' };

/** Each encoding is its own representation, so each gets its own strong tag. */
async function encodedRepresentation(file: CachedFile, encoding: 'br' | 'gzip'): Promise<Representation | null> {
  let pending = file.encoded.get(encoding);
  if (!pending) {
    pending = compress(file.identity.body, encoding).then((body) =>
      // A compressed body that is not smaller (tiny files) is not worth the decoding work.
      body.length < file.identity.body.length ? { body, etag: file.identity.etag.replace(/"$/, `${ETAG_SUFFIX[encoding]}"`) } : null,
    );
    file.encoded.set(encoding, pending);
  }
  return pending;
}

export type ApiHandler = (request: IncomingMessage, response: ServerResponse, apiPath: string) => void | Promise<void>;

/** The API does not exist yet: every /api/ request answers 404 JSON. */
export const notFoundApiHandler: ApiHandler = (_request, response) => {
  sendJson(response, 404, { error: 'not_found' });
};

export interface AppServerOptions {
  /** The folder to serve, normally dist/. */
  root: string;
  /** Handles every request under /api/, whatever its method. */
  api?: ApiHandler;
  /** Compress every file under root in the background at start, so no visitor waits for it. */
  warmCache?: boolean;
  /** More origins for connect-src, beyond those of the districts' basemaps (e.g. a style's tile host). */
  connectOrigins?: readonly string[];
  /**
   * Files that are not compressed and larger than this are read from disk per request instead of
   * being held in memory: a PMTiles basemap may be hundreds of megabytes, read a few KiB at a time.
   */
  inMemoryLimitBytes?: number;
}

const IN_MEMORY_LIMIT_BYTES = 16 * 1024 * 1024;

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

type DecodedPath = { ok: true; path: string } | { ok: false };

/**
 * The request target's path, percent-decoded, or not ok when it is malformed or tries to leave
 * the root: null bytes, backslashes and ".." segments are refused after decoding, so encoded
 * forms (%2e%2e%2f, %00, %5c) are caught too.
 */
export function decodeRequestPath(requestTarget: string): DecodedPath {
  let rawPath: string;
  if (requestTarget.startsWith('/')) {
    rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '/';
  } else if (/^https?:\/\//i.test(requestTarget)) {
    // Absolute form (RFC 9112 §3.2.2), which servers must accept.
    try {
      rawPath = new URL(requestTarget).pathname;
    } catch {
      return { ok: false };
    }
  } else {
    return { ok: false };
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false };
  if (path.split('/').some((segment) => segment === '..')) return { ok: false };
  return { ok: true, path };
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The last segment has no dot, so the path names an app view rather than a file. */
function looksLikeAppRoute(path: string): boolean {
  const lastSegment = path.split('/').pop() ?? '';
  return !lastSegment.includes('.');
}

export function createAppServer(options: AppServerOptions): Server {
  const root = resolve(options.root);
  const api = options.api ?? notFoundApiHandler;
  const cache = new Map<string, Promise<CachedFile>>();
  const inMemoryLimitBytes = options.inMemoryLimitBytes ?? IN_MEMORY_LIMIT_BYTES;
  const fileSecurityHeaders: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy([...districtBasemapOrigins(root), ...(options.connectOrigins ?? [])]),
  };

  async function loadFile(filePath: string, modifiedMilliseconds: number, sizeBytes: number): Promise<CachedFile> {
    const cached = cache.get(filePath);
    if (cached) {
      const file = await cached;
      if (file.modifiedMilliseconds === modifiedMilliseconds && file.sizeBytes === sizeBytes) return file;
    }
    const loading = readFile(filePath).then((body): CachedFile => {
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
      return {
        modifiedMilliseconds,
        sizeBytes,
        contentType: contentTypeFor(filePath),
        identity: { body, etag: `"${hash}"` },
        encoded: new Map(),
      };
    });
    cache.set(filePath, loading);
    loading.catch(() => cache.delete(filePath));
    return loading;
  }

  /** The regular file for a decoded path, or null; never a file outside the root. */
  async function findFile(path: string): Promise<{ filePath: string; modifiedMilliseconds: number; sizeBytes: number } | null> {
    let filePath = join(root, path);
    if (filePath !== root && !filePath.startsWith(root + sep)) return null;
    try {
      let stats = await stat(filePath);
      if (stats.isDirectory()) {
        filePath = join(filePath, 'index.html');
        stats = await stat(filePath);
      }
      if (!stats.isFile()) return null;
      // A symbolic link inside dist/ must not lead outside it.
      const [realFile, realRoot] = await Promise.all([realpath(filePath), realpath(root)]);
      if (!realFile.startsWith(realRoot + sep)) return null;
      return { filePath, modifiedMilliseconds: stats.mtimeMs, sizeBytes: stats.size };
    } catch {
      return null;
    }
  }

  async function sendFile(request: IncomingMessage, response: ServerResponse, found: { filePath: string; modifiedMilliseconds: number; sizeBytes: number }, cacheControl: string): Promise<void> {
    const contentType = contentTypeFor(found.filePath);
    // A large binary file is streamed from disk; its tag names its version by size and time.
    const file = !contentType.compressible && found.sizeBytes > inMemoryLimitBytes
      ? null
      : await loadFile(found.filePath, found.modifiedMilliseconds, found.sizeBytes);
    const sizeBytes = file ? file.identity.body.length : found.sizeBytes;
    const identityEtag = file ? file.identity.etag : `"${sizeBytes.toString(36)}-${Math.floor(found.modifiedMilliseconds).toString(36)}"`;
    const headers: Record<string, string | number> = {
      ...fileSecurityHeaders,
      'Content-Type': contentType.mediaType,
      'Cache-Control': cacheControl,
      'Accept-Ranges': 'bytes',
    };
    // RFC 9110 §14.2: Range is defined for GET only.
    const rangeHeader = request.method === 'GET' ? request.headers.range : undefined;
    const ifRange = request.headers['if-range'];
    const range = rangeHeader !== undefined && ifRangeAllows(Array.isArray(ifRange) ? ifRange[0] : ifRange, identityEtag)
      ? parseRangeHeader(rangeHeader, sizeBytes)
      : NO_RANGE;
    let representation: Representation | null = file ? file.identity : null;
    if (contentType.compressible) {
      headers.Vary = 'Accept-Encoding';
      const encoding = negotiateEncoding(request.headers['accept-encoding']);
      // A range counts bytes of the identity representation; a part is never compressed.
      if (file && range.kind === 'none' && encoding !== 'identity') {
        const encoded = await encodedRepresentation(file, encoding);
        if (encoded) {
          representation = encoded;
          headers['Content-Encoding'] = encoding;
        }
      }
    }
    headers.ETag = representation?.etag ?? identityEtag;
    if (etagMatches(request.headers['if-none-match'], String(headers.ETag))) {
      // RFC 9110 §15.4.5: a 304 repeats the validators and caching headers, not the content ones.
      delete headers['Content-Encoding'];
      delete headers['Content-Type'];
      response.writeHead(304, headers);
      response.end();
      return;
    }
    if (range.kind === 'unsatisfiable') {
      sendText(response, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${sizeBytes}`, 'Accept-Ranges': 'bytes' });
      return;
    }
    const status = range.kind === 'range' ? 206 : 200;
    if (range.kind === 'range') headers['Content-Range'] = `bytes ${range.start}-${range.end}/${sizeBytes}`;
    if (representation) {
      const body = range.kind === 'range' ? representation.body.subarray(range.start, range.end + 1) : representation.body;
      headers['Content-Length'] = body.length;
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    const start = range.kind === 'range' ? range.start : 0;
    const end = range.kind === 'range' ? range.end : sizeBytes - 1;
    headers['Content-Length'] = end - start + 1;
    response.writeHead(status, headers);
    if (request.method === 'HEAD' || end < start) {
      response.end();
      return;
    }
    try {
      await pipeline(createReadStream(found.filePath, { start, end }), response);
    } catch (error) {
      // A client that stops reading (a map that panned away aborts its tile reads) is not a failure.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const decoded = decodeRequestPath(request.url ?? '/');
    if (!decoded.ok) {
      sendText(response, 400, 'Bad request');
      return;
    }
    const path = decoded.path;
    if (isApiPath(path)) {
      await api(request, response, path);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const found = await findFile(path);
    if (found) {
      await sendFile(request, response, found, cacheControlFor(path));
      return;
    }
    if (looksLikeAppRoute(path)) {
      const index = await findFile('/index.html');
      if (index) {
        await sendFile(request, response, index, REVALIDATE_CACHE_CONTROL);
        return;
      }
    }
    sendText(response, 404, 'Not found');
  }

  async function warm(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const entryPath = join(folder, entry.name);
      if (entry.isDirectory()) {
        await warm(entryPath);
      } else if (entry.isFile() && contentTypeFor(entryPath).compressible) {
        const stats = await stat(entryPath);
        const file = await loadFile(entryPath, stats.mtimeMs, stats.size);
        await Promise.all([encodedRepresentation(file, 'br'), encodedRepresentation(file, 'gzip')]);
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`${request.method ?? '?'} ${request.url ?? '?'} failed:`, error);
      if (!response.headersSent) sendText(response, 500, 'Internal server error');
      else response.destroy();
    });
  });
  if (options.warmCache) {
    warm(root).catch((error: unknown) => console.warn('Could not precompress the static files:', error));
  }
  return server;
}
