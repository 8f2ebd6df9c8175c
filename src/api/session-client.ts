// Who is signed in, as the server sees this browser's session cookie (GET /api/session), with the
// CSRF token every state-changing request made with that cookie must carry; signing in (POST) and
// out (DELETE). Anonymous residents get null: their reports need no token. Answers' shapes are
// server/api/sessions.ts: 200 { user, csrfToken }, 400 { errors }, 401/429 { error: { code, message: { zh, en } } }.
import type { LocalizedText } from '../domain/reports/index.ts';

export interface SignedInUser {
  username: string;
  displayName: string;
  role: string;
  /** The responsible unit a unit account acts for; null for other roles. */
  unitId: string | null;
}

export interface CurrentSession {
  user: SignedInUser;
  csrfToken: string;
}

export interface SessionAnswer { status: number; json: () => Promise<unknown> }
export type FetchSession = (url: string, init?: RequestInit) => Promise<SessionAnswer>;

const fetchSession: FetchSession = async (url, init) => {
  const response = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init?.headers } });
  return { status: response.status, json: () => response.json() as Promise<unknown> };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLocalized = (value: unknown): value is LocalizedText => isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';

/** The session in a 200 answer of GET or POST /api/session, or null when it has another shape. */
export function parseSession(body: unknown): CurrentSession | null {
  if (!isRecord(body) || typeof body.csrfToken !== 'string' || !isRecord(body.user)) return null;
  const { username, displayName, role, unitId } = body.user;
  if (typeof username !== 'string' || typeof displayName !== 'string' || typeof role !== 'string') return null;
  return { user: { username, displayName, role, unitId: typeof unitId === 'string' ? unitId : null }, csrfToken: body.csrfToken };
}

/** The signed-in session, or null when anonymous, offline, without an API, or answered with something unreadable. */
export async function currentSession(baseUrl: string, fetcher: FetchSession = fetchSession): Promise<CurrentSession | null> {
  try {
    const response = await fetcher(`${baseUrl}api/session`);
    if (response.status !== 200) return null;
    return parseSession(await response.json());
  } catch {
    return null;
  }
}

export type SignInOutcome =
  | { kind: 'signed_in'; session: CurrentSession }
  /** The server said no: wrong username or password (401), too many attempts (429), a field it could not take (400). */
  | { kind: 'refused'; status: number; code: string; message: LocalizedText }
  | { kind: 'network'; detail: string };

function refusalMessage(status: number, body: unknown): { code: string; message: LocalizedText } {
  if (isRecord(body) && isRecord(body.error) && isLocalized(body.error.message)) {
    return { code: typeof body.error.code === 'string' ? body.error.code : `http_${status}`, message: body.error.message };
  }
  // 400 answers list field errors; the form checks both fields first, so this is only a fallback.
  if (isRecord(body) && Array.isArray(body.errors) && isRecord(body.errors[0]) && isLocalized(body.errors[0].message)) {
    return { code: typeof body.errors[0].code === 'string' ? body.errors[0].code : `http_${status}`, message: body.errors[0].message };
  }
  return { code: `http_${status}`, message: { zh: `服务器返回了 HTTP ${status}，没有说明原因`, en: `The server answered HTTP ${status} without saying why` } };
}

async function readBody(answer: SessionAnswer): Promise<unknown> {
  try {
    return await answer.json();
  } catch {
    return null;
  }
}

/** Signs in with POST /api/session; the server sets the session cookie and answers the CSRF token. */
export async function signIn(baseUrl: string, credentials: { username: string; password: string }, fetcher: FetchSession = fetchSession): Promise<SignInOutcome> {
  let answer: SessionAnswer;
  try {
    answer = await fetcher(`${baseUrl}api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: credentials.username, password: credentials.password }),
    });
  } catch (error) {
    return { kind: 'network', detail: (error as Error).message };
  }
  const body = await readBody(answer);
  if (answer.status === 200) {
    const session = parseSession(body);
    if (session) return { kind: 'signed_in', session };
    return { kind: 'refused', status: 200, code: 'malformed_answer', message: { zh: '服务器的回答无法识别', en: "The server's answer could not be understood" } };
  }
  return { kind: 'refused', status: answer.status, ...refusalMessage(answer.status, body) };
}

/**
 * Signs out with DELETE /api/session and the session's CSRF token. True once the server has ended
 * the session (204); false when it could not be reached or refused, so the app keeps showing who is
 * signed in rather than pretending the cookie is gone.
 */
export async function signOut(baseUrl: string, csrfToken: string, fetcher: FetchSession = fetchSession): Promise<boolean> {
  try {
    const answer = await fetcher(`${baseUrl}api/session`, { method: 'DELETE', headers: { 'X-CSRF-Token': csrfToken } });
    return answer.status === 204 || answer.status === 200;
  } catch {
    return false;
  }
}
