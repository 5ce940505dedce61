// Today's lessons of the signed-in teacher: pick the one to teach.
import type { LessonSummary } from '../../shared/lessons';
import { h } from '../lib/dom';
import { passwordForm } from '../lib/passwordForm';
import { enterable, type TeacherDay } from './lessons';

const stateText: Record<LessonSummary['state'], string> = {
  scheduled: '未开始',
  open: '教室已开放',
  live: '上课中',
  ended: '已下课',
  research: '教研中',
  archived: '已归档',
};

function time(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(new Date(iso));
}

/** A lesson that has been taught: its recording, if it was recorded, can be played. */
const held = (state: LessonSummary['state'] | undefined) =>
  state === 'ended' || state === 'research' || state === 'archived';

/** Her week as a list: day, time, subject, her part in it and its state. */
function weekList(day: TeacherDay): HTMLElement | null {
  if (day.week.length === 0) return null;
  const date = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      timeZone: day.timeZone,
    }).format(new Date(iso));
  return h(
    'details',
    { class: 'week', open: true },
    h('summary', { text: '本周的同步课堂 This week' }),
    h(
      'ul',
      {},
      ...day.week.map((o) =>
        h(
          'li',
          { 'data-week-occurrence': o.occurrenceId, 'data-state': o.lessonState ?? 'scheduled' },
          h('span', { text: date(o.start) }),
          h('strong', {
            text: `${time(o.start, day.timeZone)}–${time(o.end, day.timeZone)} ${o.subject}`,
          }),
          h('span', {
            class: 'muted',
            text: `${o.role === 'core' ? '主讲' : '辅导教师'} · ${stateText[o.lessonState ?? 'scheduled']}`,
          }),
          held(o.lessonState)
            ? h('a', {
                class: 'playback-link',
                href: `/playback/?${new URLSearchParams({ occurrence: o.occurrenceId })}`,
                text: '回放 Playback',
              })
            : null,
        ),
      ),
    ),
  );
}

export function lessonPicker(day: TeacherDay): {
  element: HTMLElement;
  chosen: Promise<LessonSummary>;
} {
  let choose: (lesson: LessonSummary) => void = () => undefined;
  const chosen = new Promise<LessonSummary>((resolve) => (choose = resolve));
  const rows = day.lessons.map((lesson) => {
    // A lesson she assists in (辅导教师): she is in the member classroom, whose PC joins by
    // itself; hers is the research room afterwards.
    const assisting = lesson.teacherId !== day.me.teacherId;
    const enter = assisting
      ? h('span', {
          class: 'muted',
          text: ' 辅导教师 · 在听讲教室 Assisting in a member classroom ',
        })
      : h('button', {
          class: 'primary',
          text: '进入课堂 Enter',
          disabled: !enterable(lesson),
        });
    if (!assisting) enter.addEventListener('click', () => choose(lesson));
    const research =
      lesson.state === 'research'
        ? h('a', {
            href: `/research/?occurrence=${encodeURIComponent(lesson.occurrenceId)}`,
            text: '进入教研室 Research room',
          })
        : null;
    return h(
      'li',
      { 'data-occurrence': lesson.occurrenceId, 'data-state': lesson.state },
      h('strong', {
        text: `${time(lesson.start, day.timeZone)}–${time(lesson.end, day.timeZone)} ${lesson.subject}`,
      }),
      h('span', { class: 'muted', text: ` ${stateText[lesson.state]}` }),
      enter,
      research,
    );
  });
  const element = h(
    'section',
    { class: 'picker' },
    h('h1', { text: `${day.me.name}，今天的同步课堂 Today's lessons` }),
    passwordForm(),
    rows.length > 0
      ? h('ul', {}, ...rows)
      : h('p', {
          text: '目前没有要上的同步课堂（课前一小时出现在这里） No lessons in the next hour',
        }),
    weekList(day),
  );
  return { element, chosen };
}
