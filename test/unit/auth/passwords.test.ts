import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import {
  hashEnrolmentCode,
  newEnrolmentCode,
  normalizeEnrolmentCode,
} from '../../../server/auth/enrolmentCodes';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('同课 2025!');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('同课 2025!', hash)).toBe(true);
    expect(await verifyPassword('同课 2024!', hash)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('refuses a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe('enrolment codes', () => {
  it('are 8 symbols without look-alikes, grouped by 4', () => {
    for (let i = 0; i < 50; i++)
      expect(newEnrolmentCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('hash the same however they are typed', () => {
    expect(normalizeEnrolmentCode(' k7qm 3xrp ')).toBe('K7QM3XRP');
    expect(hashEnrolmentCode('k7qm-3xrp')).toBe(hashEnrolmentCode('K7QM3XRP'));
  });
});
