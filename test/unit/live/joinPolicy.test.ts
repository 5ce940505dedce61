import { describe, expect, it } from 'vitest';
import { decideJoin, type JoinRequest, type RoomFacts } from '../../../server/live/joinPolicy';
import type { Principal } from '../../../shared/auth';

const request = (over: Partial<JoinRequest> = {}): JoinRequest => ({
  roomId: 'r',
  kind: 'lesson',
  badToken: false,
  ...over,
});
const room = (over: Partial<RoomFacts> = {}): RoomFacts => ({
  peers: 0,
  hasTeacher: false,
  capacity: 40,
  ...over,
});
const device: Principal = {
  sub: 'c1',
  role: 'device',
  name: '三(1)班',
  communityIds: ['x'],
  classroomId: 'c1',
};

describe('decideJoin', () => {
  it('refuses a bad token before anything else', () => {
    expect(decideJoin(request({ badToken: true, roomCode: 'abcd' }), room())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('takes the role from the token, never from the payload', () => {
    const decision = decideJoin(request({ principal: device, askedRole: 'teacher' }), room());
    expect(decision).toEqual({ ok: true, role: 'classroom', identity: 'c1' });
  });

  it('needs a token or a code, and the room’s code once it exists', () => {
    expect(decideJoin(request(), room()).ok).toBe(false);
    expect(decideJoin(request({ roomCode: 'abcd' }), room({ code: 'wxyz' }))).toMatchObject({
      ok: false,
      message: 'wrong room code',
    });
    expect(decideJoin(request({ roomCode: 'abcd' }), room({ code: 'abcd' }))).toEqual({
      ok: true,
      role: 'classroom',
    });
  });

  it('keeps a code room behind its code, even for a signed-in user', () => {
    expect(decideJoin(request({ principal: device }), room({ code: 'abcd' }))).toMatchObject({
      ok: false,
      message: 'wrong room code',
    });
    expect(
      decideJoin(request({ principal: device, roomCode: 'abcd' }), room({ code: 'abcd' })).ok,
    ).toBe(true);
  });

  it('allows one teacher per lesson', () => {
    const asTeacher = request({ roomCode: 'abcd', askedRole: 'teacher' });
    expect(decideJoin(asTeacher, room()).ok).toBe(true);
    expect(decideJoin(asTeacher, room({ hasTeacher: true })).ok).toBe(false);
  });

  it('refuses a full room and a room of the other kind', () => {
    expect(decideJoin(request({ roomCode: 'abcd' }), room({ peers: 40 }))).toMatchObject({
      code: 'room_full',
    });
    expect(decideJoin(request({ roomCode: 'abcd' }), room({ kind: 'research' })).ok).toBe(false);
  });

  it('makes everyone a member in a research meeting', () => {
    expect(decideJoin(request({ kind: 'research', principal: device }), room())).toMatchObject({
      ok: true,
      role: 'member',
    });
  });
});
