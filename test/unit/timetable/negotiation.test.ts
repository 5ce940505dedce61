import { describe, expect, it } from 'vitest';
import {
  edit,
  newSeries,
  propose,
  publish,
  respond,
  workingVersion,
  type Answer,
  type Step,
} from '../../../server/timetable/negotiation';
import { schoolsConcerned, seriesDiff } from '../../../server/timetable/diff';
import { refusalText } from '../../../server/timetable/refusalText';
import type { SeriesRecord } from '../../../shared/timetable/series';
import { classrooms, spec } from './support/world';

const ok = (s: Step): SeriesRecord => {
  if (!s.ok) throw new Error(`${s.code}: ${s.message}`);
  return s.record;
};
const code = (s: Step) => (s.ok ? 'ok' : s.code);
const office = { sub: 'user-gaolou', name: '高楼镇中心小学教务' };
const coordinator = { sub: 'user-jiaowu', name: '教共体协调员' };
/** A school's own answer (its 教务 or a teacher of it). */
const answer = (
  schoolId: string,
  decision: Answer['decision'] = 'accepted',
  comment = '',
): Answer => ({ schoolId, decision, comment, by: office, onBehalf: false });
const accepted = (r: SeriesRecord, ...schoolIds: string[]) =>
  schoolIds.reduce((x, id) => ok(respond(x, answer(id), x.updatedAt + 1)), r);

describe('negotiating a series', () => {
  const draft = newSeries('s1', 'ruian-p-18', spec(), 1000);

  it('goes draft → proposed → accepted → published as version 1', () => {
    const proposed = ok(propose(draft, ['sch-gaolou', 'sch-ningyi'], 2000));
    expect(proposed.responses.map((r) => r.decision)).toEqual(['pending', 'pending']);
    const one = ok(respond(proposed, answer('sch-gaolou'), 3000));
    const both = ok(respond(one, answer('sch-ningyi'), 3500));
    const published = ok(publish(both, 0, 4000));
    expect(published).toMatchObject({ status: 'published', revision: 4, updatedAt: 4000 });
    expect(published.published).toEqual({
      version: 1,
      spec: spec(),
      publishedAt: 4000,
      changes: [],
    });
    expect(workingVersion(published)).toBe(1);
  });

  it('refuses to publish a draft, over an objection, or with hard conflicts', () => {
    expect(code(publish(draft, 0, 1))).toBe('not_proposed');
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    expect(code(respond(proposed, answer('sch-gaolou', 'objected', '  '), 3))).toBe(
      'comment_required',
    );
    const objected = ok(
      respond(proposed, answer('sch-gaolou', 'objected', '周二上午有全校集会'), 3),
    );
    expect(objected.responses[0]).toMatchObject({
      decision: 'objected',
      comment: '周二上午有全校集会',
      at: 3,
    });
    expect(code(publish(objected, 0, 4))).toBe('objection_open');
    expect(code(publish(accepted(proposed, 'sch-gaolou'), 2, 4))).toBe('hard_conflicts');
  });

  it('answers only schools that were asked, and only while proposed', () => {
    expect(code(respond(draft, answer('sch-gaolou'), 1))).toBe('not_proposed');
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    expect(code(respond(proposed, answer('sch-other'), 3))).toBe('not_asked');
    expect(code(propose(proposed, ['sch-gaolou'], 3))).toBe('not_draft');
    expect(code(propose(draft, [], 3))).toBe('no_member_school');
  });

  it('an edit withdraws a proposal and resets the answers', () => {
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    const edited = ok(edit(proposed, spec({ period: 3 }), 3));
    expect(edited).toMatchObject({ status: 'draft', responses: [] });
  });

  it('editing a published series makes version 2 with the diff; version 1 stays until then', () => {
    const v1 = ok(publish(accepted(ok(propose(draft, ['sch-gaolou'], 2)), 'sch-gaolou'), 0, 3));
    const editing = ok(edit(v1, spec({ period: 3, memberClassroomIds: ['room-gaolou-2'] }), 4));
    expect(editing.status).toBe('draft');
    expect(editing.published?.version).toBe(1);
    expect(workingVersion(editing)).toBe(2);
    const v2 = ok(publish(accepted(ok(propose(editing, ['sch-gaolou'], 5)), 'sch-gaolou'), 0, 6));
    expect(v2.published?.version).toBe(2);
    expect(v2.published?.changes).toEqual([
      { field: 'memberClassroomIds', before: ['room-gaolou-1'], after: ['room-gaolou-2'] },
      { field: 'period', before: 2, after: 3 },
    ]);
    expect(v2.history.map((h) => h.version)).toEqual([1, 2]);
  });

  it('an edit back to the published spec is published again', () => {
    const v1 = ok(publish(accepted(ok(propose(draft, ['sch-gaolou'], 2)), 'sch-gaolou'), 0, 3));
    const changed = ok(edit(v1, spec({ period: 3 }), 4));
    expect(ok(edit(changed, spec(), 5)).status).toBe('published');
  });
});

describe('publishing needs every member school’s acceptance', () => {
  const draft = newSeries('s1', 'ruian-p-18', spec(), 1000);
  const names = new Map([
    ['sch-gaolou', '瑞安市高楼镇中心小学'],
    ['sch-ningyi', '瑞安市宁益小学'],
  ]);
  const nameOf = (id: string) => names.get(id) ?? id;

  it('refuses while a member school has not answered, naming the schools', () => {
    const proposed = ok(propose(draft, ['sch-gaolou', 'sch-ningyi'], 2000));
    const none = publish(proposed, 0, 2500);
    expect(none).toMatchObject({
      ok: false,
      code: 'answers_pending',
      schoolIds: ['sch-gaolou', 'sch-ningyi'],
    });
    const one = ok(respond(proposed, answer('sch-gaolou'), 3000));
    const refused = publish(one, 0, 4000);
    expect(refused).toMatchObject({
      ok: false,
      code: 'answers_pending',
      schoolIds: ['sch-ningyi'],
    });
    if (refused.ok) return;
    const text = refusalText(refused, nameOf);
    // Chinese first, then English; the school by its name, never by its id
    expect(text).toMatch(/^[\u4e00-\u9fff]/);
    expect(text).toContain('瑞安市宁益小学');
    expect(text).not.toContain('sch-ningyi');
    expect(text).not.toContain('瑞安市高楼镇中心小学');
    // the school can still answer: nothing was published
    expect(ok(respond(one, answer('sch-ningyi'), 4500)).status).toBe('proposed');
  });

  it('names an objecting school by name', () => {
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    const objected = publish(
      ok(respond(proposed, answer('sch-gaolou', 'objected', '有集会'), 3)),
      0,
      4,
    );
    if (objected.ok) throw new Error('published over an objection');
    expect(refusalText(objected, nameOf)).toMatch(/^瑞安市高楼镇中心小学.*有集会/);
  });

  it('takes a coordinator’s 代为同意, recorded with who, when and for which school', () => {
    const proposed = ok(propose(draft, ['sch-gaolou', 'sch-ningyi'], 2000));
    const own = ok(respond(proposed, answer('sch-gaolou'), 3000));
    const onBehalf = ok(
      respond(
        own,
        {
          schoolId: 'sch-ningyi',
          decision: 'accepted',
          comment: '电话确认：宁益小学网络中断',
          by: coordinator,
          onBehalf: true,
        },
        3500,
      ),
    );
    expect(onBehalf.responses).toEqual([
      {
        schoolId: 'sch-gaolou',
        decision: 'accepted',
        comment: '',
        at: 3000,
        by: office,
        onBehalf: false,
      },
      {
        schoolId: 'sch-ningyi',
        decision: 'accepted',
        comment: '电话确认：宁益小学网络中断',
        at: 3500,
        by: coordinator,
        onBehalf: true,
      },
    ]);
    const published = ok(publish(onBehalf, 0, 4000));
    expect(published.log).toEqual([
      { at: 2000, kind: 'proposed' },
      {
        at: 3000,
        kind: 'accepted',
        schoolId: 'sch-gaolou',
        comment: '',
        by: office,
        onBehalf: false,
      },
      {
        at: 3500,
        kind: 'accepted',
        schoolId: 'sch-ningyi',
        comment: '电话确认：宁益小学网络中断',
        by: coordinator,
        onBehalf: true,
      },
      { at: 4000, kind: 'published', version: 1 },
    ]);
  });

  it('keeps the negotiation history when an edit withdraws the proposal', () => {
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    const answered = ok(respond(proposed, answer('sch-gaolou', 'objected', '有集会'), 3));
    const edited = ok(edit(answered, spec({ period: 3 }), 4));
    expect(edited.responses).toEqual([]);
    expect(edited.log?.map((e) => e.kind)).toEqual(['proposed', 'objected', 'withdrawn']);
    const again = ok(propose(edited, ['sch-gaolou'], 5));
    expect(again.log?.map((e) => e.kind)).toEqual([
      'proposed',
      'objected',
      'withdrawn',
      'proposed',
    ]);
  });
});

describe('what changed and who is told', () => {
  it('lists changed fields only, and the schools of both versions', () => {
    const before = spec();
    const after = spec({ coreClassroomId: 'room-core-302', weeks: { kind: 'odd' } });
    expect(seriesDiff(before, after).map((c) => c.field)).toEqual(['coreClassroomId', 'weeks']);
    expect(seriesDiff(undefined, after)).toEqual([]);
    const rooms = new Map(classrooms.map((c) => [c.id, c]));
    expect(
      schoolsConcerned([before, spec({ memberClassroomIds: ['room-gaolou-2'] })], rooms),
    ).toEqual(['sch-core', 'sch-gaolou']);
  });
});
