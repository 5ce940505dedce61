// Two PCs enrolled for one classroom (the projector's PC and a second screen) carry the
// same classroom in their tokens. The first in the room is the classroom: it sends the
// room's camera and microphone, it is the tile on the teacher's wall and it is counted in
// attendance. Any other PC of that classroom that comes while it is there is its second
// screen (辅助屏, role `viewer`): it receives, sends nothing, and is seen by nobody (policy.ts,
// shared/signaling/roles.ts). The same PC coming back (a reload) is still itself: the
// duplicate-identity rule replaces its older session.
import type { Principal } from '../../shared/auth';
import type { LiveRoom } from './LiveRoom';

/** A classroom PC in the room as its classroom. */
export interface ClassroomPc {
  classroomId: string;
  deviceId?: string;
}

/** The PCs in the room that stand for their classroom (the admission's fact). */
export function classroomPcsIn(room: Pick<LiveRoom, 'participants'>): ClassroomPc[] {
  const pcs: ClassroomPc[] = [];
  for (const p of room.participants.values()) {
    const classroomId = p.principal?.classroomId;
    if (p.role !== 'classroom' || p.principal?.role !== 'device' || !classroomId) continue;
    pcs.push({ classroomId, ...(p.principal.deviceId ? { deviceId: p.principal.deviceId } : {}) });
  }
  return pcs;
}

/** Whether another PC of this device's classroom already stands for it in the room. */
export function isSecondScreen(principal: Principal, pcs: readonly ClassroomPc[]): boolean {
  if (principal.role !== 'device' || !principal.classroomId || !principal.deviceId) return false;
  return pcs.some(
    (pc) => pc.classroomId === principal.classroomId && pc.deviceId !== principal.deviceId,
  );
}

/** A second screen's own identity: its reload replaces it, and it never replaces the first. */
export const secondScreenIdentity = (principal: Principal): string =>
  `${principal.sub}#screen:${principal.deviceId ?? ''}`;
