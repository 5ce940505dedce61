// How this classroom PC joins: set once (by IT or the member teacher), then it joins by
// itself every time the page opens. A device token (from enrolment) or a room + code.
export interface ClassroomSettings {
  roomId: string;
  displayName: string;
  token?: string;
  roomCode?: string;
}

const KEY = 'tongke.classroom';

/** URL parameters win (a link from the coordinator), then what was saved on this PC. */
export function loadSettings(search: string, storage: Storage): ClassroomSettings | undefined {
  const q = new URLSearchParams(search);
  const room = q.get('room');
  const name = q.get('name');
  if (room && name) {
    const settings: ClassroomSettings = {
      roomId: room,
      displayName: name,
      ...(q.get('token') ? { token: q.get('token')! } : {}),
      ...(q.get('code') ? { roomCode: q.get('code')! } : {}),
    };
    storage.setItem(KEY, JSON.stringify(settings));
    return settings;
  }
  const saved = storage.getItem(KEY);
  if (!saved) return undefined;
  try {
    const parsed = JSON.parse(saved) as Partial<ClassroomSettings>;
    if (typeof parsed.roomId === 'string' && typeof parsed.displayName === 'string') {
      return parsed as ClassroomSettings;
    }
  } catch {
    // A damaged entry is as good as none: show the setup form.
  }
  return undefined;
}

export function saveSettings(storage: Storage, settings: ClassroomSettings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}
