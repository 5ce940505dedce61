// What an enrolled classroom PC does all day: ask the server for its lesson now or next,
// and say which room to join. No DOM: the page shows what it returns.
import type { TokenReply } from '../../shared/auth';
import type { TodayReply } from '../../shared/timetable/api';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the server's machine code (`device_revoked`, `unauthorized`…), if it gave one */
    readonly code = '',
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { message?: string; error?: string };
  if (!res.ok) throw new HttpError(res.status, body.message ?? res.statusText, body.error ?? '');
  return body;
}

/** Trades a one-time enrolment code for this PC's device token. */
export async function enrol(base: string, code: string): Promise<TokenReply> {
  const res = await fetch(`${base}/api/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return json<TokenReply>(res);
}

export async function today(base: string, classroomId: string, token: string): Promise<TodayReply> {
  const res = await fetch(`${base}/api/classrooms/${encodeURIComponent(classroomId)}/today`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return json<TodayReply>(res);
}

/** "数学 09:00–09:40", in the community's clock as the server gave it. */
export function describeLesson(
  lesson: { subject: string; start: string; end: string },
  timeZone: string,
): string {
  const time = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone,
    }).format(new Date(iso));
  return `${lesson.subject} ${time(lesson.start)}–${time(lesson.end)}`;
}
