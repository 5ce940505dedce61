import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { client, ruian, seedWorld, tokenFor } from './support/world';

const header = '学科,教师,主讲教室,听讲教室,星期,节次,周次';
const base = `/communities/${ruian.id}`;

describe('timetable import and export', () => {
  let server: TestServer;
  let token: string;
  let coordinator: ReturnType<typeof client>;

  const upload = (name: string, data: Uint8Array<ArrayBuffer> | string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([data], { type }), name);
    return fetch(`${server.url}/api${base}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    coordinator = client(server, token);
  });
  afterAll(() => server?.close());

  it('reports every bad row of a CSV and writes nothing', async () => {
    const csv = [
      header,
      '数学,王老师,三(1)班,三年级教室,周二,2,每周',
      '语文,李老师,三(2)班,丰泽教室,周三,2,每周',
      '英语,李老师,三(2)班,三年级教室,周四,99,每周',
    ].join('\n');
    const res = await upload('timetable.csv', csv, 'text/csv');
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: string;
      details: { line: number; field: string }[];
    };
    expect(body.error).toBe('invalid_rows');
    expect(body.details.map((d) => [d.line, d.field])).toEqual([
      [3, 'members'],
      [4, 'period'],
    ]);
    expect((await coordinator.get(`${base}/series`)).body).toEqual([]);
  });

  it('refuses a classroom of another community with its line, nothing written', async () => {
    const res = await upload(
      't.csv',
      `${header}\n数学,王老师,三(1)班,room-fz-1,周二,2,每周`,
      'text/csv',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: unknown[] }).details).toEqual([
      {
        line: 2,
        field: 'members',
        reason: 'no “room-fz-1”',
      },
    ]);
    expect((await coordinator.get(`${base}/series`)).body).toEqual([]);
  });

  it('imports an XLSX as drafts, with conflicts reported', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('一张表');
    sheet.addRow(header.split(','));
    sheet.addRow(['数学', '王老师', '三(1)班', '三年级教室', '周二', 2, '每周']);
    sheet.addRow(['语文', '李老师', '三(2)班', '三年级教室', '周二', 2, '单周']);
    const res = await upload(
      't.xlsx',
      new Uint8Array(await wb.xlsx.writeBuffer()),
      'application/octet-stream',
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { created: string[]; conflicts: { code: string }[] };
    expect(body.created).toHaveLength(2);
    expect(body.conflicts.map((c) => c.code)).toContain('classroom_double_booked');
    const series = (await coordinator.get(`${base}/series`)).body as { status: string }[];
    expect(series.map((s) => s.status)).toEqual(['draft', 'draft']);
  });

  it('exports the published week grid as CSV and XLSX', async () => {
    const all = (await coordinator.get(`${base}/series`)).body as {
      id: string;
      spec: { subject: string };
    }[];
    const first = all.find((s) => s.spec.subject === '数学');
    await coordinator.del(`${base}/series/${all.find((s) => s !== first)!.id}`);
    await coordinator.post(`${base}/series/${first!.id}/propose`);
    await coordinator.post(`${base}/series/${first!.id}/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    const pub = await coordinator.post(`${base}/series/${first!.id}/publish`);
    expect(pub.body).toMatchObject({ series: { status: 'published' } });
    const csv = await coordinator.get(`${base}/export?date=2026-09-09&by=school`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('瑞安市高楼镇中心小学');
    expect(csv.body).toContain('周二 09-08');
    // every classroom with its school: the demo's member classrooms share names
    expect(csv.body).toContain(
      '数学 王老师 瑞安市实验小学 三(1)班 → 瑞安市高楼镇中心小学 三年级教室',
    );
    const xlsx = await fetch(
      `${server.url}/api${base}/export?date=2026-09-09&by=teacher&format=xlsx`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual([
      '瑞安市实验小学 李老师',
      '瑞安市实验小学 王老师',
      '瑞安市高楼镇中心小学 赵老师',
    ]);
    // row 3 is 第2节, column 3 is Tuesday
    expect(wb.getWorksheet('瑞安市实验小学 王老师')!.getRow(3).getCell(3).text).toBe(
      '数学 王老师 瑞安市实验小学 三(1)班 → 瑞安市高楼镇中心小学 三年级教室',
    );
  });
});
