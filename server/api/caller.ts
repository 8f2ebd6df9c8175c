// Who is calling: what the request guard (sessions.ts) finds out before any handler runs, and
// every handler acts on. Anonymous callers are the reports core's anonymous resident.
import { ANONYMOUS_RESIDENT, type Actor, type User } from '../../src/domain/reports/index.ts';
import type { Session } from '../db/repository.ts';

export interface Caller {
  /** What the reports core checks (`may`, fileReport, applyTransition). */
  actor: Actor;
  /** The signed-in account; null for anonymous callers. */
  user: User | null;
  session: Session | null;
  /** The session cookie's token, for a live session only: the CSRF token is derived from it. */
  sessionToken: string | null;
  /** A session cookie came that names no live session (signed out, expired, account disabled). */
  staleSessionCookie: boolean;
  /** The client's address as rate limits count it. */
  clientAddress: string;
  /** The request came over TLS (or through a trusted proxy that says so): cookies get Secure. */
  secure: boolean;
}

export function anonymousCaller(clientAddress: string, secure: boolean, staleSessionCookie = false): Caller {
  return { actor: ANONYMOUS_RESIDENT, user: null, session: null, sessionToken: null, staleSessionCookie, clientAddress, secure };
}

/** The actor an account acts as: a responsible unit with its unit, every other role without one. */
export function actorOf(user: User): Actor {
  return { id: user.id, role: user.role, unitId: user.role === 'responsible_unit' ? user.unitId : null };
}
