import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../server/auth/password-policy.ts';
import {
  defaultScryptParams,
  generatePassword,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from '../../../server/auth/password.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one, with the default (OWASP) parameters', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(parsePasswordHash(stored)?.params).toEqual(defaultScryptParams);
  });

  it.each([
    {
      title: 'same password, two hashes differ (salt)',
      run: async () => (await hashPassword('x'.repeat(12), cheap)) !== (await hashPassword('x'.repeat(12), cheap)),
    },
    {
      title: 'NFC and NFD forms of a name are the same password',
      run: async () => verifyPassword('Zoe\u0308-passphrase', await hashPassword('Zoë-passphrase', cheap)),
    },
    { title: 'empty stored hash never matches', run: async () => !(await verifyPassword('', '')) },
    { title: 'a foreign hash format never matches', run: async () => !(await verifyPassword('pw', '$2b$10$abcdefghijklmnopqrstuv')) },
    {
      title: 'absurd parameters are refused, not computed',
      run: async () => parsePasswordHash('scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43)) === undefined,
    },
    { title: 'a truncated key is refused', run: async () => !(await verifyPassword('pw', (await hashPassword('pw', cheap)).slice(0, -4))) },
  ])('$title', async ({ run }) => {
    expect(await run()).toBe(true);
  });

  it('asks for a re-hash when the parameters were weaker', async () => {
    expect(needsRehash(await hashPassword('p'.repeat(12), cheap))).toBe(true);
    expect(needsRehash(await hashPassword('p'.repeat(12), cheap), cheap)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('generates passwords that pass both policies', () => {
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(16);
      expect(checkPassword(pw, { mode: 'complexity', minLength: 12 })).toEqual([]);
      expect(pw).not.toMatch(/[0O1lI]/);
    }
  });
});
