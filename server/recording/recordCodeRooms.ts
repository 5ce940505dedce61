// A code room (ad hoc, no timetable) is recorded only while its teacher asks for it, and
// at the latest until the room empties.
import type { Recordings } from './Recordings';
import { recordingFolder } from './Recordings';

export interface CodeRoom {
  readonly id: string;
  once(event: 'empty', listener: () => void): unknown;
}

export interface CodeRooms<R extends CodeRoom> {
  on(event: 'recording', listener: (room: R, on: boolean) => void): unknown;
  off(event: 'recording', listener: (room: R, on: boolean) => void): unknown;
}

/** Code recordings are named by room and start time, so each request is its own recording. */
export const codeRecordingId = (roomId: string, at: number) =>
  `code-${recordingFolder(roomId)}-${at}`;

export function recordCodeRooms<R extends CodeRoom>(
  rooms: CodeRooms<R>,
  recordings: Recordings,
  now: () => number,
  log: { warn(obj: object, msg: string): void },
): () => void {
  const active = new Map<string, string>();
  const failed = (id: string) => (error: Error) =>
    log.warn({ recordingId: id, err: error.message }, 'recording: code room not recorded');
  const stop = (roomId: string) => {
    const id = active.get(roomId);
    if (!id) return;
    active.delete(roomId);
    void recordings.stop(id).catch(failed(id));
  };
  const onRecording = (room: R, on: boolean) => {
    if (!on) return stop(room.id);
    if (active.has(room.id)) return;
    const id = codeRecordingId(room.id, now());
    active.set(room.id, id);
    void recordings.start(id, room.id, 'code').catch(failed(id));
    room.once('empty', () => {
      if (active.get(room.id) === id) stop(room.id);
    });
  };
  rooms.on('recording', onRecording);
  return () => rooms.off('recording', onRecording);
}
