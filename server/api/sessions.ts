// Signing in and out, and the guard every API request passes before its handler: who is calling
// (the bfmap_session cookie), and for requests that change something, that they come from our own
// pages (the Origin header) and carry the session's CSRF token.
//
// Tokens: the cookie holds 32 random bytes; the database holds only SHA-256 of it (a stolen
// database opens no session). The CSRF token is an HMAC of the cookie token, so the server can
// give it again (GET /api/session) without storing it, and a page that cannot read the HttpOnly
// cookie cannot compute it; the database keeps its SHA-256 too, compared in constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { usernameKey } from '../db/records.ts';
import { actorOf, anonymousCaller, type Caller } from './caller.ts';
import { readJsonBody } from './json-body.ts';
import type { ApiContext } from './options.ts';
import { countCall, tooManyRequests } from './rate-limits.ts';
import { clientAddress, isSecureRequest, originMatches, ownOrigin, rateLimitAddressKey } from './request-origin.ts';
import { ApiFailure, errorResponse, fieldErrorsResponse, type ApiResponse } from './responses.ts';
import { isStateChanging, type ApiMethod, type ApiRoute, type CallerIdentifier, type RouteRequest } from './router.ts';
import { verifyPassword } from './passwords.ts';
import type { User } from '../../src/domain/reports/index.ts';

export const SESSION_PATH = '/api/session';
export const SESSION_COOKIE = 'bfmap_session';
export const CSRF_HEADER = 'X-CSRF-Token';
/** The fields POST /api/session takes. */
export const SIGN_IN_FIELDS = ['username', 'password'] as const;

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAXIMUM_USERNAME_LENGTH = 100;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The CSRF token of a session: a MAC of its cookie token, so only someone holding the cookie's value can know it. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('bfmap CSRF token').digest('base64url');
}

function hashesEqual(first: string, second: string): boolean {
  const firstBytes = Buffer.from(first, 'utf8');
  const secondBytes = Buffer.from(second, 'utf8');
  return firstBytes.length === secondBytes.length && timingSafeEqual(firstBytes, secondBytes);
}

/** The value of the session cookie, or null when the request has none (RFC 6265 §4.2 Cookie syntax). */
export function sessionCookieValue(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === SESSION_COOKIE) return pair.slice(separator + 1).trim();
  }
  return null;
}

/**
 * The Set-Cookie of a session (RFC 6265 §4.1): HttpOnly so page scripts cannot read it,
 * SameSite=Strict so other sites' pages never send it, Secure when the browser talks TLS, Path=/
 * so the app's pages and the API share it; Max-Age ends it with the session.
 */
export function sessionCookie(token: string, lifetimeMilliseconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${Math.floor(lifetimeMilliseconds / 1000)}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** A Set-Cookie that makes the browser forget the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The account as the API shows it: never the password hash. */
export function accountView(user: User): { id: string; username: string; displayName: string; role: User['role']; unitId: string | null } {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId };
}

/** 401 or 403 for a caller the core's table refuses: anonymous callers are asked to sign in, accounts are told they may not. */
export function refusal(caller: Caller, forbidden: { zh: string; en: string }): ApiFailure {
  if (caller.user === null) {
    return new ApiFailure(401, 'sign_in_required', { zh: '请先登录', en: 'Sign in first' });
  }
  return new ApiFailure(403, 'not_allowed', forbidden);
}

/**
 * The guard the router runs before every handler. Reads: who the session cookie names (a cookie
 * of no live session, an expired or disabled account's, makes the caller anonymous). For
 * requests that change something, in this order: an Origin header, when sent, must be our own
 * (403); a stale cookie gets 401 and is cleared, so nobody files a report believing they are signed
 * in; a live session needs the X-CSRF-Token header (403). Signing in (POST /api/session) is
 * exempt from the cookie rules, because its authority is the password in its body, and signing
 * out with a stale cookie just clears it.
 */
export function createCallerIdentifier(context: ApiContext): CallerIdentifier {
  return async (request: IncomingMessage, method: ApiMethod, routePath: string): Promise<Caller> => {
    const trust = { trustProxy: context.trustProxy };
    const secure = isSecureRequest(request, trust);
    const address = rateLimitAddressKey(clientAddress(request, trust));
    const changing = isStateChanging(method);
    const isSessionRoute = routePath === SESSION_PATH;

    if (changing) {
      const origin = headerValue(request, 'origin');
      if (origin !== undefined && !originMatches(origin, ownOrigin(request, trust, context.publicOrigin))) {
        throw new ApiFailure(403, 'foreign_origin', {
          zh: '请求来自其他网站，已拒绝：请在本站页面上操作',
          en: `Refused a request sent from another site (${origin}): use this site's own pages`,
        });
      }
    }

    const token = sessionCookieValue(request);
    if (token === null) return anonymousCaller(address, secure);
    const caller = await callerOfToken(context, token, address, secure);

    if (!changing || (isSessionRoute && method === 'POST')) return caller;
    if (caller.staleSessionCookie) {
      if (isSessionRoute) return caller;
      throw new ApiFailure(401, 'session_ended', {
        zh: '你的登录已失效，没有做任何更改：请重新登录后再试',
        en: 'Your session has ended and nothing was changed: sign in again and retry',
      }, { 'Set-Cookie': clearedSessionCookie(secure) });
    }
    const sentCsrfToken = headerValue(request, CSRF_HEADER);
    if (sentCsrfToken === undefined || sentCsrfToken === '' || !caller.session || !hashesEqual(tokenHash(sentCsrfToken), caller.session.csrfTokenHash)) {
      throw new ApiFailure(403, 'csrf_token_invalid', {
        zh: `缺少或错误的 ${CSRF_HEADER} 请求头，没有做任何更改：请刷新页面后再试`,
        en: `The ${CSRF_HEADER} header is missing or wrong, so nothing was changed: reload the page and try again`,
      });
    }
    return caller;
  };
}

async function callerOfToken(context: ApiContext, token: string, address: string, secure: boolean): Promise<Caller> {
  if (!TOKEN_PATTERN.test(token)) return anonymousCaller(address, secure, true);
  const session = await context.repository.getSession(tokenHash(token), context.now());
  if (!session) return anonymousCaller(address, secure, true);
  const user = await context.repository.getUser(session.userId);
  // disableUser deletes the sessions too; this also covers an account disabled by other means.
  if (!user || user.disabled || user.role === 'resident') return anonymousCaller(address, secure, true);
  return { actor: actorOf(user), user, session, sessionToken: token, staleSessionCookie: false, clientAddress: address, secure };
}

const SIGN_IN_FAILED = { zh: '用户名或密码不正确', en: 'The username or password is not right' };

function parseSignIn(body: unknown): { ok: true; username: string; password: string } | { ok: false; response: ApiResponse } {
  const problem = (field: string, code: string, zh: string, en: string): { ok: false; response: ApiResponse } => (
    { ok: false, response: fieldErrorsResponse([{ field, code, message: { zh, en } }]) }
  );
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return problem('', 'not_an_object', '请求应为一个 JSON 对象', 'Send a JSON object');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !(SIGN_IN_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) return problem(`/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'unknown_field', `请删除字段“${unknown}”`, `Remove the field "${unknown}"`);
  const { username, password } = record;
  if (typeof username !== 'string' || username.trim() === '' || username.length > MAXIMUM_USERNAME_LENGTH) {
    return problem('/username', username === undefined ? 'required' : 'not_allowed_value', '请输入用户名', 'Enter your username');
  }
  if (typeof password !== 'string' || password === '' || password.length > 1024) {
    return problem('/password', password === undefined ? 'required' : 'not_allowed_value', '请输入密码', 'Enter your password');
  }
  return { ok: true, username, password };
}

export function sessionRoutes(context: ApiContext): ApiRoute[] {
  const { repository } = context;

  async function current({ caller }: RouteRequest): Promise<ApiResponse> {
    if (caller.user === null || caller.sessionToken === null) {
      return errorResponse(401, 'not_signed_in', { zh: '尚未登录', en: 'Not signed in' }, caller.staleSessionCookie ? { 'Set-Cookie': clearedSessionCookie(caller.secure) } : {});
    }
    return { status: 200, body: { user: accountView(caller.user), csrfToken: csrfTokenFor(caller.sessionToken) } };
  }

  async function signIn({ request, caller }: RouteRequest): Promise<ApiResponse> {
    const parsed = parseSignIn(await readJsonBody(request, context.bodyLimitBytes));
    if (!parsed.ok) return parsed.response;
    const now = context.now();
    // Counted before the password is checked, right or wrong, so guessing costs attempts.
    const byAddress = await countCall(repository, `sign-in:address:${caller.clientAddress}`, context.rateLimits.signInPerAddress, now);
    const byUsername = await countCall(repository, `sign-in:username:${usernameKey(parsed.username)}`, context.rateLimits.signInPerUsername, now);
    const limited = [byAddress, byUsername].filter((count) => count.exceeded);
    if (limited.length > 0) {
      throw tooManyRequests('too_many_sign_in_attempts', Math.max(...limited.map((count) => count.retryAfterSeconds)), { zh: '登录尝试', en: 'sign-in attempts' });
    }
    const user = await repository.findUserByUsername(parsed.username);
    // An unknown username is checked against a decoy hash, so it takes as long as a wrong password.
    const passwordRight = await verifyPassword(parsed.password, user?.passwordHash ?? await context.decoyPasswordHash());
    if (!user || !passwordRight || user.disabled || user.role === 'resident') {
      throw new ApiFailure(401, 'sign_in_failed', SIGN_IN_FAILED);
    }
    // A new token at every sign-in, so a session id planted before it (session fixation) is useless.
    if (caller.session) await repository.deleteSession(caller.session.tokenHash);
    const token = newSessionToken();
    const csrfToken = csrfTokenFor(token);
    await repository.createSession({
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfTokenHash: tokenHash(csrfToken),
      expiresAt: new Date(now.getTime() + context.sessionLifetimeMilliseconds).toISOString(),
    });
    return {
      status: 200,
      body: { user: accountView(user), csrfToken },
      headers: { 'Set-Cookie': sessionCookie(token, context.sessionLifetimeMilliseconds, caller.secure) },
    };
  }

  async function signOut({ caller }: RouteRequest): Promise<ApiResponse> {
    if (caller.session) await repository.deleteSession(caller.session.tokenHash);
    return { status: 204, body: null, headers: { 'Set-Cookie': clearedSessionCookie(caller.secure) } };
  }

  return [{ path: SESSION_PATH, methods: { GET: current, POST: signIn, DELETE: signOut } }];
}
