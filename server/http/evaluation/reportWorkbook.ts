// The evaluation as the workbook an education bureau files: a title row, Chinese headers,
// one sheet per level (共同体 / 学校 / 教师 / 课程明细), a 合计 row at the foot of each.
import ExcelJS from 'exceljs';
import {
  lessonOutcomeLabels,
  type CommunityReport,
  type DistrictReport,
  type ReportRange,
  type Totals,
} from '../../../shared/evaluation';
import { isoWithOffset } from '../../timetable/localTime';

type Cell = string | number;

/** The totals' columns, in the order the sheets show them. */
export const totalsColumns: [header: string, value: (t: Totals) => number][] = [
  ['计划节数', (t) => t.lessons.scheduled],
  ['已开课', (t) => t.lessons.held],
  ['停课', (t) => t.lessons.cancelled],
  ['调课', (t) => t.lessons.moved],
  ['代课', (t) => t.lessons.substituted],
  ['未开课', (t) => t.lessons.missed],
  ['未到时间', (t) => t.lessons.upcoming],
  ['听讲教室应到(节次)', (t) => t.attendance.expected],
  ['听讲教室实到(节次)', (t) => t.attendance.attended],
  ['出勤率(%)', (t) => t.attendance.ratePct],
  ['连线时长(分钟)', (t) => t.attendance.minutesConnected],
  ['质量良好', (t) => t.quality.good],
  ['质量一般', (t) => t.quality.fair],
  ['质量差', (t) => t.quality.poor],
  ['未收到主讲画面', (t) => t.quality.issues.no_teacher_video ?? 0],
  ['教研场次', (t) => t.research.held],
  ['纪要栏目', (t) => t.research.sections],
  ['已填栏目', (t) => t.research.filled],
  ['纪要完成率(%)', (t) => t.research.completedPct],
  ['附资料课数', (t) => t.materials.lessons],
  ['资料份数', (t) => t.materials.items],
  ['评课次数', (t) => t.reviews.count],
  ['平均评分(%)', (t) => t.reviews.avgScorePct],
];

export const TOTAL_LABEL = '合计';

const rangeText = (r: ReportRange) => `${r.term ? `${r.term} ` : ''}${r.from} 至 ${r.to}`;
const figures = (t: Totals) => totalsColumns.map(([, v]) => v(t));

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  headers: string[],
  rows: Cell[][],
  total: Cell[] | undefined,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const r of rows) sheet.addRow(r);
  if (total) sheet.addRow(total).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = i < 4 ? 22 : 11));
  head.height = 32;
}

/** Sums the rows' figures; rates are recomputed from their parts, not summed. */
function sumRow(label: Cell[], rows: Totals[]): Cell[] {
  const sum = (f: (t: Totals) => number) => rows.reduce((a, t) => a + f(t), 0);
  const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : 0);
  return [
    ...label,
    ...totalsColumns.map(([header, v]) => {
      if (header === '出勤率(%)')
        return pct(
          sum((t) => t.attendance.attended),
          sum((t) => t.attendance.expected),
        );
      if (header === '纪要完成率(%)')
        return pct(
          sum((t) => t.research.filled),
          sum((t) => t.research.sections),
        );
      if (header === '平均评分(%)') return '';
      return sum(v);
    }),
  ];
}

export async function reportWorkbook(
  district: DistrictReport,
  communities: readonly CommunityReport[],
  zone: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tongke 同课';
  const range = rangeText(district.range);
  const heads = totalsColumns.map(([h]) => h);

  addSheet(
    workbook,
    '共同体汇总',
    `同步课堂捆绑考核统计表（共同体）${range}`,
    ['序号', '共同体', '所属区县', ...heads],
    district.communities.map((c, i) => [i + 1, c.name, c.district, ...figures(c.totals)]),
    [TOTAL_LABEL, '', '', ...figures(district.totals)],
  );

  const schools = communities.flatMap((c) => c.schools.map((s) => ({ c, s })));
  // A lesson counts at every school taking part: lesson columns do not add up across
  // schools, so the foot sums attendance (each classroom belongs to one school) only.
  const schoolFoot = sumRow(
    [TOTAL_LABEL, '', '', ''],
    schools.map(({ s }) => s.totals),
  ).map((v, i) => (i >= 4 && i < 4 + 7 ? '' : v));
  addSheet(
    workbook,
    '学校',
    `同步课堂捆绑考核统计表（学校）${range}`,
    ['序号', '共同体', '学校', '类别', ...heads],
    schools.map(({ c, s }, i) => [
      i + 1,
      c.name,
      s.name,
      s.role === 'core' ? '核心校' : '成员校',
      ...figures(s.totals),
    ]),
    schoolFoot,
  );

  const teachers = communities.flatMap((c) => c.teachers.map((t) => ({ c, t })));
  addSheet(
    workbook,
    '教师',
    `同步课堂工作量统计表（教师，主讲）${range}`,
    ['序号', '共同体', '教师', '辅导听讲节数', ...heads],
    teachers.map(({ c, t }, i) => [i + 1, c.name, t.name, t.assistedHeld, ...figures(t.totals)]),
    sumRow(
      [TOTAL_LABEL, '', '', teachers.reduce((a, { t }) => a + t.assistedHeld, 0)],
      teachers.map(({ t }) => t.totals),
    ),
  );

  const lessons = communities.flatMap((c) => c.lessons.map((l) => ({ c, l })));
  const held = lessons.filter(({ l }) => l.facts.outcome === 'held');
  addSheet(
    workbook,
    '课程明细',
    `同步课堂开课明细 ${range}`,
    [
      '序号',
      '共同体',
      '日期时间',
      '学科',
      '主讲教师',
      '状态',
      '调课',
      '听讲应到',
      '听讲实到',
      '连线分钟',
      '教研',
      '资料',
      '评课',
    ],
    lessons.map(({ c, l }, i) => {
      const f = l.facts;
      const members = f.classrooms.filter((x) => x.side === 'member');
      const heldLesson = f.outcome === 'held';
      return [
        i + 1,
        c.name,
        isoWithOffset(f.start, zone).slice(0, 16).replace('T', ' '),
        f.subject,
        l.teacherName ?? f.teacherId,
        lessonOutcomeLabels[f.outcome],
        f.moved ? '是' : '',
        heldLesson ? members.length : 0,
        heldLesson ? members.filter((x) => x.attended).length : 0,
        heldLesson
          ? f.classrooms.reduce((a, x) => a + (x.attended ? x.minutesConnected : 0), 0)
          : 0,
        f.research.held ? '是' : '',
        heldLesson ? f.materials : 0,
        l.reviews.count,
      ];
    }),
    [
      TOTAL_LABEL,
      '',
      '',
      '',
      '',
      `已开课 ${held.length}`,
      lessons.filter(({ l }) => l.facts.moved).length,
      district.totals.attendance.expected,
      district.totals.attendance.attended,
      district.totals.attendance.minutesConnected,
      district.totals.research.held,
      district.totals.materials.items,
      district.totals.reviews.count,
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
