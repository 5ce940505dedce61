import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';
import { seedDemo } from '../../../server/demo/seed';
import { TimetableOccurrenceSource } from '../../../server/store/timetable/TimetableOccurrenceSource';

describe('demo seed', () => {
  const store = SqliteStore.memory();
  afterAll(() => store.close());
  const now = Date.parse('2026-08-20T10:00:00+08:00');

  it('fills an empty store with the 56 real communities and published series, once', async () => {
    const result = await seedDemo(store, 'Asia/Shanghai', now);
    expect(result?.communities).toBe(56);
    expect(result!.published).toBeGreaterThan(150);
    expect(await seedDemo(store, 'Asia/Shanghai', now)).toBeUndefined();
    const names = (await store.timetable.list('school')).map((s) => s.name);
    expect(names).toContain('丰泽区实验小学潘山分校');
    // 虹桥路小学 leads two communities: one school record
    expect(names.filter((n) => n === '瑞安市虹桥路小学')).toHaveLength(1);
    // published because every member school accepted, the seed on their behalf, on record
    const published = (await store.timetable.list('series')).filter(
      (s) => s.status === 'published',
    );
    expect(published).toHaveLength(result!.published);
    for (const s of published) {
      expect(s.responses.length).toBeGreaterThan(0);
      expect(s.responses.every((r) => r.decision === 'accepted' && r.onBehalf)).toBe(true);
      expect(s.log?.filter((e) => e.kind === 'accepted').map((e) => e.by?.sub)).toEqual(
        s.responses.map(() => 'demo-seed'),
      );
    }
    // The member classrooms of one lesson can be told apart (issue 10, defect 8).
    const rooms = await store.timetable.list('classroom');
    for (const community of await store.timetable.list('community')) {
      const members = rooms.filter((r) => r.id.startsWith(`${community.id}-m`));
      expect(new Set(members.map((r) => r.name)).size).toBe(members.length);
    }
    const source = new TimetableOccurrenceSource(store.timetable, 'Asia/Shanghai');
    const tuesday = await source.occurrencesBetween(
      Date.parse('2026-09-08T00:00:00+08:00'),
      Date.parse('2026-09-09T00:00:00+08:00'),
    );
    expect(tuesday.length).toBeGreaterThan(50);
    expect(tuesday.every((o) => o.subject === '数学')).toBe(true);
    // each member classroom has its 辅导教师 on these
    expect(tuesday.every((o) => o.memberTeachers?.length === o.memberClassroomIds.length)).toBe(
      true,
    );
  });
});
