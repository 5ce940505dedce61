// Classrooms are read with their schools (issue 10, defect 8): two member schools whose
// classrooms share a name ("三年级同步教室") stay apart in the live room, the lesson record
// and the minutes' section titles. The names come from the timetable's records, not from
// what a PC typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { LessonSummary, LessonView } from '../../../shared/lessons';
import type { MinutesJoinAck, ResearchView } from '../../../shared/research';
import type { School } from '../../../shared/timetable/model';
import { demoBell, demoTerm } from '../../../server/demo/demoData';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from './support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);

const school = (id: string, name: string): School => ({
  id,
  name,
  district: '瑞安市',
  campus: false,
  stage: 'primary',
  bellSchedule: demoBell(false, 0),
  calendar: demoTerm(),
});

describe('classrooms named with their schools', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const lessonView = async () => {
    const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as LessonView;
  };

  beforeAll(async () => {
    s = await startLessonServer();
    // The demo's case: both member classrooms are called the same.
    await s.tongke.store.timetable.apply({
      put: {
        school: [
          school('sch-shiyan', '瑞安市实验小学'),
          school('sch-gaolou', '高楼镇中心小学'),
          school('sch-ningyi', '高楼镇宁益小学'),
        ],
        classroom: [
          { id: 'room-core-301', schoolId: 'sch-shiyan', name: '三(1)班' },
          { id: 'room-gaolou-1', schoolId: 'sch-gaolou', name: '三年级同步教室' },
          { id: 'room-ningyi-1', schoolId: 'sch-ningyi', name: '三年级同步教室' },
        ],
      },
    });
    await s.clock.advanceTo(start - 4 * MIN); // the room is open
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('names a classroom PC in the live room by school and classroom, not by what it typed', async () => {
    const teacher = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: s.tokens.wang,
      displayName: '王老师',
    });
    peers.push(teacher);
    for (const [id, typed] of [
      ['room-gaolou-1', '三年级同步教室'],
      ['room-ningyi-1', 'PC-07'],
    ] as const) {
      peers.push(
        await livePeer(s.url, {
          roomId: o.occurrenceId,
          token: await s.deviceToken(id),
          displayName: typed,
        }),
      );
    }
    await expect
      .poll(() =>
        teacher.client.peers
          .filter((p) => p.role === 'classroom')
          .map((p) => p.displayName)
          .sort(),
      )
      .toEqual(['高楼镇中心小学 · 三年级同步教室', '高楼镇宁益小学 · 三年级同步教室']);
    // A person's own name is theirs: the teacher is still 王老师.
    const [, gaolou] = peers;
    expect(gaolou!.client.peers.find((p) => p.role === 'teacher')?.displayName).toBe('王老师');
  });

  it('gives an enrolled PC its school with its classroom as its name', async () => {
    const coordinator = s.tokens.coordinator;
    const created = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: coordinator,
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-ningyi-1' }),
    });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    const enrolled = await s.api('/api/devices/enrol', {
      method: 'POST',
      body: JSON.stringify({ code }),
    });
    expect(((await enrolled.json()) as { principal: { name: string } }).principal.name).toBe(
      '高楼镇宁益小学 · 三年级同步教室',
    );
  });

  it('names the schools and classrooms in the lesson record and the lesson list', async () => {
    const view = await lessonView();
    expect(view.names.classrooms.map((c) => c.label)).toEqual([
      '瑞安市实验小学 · 三(1)班',
      '高楼镇中心小学 · 三年级同步教室',
      '高楼镇宁益小学 · 三年级同步教室',
    ]);
    expect(view.names.community).toBe('瑞安市实验小学教共体');
    const list = await s.api('/api/lessons?communityId=ruian-p-18', { token: s.tokens.observer });
    const [lesson] = (await list.json()) as LessonSummary[];
    expect(lesson?.communityName).toBe('瑞安市实验小学教共体');
  });

  it('titles the minutes’ sections with the classrooms’ schools, over REST and the socket', async () => {
    for (const action of ['start', 'end']) {
      const done = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/${action}`, {
        method: 'POST',
        token: s.tokens.wang,
        body: '{}',
      });
      expect(done.status).toBe(200);
    }
    const res = await s.api(`/api/research/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    const view = (await res.json()) as ResearchView;
    const titles = [
      '主讲课堂观察（瑞安市实验小学 · 三(1)班）',
      '听讲课堂观察（高楼镇中心小学 · 三年级同步教室）',
      '听讲课堂观察（高楼镇宁益小学 · 三年级同步教室）',
      '存在问题',
      '改进措施与下一步',
    ];
    expect(view.sections.map((x) => x.label)).toEqual(titles);
    // The keys stay ids: renaming a classroom never moves its text.
    expect(view.sections.map((x) => x.key)).toContain('member:room-gaolou-1');

    const socket = io(`${s.url}/research`, {
      auth: { token: s.tokens.li },
      transports: ['websocket'],
      forceNew: true,
    });
    try {
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck('minutes:join', { occurrenceId: o.occurrenceId })) as MinutesJoinAck;
      expect(ack.ok && ack.data.sections.map((x) => x.label)).toEqual(titles);
    } finally {
      socket.close();
    }
  });
});
