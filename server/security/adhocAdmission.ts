// Whether a room-code room may be entered: with ADHOC_ROOMS=granted only by the code of a
// grant a coordinator or teacher created, before it expires. Pure: the grant and `now`
// are passed in.
import { timingSafeEqual } from 'node:crypto';
import type { AdhocGrant } from '../../shared/security';

export type AdhocMode = 'granted' | 'open';

export type AdhocDecision =
  | { ok: true; /** the grant's capacity, if one governs the room */ capacity?: number }
  | { ok: false; code: 'forbidden'; message: string };

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function admitAdhoc(
  mode: AdhocMode,
  grant: AdhocGrant | undefined,
  roomCode: string | undefined,
  now: number,
): AdhocDecision {
  if (mode === 'open' && !grant) return { ok: true };
  if (!grant) {
    return {
      ok: false,
      code: 'forbidden',
      message: '没有这个临时教室 No such ad-hoc room: a coordinator or teacher creates it first',
    };
  }
  if (grant.expiresAt <= now) {
    return { ok: false, code: 'forbidden', message: '临时教室已过期 This ad-hoc room has expired' };
  }
  if (!roomCode || !sameCode(roomCode, grant.code)) {
    return { ok: false, code: 'forbidden', message: 'wrong room code' };
  }
  return { ok: true, capacity: grant.capacity };
}
