// Rate limits on what anyone can call without an account: filing reports anonymously and signing
// in. The counters live in the database (repository.countRateLimitHit), so every app server on one
// PostgreSQL database counts against the same limit. Fixed windows aligned to the epoch: a burst
// at a window's edge may reach twice the limit, which is acceptable for these limits' purpose
// (keeping floods and password guessing slow).
import { rateLimitWindow } from '../db/records.ts';
import type { Repository } from '../db/repository.ts';
import { ApiFailure } from './responses.ts';

export interface RateLimit {
  /** Calls allowed per window; the next one is refused until the window ends. */
  maximumHits: number;
  windowMilliseconds: number;
}

export interface RateLimits {
  /** Reports filed without an account, per client address (IPv6: per /64). */
  reportFilingPerAddress: RateLimit | null;
  /** Sign-in attempts, right or wrong, per client address. */
  signInPerAddress: RateLimit | null;
  /** Sign-in attempts, right or wrong, per username (after NFKC and lower-casing), from anywhere. */
  signInPerUsername: RateLimit | null;
}

const MINUTE_MILLISECONDS = 60 * 1000;

/**
 * Project choices: 20 anonymous reports per 10 minutes is more than a resident reporting a whole
 * street needs and still stops a script; 10 sign-in attempts per 15 minutes per address and per
 * username leaves room for typos and makes guessing a 15-character password hopeless.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  reportFilingPerAddress: { maximumHits: 20, windowMilliseconds: 10 * MINUTE_MILLISECONDS },
  signInPerAddress: { maximumHits: 10, windowMilliseconds: 15 * MINUTE_MILLISECONDS },
  signInPerUsername: { maximumHits: 10, windowMilliseconds: 15 * MINUTE_MILLISECONDS },
};

/** Every limit off: for the load bench, which files thousands of reports from one address. */
export const NO_RATE_LIMITS: RateLimits = { reportFilingPerAddress: null, signInPerAddress: null, signInPerUsername: null };

export interface RateLimitCount {
  exceeded: boolean;
  /** Whole seconds until the window ends (at least 1): the Retry-After of a refusal. */
  retryAfterSeconds: number;
}

/** Counts one call in `bucket` and says whether it is over `limit`; a limit of null counts nothing and never refuses. */
export async function countCall(repository: Repository, bucket: string, limit: RateLimit | null, now: Date): Promise<RateLimitCount> {
  if (limit === null) return { exceeded: false, retryAfterSeconds: 0 };
  const hits = await repository.countRateLimitHit(bucket, limit.windowMilliseconds, now);
  const windowEnd = Date.parse(rateLimitWindow(limit.windowMilliseconds, now).end);
  return { exceeded: hits > limit.maximumHits, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
}

function waitText(seconds: number): { zh: string; en: string } {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? { zh: `${seconds} 秒`, en: `${seconds} second${seconds === 1 ? '' : 's'}` }
    : { zh: `${minutes} 分钟`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}

/** 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3) and what was limited, in zh and en. */
export function tooManyRequests(code: string, retryAfterSeconds: number, what: { zh: string; en: string }): ApiFailure {
  const wait = waitText(retryAfterSeconds);
  return new ApiFailure(429, code, {
    zh: `${what.zh}过于频繁，请 ${wait.zh}后再试`,
    en: `Too many ${what.en}; try again in ${wait.en}`,
  }, { 'Retry-After': String(retryAfterSeconds) });
}
