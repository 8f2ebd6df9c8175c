// What the API is configured with, and the same with every default filled in: one object that
// the route modules (reports, sessions, work lists) and the request guard share.
import { DEFAULT_TIME_ZONE } from '../../src/domain/reports/dates.ts';
import type { Repository } from '../db/repository.ts';
import type { DistrictCatalog } from './district-catalog.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body.ts';
import { DEFAULT_SCRYPT_PARAMETERS, hashPassword, type ScryptParameters } from './passwords.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits.ts';
import { randomBytes, randomUUID } from 'node:crypto';

/** Twelve hours: one working day in the field, after which an inspector signs in again. A project choice. */
export const DEFAULT_SESSION_LIFETIME_MILLISECONDS = 12 * 60 * 60 * 1000;

export interface ApiOptions {
  repository: Repository;
  catalog: DistrictCatalog;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** New report ids; UUIDs by default (the id is the right to follow a report, so it must be unguessable). */
  newReportId?: () => string;
  bodyLimitBytes?: number;
  /** IANA zone for "today" in expected fix dates, work-list ages and staleness; the reports core's default (Shanghai) when not given. */
  timeZone?: string;
  /**
   * A reverse proxy in front of the server writes X-Forwarded-For/-Proto/-Host (TRUST_PROXY=1):
   * only then are they read, for the client address, the cookie's Secure attribute and the origin.
   */
  trustProxy?: boolean;
  /** The origin browsers use (PUBLIC_ORIGIN), e.g. https://map.example.org; by default the request's own scheme and Host. */
  publicOrigin?: string | null;
  /** Per-limit overrides; null turns a limit off (the load bench). */
  rateLimits?: Partial<RateLimits>;
  /** Cost of the password hash a sign-in with an unknown username is checked against, so it takes as long as a real one; tests lower it. */
  passwordParameters?: ScryptParameters;
  sessionLifetimeMilliseconds?: number;
}

/** ApiOptions with every default applied. */
export interface ApiContext {
  repository: Repository;
  catalog: DistrictCatalog;
  now: () => Date;
  newReportId: () => string;
  bodyLimitBytes: number;
  timeZone: string;
  /** Undefined when the caller did not choose: the reports core then uses its own default. */
  reportTimeZone: string | undefined;
  trustProxy: boolean;
  publicOrigin: string | null;
  rateLimits: RateLimits;
  sessionLifetimeMilliseconds: number;
  /**
   * A hash of a random password with the configured parameters, made once: a sign-in naming no
   * account is verified against it, so unknown and known usernames take the same time to refuse.
   */
  decoyPasswordHash: () => Promise<string>;
}

export function resolveApiOptions(options: ApiOptions): ApiContext {
  const passwordParameters = options.passwordParameters ?? DEFAULT_SCRYPT_PARAMETERS;
  let decoy: Promise<string> | null = null;
  return {
    repository: options.repository,
    catalog: options.catalog,
    now: options.now ?? (() => new Date()),
    newReportId: options.newReportId ?? randomUUID,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    reportTimeZone: options.timeZone,
    trustProxy: options.trustProxy ?? false,
    publicOrigin: options.publicOrigin ?? null,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    sessionLifetimeMilliseconds: options.sessionLifetimeMilliseconds ?? DEFAULT_SESSION_LIFETIME_MILLISECONDS,
    decoyPasswordHash: () => {
      decoy ??= hashPassword(randomBytes(24).toString('base64url'), passwordParameters);
      return decoy;
    },
  };
}
