// One-time enrolment codes for classroom PCs: short enough to type from a phone message,
// from an alphabet without look-alikes (no 0/O, 1/I/L), stored only as a hash.
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** e.g. `K7QM-3XRP`: 8 symbols of 31, about 40 bits; codes also expire and work once. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What people type varies (case, spaces, dashes); the hash is of the canonical form. */
export function normalizeEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashEnrolmentCode(typed: string): string {
  return createHash('sha256').update(normalizeEnrolmentCode(typed)).digest('hex');
}
