// Two PCs enrolled for one classroom: the first in stands for the classroom, any other is
// its receive-only second screen; a PC that comes back is itself again.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { admit, type AdmissionInput } from '../../../server/live/admission';
import { shouldReceive } from '../../../server/live/policy';
import { MIN, occurrence } from '../lessons/support/occurrences';

const o = occurrence();
const pc = (deviceId: string, classroomId = 'room-gaolou-1'): Principal => ({
  sub: classroomId,
  role: 'device',
  name: '高楼',
  communityIds: ['ruian-p-18'],
  classroomId,
  deviceId,
});
const input = (principal: Principal, classroomPcs: AdmissionInput['room']): AdmissionInput => ({
  roomId: o.occurrenceId,
  kind: 'lesson',
  badToken: false,
  principal,
  scheduled: { occurrence: o, state: 'live', maxEarlyStartMs: 10 * MIN },
  ...(classroomPcs ? { room: classroomPcs } : {}),
  capacity: 40,
  now: Date.parse(o.start),
});
const room = (pcs: { classroomId: string; deviceId: string }[]) => ({
  kind: 'lesson' as const,
  peers: pcs.length + 1,
  hasTeacher: true,
  classroomPcs: pcs,
});

describe('a classroom with two PCs', () => {
  it('the first PC in is the classroom', () => {
    expect(admit(input(pc('dev-a'), room([])))).toMatchObject({
      ok: true,
      role: 'classroom',
      identity: 'room-gaolou-1',
    });
  });

  it('a second PC of the same classroom is its receive-only screen, with its own identity', () => {
    const d = admit(
      input(pc('dev-b'), room([{ classroomId: 'room-gaolou-1', deviceId: 'dev-a' }])),
    );
    expect(d).toMatchObject({ ok: true, role: 'viewer' });
    // Not the classroom's identity: it does not send the first PC away.
    expect(d.ok && d.identity).not.toBe('room-gaolou-1');
  });

  it('the same PC coming back is the classroom again (its old session is replaced)', () => {
    const d = admit(
      input(pc('dev-a'), room([{ classroomId: 'room-gaolou-1', deviceId: 'dev-a' }])),
    );
    expect(d).toMatchObject({ ok: true, role: 'classroom', identity: 'room-gaolou-1' });
  });

  it("another classroom's PC is not affected", () => {
    const d = admit(
      input(
        pc('dev-c', 'room-ningyi-1'),
        room([{ classroomId: 'room-gaolou-1', deviceId: 'dev-a' }]),
      ),
    );
    expect(d).toMatchObject({ ok: true, role: 'classroom', identity: 'room-ningyi-1' });
  });
});

describe('what a second screen receives', () => {
  const lesson = (stagePeerId: string | null = null) => ({ kind: 'lesson' as const, stagePeerId });
  const viewer = { peerId: 'b', role: 'viewer' as const, classroomId: 'room-gaolou-1' };
  const teacher = { peerId: 't', role: 'teacher' as const };
  const first = { peerId: 'a', role: 'classroom' as const, classroomId: 'room-gaolou-1' };
  const other = { peerId: 'n', role: 'classroom' as const, classroomId: 'room-ningyi-1' };

  it("the teacher's pictures, not her sound (the first PC plays it)", () => {
    expect(shouldReceive(lesson(), viewer, teacher, 'camera')).toBe(true);
    expect(shouldReceive(lesson(), viewer, teacher, 'screen')).toBe(true);
    expect(shouldReceive(lesson(), viewer, teacher, 'mic')).toBe(false);
  });

  it('the classroom on stage, unless it is its own', () => {
    expect(shouldReceive(lesson('n'), viewer, other, 'camera')).toBe(true);
    expect(shouldReceive(lesson('n'), viewer, other, 'mic')).toBe(false);
    expect(shouldReceive(lesson('a'), viewer, first, 'camera')).toBe(false);
    expect(shouldReceive(lesson(), viewer, other, 'camera')).toBe(false);
  });

  it('nobody receives anything from it', () => {
    expect(shouldReceive(lesson('b'), teacher, viewer, 'camera')).toBe(false);
  });
});
