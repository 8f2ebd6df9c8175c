import { describe, it, expect } from 'vitest';
import { scryptSync } from 'node:crypto';
import {
  DEFAULT_SCRYPT_PARAMETERS, MINIMUM_PASSWORD_LENGTH, hashPassword, needsRehash, newPasswordProblem, verifyPassword, type ScryptParameters,
} from './passwords.ts';

// The cheapest cost the hash format accepts keeps these tests fast; one test uses the default.
const CHEAP: ScryptParameters = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };
const password = '无障碍 坡道 correct horse battery';

describe('password hashes', () => {
  it('verify the password they were made from and no other', async () => {
    const stored = await hashPassword(password, CHEAP);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password} `, stored)).toBe(false);
    expect(await verifyPassword(password.toUpperCase(), stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('differ for two hashes of one password, because each has its own salt', async () => {
    const first = await hashPassword(password, CHEAP);
    const second = await hashPassword(password, CHEAP);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    expect(await verifyPassword(password, second)).toBe(true);
  });

  it('carry their parameters, so a hash made with the default cost verifies by what it says', async () => {
    const stored = await hashPassword(password, DEFAULT_SCRYPT_PARAMETERS);
    const [scheme, cost, blockSize, parallelization, salt, hash] = stored.split('$');
    expect([scheme, Number(cost), Number(blockSize), Number(parallelization)])
      .toEqual(['scrypt', DEFAULT_SCRYPT_PARAMETERS.cost, DEFAULT_SCRYPT_PARAMETERS.blockSize, DEFAULT_SCRYPT_PARAMETERS.parallelization]);
    // Recomputed here with node:crypto directly from the stored salt: the hash is plain scrypt.
    const expected = scryptSync(Buffer.from(password.normalize('NFKC')), Buffer.from(salt ?? '', 'base64url'), 32, {
      N: Number(cost), r: Number(blockSize), p: Number(parallelization), maxmem: 256 * Number(cost) * Number(blockSize),
    });
    expect(hash).toBe(expected.toString('base64url'));
    expect(await verifyPassword(password, stored)).toBe(true);
  });

  it('match a password typed with full-width letters to the same password in ASCII (NFKC)', async () => {
    const stored = await hashPassword('ramp-elevator-toilet', CHEAP);
    expect(await verifyPassword('ｒａｍｐ－ｅｌｅｖａｔｏｒ－ｔｏｉｌｅｔ', stored)).toBe(true);
  });

  it('verify nothing against a malformed or over-expensive hash string', async () => {
    const stored = await hashPassword(password, CHEAP);
    const parts = stored.split('$');
    const malformed = [
      '',
      'argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
      parts.slice(0, 5).join('$'),
      [...parts.slice(0, 5), `${parts[5] ?? ''}AA`].join('$'),
      // A cost of 2^21 would need 2 GiB: refused before any work.
      ['scrypt', 2 ** 21, ...parts.slice(2)].join('$'),
      ['scrypt', 1000, ...parts.slice(2)].join('$'),
    ];
    for (const candidate of malformed) expect(await verifyPassword(password, candidate), candidate).toBe(false);
  });

  it('need rehashing when made with less cost than asked for', async () => {
    const stored = await hashPassword(password, CHEAP);
    expect(needsRehash(stored, CHEAP)).toBe(false);
    expect(needsRehash(stored, { ...CHEAP, cost: CHEAP.cost * 2 })).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
  });

  it('refuse to be made with parameters scrypt or the bounds do not allow', async () => {
    await expect(hashPassword(password, { ...CHEAP, cost: 3000 })).rejects.toThrow(/power of two/);
    await expect(hashPassword(password, { ...CHEAP, parallelization: 0 })).rejects.toThrow(/parallelization/);
  });
});

describe('new passwords', () => {
  it(`need at least ${MINIMUM_PASSWORD_LENGTH} characters, counted as characters rather than bytes`, () => {
    expect(newPasswordProblem('a'.repeat(MINIMUM_PASSWORD_LENGTH - 1))?.en).toMatch(String(MINIMUM_PASSWORD_LENGTH));
    expect(newPasswordProblem('a'.repeat(MINIMUM_PASSWORD_LENGTH))).toBeNull();
    // Fifteen Chinese characters are 45 bytes in UTF-8 but fifteen characters.
    expect(newPasswordProblem('无'.repeat(MINIMUM_PASSWORD_LENGTH - 1))).not.toBeNull();
    expect(newPasswordProblem('无'.repeat(MINIMUM_PASSWORD_LENGTH))).toBeNull();
  });
});
