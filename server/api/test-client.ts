// A plain HTTP client for the API tests (photos, exports, facility statuses, the crash test):
// one request, the whole answer as bytes, text and JSON when it parses. node:http rather than
// fetch, so tests can send headers fetch forbids and bodies in chunks.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  text: string;
  /** null when the body is not JSON. */
  json: unknown;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string or object is sent as JSON (with Content-Type application/json unless headers say otherwise); a Buffer as it is. */
  body?: unknown;
}

export function errorCodeOf(answer: Answer): string | undefined {
  return (answer.json as { error?: { code?: string } } | null)?.error?.code;
}

export function send(port: number, path: string, options: SendOptions = {}): Promise<Answer> {
  const { body } = options;
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const headers = { ...(payload === undefined || Buffer.isBuffer(body) ? {} : { 'Content-Type': 'application/json' }), ...options.headers };
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolvePromise({ status: incoming.statusCode ?? 0, headers: incoming.headers, bytes, text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The calendar date in Shanghai (UTC+8 all year since 1991) of an instant, computed without the reports core. */
export function shanghaiDate(milliseconds: number): string {
  return new Date(milliseconds + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** What a signed-in account sends: its session cookie, and with changes its CSRF token. */
export interface Credentials {
  cookie: string;
  csrfToken: string;
}

export async function signIn(port: number, username: string, password: string): Promise<Credentials> {
  const answer = await send(port, '/api/session', { method: 'POST', body: { username, password } });
  const setCookie = answer.headers['set-cookie']?.[0];
  if (answer.status !== 200 || setCookie === undefined) throw new Error(`Signing in as ${username} failed: ${answer.status} ${answer.text}`);
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken: (answer.json as { csrfToken: string }).csrfToken };
}

/** Headers that make a request as the account: the cookie, and for changes the CSRF token. */
export function as(credentials: Credentials | null, changing: boolean): Record<string, string> {
  if (credentials === null) return {};
  return { Cookie: credentials.cookie, ...(changing ? { 'X-CSRF-Token': credentials.csrfToken } : {}) };
}
