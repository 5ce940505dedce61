// The autumn term of 瑞安市实验小学教共体 up to 2026-09-30 noon: math every Tuesday, 第2节,
// core 三(1)班 → 高楼 三年级教室. Sep 1 held (高楼 all 40 min, minutes and two guides),
// Sep 8 held (高楼 never joined), Sep 15 cancelled, Sep 22 moved to Wed Sep 23 第3节 and held
// (高楼 saw no teacher video), Sep 29 missed (nobody). The rest of the term is still to come.
import type { TestServer } from '../../../helpers/tongkeServer';
import { occurrencesOf, publishedSeries, writeHeldLesson } from '../../../helpers/evaluationWorld';
import { ruian, seedWorld } from '../../timetable/support/world';
import { member, spec } from '../../../unit/timetable/support/world';

export const NOW = Date.parse('2026-09-30T12:00:00+08:00');
export const SERIES = 'ruian-math';
export const occurrenceOn = (date: string) => `${SERIES}:${date}`;

export const expected = {
  held: 3,
  cancelled: 1,
  moved: 1,
  missed: 1,
  /** 高楼 expected at the three held lessons, there at two */
  attendance: { expected: 3, attended: 2, ratePct: 66.7 },
  materials: { lessons: 1, items: 2 },
};

export async function seedTerm(server: TestServer): Promise<void> {
  await seedWorld(server);
  const store = server.tongke.store;
  const series = publishedSeries(SERIES, ruian.id, spec(), [member.id], NOW - 40 * 86_400_000);
  const override = (date: string, change: object) => ({
    seriesId: SERIES,
    communityId: ruian.id,
    date,
    cancelled: false,
    note: '',
    revision: 1,
    updatedAt: NOW,
    ...change,
  });
  await store.timetable.apply({
    put: {
      series: [series],
      override: [
        override('2026-09-15', { cancelled: true, note: '运动会' }),
        override('2026-09-22', { moveTo: { date: '2026-09-23', period: 3 } }),
      ],
    },
  });
  const on = await occurrencesOf(
    server.tongke.timetable.occurrences,
    SERIES,
    server.config.timeZone,
  );
  const core = 'room-core-301';
  const gaolou = 'room-gaolou-1';
  await writeHeldLesson(
    store,
    on.get('2026-09-01')!,
    { [core]: { minutes: 40 }, [gaolou]: { minutes: 40 } },
    { minutes: { core: '导入清楚，板书工整', problems: '高楼声音偏小' }, materials: 2 },
  );
  await writeHeldLesson(store, on.get('2026-09-08')!, { [core]: { minutes: 40 } });
  await writeHeldLesson(store, on.get('2026-09-22')!, {
    [core]: { minutes: 40 },
    [gaolou]: { minutes: 35, sawTeacher: false },
  });
}
