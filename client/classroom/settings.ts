// How this classroom PC joins: set once (by IT or the member teacher), then it joins by
// itself every time the page opens.
//   - enrolled device: a long-lived device token from a one-time enrolment code; the PC
//     follows its classroom's timetable and joins each lesson when it opens;
//   - trial room: a room id and a room code, for a lesson that is not in the timetable.
export type ClassroomSettings =
  | { mode: 'device'; token: string; classroomId: string; displayName: string }
  | { mode: 'room'; roomId: string; roomCode: string; displayName: string };

const KEY = 'tongke.classroom';

function valid(value: unknown): value is ClassroomSettings {
  const v = value as Partial<Record<string, unknown>> | null;
  if (!v || typeof v.displayName !== 'string') return false;
  if (v.mode === 'device') return typeof v.token === 'string' && typeof v.classroomId === 'string';
  if (v.mode === 'room') return typeof v.roomId === 'string' && typeof v.roomCode === 'string';
  return false;
}

/** URL parameters win (a link from the coordinator), then what was saved on this PC. */
export function loadSettings(search: string, storage: Storage): ClassroomSettings | undefined {
  const q = new URLSearchParams(search);
  const [room, code, name] = [q.get('room'), q.get('code'), q.get('name')];
  if (room && code && name) {
    const settings: ClassroomSettings = {
      mode: 'room',
      roomId: room,
      roomCode: code,
      displayName: name,
    };
    saveSettings(storage, settings);
    return settings;
  }
  const saved = storage.getItem(KEY);
  if (!saved) return undefined;
  try {
    const parsed: unknown = JSON.parse(saved);
    return valid(parsed) ? parsed : undefined;
  } catch {
    // A damaged entry is as good as none: show the setup form.
    return undefined;
  }
}

export function saveSettings(storage: Storage, settings: ClassroomSettings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}

export function forgetSettings(storage: Storage): void {
  storage.removeItem(KEY);
}
