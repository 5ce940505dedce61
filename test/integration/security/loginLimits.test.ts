// Limits that fit schools: a whole school logs in at 08:00 through one NAT address, while
// one account's password is guessed no faster than a few times a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

describe('login limits', () => {
  let s: LessonServer;
  const login = (name: string, password: string) =>
    s.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ login: name, password }) });

  beforeAll(async () => {
    s = await startLessonServer();
  });
  afterAll(() => s?.close());

  it('lets 55 people of one address log in within a minute', async () => {
    const { accounts } = s.tongke.lessons;
    for (let i = 0; i < 55; i++) {
      await accounts.createUser({
        login: `t${i}`,
        name: `教师${i}`,
        role: 'teacher',
        communityIds: ['ruian-p-18'],
        password: PASSWORD,
      });
    }
    const statuses = await Promise.all(
      Array.from({ length: 55 }, (_, i) => login(`t${i}`, PASSWORD).then((r) => r.status)),
    );
    expect(statuses.filter((x) => x === 200)).toHaveLength(55);
  });

  it('holds one account to 10 guesses a minute, and says rate_limited', async () => {
    const statuses: number[] = [];
    // 5 logins were made by the test server's setup already (one per login name).
    for (let i = 0; i < 10; i++) statuses.push((await login('li', 'wrong-guess')).status);
    expect(statuses.slice(0, 9).every((x) => x === 401)).toBe(true);
    const refused = await login('li', PASSWORD);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    // Another account from the same address is not held.
    expect((await login('wang', PASSWORD)).status).toBe(200);
  });
});
