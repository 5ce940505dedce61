// Fills an empty store with the demo district so `npm start` shows a living 一张表: the
// communities of communities.json, published series (each negotiated and accepted), one
// draft with a conflict to show what that looks like, and a coordinator login link.
import { readFileSync } from 'node:fs';
import type { Principal } from '../../shared/auth';
import type { SeriesRecord } from '../../shared/timetable/series';
import type { Store } from '../store/Store';
import type { SignInCodes } from '../auth/signInCodes';
import { checkTimetable, groupOverrides } from '../timetable/timetable';
import { hardCount, type TimetableContext } from '../timetable/conflicts';
import { newSeries, propose, publish, respond, type Answer } from '../timetable/negotiation';
import { demoData, type SourceData } from './demoData';

export interface SeedResult {
  communities: number;
  published: number;
}

const source = () =>
  JSON.parse(readFileSync(new URL('./communities.json', import.meta.url), 'utf8')) as SourceData;

/**
 * The demo's schools have no one to answer: the seed accepts for each, on its behalf and
 * under its own name, so the history says where the acceptance came from.
 */
const seedAcceptance = (schoolId: string): Answer => ({
  schoolId,
  decision: 'accepted',
  comment: '演示数据 demo data',
  by: { sub: 'demo-seed', name: '演示数据 demo seed' },
  onBehalf: true,
});

/** Does nothing (undefined) when the store already has a community. */
export async function seedDemo(
  store: Store,
  zone: string,
  now: number,
): Promise<SeedResult | undefined> {
  if ((await store.timetable.list('community')).length > 0) return undefined;
  const data = demoData(source());
  const ctx: TimetableContext = {
    zone,
    schools: new Map(data.schools.map((s) => [s.id, s])),
    classrooms: new Map(data.classrooms.map((c) => [c.id, c])),
    teachers: new Map(data.teachers.map((t) => [t.id, t])),
  };
  const inputs = data.series.map((s) => ({ ...s, version: 1 }));
  const { conflicts } = checkTimetable(inputs, groupOverrides([]), ctx);
  const communities = new Map(data.communities.map((c) => [c.id, c]));

  const series: SeriesRecord[] = data.series.map((s) => {
    const record = newSeries(s.id, s.communityId, s.spec, now);
    const members = communities.get(s.communityId)!.memberSchoolIds;
    let step = propose(record, members, now);
    for (const school of members)
      if (step.ok) step = respond(step.record, seedAcceptance(school), now);
    if (step.ok) step = publish(step.record, hardCount(conflicts.get(s.id) ?? []), now);
    // Left proposed when it cannot be published: the screen shows why.
    return step.ok ? step.record : record;
  });
  const first = data.communities[0]!;
  // A draft that double-books the first community's member classroom, to show a conflict.
  const clash = series.find((s) => s.communityId === first.id)!;
  series.push(
    newSeries(
      `${first.id}-draft`,
      first.id,
      { ...clash.spec, subject: '科学', teacherId: `${first.id}-t2` },
      now,
    ),
  );

  await store.timetable.apply({
    put: {
      community: data.communities,
      school: data.schools,
      classroom: data.classrooms,
      teacher: data.teachers,
      series,
    },
  });
  return {
    communities: data.communities.length,
    published: series.filter((s) => s.status === 'published').length,
  };
}

/**
 * A coordinator of every demo community, for development only (until demo accounts exist):
 * a one-time code for the printed link, so no token sits in the terminal, the browser's
 * history or a proxy's log. It works once within 12 h; the session lasts 12 h.
 */
export function demoCoordinatorCode(
  codes: Pick<SignInCodes, 'mint'>,
  communityIds: string[],
  now: number,
): Promise<string> {
  const principal: Principal = {
    sub: 'demo-coordinator',
    role: 'coordinator',
    name: '演示协调员',
    communityIds,
  };
  const day = 12 * 3_600_000;
  return codes.mint(principal, day, now + day);
}

/** The demo's ad-hoc room (room `demo`, code `demo2026`), so a lesson can be tried without an account. */
export async function seedDemoRoom(store: Store, communityId: string, now: number): Promise<void> {
  const existing = await store.security.grant('demo');
  if (existing && existing.expiresAt > now) return;
  if (existing) await store.security.deleteGrant('demo');
  await store.security.addGrant({
    roomId: 'demo',
    code: 'demo2026',
    capacity: 40,
    expiresAt: now + 365 * 24 * 3_600_000,
    createdAt: now,
    createdBy: 'demo-coordinator',
    communityId,
  });
}
