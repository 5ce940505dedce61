import { describe, expect, it } from 'vitest';
import {
  edit,
  newSeries,
  propose,
  publish,
  respond,
  workingVersion,
  type Step,
} from '../../../server/timetable/negotiation';
import { schoolsConcerned, seriesDiff } from '../../../server/timetable/diff';
import type { SeriesRecord } from '../../../shared/timetable/series';
import { classrooms, spec } from './support/world';

const ok = (s: Step): SeriesRecord => {
  if (!s.ok) throw new Error(`${s.code}: ${s.message}`);
  return s.record;
};
const code = (s: Step) => (s.ok ? 'ok' : s.code);

describe('negotiating a series', () => {
  const draft = newSeries('s1', 'ruian-p-18', spec(), 1000);

  it('goes draft → proposed → accepted → published as version 1', () => {
    const proposed = ok(propose(draft, ['sch-gaolou', 'sch-ningyi'], 2000));
    expect(proposed.responses.map((r) => r.decision)).toEqual(['pending', 'pending']);
    const accepted = ok(respond(proposed, 'sch-gaolou', 'accepted', '', 3000));
    const published = ok(publish(accepted, 0, 4000));
    expect(published).toMatchObject({ status: 'published', revision: 3, updatedAt: 4000 });
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
    expect(code(respond(proposed, 'sch-gaolou', 'objected', '  ', 3))).toBe('comment_required');
    const objected = ok(respond(proposed, 'sch-gaolou', 'objected', '周二上午有全校集会', 3));
    expect(objected.responses[0]).toMatchObject({
      decision: 'objected',
      comment: '周二上午有全校集会',
      at: 3,
    });
    expect(code(publish(objected, 0, 4))).toBe('objection_open');
    expect(code(publish(proposed, 2, 4))).toBe('hard_conflicts');
  });

  it('answers only schools that were asked, and only while proposed', () => {
    expect(code(respond(draft, 'sch-gaolou', 'accepted', '', 1))).toBe('not_proposed');
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    expect(code(respond(proposed, 'sch-other', 'accepted', '', 3))).toBe('not_asked');
    expect(code(propose(proposed, ['sch-gaolou'], 3))).toBe('not_draft');
    expect(code(propose(draft, [], 3))).toBe('no_member_school');
  });

  it('an edit withdraws a proposal and resets the answers', () => {
    const proposed = ok(propose(draft, ['sch-gaolou'], 2));
    const edited = ok(edit(proposed, spec({ period: 3 }), 3));
    expect(edited).toMatchObject({ status: 'draft', responses: [] });
  });

  it('editing a published series makes version 2 with the diff; version 1 stays until then', () => {
    const v1 = ok(publish(ok(propose(draft, ['sch-gaolou'], 2)), 0, 3));
    const editing = ok(edit(v1, spec({ period: 3, memberClassroomIds: ['room-gaolou-2'] }), 4));
    expect(editing.status).toBe('draft');
    expect(editing.published?.version).toBe(1);
    expect(workingVersion(editing)).toBe(2);
    const v2 = ok(publish(ok(propose(editing, ['sch-gaolou'], 5)), 0, 6));
    expect(v2.published?.version).toBe(2);
    expect(v2.published?.changes).toEqual([
      { field: 'memberClassroomIds', before: ['room-gaolou-1'], after: ['room-gaolou-2'] },
      { field: 'period', before: 2, after: 3 },
    ]);
    expect(v2.history.map((h) => h.version)).toEqual([1, 2]);
  });

  it('an edit back to the published spec is published again', () => {
    const v1 = ok(publish(ok(propose(draft, ['sch-gaolou'], 2)), 0, 3));
    const changed = ok(edit(v1, spec({ period: 3 }), 4));
    expect(ok(edit(changed, spec(), 5)).status).toBe('published');
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
