import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import type { AdhocGrant } from '../../../shared/security';
import { admit, type AdmissionInput } from '../../../server/live/admission';
import { MIN, T0, occurrence } from '../lessons/support/occurrences';

const o = occurrence(); // starts at T0 + 60 min, 40 minutes
const start = Date.parse(o.start);
const community = ['ruian-p-18'];
const device: Principal = {
  sub: 'room-gaolou-1',
  role: 'device',
  name: '高楼',
  communityIds: community,
  classroomId: 'room-gaolou-1',
};
const wang: Principal = {
  sub: 'u-wang',
  role: 'teacher',
  name: '王老师',
  communityIds: community,
  teacherId: 'teacher-wang',
};
const li: Principal = { ...wang, sub: 'u-li', teacherId: 'teacher-li' };
const observer: Principal = {
  sub: 'u-o',
  role: 'observer',
  name: '教研员',
  communityIds: community,
};
const grant: AdhocGrant = {
  roomId: 'adhoc-1',
  code: 'code1234',
  capacity: 3,
  expiresAt: T0 + 60 * MIN,
  createdAt: T0,
  createdBy: 'u-wang',
  communityId: 'ruian-p-18',
};
const lesson = (state: 'scheduled' | 'open' | 'live' | 'research' | 'archived') => ({
  occurrence: o,
  state,
  maxEarlyStartMs: 10 * MIN,
});

const base: AdmissionInput = {
  roomId: 'demo',
  kind: 'lesson',
  badToken: false,
  capacity: 40,
  now: T0,
};

type Case = [name: string, input: Partial<AdmissionInput>, expected: object];

const cases: Case[] = [
  // credentials
  [
    'a token decides the role, whatever was asked',
    { principal: device, askedRole: 'teacher' },
    { ok: true, role: 'classroom', identity: 'room-gaolou-1', scheduled: false },
  ],
  [
    'a bad token is refused before anything else',
    { badToken: true, roomCode: 'abcd1234' },
    { ok: false, code: 'forbidden', reason: 'bad_token' },
  ],
  [
    'a revoked device (its token no longer verifies) is refused',
    { badToken: true, roomId: o.occurrenceId, scheduled: lesson('live') },
    { ok: false, reason: 'bad_token' },
  ],
  [
    'a room code opens a code room, kept behind that code',
    { roomCode: 'abcd1234' },
    { ok: true, role: 'classroom', scheduled: false, code: 'abcd1234' },
  ],
  ['neither token nor code', {}, { ok: false, reason: 'needs_token' }],
  [
    'a wrong code for an existing code room',
    {
      roomCode: 'wxyz9876',
      room: { code: 'abcd1234', kind: 'lesson', peers: 1, hasTeacher: false },
    },
    { ok: false, reason: 'wrong_code' },
  ],
  [
    'a room of the other kind',
    { roomCode: 'abcd1234', room: { kind: 'research', peers: 1, hasTeacher: false } },
    { ok: false, reason: 'wrong_kind' },
  ],
  [
    'a second teacher by code',
    {
      roomCode: 'abcd1234',
      askedRole: 'teacher',
      room: { code: 'abcd1234', kind: 'lesson', peers: 1, hasTeacher: true },
    },
    { ok: false, reason: 'second_teacher' },
  ],
  [
    'a full code room',
    {
      roomCode: 'abcd1234',
      room: { code: 'abcd1234', kind: 'lesson', peers: 40, hasTeacher: false },
    },
    { ok: false, code: 'room_full', reason: 'full' },
  ],
  // ad-hoc grants
  [
    'no grant in production (ADHOC_ROOMS=granted)',
    { roomCode: 'abcd1234', adhoc: { mode: 'granted' } },
    { ok: false, reason: 'no_grant' },
  ],
  [
    'a granted room with its code',
    { roomId: 'adhoc-1', roomCode: 'code1234', adhoc: { mode: 'granted', grant } },
    { ok: true, scheduled: false, code: 'code1234' },
  ],
  [
    'a granted room with another code',
    { roomId: 'adhoc-1', roomCode: 'nope1234', adhoc: { mode: 'granted', grant } },
    { ok: false, reason: 'wrong_code' },
  ],
  [
    'an expired grant',
    {
      roomId: 'adhoc-1',
      roomCode: 'code1234',
      now: T0 + 61 * MIN,
      adhoc: { mode: 'granted', grant },
    },
    { ok: false, reason: 'grant_expired' },
  ],
  [
    'a granted room is full at its own capacity',
    {
      roomId: 'adhoc-1',
      roomCode: 'code1234',
      adhoc: { mode: 'granted', grant },
      room: { code: 'code1234', kind: 'lesson', peers: 3, hasTeacher: true },
    },
    { ok: false, code: 'room_full' },
  ],
  // scheduled lessons
  [
    'the lesson’s classroom while it is open',
    { roomId: o.occurrenceId, principal: device, scheduled: lesson('open') },
    { ok: true, role: 'classroom', identity: 'room-gaolou-1', scheduled: true },
  ],
  [
    'the lesson not open yet, for a classroom',
    { roomId: o.occurrenceId, principal: device, scheduled: lesson('scheduled') },
    { ok: false, code: 'forbidden', reason: 'lesson_not_open' },
  ],
  [
    'its teacher early enough to start early',
    {
      roomId: o.occurrenceId,
      principal: wang,
      scheduled: lesson('scheduled'),
      now: start - 5 * MIN,
    },
    { ok: true, role: 'teacher', scheduled: true },
  ],
  [
    'another teacher of the community',
    { roomId: o.occurrenceId, principal: li, scheduled: lesson('live') },
    { ok: false, reason: 'not_lesson_teacher' },
  ],
  [
    'a full lesson',
    {
      roomId: o.occurrenceId,
      principal: device,
      scheduled: lesson('live'),
      room: { kind: 'lesson', peers: 40, hasTeacher: true },
    },
    { ok: false, code: 'room_full', reason: 'full' },
  ],
  [
    'an observer watches the lesson',
    { roomId: o.occurrenceId, principal: observer, scheduled: lesson('live') },
    { ok: true, role: 'observer' },
  ],
  // squatting: a code must never open a room under an occurrence id
  [
    'a token-less code join under a lesson’s occurrence id',
    {
      roomId: o.occurrenceId,
      roomCode: 'abcd1234',
      askedRole: 'teacher',
      scheduled: lesson('scheduled'),
    },
    { ok: false, code: 'forbidden', reason: 'needs_token' },
  ],
  [
    '…and under its research meeting',
    {
      roomId: o.occurrenceId,
      kind: 'research',
      roomCode: 'abcd1234',
      scheduled: lesson('research'),
    },
    { ok: false, reason: 'needs_token' },
  ],
  // research meetings
  [
    'the research meeting while open: the lesson’s teacher writes',
    { roomId: o.occurrenceId, kind: 'research', principal: wang, scheduled: lesson('research') },
    { ok: true, role: 'member', scheduled: true },
  ],
  [
    'the research meeting once archived is closed',
    { roomId: o.occurrenceId, kind: 'research', principal: wang, scheduled: lesson('archived') },
    { ok: false, reason: 'research_closed' },
  ],
  [
    'the research meeting before the lesson ended',
    { roomId: o.occurrenceId, kind: 'research', principal: wang, scheduled: lesson('live') },
    { ok: false, reason: 'research_not_open' },
  ],
];

describe('admit: who enters a live room, and as what', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(admit({ ...base, ...input })).toMatchObject(expected);
  });

  it('a refusal says why in its message', () => {
    const d = admit({
      ...base,
      roomId: o.occurrenceId,
      roomCode: 'abcd1234',
      scheduled: lesson('open'),
    });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toMatch(/^这节课.*token/);
  });
});
