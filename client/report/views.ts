// The report's pages: the district (its communities), one community (schools, teachers,
// lessons, two charts), one school (its classrooms), one lesson (who was there, how well,
// the minutes and the 评课).
import {
  lessonOutcomeLabels,
  sectionKindLabels,
  type CommunityReport,
  type DistrictReport,
  type LessonDetail,
  type ReportRange,
  type SchoolReport,
} from '../../shared/evaluation';
import { qualityGradeLabels, qualityIssueLabels } from '../../shared/lessons';
import { h } from '../lib/dom';
import { attendancePerSchool, lessonsPerWeek } from './charts';
import { lessonsTable, totalsTable } from './tables';

const enc = encodeURIComponent;

const rangeLine = (r: ReportRange) =>
  h('p', { class: 'range', text: `${r.term ? `${r.term} · ` : ''}${r.from} 至 ${r.to}` });

export function districtView(r: DistrictReport): HTMLElement {
  return h(
    'section',
    { class: 'page', 'data-page': 'district' },
    h('h1', { text: '同步课堂捆绑考核 District report' }),
    rangeLine(r.range),
    totalsTable(
      '共同体',
      r.communities.map((c) => ({
        key: c.communityId,
        name: c.name,
        href: `#/community/${enc(c.communityId)}`,
        extra: c.district,
        totals: c.totals,
      })),
      r.totals,
    ),
    h('div', { class: 'charts' }, lessonsPerWeek(r.weeks)),
  );
}

export function communityView(r: CommunityReport): HTMLElement {
  const c = enc(r.communityId);
  return h(
    'section',
    { class: 'page', 'data-page': 'community' },
    h('nav', { class: 'crumbs' }, h('a', { href: '#/', text: '全区 District' }), ' › ', r.name),
    h('h1', { text: r.name }),
    rangeLine(r.range),
    h('div', { class: 'charts' }, lessonsPerWeek(r.weeks), attendancePerSchool(r.schools)),
    h('h2', { text: '学校 Schools' }),
    totalsTable(
      '学校',
      r.schools.map((s) => ({
        key: s.schoolId,
        name: s.name,
        href: `#/community/${c}/school/${enc(s.schoolId)}`,
        extra: s.role === 'core' ? '核心校' : '成员校',
        totals: s.totals,
      })),
      undefined,
    ),
    h('h2', { text: '教师（主讲） Teachers' }),
    totalsTable(
      '教师',
      r.teachers.map((t) => ({
        key: t.teacherId,
        name: t.name,
        extra: t.assistedHeld ? `辅导 ${t.assistedHeld} 节` : undefined,
        totals: t.totals,
      })),
      r.totals,
    ),
    h('h2', { text: '课程 Lessons' }),
    lessonsTable(r.lessons),
  );
}

export function schoolView(r: SchoolReport): HTMLElement {
  const c = enc(r.communityId);
  return h(
    'section',
    { class: 'page', 'data-page': 'school' },
    h(
      'nav',
      { class: 'crumbs' },
      h('a', { href: '#/', text: '全区 District' }),
      ' › ',
      h('a', { href: `#/community/${c}`, text: '共同体 Community' }),
      ' › ',
      r.school.name,
    ),
    h('h1', { text: r.school.name }),
    rangeLine(r.range),
    totalsTable(
      '学校',
      [{ key: r.school.schoolId, name: r.school.name, totals: r.school.totals }],
      undefined,
    ),
    h('h2', { text: '教室 Classrooms' }),
    h(
      'table',
      { class: 'totals' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['教室', '类别', '应到', '实到', '出勤率', '连线分钟', '质量差'].map((t) =>
            h('th', { text: t }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...r.classrooms.map((room) =>
          h(
            'tr',
            { 'data-row': room.classroomId },
            h('th', { text: room.name }),
            h('td', { text: room.side === 'core' ? '主讲' : '听讲' }),
            ...[
              room.expected,
              room.attended,
              `${room.ratePct}%`,
              room.minutesConnected,
              room.poor,
            ].map((v) => h('td', { class: 'num', text: String(v) })),
          ),
        ),
      ),
    ),
    h('h2', { text: '课程 Lessons' }),
    lessonsTable(r.lessons),
  );
}

export function lessonView(d: LessonDetail): HTMLElement {
  const f = d.row.facts;
  const held = f.outcome === 'held';
  const c = enc(f.communityId);
  return h(
    'section',
    { class: 'page', 'data-page': 'lesson' },
    h(
      'nav',
      { class: 'crumbs' },
      h('a', { href: '#/', text: '全区 District' }),
      ' › ',
      h('a', { href: `#/community/${c}`, text: d.communityName ?? f.communityId }),
      ' › ',
      f.subject,
    ),
    h('h1', { text: `${f.subject} · ${d.row.teacherName ?? f.teacherId}` }),
    h('p', {
      class: 'range',
      text: `${new Date(f.start).toLocaleString('zh-CN')} · ${lessonOutcomeLabels[f.outcome]}${f.moved ? '（调课）' : ''}${f.substituted ? '（代课）' : ''}`,
    }),
    h('h2', { text: '教室 Classrooms' }),
    h(
      'table',
      { class: 'totals' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['教室', '类别', '到课', '连线分钟', '质量', '问题'].map((t) => h('th', { text: t })),
        ),
      ),
      h(
        'tbody',
        {},
        ...f.classrooms.map((room) =>
          h(
            'tr',
            { 'data-row': room.classroomId },
            h('th', { text: d.classroomNames[room.classroomId] ?? room.classroomId }),
            h('td', { text: room.side === 'core' ? '主讲' : '听讲' }),
            h('td', { text: !held ? '—' : room.attended ? '到' : '缺席' }),
            h('td', { class: 'num', text: held ? String(room.minutesConnected) : '—' }),
            h('td', {
              class: `grade ${room.grade}`,
              text: held && room.attended ? qualityGradeLabels[room.grade] : '—',
            }),
            h('td', { text: room.issues.map((i) => qualityIssueLabels[i]).join('；') }),
          ),
        ),
      ),
    ),
    h('h2', { text: '教研纪要 Minutes' }),
    f.research.held
      ? h(
          'ul',
          { class: 'sections' },
          ...f.research.sections.map((s) =>
            h('li', {
              class: s.filled ? 'filled' : 'empty',
              text: `${sectionKindLabels[s.kind]}：${s.filled ? '已填写' : '未填写'}`,
            }),
          ),
        )
      : h('p', { class: 'muted', text: '未开展教研 No research session' }),
    h('p', { text: `附资料 ${f.materials} 份` }),
    h('h2', { text: `评课 Reviews（${d.reviews.length}）` }),
    d.reviews.length
      ? h(
          'ul',
          { class: 'reviews' },
          ...d.reviews.map((r) =>
            h(
              'li',
              {},
              h('strong', { text: r.reviewerName }),
              ` ${r.scores.map((s) => `${r.rubric.criteria.find((c) => c.id === s.criterion)?.label.split(' ')[0] ?? s.criterion} ${s.score}`).join('，')}`,
              r.comment ? h('p', { text: r.comment }) : null,
            ),
          ),
        )
      : h('p', { class: 'muted', text: '尚无评课 No review yet' }),
  );
}
