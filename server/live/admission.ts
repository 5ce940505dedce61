// Who enters a live room, and as what: ONE pure function (style.md §8). Everything it
// needs is passed in — what the lesson and research side know of the room id, the ad-hoc
// grant, the credentials, the room as it is, the caps and `now` — and it answers a grant
// or a refusal with its reason. The socket edge gathers the facts and acts on the answer.
import type { Principal } from '../../shared/auth';
import type { AdhocGrant } from '../../shared/security';
import type { LessonState } from '../../shared/lessons';
import type { LiveRole, RoomKind } from '../../shared/signaling/events';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import { joinGate } from '../lessons/joinGate';
import { researchGate } from '../research/researchGate';
import { admitAdhoc, type AdhocMode } from '../security/adhocAdmission';
import { decideJoin } from './joinPolicy';
import { isSecondScreen, secondScreenIdentity, type ClassroomPc } from './secondScreen';

/** What the lesson side knows of a room id that is a lesson occurrence. */
export interface ScheduledFacts {
  occurrence: ScheduledOccurrence;
  state: LessonState;
  /** the lesson's teacher may enter this long before start */
  maxEarlyStartMs: number;
}

export interface AdmissionInput {
  roomId: string;
  kind: RoomKind;
  roomCode?: string;
  /** asked role; honoured only with a room code, and only as the room allows */
  askedRole?: LiveRole;
  /** the verified token's principal, if a token was given and verified */
  principal?: Principal;
  /** a token was given but did not verify (expired, revoked device, bad signature) */
  badToken: boolean;
  /** the room id is a lesson occurrence (undefined: it is not) */
  scheduled?: ScheduledFacts;
  /** how room-code rooms are opened; absent: any code opens one (tests, the benchmark) */
  adhoc?: { mode: AdhocMode; grant?: AdhocGrant };
  /** the room as it is now, if it exists */
  room?: {
    code?: string;
    kind: RoomKind;
    peers: number;
    hasTeacher: boolean;
    /** the classroom PCs in it that stand for their classroom (secondScreen.ts) */
    classroomPcs?: ClassroomPc[];
  };
  /** participants one room takes */
  capacity: number;
  now: number;
}

export type RefusalReason =
  | 'bad_token'
  | 'full'
  | 'needs_token'
  | 'wrong_code'
  | 'no_grant'
  | 'grant_expired'
  | 'wrong_kind'
  | 'second_teacher'
  | 'research_closed'
  /** the lesson's or the research session's own refusal (lesson_not_open, wrong_community…) */
  | string;

export type Admission =
  | {
      ok: true;
      role: LiveRole;
      /** the token's subject: a second session of it kicks the first */
      identity?: string;
      /** admitted by the lesson's or the research session's rules */
      scheduled: boolean;
      /** the code a new code room is kept behind */
      code?: string;
    }
  | { ok: false; code: 'forbidden' | 'room_full'; reason: RefusalReason; message: string };

const refuse = (
  reason: RefusalReason,
  message: string,
  code: 'forbidden' | 'room_full' = 'forbidden',
): Admission => ({ ok: false, code, reason, message });

/** A room of a lesson occurrence: the lesson's or the research session's rules. */
export function scheduledRule(
  principal: Principal,
  kind: RoomKind,
  facts: ScheduledFacts,
  now: number,
): { ok: true; role: LiveRole } | { ok: false; reason: string } {
  const { occurrence, state } = facts;
  if (kind === 'lesson') {
    const d = joinGate(principal, occurrence, state, now, {
      maxEarlyStartMs: facts.maxEarlyStartMs,
    });
    return d.ok ? { ok: true, role: d.role } : { ok: false, reason: d.reason };
  }
  const d = researchGate(principal, occurrence, state);
  if (!d.ok) return { ok: false, reason: d.reason };
  // The archive is read on the page; the video meeting ends with the session.
  if (state !== 'research') return { ok: false, reason: 'research_closed' };
  return { ok: true, role: d.access === 'write' ? 'member' : 'observer' };
}

export function admit(input: AdmissionInput): Admission {
  const { principal, room } = input;
  if (input.badToken) return refuse('bad_token', 'token invalid or expired');
  const full = () =>
    refuse('full', `room holds at most ${input.capacity}`, 'room_full') as Admission;

  if (input.scheduled) {
    // A lesson's room is entered with a token only: a code join must never open a room
    // under an occurrence id (and squat it before the teacher and her classrooms come).
    if (!principal) {
      return refuse(
        'needs_token',
        '这节课须用账号或教室电脑进入 A scheduled lesson is entered with a token, not a room code',
      );
    }
    const d = scheduledRule(principal, input.kind, input.scheduled, input.now);
    if (!d.ok) return refuse(d.reason, d.reason);
    if ((room?.peers ?? 0) >= input.capacity) return full();
    // Another PC of this classroom is in already: this one is its second screen.
    if (d.role === 'classroom' && isSecondScreen(principal, room?.classroomPcs ?? [])) {
      return {
        ok: true,
        role: 'viewer',
        identity: secondScreenIdentity(principal),
        scheduled: true,
      };
    }
    return { ok: true, role: d.role, identity: principal.sub, scheduled: true };
  }

  // Not a scheduled room: it exists only by a grant (ADHOC_ROOMS=granted), at its size.
  let capacity = input.capacity;
  if (input.adhoc) {
    const grant = admitAdhoc(input.adhoc.mode, input.adhoc.grant, input.roomCode, input.now);
    if (!grant.ok) {
      const reason = !input.adhoc.grant
        ? 'no_grant'
        : input.adhoc.grant.expiresAt <= input.now
          ? 'grant_expired'
          : 'wrong_code';
      return refuse(reason, grant.message);
    }
    if (grant.capacity) capacity = Math.min(capacity, grant.capacity);
  }
  const d = decideJoin(
    {
      roomId: input.roomId,
      kind: input.kind,
      roomCode: input.roomCode,
      askedRole: input.askedRole,
      principal,
      badToken: false,
    },
    {
      code: room?.code,
      kind: room?.kind,
      peers: room?.peers ?? 0,
      hasTeacher: room?.hasTeacher ?? false,
      capacity,
    },
  );
  if (!d.ok) return refuse(d.reason, d.message, d.code);
  return {
    ok: true,
    role: d.role,
    ...(d.identity ? { identity: d.identity } : {}),
    scheduled: false,
    ...(principal ? {} : { code: input.roomCode }),
  };
}
