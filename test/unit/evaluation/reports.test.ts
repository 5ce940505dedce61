import { describe, expect, it } from 'vitest';
import type { AttendanceEvent, LessonRecord, QualitySample } from '../../../shared/lessons';
import type { ScheduledOccurrence } from '../../../shared/timetable/occurrence';
import type { Community, School, TermCalendar } from '../../../shared/timetable/model';
import { computeAttendance, lessonWindow } from '../../../server/lessons/attendance';
import { lessonFacts, type FactsInput } from '../../../server/evaluation/lessonFacts';
import { communityReport, districtReport, schoolReport } from '../../../server/evaluation/reports';
import { reviewFigures, totalsOf } from '../../../server/evaluation/totals';
import { resolveRange, RangeError400, weekOf } from '../../../server/evaluation/range';
import { reviewProblems } from '../../../server/evaluation/reviews';
import { defaultRubric, type LessonFacts, type Review } from '../../../shared/evaluation';
import { MIN, occurrence } from '../lessons/support/occurrences';

const zone = 'Asia/Shanghai';
const schoolOf = (id: string) =>
  ({ 'room-core-301': 'sch-core', 'room-gaolou-1': 'sch-gaolou', 'room-ningyi-1': 'sch-ningyi' })[
    id
  ];

function ran(o: ScheduledOccurrence, opts: { research?: boolean } = {}): LessonRecord {
  const start = Date.parse(o.start);
  const end = Date.parse(o.end);
  const transitions: LessonRecord['transitions'] = [
    {
      occurrenceId: o.occurrenceId,
      from: 'scheduled',
      to: 'open',
      at: start - 10 * MIN,
      cause: 'clock',
    },
    { occurrenceId: o.occurrenceId, from: 'open', to: 'live', at: start, cause: 'clock' },
    { occurrenceId: o.occurrenceId, from: 'live', to: 'ended', at: end, cause: 'clock' },
  ];
  if (opts.research)
    transitions.push(
      { occurrenceId: o.occurrenceId, from: 'ended', to: 'research', at: end, cause: 'clock' },
      {
        occurrenceId: o.occurrenceId,
        from: 'research',
        to: 'archived',
        at: end + 30 * MIN,
        cause: 'clock',
      },
    );
  return { occurrence: o, state: opts.research ? 'archived' : 'ended', transitions };
}

const sample = (s: Partial<QualitySample> = {}): QualitySample => ({
  bitrateKbps: 1500,
  lossPct: 0,
  rttMs: 30,
  sentVideoKbps: 500,
  teacherVideo: { forwardedKbps: 1200, paused: false, framesDecoded: 50 },
  ...s,
});

/** The core classroom and Gaolou connected the whole lesson; Ningyi saw no teacher. */
function events(o: ScheduledOccurrence, rooms: string[]): AttendanceEvent[] {
  const start = Date.parse(o.start);
  const end = Date.parse(o.end);
  const out: AttendanceEvent[] = [];
  for (const classroomId of rooms) {
    out.push({ kind: 'join', occurrenceId: o.occurrenceId, classroomId, at: start - MIN });
    for (let i = 0; i < 5; i++) {
      const bad = classroomId === 'room-ningyi-1';
      out.push({
        kind: 'quality',
        occurrenceId: o.occurrenceId,
        classroomId,
        at: start + i * 2000,
        sample: sample(
          bad ? { teacherVideo: { forwardedKbps: 1200, paused: false, framesDecoded: 0 } } : {},
        ),
      });
    }
    out.push({ kind: 'leave', occurrenceId: o.occurrenceId, classroomId, at: end });
  }
  return out;
}

function factsOf(
  input: Omit<FactsInput, 'schoolOf' | 'materials'> & { materials?: number },
  now: number,
) {
  return lessonFacts({ materials: 0, schoolOf, ...input }, now);
}

function held(o: ScheduledOccurrence, rooms: string[], research?: Record<string, string>) {
  const record = ran(o, { research: Boolean(research) });
  const attendance = computeAttendance(events(o, rooms), o, {
    window: lessonWindow(record, Date.parse(o.end) + 60 * MIN),
  });
  return factsOf(
    {
      plan: { occurrence: o, moved: false, substituted: false },
      record,
      attendance,
      ...(research
        ? {
            minutes: {
              sections: [
                { key: 'core', label: '' },
                { key: 'member:room-gaolou-1', label: '' },
                { key: 'member:room-ningyi-1', label: '' },
                { key: 'problems', label: '' },
                { key: 'nextSteps', label: '' },
              ],
              text: research,
            },
          }
        : {}),
      materials: 2,
    },
    Date.parse(o.end) + 60 * MIN,
  );
}

const at = (day: string, id = day) =>
  occurrence({
    occurrenceId: `series-math:${id}`,
    start: `${day}T09:00:00+08:00`,
    end: `${day}T09:40:00+08:00`,
  });

describe('lessonFacts', () => {
  it('a lesson is held when its core classroom was connected; member classrooms are graded', () => {
    const f = held(at('2025-09-01'), ['room-core-301', 'room-gaolou-1', 'room-ningyi-1']);
    expect(f.outcome).toBe('held');
    expect(f.final).toBe(false); // ended, research not closed yet
    expect(
      f.classrooms.map((c) => [c.classroomId, c.schoolId, c.attended, c.minutesConnected]),
    ).toEqual([
      ['room-core-301', 'sch-core', true, 40],
      ['room-gaolou-1', 'sch-gaolou', true, 40],
      ['room-ningyi-1', 'sch-ningyi', true, 40],
    ]);
    expect(f.classrooms[2]!.grade).toBe('poor');
    expect(f.classrooms[2]!.issues).toContain('no_teacher_video');
  });

  it('a lesson the clock took live but whose core classroom never connected is missed', () => {
    const f = held(at('2025-09-01'), ['room-gaolou-1']);
    expect(f.outcome).toBe('missed');
  });

  it('cancelled, moved and upcoming lessons come from the plan; long past without a record is final', () => {
    const o = at('2025-09-02');
    const end = Date.parse(o.end);
    const cancelled = factsOf(
      { plan: { occurrence: { ...o, status: 'cancelled' }, moved: false, substituted: false } },
      end + 2 * 86_400_000,
    );
    expect([cancelled.outcome, cancelled.final]).toEqual(['cancelled', true]);
    const moved = factsOf(
      { plan: { occurrence: o, moved: true, substituted: true } },
      end - 60 * MIN,
    );
    expect([moved.outcome, moved.moved, moved.substituted, moved.final]).toEqual([
      'upcoming',
      true,
      true,
      false,
    ]);
    const missed = factsOf(
      { plan: { occurrence: o, moved: false, substituted: false } },
      end + MIN,
    );
    expect([missed.outcome, missed.final]).toEqual(['missed', false]);
  });

  it('counts the minutes sections that have text, research only when it opened', () => {
    const f = held(at('2025-09-01'), ['room-core-301', 'room-gaolou-1'], {
      core: '导入环节清楚',
      'member:room-gaolou-1': '  ',
      problems: '宁益听不清',
    });
    expect(f.final).toBe(true);
    expect(f.research.held).toBe(true);
    expect(f.research.sections.filter((s) => s.filled).map((s) => s.kind)).toEqual([
      'core',
      'problems',
    ]);
  });
});

describe('totals and reports', () => {
  const lessons: LessonFacts[] = [
    held(at('2025-09-01'), ['room-core-301', 'room-gaolou-1', 'room-ningyi-1'], { core: 'x' }),
    held(at('2025-09-03'), ['room-core-301', 'room-gaolou-1']),
    held(at('2025-09-08'), ['room-gaolou-1']),
    factsOf(
      {
        plan: {
          occurrence: { ...at('2025-09-10'), status: 'cancelled' },
          moved: false,
          substituted: false,
        },
      },
      Date.parse('2025-09-20T00:00:00+08:00'),
    ),
  ];
  const review: Review = {
    id: 'r1',
    occurrenceId: lessons[0]!.occurrenceId,
    communityId: 'ruian-p-18',
    lessonStart: lessons[0]!.start,
    reviewer: 'u1',
    reviewerName: '督导',
    at: 0,
    rubric: defaultRubric,
    scores: defaultRubric.criteria.map((c) => ({ criterion: c.id, score: 4 })),
    comment: '',
  };
  const reviews = reviewFigures([review]);

  it('attendance counts the member classrooms of held lessons; quality counts issues', () => {
    const t = totalsOf(lessons, reviews);
    expect(t.lessons).toMatchObject({ scheduled: 4, held: 2, missed: 1, cancelled: 1 });
    expect(t.attendance).toMatchObject({
      expected: 4,
      attended: 3,
      ratePct: 75,
      minutesPlanned: 160,
    });
    expect(t.attendance.minutesConnected).toBe(40 * 5);
    expect(t.quality.issues.no_teacher_video).toBe(1);
    expect(t.quality.poor).toBe(1);
    expect(t.research).toMatchObject({ held: 1, sections: 5, filled: 1, completedPct: 20 });
    expect(t.materials).toEqual({ lessons: 2, items: 4 });
    expect(t.reviews).toEqual({ count: 1, lessonsReviewed: 1, avgScorePct: 80 });
  });

  const community: Community = {
    id: 'ruian-p-18',
    name: '瑞安市实验小学教共体',
    mode: '融合型',
    stage: 'primary',
    district: '瑞安市',
    coreSchoolId: 'sch-core',
    memberSchoolIds: ['sch-gaolou', 'sch-ningyi'],
  };
  const input = {
    range: { from: '2025-09-01', to: '2025-09-30' },
    facts: lessons,
    reviews,
    directory: {
      communities: new Map([[community.id, community]]),
      schools: new Map(
        ['sch-core', 'sch-gaolou', 'sch-ningyi'].map((id) => [id, { id, name: id } as School]),
      ),
      classrooms: new Map(),
      teachers: new Map(),
    },
    zone,
    now: 0,
  };

  it('the district sums its communities; weeks count lessons per Monday', () => {
    const d = districtReport(input, ['ruian-p-18', 'empty']);
    expect(d.totals).toEqual(d.communities[0]!.totals);
    expect(d.communities[1]!.totals.lessons.scheduled).toBe(0);
    expect(d.weeks).toEqual([
      { week: '2025-09-01', scheduled: 2, held: 2 },
      { week: '2025-09-08', scheduled: 2, held: 0 },
    ]);
  });

  it('a school counts its own classrooms only, and only the lessons it takes part in', () => {
    const c = communityReport(input, 'ruian-p-18');
    const ningyi = c.schools.find((s) => s.schoolId === 'sch-ningyi')!;
    expect(ningyi.totals.attendance).toMatchObject({ expected: 2, attended: 1, ratePct: 50 });
    expect(ningyi.totals.lessons.scheduled).toBe(4);
    const s = schoolReport(input, 'ruian-p-18', 'sch-gaolou')!;
    expect(s.classrooms).toEqual([
      expect.objectContaining({
        classroomId: 'room-gaolou-1',
        expected: 2,
        attended: 2,
        ratePct: 100,
      }),
    ]);
    expect(schoolReport(input, 'ruian-p-18', 'sch-elsewhere')).toBeUndefined();
    expect(c.lessons[0]!.reviews).toEqual({ count: 1, avgScorePct: 80 });
  });
});

describe('range', () => {
  const term = (name: string, firstDay: string, lastDay: string): TermCalendar => ({
    name,
    firstDay,
    lastDay,
    holidays: [],
    makeUpDays: [],
  });
  const terms = [
    term('秋季', '2025-09-01', '2026-01-20'),
    term('春季', '2026-02-20', '2026-07-05'),
  ];

  it('defaults to the term that is on, else the latest begun', () => {
    expect(resolveRange({}, terms, '2025-10-08', zone)).toMatchObject({
      from: '2025-09-01',
      to: '2026-01-20',
      term: '秋季',
    });
    expect(resolveRange({}, terms, '2026-02-01', zone).term).toBe('秋季');
    const r = resolveRange({ from: '2025-09-01', to: '2025-09-07' }, terms, '2025-10-08', zone);
    expect(r.toMs - r.fromMs).toBe(7 * 86_400_000);
  });

  it('refuses a day that does not exist or a range that ends before it starts, naming the field', () => {
    expect(() => resolveRange({ from: '2025-02-30' }, terms, '2025-10-08', zone)).toThrow(
      RangeError400,
    );
    try {
      resolveRange({ from: '2025-09-10', to: '2025-09-01' }, terms, '2025-10-08', zone);
    } catch (e) {
      expect((e as RangeError400).field).toBe('querystring/to');
    }
    expect(weekOf(Date.parse('2025-09-07T23:30:00+08:00'), zone)).toBe('2025-09-01');
  });
});

describe('review form against its rubric', () => {
  it('wants every criterion once, within its maximum, and names the field', () => {
    const ok = defaultRubric.criteria.map((c) => ({ criterion: c.id, score: 5 }));
    expect(reviewProblems({ scores: ok, comment: '' }, defaultRubric)).toEqual([]);
    const bad = [
      { criterion: 'design', score: 6 },
      { criterion: 'nope', score: 1 },
    ];
    const problems = reviewProblems({ scores: bad, comment: '' }, defaultRubric);
    expect(problems.map((p) => p.field)).toEqual([
      'body/scores/0/score',
      'body/scores/1/criterion',
      'body/scores',
      'body/scores',
      'body/scores',
    ]);
  });
});
