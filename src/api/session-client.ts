// Who is signed in, as the server sees this browser's session cookie (GET /api/session), with the
// CSRF token every state-changing request made with that cookie must carry. Anonymous residents
// get null: their reports need no token.
export interface SignedInUser {
  username: string;
  displayName: string;
  role: string;
}

export interface CurrentSession {
  user: SignedInUser;
  csrfToken: string;
}

export type FetchSession = (url: string) => Promise<{ status: number; json: () => Promise<unknown> }>;

const fetchSession: FetchSession = async (url) => {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return { status: response.status, json: () => response.json() as Promise<unknown> };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The signed-in session, or null when anonymous, offline, without an API, or answered with something unreadable. */
export async function currentSession(baseUrl: string, fetcher: FetchSession = fetchSession): Promise<CurrentSession | null> {
  try {
    const response = await fetcher(`${baseUrl}api/session`);
    if (response.status !== 200) return null;
    const body = await response.json();
    if (!isRecord(body) || typeof body.csrfToken !== 'string' || !isRecord(body.user)) return null;
    const { username, displayName, role } = body.user;
    if (typeof username !== 'string' || typeof displayName !== 'string' || typeof role !== 'string') return null;
    return { user: { username, displayName, role }, csrfToken: body.csrfToken };
  } catch {
    return null;
  }
}
