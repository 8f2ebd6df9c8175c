// Password hashing for accounts (issue 6, "Accounts"): scrypt from node:crypto with a random salt
// per password, the cost parameters written into the hash string so they can be raised later
// without invalidating stored hashes, and a constant-time comparison.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  cost: number;
  blockSize: number;
  parallelization: number;
}

/**
 * OWASP Password Storage Cheat Sheet, scrypt: N=2^15, r=8, p=3 is one of its equivalent minimum
 * settings, chosen over N=2^17, p=1 because it needs 32 MiB per hash instead of 128 MiB, so four
 * sign-ins at once (libuv's default thread pool) stay within a small server. About 0.27 s per
 * hash on the development machine.
 */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { cost: 2 ** 15, blockSize: 8, parallelization: 3 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const SCHEME = 'scrypt';

/**
 * NIST SP 800-63B-4 (2025), password verifiers: at least 15 characters when the password is the
 * only factor, and at least 64 must be accepted. The upper bound only keeps request bodies small.
 */
export const MINIMUM_PASSWORD_LENGTH = 15;
export const MAXIMUM_PASSWORD_LENGTH = 256;

/** Hash strings naming parameters outside these bounds are refused, so a planted hash cannot make a sign-in take minutes or gigabytes. */
const PARAMETER_BOUNDS = { cost: [2 ** 10, 2 ** 20], blockSize: [1, 32], parallelization: [1, 16] } as const;

/**
 * The same password typed on another keyboard or input method can arrive as other code points
 * (full-width letters, composed or decomposed accents); NIST SP 800-63B-4 asks verifiers to
 * normalise with NFKC or NFKD before hashing.
 */
function normalisedPassword(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8');
}

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
    // scrypt needs about 128 × N × r bytes; Node refuses anything above maxmem (32 MiB by default).
    maxmem: 256 * parameters.cost * parameters.blockSize,
  };
  return new Promise((resolvePromise, reject) => {
    scrypt(normalisedPassword(password), salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolvePromise(key)));
  });
}

function checkParameters(parameters: ScryptParameters): string | null {
  for (const name of ['cost', 'blockSize', 'parallelization'] as const) {
    const value = parameters[name];
    const [lowest, highest] = PARAMETER_BOUNDS[name];
    if (!Number.isSafeInteger(value) || value < lowest || value > highest) return `${name} must be a whole number from ${lowest} to ${highest}, not ${value}`;
  }
  if ((parameters.cost & (parameters.cost - 1)) !== 0) return `cost must be a power of two, not ${parameters.cost}`;
  return null;
}

/** "scrypt$N$r$p$salt$hash", salt and hash in base64url: everything a later verification needs. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS): Promise<string> {
  const problem = checkParameters(parameters);
  if (problem !== null) throw new RangeError(`scrypt parameters: ${problem}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, parameters);
  return [SCHEME, parameters.cost, parameters.blockSize, parameters.parallelization, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

interface ParsedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : Number.NaN));
  const parameters = { cost: cost ?? Number.NaN, blockSize: blockSize ?? Number.NaN, parallelization: parallelization ?? Number.NaN };
  if (checkParameters(parameters) !== null) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < SALT_BYTES || hash.length !== HASH_BYTES) return null;
  return { parameters, salt, hash };
}

/** True when `password` is the one `stored` was made from. A malformed hash string verifies nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const candidate = await derive(password, parsed.salt, parsed.parameters);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when `stored` was made with weaker parameters than `parameters` (or cannot be read): hash the password again at the next sign-in. */
export function needsRehash(stored: string, parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS): boolean {
  const parsed = parseHash(stored);
  if (parsed === null) return true;
  const current = parsed.parameters;
  return current.cost < parameters.cost || current.blockSize < parameters.blockSize || current.parallelization < parameters.parallelization;
}

/** Why a new password is not acceptable, in zh and en, or null when it is. Length counts characters after NFKC. */
export function newPasswordProblem(password: string): { zh: string; en: string } | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < MINIMUM_PASSWORD_LENGTH) {
    return { zh: `密码至少需要 ${MINIMUM_PASSWORD_LENGTH} 个字符（现在是 ${length} 个）`, en: `The password must be at least ${MINIMUM_PASSWORD_LENGTH} characters long (it has ${length})` };
  }
  if (length > MAXIMUM_PASSWORD_LENGTH) {
    return { zh: `密码不能超过 ${MAXIMUM_PASSWORD_LENGTH} 个字符`, en: `The password must be at most ${MAXIMUM_PASSWORD_LENGTH} characters long` };
  }
  return null;
}
