// The set-up routes on a running server: search, edit, retire, bulk import (all or nothing),
// the template, and accounts created, reset and invited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { client, fengze, ruian, seedWorld, tokenFor } from '../timetable/support/world';
import type { AccountIssued, DirectoryReply } from '../../../shared/setup';

const base = `/setup/communities/${ruian.id}`;
const header = '学校,班级/教室,教师,学科,手机号';

describe('setting up a community', () => {
  let server: TestServer;
  let coordinator: ReturnType<typeof client>;
  let token: string;

  const upload = (name: string, data: Uint8Array<ArrayBuffer> | string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([data], { type }), name);
    return fetch(`${server.url}/api${base}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const directory = async (query = '') =>
    (await coordinator.get(`${base}/directory${query}`)).body as DirectoryReply;
  const login = (login: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    coordinator = client(server, token);
  });
  afterAll(() => server?.close());

  it('lists and searches the community by name, subject and school', async () => {
    const all = await directory();
    expect(all.schools.map((s) => s.name)).toEqual(['瑞安市实验小学', '瑞安市高楼镇中心小学']);
    expect(all.classrooms).toHaveLength(4);
    const maths = await directory('?q=数学');
    expect(maths.teachers.map((t) => t.name).sort()).toEqual(['王老师', '赵老师']);
    const gaolou = await directory(`?q=${encodeURIComponent('高楼')}`);
    expect(gaolou.classrooms.map((c) => c.id)).toEqual(['room-gaolou-1', 'room-gaolou-2']);
  });

  it("refuses another community's directory and import with 403", async () => {
    const other = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [fengze.id] }),
    );
    expect((await other.get(`${base}/directory`)).status).toBe(403);
    expect((await other.post(`${base}/classrooms/room-gaolou-1/retire`)).status).toBe(403);
    const teacher = client(server, tokenFor(server, { role: 'teacher', communityIds: [ruian.id] }));
    expect((await teacher.get(`${base}/directory`)).status).toBe(403);
  });

  it('edits a classroom and a teacher, and keeps one phone number per teacher', async () => {
    const room = await coordinator.put(`${base}/classrooms/room-gaolou-2`, {
      schoolId: 'sch-gaolou',
      name: '四(1)班',
      room: '教学楼二楼',
    });
    expect(room.body).toEqual({
      id: 'room-gaolou-2',
      schoolId: 'sch-gaolou',
      name: '四(1)班',
      room: '教学楼二楼',
    });
    const zhao = {
      schoolId: 'sch-gaolou',
      name: '赵老师',
      subjects: ['数学', '科学'],
      phone: '13800000009',
    };
    expect((await coordinator.put(`${base}/teachers/teacher-zhao`, zhao)).status).toBe(200);
    const clash = await coordinator.put(`${base}/teachers/teacher-li`, {
      schoolId: 'sch-core',
      name: '李老师',
      subjects: ['语文'],
      phone: '13800000009',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toBe('phone_taken');
    const bad = await coordinator.put(`${base}/teachers/teacher-li`, { ...zhao, phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('body/phone');
  });

  it('imports nothing from a file with one bad row, listing it by row and column; then the good file', async () => {
    const bad = [
      header,
      '瑞安市高楼镇中心小学,五年级教室,钱老师,科学,13800000001',
      '瑞安市高楼镇中心小学,六年级教室,孙老师,语文,1380000',
    ].join('\n');
    const refused = await upload('people.csv', bad, 'text/csv');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; message: string; details: unknown[] };
    expect(body.error).toBe('invalid_rows');
    expect(body.message).toMatch(/^1 行有问题，未导入任何记录/);
    expect(body.details).toEqual([
      {
        line: 3,
        column: 'E',
        field: '手机号',
        code: 'phone_invalid',
        reason: '“1380000”不是 11 位手机号 1380000 is not an 11-digit mobile number',
      },
    ]);
    expect((await directory('?q=钱老师')).teachers).toEqual([]);
    expect((await directory('?q=五年级')).classrooms).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('教师');
    sheet.addRow(header.split(','));
    sheet.addRow(['瑞安市高楼镇中心小学', '五年级教室', '钱老师', '科学', 13800000001]);
    sheet.addRow(['瑞安市高楼镇中心小学', '六年级教室', '孙老师', '语文', '13800000002']);
    sheet.addRow(['瑞安市实验小学', '', '王老师', '科学', '']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const done = await upload('people.xlsx', xlsx, 'application/octet-stream');
    expect(done.status).toBe(201);
    const reply = (await done.json()) as Record<string, string[]>;
    expect([reply.classroomsCreated!.length, reply.teachersCreated!.length]).toEqual([2, 2]);
    expect(reply.teachersUpdated).toEqual(['teacher-wang']);
    const qian = (await directory('?q=13800000001')).teachers;
    expect(qian.map((t) => [t.name, t.phone, t.subjects])).toEqual([
      ['钱老师', '13800000001', ['科学']],
    ]);
    expect((await directory('?q=王老师')).teachers[0]!.subjects).toEqual(['数学', '科学']);
  });

  it('offers a template, XLSX and CSV, with the community’s school names', async () => {
    const res = await fetch(`${server.url}/api${base}/import-template?format=xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual(['学校', '班级/教室', '教师', '学科', '手机号']);
    expect(rows[1]![1]).toBe('瑞安市实验小学');
    const csv = await fetch(`${server.url}/api${base}/import-template?format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // Excel's BOM
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(header);
  });

  it('creates an account with a one-time password, resets it and ends the old session at once', async () => {
    const created = await coordinator.post(`${base}/accounts`, {
      login: 'zhao',
      name: '赵老师',
      role: 'teacher',
      teacherId: 'teacher-zhao',
      delivery: 'password',
    });
    expect(created.status).toBe(201);
    const issued = created.body as AccountIssued;
    expect(issued.password).toMatch(/^[A-Za-z2-9]{10}$/);
    const first = await login('zhao', issued.password!);
    expect(first.status).toBe(200);
    const session = ((await first.json()) as { token: string }).token;
    const me = () =>
      fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${session}` } });
    expect((await me()).status).toBe(200);

    const reset = await coordinator.post(`${base}/accounts/${issued.account.id}/reset`, {
      delivery: 'password',
    });
    expect(reset.status).toBe(200);
    expect((await me()).status).toBe(401);
    expect((await login('zhao', issued.password!)).status).toBe(401);
    expect((await login('zhao', (reset.body as AccountIssued).password!)).status).toBe(200);
    const noRecord = await coordinator.post(`${base}/accounts`, {
      login: 'qian',
      name: '钱老师',
      role: 'teacher',
      delivery: 'password',
    });
    expect([noRecord.status, noRecord.body.details[0].field]).toEqual([400, 'body/teacherId']);
    const taken = await coordinator.post(`${base}/accounts`, {
      login: 'zhao',
      name: '另一位',
      role: 'observer',
      delivery: 'password',
    });
    expect(taken.status).toBe(409);
  });

  it('invites a person who chooses her password through the link, once', async () => {
    const created = await coordinator.post(`${base}/accounts`, {
      login: 'li',
      name: '李老师',
      role: 'teacher',
      teacherId: 'teacher-li',
      delivery: 'invitation',
    });
    const { invitation, password } = created.body as AccountIssued;
    expect(password).toBeUndefined();
    expect(invitation!.path).toBe('/setup/welcome.html');
    const accept = (code: string) =>
      fetch(`${server.url}/api/auth/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, newPassword: 'li-chooses-this' }),
      });
    const accepted = await accept(invitation!.code);
    expect(accepted.status).toBe(200);
    expect(
      ((await accepted.json()) as { principal: { teacherId: string } }).principal.teacherId,
    ).toBe('teacher-li');
    expect((await accept(invitation!.code)).status).toBe(401);
    expect((await login('li', 'li-chooses-this')).status).toBe(200);
    // a sign-in code is no invitation
    expect((await accept('x'.repeat(32))).status).toBe(401);
  });

  it('retires a teacher: kept in the records, left out of the lists, her account disabled', async () => {
    const { accounts } = await directory('?q=li');
    const li = accounts.find((a) => a.login === 'li')!;
    const retired = await coordinator.post(`${base}/teachers/teacher-li/retire`);
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toEqual(expect.any(Number));
    expect((await directory()).teachers.map((t) => t.id)).not.toContain('teacher-li');
    expect((await directory('?retired=true')).teachers.map((t) => t.id)).toContain('teacher-li');
    expect(await server.tongke.store.timetable.get('teacher', 'teacher-li')).toBeDefined();
    const after = (await directory('?retired=true&q=li')).accounts.find((a) => a.id === li.id)!;
    expect(after.disabledAt).toEqual(expect.any(Number));
    expect((await login('li', 'li-chooses-this')).status).toBe(401);
    const restored = await coordinator.post(`${base}/teachers/teacher-li/restore`);
    expect(restored.body.retiredAt).toBeUndefined();
  });
});
