// Ties live rooms to the lesson domain: classroom joins, leaves and connection samples of a
// scheduled lesson go to attendance; a lesson that ends closes its room and sends the
// teachers on to the research meeting; a research session that closes ends its meeting.
import type { QualitySample, TeacherVideoSample } from '../../shared/lessons';
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

export function toQualitySample(q: PeerQuality, teacherVideo?: TeacherVideoSample): QualitySample {
  return {
    bitrateKbps: Math.round(q.recvBitrate / 1000),
    lossPct: Math.min(100, Math.round(q.lossFraction * 1000) / 10),
    rttMs: q.rttMs ?? 0,
    sentVideoKbps: Math.round(q.recvVideoBitrate / 1000),
    ...(teacherVideo ? { teacherVideo } : {}),
    ...(q.reception ? { reception: q.reception } : {}),
  };
}

/** The teacher's cameras now sending: what a member classroom is there to see. */
function teacherCameras(room: LiveRoom): Set<string> {
  const ids = new Set<string>();
  for (const p of room.participants.values()) {
    if (p.role !== 'teacher') continue;
    for (const track of p.media?.published() ?? []) {
      if (track.source === 'camera' && !track.paused) ids.add(track.id);
    }
  }
  return ids;
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
  // The teacher cameras each classroom has been sampled with: the first sample of a new
  // pair (0–2 s after the camera or the classroom came) falls before the first keyframe can
  // arrive, and says nothing about the classroom.
  const warm = new WeakMap<Participant, Set<string>>();
  const onQuality = (room: LiveRoom, samples: PeerQuality[]) => {
    const cameras = teacherCameras(room);
    for (const q of samples) {
      const p = room.participants.get(q.peerId);
      if (!p) continue;
      const seen = warm.get(p) ?? new Set<string>();
      warm.set(p, cameras);
      const settled = new Set([...cameras].filter((c) => seen.has(c)));
      void classroom(room, p)
        .then(async (id) => {
          if (!id) return;
          // A member classroom is graded on what it got of the teacher, while she sends.
          const media = p.media;
          const teacherVideo =
            p.role === 'classroom' && settled.size > 0 && media && !media.closed
              ? await media.teacherVideo(settled)
              : undefined;
          await attendance.quality(room.id, id, toQualitySample(q, teacherVideo));
        })
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
