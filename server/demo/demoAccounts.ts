// Demo accounts for a newcomer (development only, on an empty store): one of each role in the
// newcomer's community (tryout.ts), its lesson published so it opens a few minutes after
// start, and enrolment codes for its two classroom PCs. Passwords are random and printed
// once, at the first start; the store keeps only their hashes.
import type { Accounts } from '../auth/accounts';
import type { Store } from '../store/Store';
import type { Principal } from '../../shared/auth';
import { checkTimetable, groupOverrides } from '../timetable/timetable';
import { hardCount } from '../timetable/conflicts';
import { newSeries, propose, publish, respond } from '../timetable/negotiation';
import { oneTimePassword } from '../setup/accountIssuing';
import { tryoutCommunity, tryoutId, type Tryout } from './tryout';

export interface DemoAccount {
  /** who this is, as the terminal shows it */
  label: string;
  login: string;
  password: string;
  /** the screen to open */
  page: string;
}

export interface DemoSeed {
  lesson: Tryout['lesson'] & { subject: string; published: boolean };
  accounts: DemoAccount[];
  /** a classroom PC enters its code at /classroom/ once */
  devices: { classroom: string; code: string }[];
}

const seedBy = { sub: 'demo-seed', name: '演示数据 demo seed' };

/** Undefined when the newcomer's community exists already (the accounts were printed then). */
export async function seedDemoAccounts(
  store: Store,
  accounts: Accounts,
  options: { zone: string; now: number; openLeadMs: number },
): Promise<DemoSeed | undefined> {
  if (await store.timetable.get('community', tryoutId)) return undefined;
  const { zone, now, openLeadMs } = options;
  const all = await store.timetable.list('community');
  // The demo district is the seed's largest (瑞安市), whatever order the store lists in: its
  // district account then reads the newcomer's community beside the most others.
  const count = new Map<string, number>();
  for (const c of all) count.set(c.district, (count.get(c.district) ?? 0) + 1);
  const district = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '瑞安市';
  const t = tryoutCommunity(now, zone, openLeadMs, district);

  const ctx = {
    zone,
    schools: new Map(t.schools.map((s) => [s.id, s])),
    classrooms: new Map(t.classrooms.map((c) => [c.id, c])),
    teachers: new Map(t.teachers.map((x) => [x.id, x])),
  };
  const { conflicts } = checkTimetable([{ ...t.series, version: 1 }], groupOverrides([]), ctx);
  const member = t.community.memberSchoolIds[0]!;
  let step = propose(newSeries(t.series.id, tryoutId, t.series.spec, now), [member], now);
  if (step.ok)
    step = respond(
      step.record,
      {
        schoolId: member,
        decision: 'accepted',
        comment: '演示数据 demo data',
        by: seedBy,
        onBehalf: true,
      },
      now,
    );
  if (step.ok) step = publish(step.record, hardCount(conflicts.get(t.series.id) ?? []), now);
  const series = step.ok ? step.record : newSeries(t.series.id, tryoutId, t.series.spec, now);
  await store.timetable.apply({
    put: {
      community: [t.community],
      school: t.schools,
      classroom: t.classrooms,
      teacher: t.teachers,
      series: [series],
    },
  });

  const people: (Omit<DemoAccount, 'password'> & {
    name: string;
    role: 'coordinator' | 'teacher' | 'observer' | 'school_office' | 'district';
    communityIds: string[];
    teacherId?: string;
    schoolId?: string;
    district?: string;
  })[] = [
    {
      // Its communities are its district's, looked up on each request: no list to outgrow.
      label: '区县教育局 district',
      login: 'district',
      name: `${district}教育局`,
      role: 'district',
      communityIds: [],
      district,
      page: '/report/',
    },
    {
      label: '教共体协调员 coordinator',
      login: 'coordinator',
      name: '同课体验小学教务处',
      role: 'coordinator',
      communityIds: [tryoutId],
      page: `/coordinator/?community=${tryoutId}`,
    },
    {
      // A member school's 教务: its own school's bell schedule, classrooms, teachers, answers.
      label: '成员校教务 school office',
      login: 'jiaowu',
      name: '同课体验小学分校教务',
      role: 'school_office',
      communityIds: [tryoutId],
      schoolId: member,
      page: `/coordinator/?community=${tryoutId}`,
    },
    {
      label: '主讲教师 teacher',
      login: 'wang',
      name: '王老师',
      role: 'teacher',
      communityIds: [tryoutId],
      teacherId: t.teachers[0]!.id,
      page: '/teacher/',
    },
    {
      label: '辅导教师 member teacher',
      login: 'zhao',
      name: '赵老师',
      role: 'teacher',
      communityIds: [tryoutId],
      teacherId: t.teachers[1]!.id,
      page: '/teacher/',
    },
    {
      label: '巡课 observer',
      login: 'observer',
      name: '教研员',
      role: 'observer',
      communityIds: [tryoutId],
      page: '/observe/',
    },
  ];
  const created: DemoAccount[] = [];
  for (const { label, page, ...person } of people) {
    const password = oneTimePassword();
    // A login taken already (an account made by hand): left as it is, and not printed.
    if (await accounts.createUser({ ...person, password }))
      created.push({ label, login: person.login, password, page });
  }
  const by: Principal = { ...seedBy, role: 'coordinator', communityIds: [tryoutId] };
  const devices = [];
  for (const room of t.classrooms) {
    const school = t.schools.find((s) => s.id === room.schoolId)!;
    const name = `${school.name} ${room.name}`;
    const { code } = await accounts.createEnrolment(
      by,
      tryoutId,
      { id: room.id, name },
      86_400_000,
    );
    devices.push({ classroom: name, code });
  }
  return {
    lesson: { ...t.lesson, subject: t.series.spec.subject, published: step.ok },
    accounts: created,
    devices,
  };
}
