// The rules of a room-code room (not a lesson occurrence): one of admit()'s parts
// (admission.ts), pure: (request, credentials, room) → grant | reason.
import type { Principal } from '../../shared/auth';
import type { LiveRole, RoomKind } from '../../shared/signaling/events';

export interface JoinRequest {
  roomId: string;
  kind: RoomKind;
  roomCode?: string;
  askedRole?: LiveRole;
  /** the verified token's principal, if a token was given */
  principal?: Principal;
  /** a token was given but did not verify */
  badToken: boolean;
}

export interface RoomFacts {
  /** the code that opened this room, if it is a code room that exists already */
  code?: string;
  kind?: RoomKind;
  peers: number;
  hasTeacher: boolean;
  capacity: number;
}

export type CodeRoomRefusal =
  'bad_token' | 'full' | 'wrong_kind' | 'wrong_code' | 'needs_token' | 'second_teacher';

export type CodeRoomDecision =
  | { ok: true; role: LiveRole; identity?: string }
  | { ok: false; code: 'forbidden' | 'room_full'; reason: CodeRoomRefusal; message: string };

const roleOfPrincipal: Record<Principal['role'], LiveRole> = {
  teacher: 'teacher',
  device: 'classroom',
  observer: 'observer',
  coordinator: 'observer',
  school_office: 'observer',
  district: 'observer',
};

export function decideJoin(request: JoinRequest, room: RoomFacts): CodeRoomDecision {
  if (request.badToken)
    return {
      ok: false,
      code: 'forbidden',
      reason: 'bad_token',
      message: 'token invalid or expired',
    };
  if (room.peers >= room.capacity) {
    return {
      ok: false,
      code: 'room_full',
      reason: 'full',
      message: `room holds at most ${room.capacity}`,
    };
  }
  if (room.kind && room.kind !== request.kind) {
    return {
      ok: false,
      code: 'forbidden',
      reason: 'wrong_kind',
      message: `room ${request.roomId} is a ${room.kind} room`,
    };
  }
  // A room opened with a code stays behind its code, whoever asks.
  if (room.code !== undefined && room.code !== request.roomCode) {
    return { ok: false, code: 'forbidden', reason: 'wrong_code', message: 'wrong room code' };
  }
  if (request.principal) {
    const role = request.kind === 'research' ? 'member' : roleOfPrincipal[request.principal.role];
    return { ok: true, role, identity: request.principal.sub };
  }
  if (!request.roomCode) {
    return {
      ok: false,
      code: 'forbidden',
      reason: 'needs_token',
      message: 'a token or a room code is required',
    };
  }
  const role: LiveRole =
    request.kind === 'research' ? 'member' : (request.askedRole ?? 'classroom');
  if (role === 'teacher' && room.hasTeacher) {
    return {
      ok: false,
      code: 'forbidden',
      reason: 'second_teacher',
      message: 'this lesson already has its teacher',
    };
  }
  return { ok: true, role };
}
