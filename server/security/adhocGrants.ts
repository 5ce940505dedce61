// A coordinator or teacher allows an ad-hoc room: a room id, a code to enter it, a size and
// an end. Codes are random (no guessable sequence); ids default to random too.
import { randomBytes, randomInt } from 'node:crypto';
import type { Principal } from '../../shared/auth';
import type { AdhocGrant, NewAdhocGrantBody } from '../../shared/security';

/** letters and digits that cannot be misread on a projector (no 0/O, 1/l/I) */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newRoomCode(length = 10): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const adhocDefaults = { capacity: 10, ttlMinutes: 180 };

export function newGrant(body: NewAdhocGrantBody, by: Principal, now: number): AdhocGrant {
  return {
    roomId: body.roomId ?? `adhoc-${randomBytes(5).toString('hex')}`,
    code: body.code ?? newRoomCode(),
    capacity: body.capacity ?? adhocDefaults.capacity,
    expiresAt: now + (body.ttlMinutes ?? adhocDefaults.ttlMinutes) * 60_000,
    createdAt: now,
    createdBy: by.sub,
    communityId: body.communityId,
  };
}
