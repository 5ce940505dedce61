// Two plain SVG charts (no chart library: two bar charts are ~80 lines): lessons per week
// (held over scheduled) and attendance per school. They print as they show.
import type { SchoolRow, WeekFigures } from '../../shared/evaluation';

const NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function figure(name: string, title: string, chart: SVGSVGElement, legend: string): HTMLElement {
  const f = document.createElement('figure');
  f.className = 'chart';
  f.dataset.chart = name;
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const note = document.createElement('p');
  note.className = 'legend';
  note.textContent = legend;
  f.append(caption, chart, note);
  return f;
}

/** Vertical bars, one pair per week: scheduled (pale) behind held (green). */
export function lessonsPerWeek(weeks: readonly WeekFigures[]): HTMLElement {
  const W = 640;
  const H = 200;
  const pad = { l: 32, b: 28, t: 10 };
  const max = Math.max(1, ...weeks.map((w) => w.scheduled));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': '每周节数' });
  const step = (W - pad.l) / Math.max(1, weeks.length);
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.b - pad.t);
  chart.append(svg('line', { x1: pad.l, x2: W, y1: H - pad.b, y2: H - pad.b, class: 'axis' }));
  chart.append(
    svg('text', { x: pad.l - 6, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, String(max)),
  );
  weeks.forEach((w, i) => {
    const x = pad.l + i * step + step * 0.15;
    const width = step * 0.7;
    const bar = (v: number, cls: string) =>
      svg('rect', { x, y: y(v), width, height: H - pad.b - y(v), class: cls });
    const g = svg('g', { 'data-week': w.week });
    g.append(bar(w.scheduled, 'bar scheduled'), bar(w.held, 'bar held'));
    g.append(svg('title', {}, `${w.week} 起：计划 ${w.scheduled} 节，已开 ${w.held} 节`));
    if (weeks.length <= 12 || i % 2 === 0)
      g.append(
        svg(
          'text',
          { x: x + width / 2, y: H - 10, class: 'tick', 'text-anchor': 'middle' },
          w.week.slice(5),
        ),
      );
    chart.append(g);
  });
  return figure('weeks', '每周同步课堂节数 Lessons per week', chart, '浅色：计划　绿色：已开课');
}

/** Horizontal bars: each school's member-classroom attendance rate, 0–100 %. */
export function attendancePerSchool(schools: readonly SchoolRow[]): HTMLElement {
  const rows = schools.filter((s) => s.totals.attendance.expected > 0 || s.role === 'member');
  const W = 640;
  const rowH = 28;
  const label = 220;
  const H = Math.max(1, rows.length) * rowH + 10;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': '各校出勤率' });
  rows.forEach((s, i) => {
    const rate = s.totals.attendance.ratePct;
    const y = 5 + i * rowH;
    const g = svg('g', { 'data-school': s.schoolId });
    g.append(svg('text', { x: label - 8, y: y + 18, class: 'tick', 'text-anchor': 'end' }, s.name));
    g.append(
      svg('rect', {
        x: label,
        y: y + 4,
        width: W - label - 60,
        height: rowH - 10,
        class: 'bar scheduled',
      }),
    );
    g.append(
      svg('rect', {
        x: label,
        y: y + 4,
        width: ((W - label - 60) * rate) / 100,
        height: rowH - 10,
        class: rate >= 90 ? 'bar held' : rate >= 60 ? 'bar fair' : 'bar poor',
      }),
    );
    g.append(svg('text', { x: W - 52, y: y + 18, class: 'tick' }, `${rate}%`));
    chart.append(g);
  });
  return figure(
    'attendance',
    '各校听讲教室出勤率 Attendance per school',
    chart,
    '听讲教室实到 / 应到',
  );
}
