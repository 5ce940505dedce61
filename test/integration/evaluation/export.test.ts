// The XLSX export opened with exceljs, as a bureau's clerk would open it: one sheet per
// level, Chinese headers, and a 合计 row equal to the report's totals.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictReport } from '../../../shared/evaluation';
import { totalsColumns, TOTAL_LABEL } from '../../../server/http/evaluation/reportWorkbook';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { fengze, ruian, tokenFor } from '../timetable/support/world';
import { NOW, expected, seedTerm } from './support/term';

async function download(server: TestServer, token: string, path: string) {
  const res = await fetch(`${server.url}/api${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { res, data: Buffer.from(await res.arrayBuffer()) };
}

/** The sheet's rows as arrays of cell values, the title and header rows included. */
function rowsOf(sheet: ExcelJS.Worksheet): (string | number)[][] {
  const rows: (string | number)[][] = [];
  sheet.eachRow((row) => {
    const cells: (string | number)[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const v = row.getCell(i).value;
      cells.push(typeof v === 'number' ? v : String(v ?? ''));
    }
    rows.push(cells);
  });
  return rows;
}

describe('evaluation export', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTongke({}, { now: () => NOW });
    await seedTerm(server);
    token = tokenFor(server, {
      role: 'observer',
      sub: 'inspector',
      communityIds: [ruian.id, fengze.id],
    });
  });
  afterAll(() => server?.close());

  it('has a sheet per level whose 合计 rows equal the report', async () => {
    const q = '?from=2026-09-01&to=2026-09-30';
    const report = (await (
      await fetch(`${server.url}/api/evaluation/district${q}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as DistrictReport;
    const { res, data } = await download(server, token, `/evaluation/district/export.xlsx${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent('同步课堂捆绑考核_2026-09-01_2026-09-30.xlsx'),
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '共同体汇总',
      '学校',
      '教师',
      '课程明细',
    ]);

    const communities = rowsOf(workbook.getWorksheet('共同体汇总')!);
    expect(String(communities[0]![0])).toContain('2026-09-01 至 2026-09-30');
    const headers = communities[1]!;
    expect(headers.slice(0, 4)).toEqual(['序号', '共同体', '所属区县', '计划节数']);
    const foot = communities.at(-1)!;
    expect(foot[0]).toBe(TOTAL_LABEL);
    const figures = totalsColumns.map(([, value]) => value(report.totals));
    expect(foot.slice(3)).toEqual(figures);
    // And the community rows add up to it (rates aside).
    const body = communities.slice(2, -1);
    expect(body.map((r) => r[1])).toEqual(['瑞安市实验小学教共体', '丰泽区实验小学5G+']);
    const col = (h: string) => headers.indexOf(h);
    for (const h of [
      '计划节数',
      '已开课',
      '停课',
      '调课',
      '听讲教室应到(节次)',
      '连线时长(分钟)',
    ]) {
      expect(
        body.reduce((a, r) => a + Number(r[col(h)]), 0),
        h,
      ).toBe(foot[col(h)]);
    }
    expect(foot[col('已开课')]).toBe(expected.held);
    expect(foot[col('出勤率(%)')]).toBe(expected.attendance.ratePct);

    const schools = rowsOf(workbook.getWorksheet('学校')!);
    const sHead = schools[1]!;
    const sFoot = schools.at(-1)!;
    expect(sFoot[0]).toBe(TOTAL_LABEL);
    expect(sFoot[sHead.indexOf('听讲教室应到(节次)')]).toBe(report.totals.attendance.expected);
    expect(sFoot[sHead.indexOf('听讲教室实到(节次)')]).toBe(report.totals.attendance.attended);

    const teachers = rowsOf(workbook.getWorksheet('教师')!);
    const tHead = teachers[1]!;
    expect(teachers.at(-1)![tHead.indexOf('已开课')]).toBe(report.totals.lessons.held);
    expect(teachers.at(-1)![tHead.indexOf('计划节数')]).toBe(report.totals.lessons.scheduled);

    const lessons = rowsOf(workbook.getWorksheet('课程明细')!);
    expect(lessons.length - 3).toBe(report.totals.lessons.scheduled);
    const lHead = lessons[1]!;
    expect(lessons.at(-1)![lHead.indexOf('听讲实到')]).toBe(report.totals.attendance.attended);
    expect(lessons[2]![lHead.indexOf('日期时间')]).toBe('2026-09-01 08:50');
  });

  it('exports one community, and refuses a community the bearer does not read', async () => {
    const { res, data } = await download(
      server,
      token,
      `/evaluation/communities/${ruian.id}/export.xlsx`,
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    expect(rowsOf(workbook.getWorksheet('共同体汇总')!).length).toBe(2 + 1 + 1);
    const other = tokenFor(server, { role: 'coordinator', communityIds: [fengze.id] });
    expect(
      (await download(server, other, `/evaluation/communities/${ruian.id}/export.xlsx`)).res.status,
    ).toBe(403);
    expect(
      (await download(server, token, '/evaluation/district/export.xlsx?to=nope')).res.status,
    ).toBe(400);
  });
});
