import { describe, expect, it } from 'vitest';
import type { Material } from '../../../shared/lessons';
import { applyTransition, newLessonRecord } from '../../../server/lessons/transitions';
import { defaultLifecycleSettings as s } from '../../../server/lessons/settings';
import { occurrence, MIN } from '../../unit/lessons/support/occurrences';
import { backends, useStore } from './support/backends';

const o = occurrence();
const start = Date.parse(o.start);

describe.each(backends)('lesson repositories on %s', (kind) => {
  const store = useStore(kind);

  it('creates a record once and keeps the first one', async () => {
    const created = await store().lessons.create(newLessonRecord(o));
    expect(created.state).toBe('scheduled');
    const moved = applyTransition(created, 'open', start - 5 * MIN, 'clock', s);
    expect(await store().lessons.replace(moved, created)).toBe(true);
    expect((await store().lessons.create(newLessonRecord(o))).state).toBe('open');
  });

  it('compare-and-set refuses a stale previous record', async () => {
    const r = await store().lessons.create(newLessonRecord(o));
    const open = applyTransition(r, 'open', start - 5 * MIN, 'clock', s);
    expect(await store().lessons.replace(open, r)).toBe(true);
    const liveFromStale = applyTransition(r, 'live', start, 'teacher_start', s);
    expect(await store().lessons.replace(liveFromStale, r)).toBe(false);
    expect(await store().lessons.get(o.occurrenceId)).toEqual(open);
  });

  it('lists active records and queries by community, teacher and state, newest first', async () => {
    const later = occurrence({
      occurrenceId: 'series-math:2025-09-02',
      start: new Date(start + 24 * 60 * MIN).toISOString(),
    });
    const other = occurrence({
      occurrenceId: 'fz:1',
      communityId: 'fengze-5g-01',
      teacherId: 'teacher-chen',
      memberTeachers: [{ classroomId: 'room-fz-1', teacherId: 'teacher-pan' }],
    });
    for (const x of [o, later, other]) await store().lessons.create(newLessonRecord(x));
    const r = (await store().lessons.get(o.occurrenceId))!;
    await store().lessons.replace({ ...r, state: 'archived' }, r);

    expect(
      (await store().lessons.listActive()).map((x) => x.occurrence.occurrenceId).sort(),
    ).toEqual(['fz:1', later.occurrenceId]);
    expect(
      (await store().lessons.list({ communityId: 'ruian-p-18' })).map(
        (x) => x.occurrence.occurrenceId,
      ),
    ).toEqual([later.occurrenceId, o.occurrenceId]);
    expect(
      (await store().lessons.list({ teacherId: 'teacher-chen' })).map(
        (x) => x.occurrence.occurrenceId,
      ),
    ).toEqual(['fz:1']);
    // A 辅导教师's lessons are hers too.
    for (const q of [
      { teacherId: 'teacher-pan' },
      { communityId: 'fengze-5g-01', teacherId: 'teacher-pan' },
    ])
      expect((await store().lessons.list(q)).map((x) => x.occurrence.occurrenceId)).toEqual([
        'fz:1',
      ]);
    expect(
      await store().lessons.list({ communityId: 'ruian-p-18', teacherId: 'teacher-pan' }),
    ).toEqual([]);
    expect(
      (await store().lessons.list({ communityId: 'ruian-p-18', states: ['archived'] })).map(
        (x) => x.occurrence.occurrenceId,
      ),
    ).toEqual([o.occurrenceId]);
    expect(
      (await store().lessons.list({ from: start + MIN })).map((x) => x.occurrence.occurrenceId),
    ).toEqual([later.occurrenceId]);
  });

  it('appends attendance events in order', async () => {
    const id = o.occurrenceId;
    await store().attendance.append({
      kind: 'join',
      occurrenceId: id,
      classroomId: 'room-gaolou-1',
      at: start,
    });
    await store().attendance.append({
      kind: 'quality',
      occurrenceId: id,
      classroomId: 'room-gaolou-1',
      at: start + 1000,
      sample: { bitrateKbps: 800, lossPct: 1.5, rttMs: 60 },
    });
    await store().attendance.append({
      kind: 'leave',
      occurrenceId: id,
      classroomId: 'room-gaolou-1',
      at: start + 2000,
    });
    expect((await store().attendance.list(id)).map((e) => e.kind)).toEqual([
      'join',
      'quality',
      'leave',
    ]);
    expect(await store().attendance.list('other')).toEqual([]);
  });

  it('keeps material of an occurrence and of its series', async () => {
    const base: Omit<Material, 'id'> = {
      communityId: 'ruian-p-18',
      kind: 'guide',
      fileName: '导学单.pdf',
      mimeType: 'application/pdf',
      size: 10,
      uploadedBy: 'u-wang',
      uploadedAt: start,
    };
    await store().materials.add({ ...base, id: 'm1', occurrenceId: o.occurrenceId });
    await store().materials.add({ ...base, id: 'm2', seriesId: o.seriesId, uploadedAt: start + 1 });
    await store().materials.add({ ...base, id: 'm3', occurrenceId: 'other:1' });
    expect((await store().materials.listFor(o.occurrenceId, o.seriesId)).map((m) => m.id)).toEqual([
      'm1',
      'm2',
    ]);
    expect(await store().materials.get('m2')).toMatchObject({
      fileName: '导学单.pdf',
      seriesId: o.seriesId,
    });
    expect(await store().materials.remove('m1')).toBe(true);
    expect(await store().materials.remove('m1')).toBe(false);
    expect((await store().materials.listFor(o.occurrenceId, o.seriesId)).map((m) => m.id)).toEqual([
      'm2',
    ]);
  });
});
