// Ties live rooms to the lesson domain: classroom joins, leaves and connection samples of a
// scheduled lesson go to attendance; a lesson that ends closes its room and sends the
// teachers on to the research meeting; a research session that closes ends its meeting.
import type { PeerQuality } from '../../shared/signaling/events';
import type { AttendanceRecorder } from '../lessons/AttendanceRecorder';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { LiveRoom } from './LiveRoom';
import type { LiveRooms } from './LiveRooms';
import type { Participant } from './Participant';

export interface LessonBridgeDeps {
  rooms: LiveRooms;
  lifecycle: LessonLifecycle;
  attendance: AttendanceRecorder;
  log: { warn(obj: object, msg: string): void };
}

/**
 * The classroom a participant of a scheduled lesson stands for: a member classroom's PC is
 * its classroom; the teacher broadcasts from the core classroom, so she is its attendance.
 */
async function classroomOf(
  lifecycle: LessonLifecycle,
  room: LiveRoom,
  p: Participant,
): Promise<string | undefined> {
  if (!room.scheduled || room.kind !== 'lesson') return undefined;
  if (p.role === 'classroom') return p.principal?.classroomId;
  if (p.role !== 'teacher') return undefined;
  return (await lifecycle.get(room.id))?.occurrence.coreClassroomId;
}

export function toQualitySample(q: PeerQuality) {
  return {
    bitrateKbps: Math.round(q.recvBitrate / 1000),
    lossPct: Math.min(100, Math.round(q.lossFraction * 1000) / 10),
    rttMs: q.rttMs ?? 0,
  };
}

export function bridgeLessons({ rooms, lifecycle, attendance, log }: LessonBridgeDeps): () => void {
  const failed = (what: string) => (error: Error) =>
    log.warn({ err: error.message }, `attendance: ${what} not recorded`);

  // Each participant's classroom is looked up once, at join, so a leave is recorded for
  // the same classroom even if the timetable changed meanwhile.
  const classrooms = new WeakMap<Participant, Promise<string | undefined>>();
  const classroom = (room: LiveRoom, p: Participant) => {
    let found = classrooms.get(p);
    if (!found) classrooms.set(p, (found = classroomOf(lifecycle, room, p)));
    return found;
  };
  const onJoined = (room: LiveRoom, p: Participant) => {
    void classroom(room, p)
      .then((id) => (id ? attendance.joined(room.id, id, p.joinedAt) : undefined))
      .catch(failed('join'));
  };
  const onLeft = (room: LiveRoom, p: Participant, at: number) => {
    void classroom(room, p)
      .then((id) => (id ? attendance.left(room.id, id, at) : undefined))
      .catch(failed('leave'));
  };
  const onQuality = (room: LiveRoom, samples: PeerQuality[]) => {
    for (const q of samples) {
      const p = room.participants.get(q.peerId);
      if (!p) continue;
      void classroom(room, p)
        .then((id) => (id ? attendance.quality(room.id, id, toQualitySample(q)) : undefined))
        .catch(failed('quality'));
    }
  };
  const onTransition = (e: { occurrenceId: string; to: string }) => {
    if (e.to === 'ended') {
      // Teachers go on to the research meeting of the same occurrence, with their own
      // login; classroom PCs go back to their schedule.
      rooms.close(e.occurrenceId, 'lesson', 'lesson_ended', (p) =>
        p.role === 'teacher' || p.role === 'observer'
          ? { roomId: e.occurrenceId, kind: 'research' }
          : undefined,
      );
    } else if (e.to === 'archived') {
      rooms.close(e.occurrenceId, 'research', 'research_closed');
    }
  };

  rooms.on('joined', onJoined);
  rooms.on('left', onLeft);
  rooms.on('quality', onQuality);
  lifecycle.on('transition', onTransition);
  return () => {
    rooms.off('joined', onJoined);
    rooms.off('left', onLeft);
    rooms.off('quality', onQuality);
    lifecycle.off('transition', onTransition);
  };
}
