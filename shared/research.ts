// The research room (同步教学研讨): minutes sections, the /research socket.io namespace's
// events with their payload schemas, and the REST bodies of the research records.
import { Type, type Static } from '@sinclair/typebox';
import type { ScheduledOccurrence } from './timetable/occurrence';
import { LessonState, LessonView, type LessonNames } from './lessons';
import { labelOf } from './timetable/names';
import type { Ack } from './signaling/events';

export const RESEARCH_NAMESPACE = '/research';

/** Yjs updates travel base64-encoded; 96 KiB of base64 ≈ 72 KiB of update. */
const Base64 = (maxLength: number) => Type.String({ maxLength, pattern: '^[A-Za-z0-9+/]*={0,2}$' });

export interface MinutesSection {
  /** the Y.Text name in the session's Y.Doc */
  key: string;
  label: string;
}

/**
 * Observations on both sides (seed 001: 针对双边课堂情况), problems, agreed next steps.
 * `names` (the lesson's, from the timetable) titles each classroom's section with its school
 * and name; the keys stay ids, so renaming a classroom never moves its text.
 */
export function minutesSections(
  o: Pick<ScheduledOccurrence, 'coreClassroomId' | 'memberClassroomIds'>,
  names?: Pick<LessonNames, 'classrooms'>,
): MinutesSection[] {
  const core = names?.classrooms.some((c) => c.classroomId === o.coreClassroomId)
    ? `主讲课堂观察（${labelOf(names, o.coreClassroomId)}）`
    : '主讲课堂观察';
  return [
    { key: 'core', label: core },
    ...o.memberClassroomIds.map((id) => ({
      key: `member:${id}`,
      label: `听讲课堂观察（${labelOf(names, id)}）`,
    })),
    { key: 'problems', label: '存在问题' },
    { key: 'nextSteps', label: '改进措施与下一步' },
  ];
}

// Client → server, each with an ack.

export const MinutesJoin = Type.Object({
  occurrenceId: Type.String({ minLength: 1, maxLength: 200 }),
  /** the client's Y state vector (base64) after a reconnect: only what it lacks is sent */
  stateVector: Type.Optional(Base64(64 * 1024)),
});
export type MinutesJoin = Static<typeof MinutesJoin>;

/** Leaves a session's broadcasts; no ack. */
export const MinutesLeave = Type.Object({
  occurrenceId: Type.String({ minLength: 1, maxLength: 200 }),
});
export type MinutesLeave = Static<typeof MinutesLeave>;

export const MinutesUpdate = Type.Object({
  occurrenceId: Type.String({ minLength: 1, maxLength: 200 }),
  /** one Yjs update (base64) */
  update: Base64(96 * 1024),
});
export type MinutesUpdate = Static<typeof MinutesUpdate>;

export type ResearchAccess = 'write' | 'read';

export interface MinutesJoinReply {
  /** everything the client lacks, as one Yjs update (base64) */
  update: string;
  sections: MinutesSection[];
  access: ResearchAccess;
  state: LessonState;
  closesAt?: number;
}

/** /research acks like /live (shared/signaling/events.ts): `{ ok, data }` or `{ ok, error }`. */
export type MinutesJoinAck = Ack<MinutesJoinReply>;
export type MinutesUpdateAck = Ack<Record<string, never>>;

/** Server → client, one schema each: the client checks what it receives. */
export const minutesServerMessages = {
  'minutes:update': Type.Object({
    occurrenceId: Type.String({ minLength: 1, maxLength: 200 }),
    update: Type.String(),
  }),
  'minutes:closed': Type.Object({ occurrenceId: Type.String({ minLength: 1, maxLength: 200 }) }),
};

export interface MinutesServerEvents {
  /** someone else's update (base64), already durable */
  'minutes:update': (payload: { occurrenceId: string; update: string }) => void;
  /** the session closed: the minutes are archived and read-only now */
  'minutes:closed': (payload: { occurrenceId: string }) => void;
}

export interface MinutesClientEvents {
  'minutes:join': (payload: MinutesJoin, ack: (reply: MinutesJoinAck) => void) => void;
  'minutes:update': (payload: MinutesUpdate, ack: (reply: MinutesUpdateAck) => void) => void;
  'minutes:leave': (payload: { occurrenceId: string }) => void;
}

// REST.

export const ResearchView = Type.Object({
  record: LessonView,
  sections: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  /** section key → text */
  minutes: Type.Record(Type.String(), Type.String()),
  access: Type.Union([Type.Literal('write'), Type.Literal('read')]),
});
export type ResearchView = Static<typeof ResearchView>;

export const ResearchSummary = Type.Object({
  occurrenceId: Type.String(),
  communityId: Type.String(),
  teacherId: Type.String(),
  subject: Type.String(),
  start: Type.String(),
  state: LessonState,
  openedAt: Type.Optional(Type.Number()),
  closesAt: Type.Optional(Type.Number()),
  closedAt: Type.Optional(Type.Number()),
});
export type ResearchSummary = Static<typeof ResearchSummary>;

export const Invitation = Type.Object({
  classroomId: Type.String(),
  /** the link token itself (signaling can hand it to the classroom PC) */
  token: Type.String(),
  /** path of the research page; a one-time sign-in code rides in the #fragment (POST /api/auth/exchange) */
  url: Type.String(),
  expiresAt: Type.Number(),
});
export type Invitation = Static<typeof Invitation>;

export const ResearchListQuery = Type.Object({
  communityId: Type.String({ minLength: 1 }),
  teacherId: Type.Optional(Type.String()),
  state: Type.Optional(Type.Union([Type.Literal('research'), Type.Literal('archived')])),
});
export type ResearchListQuery = Static<typeof ResearchListQuery>;
