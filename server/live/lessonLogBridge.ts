// Writes every event of a scheduled lesson's live room into the occurrence's log (the
// store, both backends), stamped by the server's `now` — the clock of the recording's
// segments. The room's own events (people, shares, stage, hands, chat) are translated
// here; the teaching tools' events (questions, timer, and whatever kind comes next) arrive
// ready-made as `logged`. One queue per room keeps the stored order the order they happened.
import type { LessonLogEvent } from '../../shared/lessonLog';
import type { LessonLogRepository } from '../store/lessons/LessonLogRepository';
import type { LiveRoom } from './LiveRoom';
import type { LiveRooms } from './LiveRooms';
import type { Participant } from './Participant';

export interface LessonLogDeps {
  rooms: LiveRooms;
  repo: LessonLogRepository;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
}

const SHARES = new Set(['screen', 'blackboard']);

/** Whether the room is a lesson occurrence's (its id is the occurrence id). */
const logged = (room: LiveRoom) => room.kind === 'lesson' && room.scheduled;

export function logLessons({ rooms, repo, now, log }: LessonLogDeps): () => void {
  const follow = (room: LiveRoom) => {
    if (!logged(room)) return;
    let queue: Promise<unknown> = Promise.resolve();
    const write = (event: LessonLogEvent) => {
      queue = queue
        .then(() => repo.append(room.id, event))
        .catch((error: Error) =>
          log.warn(
            { room: room.id, type: event.type, err: error.message },
            'lesson log: event not kept',
          ),
        );
    };
    // The 巡课 observer is unseen in the lesson, and so in its record.
    const seen = (p: Participant) => p.role !== 'observer';
    room.on('joined', (p) => {
      if (seen(p)) {
        write({
          at: p.joinedAt,
          type: 'joined',
          peerId: p.peerId,
          displayName: p.displayName,
          role: p.role,
        });
      }
    });
    room.on('left', (p, at) => {
      if (seen(p))
        write({ at, type: 'left', peerId: p.peerId, displayName: p.displayName, role: p.role });
    });
    room.on('producerAdded', (p, track) => {
      if (SHARES.has(track.source)) {
        const source = track.source as 'screen' | 'blackboard';
        write({ at: now(), type: 'share_started', source, peerId: p.peerId });
      }
    });
    room.on('producerClosed', (p, track) => {
      if (SHARES.has(track.source)) {
        const source = track.source as 'screen' | 'blackboard';
        write({ at: now(), type: 'share_stopped', source, peerId: p.peerId });
      }
    });
    room.on('stageChanged', (peerId) => {
      const name = peerId ? room.participants.get(peerId)?.displayName : undefined;
      write({ at: now(), type: 'stage', peerId, ...(name ? { displayName: name } : {}) });
    });
    room.on('hand', (p, raised) =>
      write({ at: now(), type: 'hand', peerId: p.peerId, displayName: p.displayName, raised }),
    );
    room.on('chat', (m) =>
      write({
        at: m.at,
        type: 'chat',
        peerId: m.fromPeerId,
        displayName: m.displayName,
        text: m.text,
      }),
    );
    room.on('layout', (state) => write({ at: now(), type: 'layout', ...state }));
    room.on('annotation', (annotation) =>
      write({ at: annotation.at, type: 'annotation', annotation }),
    );
    room.on('logged', (event) => write(event));
  };
  rooms.on('created', follow);
  return () => rooms.off('created', follow);
}
