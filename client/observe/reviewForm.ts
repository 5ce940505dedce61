// 评课 while watching: a panel the inspector opens beside the lesson, with the community's
// rubric (each criterion scored), a comment, and the answer of the server: stored, or what
// to fix. Mounted by main.ts with one line; it needs nothing of the live room.
import type { Review, RubricReply } from '../../shared/evaluation';
import type { LessonSummary } from '../../shared/lessons';
import { h } from '../lib/dom';
import { authorized, HttpError } from '../lib/session';
import './reviewForm.css';

const PANEL_ID = 'review-panel';

function criterionField(c: RubricReply['rubric']['criteria'][number]): HTMLElement {
  const input = h('input', {
    type: 'number',
    name: c.id,
    min: '0',
    max: String(c.maxScore),
    step: '1',
    required: true,
    inputmode: 'numeric',
  });
  return h(
    'label',
    { class: 'criterion' },
    h('span', { text: c.label }),
    input,
    h('small', { text: `/ ${c.maxScore}` }),
  );
}

async function fill(
  form: HTMLFormElement,
  lesson: LessonSummary,
  status: HTMLElement,
): Promise<void> {
  const { rubric } = await authorized<RubricReply>(
    `/api/evaluation/communities/${encodeURIComponent(lesson.communityId)}/rubric`,
  );
  const comment = h('textarea', {
    name: 'comment',
    rows: '3',
    maxlength: '2000',
    placeholder: '评语 Comment',
  });
  const submit = h('button', { type: 'submit', class: 'primary', text: '提交评课 Submit' });
  form.replaceChildren(
    h('p', { class: 'rubric-name', text: rubric.name }),
    ...rubric.criteria.map(criterionField),
    comment,
    submit,
  );
  form.onsubmit = async (e) => {
    e.preventDefault();
    submit.disabled = true;
    status.className = 'status';
    status.textContent = '正在提交… Sending';
    const scores = rubric.criteria.map((c) => ({
      criterion: c.id,
      score: Number((form.elements.namedItem(c.id) as HTMLInputElement).value),
    }));
    try {
      const review = await authorized<Review>(
        `/api/evaluation/lessons/${encodeURIComponent(lesson.occurrenceId)}/reviews`,
        { method: 'POST', body: JSON.stringify({ scores, comment: comment.value }) },
      );
      status.className = 'status ok';
      status.textContent = `已提交，${new Date(review.at).toLocaleTimeString('zh-CN')} Saved`;
      form.reset();
    } catch (error) {
      status.className = 'status error';
      status.textContent =
        error instanceof HttpError
          ? `未能提交：${error.message}`
          : `未能提交 Not sent: ${(error as Error).message}`;
    } finally {
      submit.disabled = false;
    }
  };
}

/** The 评课 panel for one lesson; replaces the panel of a lesson watched before. */
export function reviewPanel(lesson: LessonSummary): HTMLElement {
  document.getElementById(PANEL_ID)?.remove();
  const status = h('p', { class: 'status', role: 'status' });
  const form = h(
    'form',
    { class: 'review' },
    h('p', { class: 'muted', text: '正在读取评课表… Loading' }),
  );
  const body = h('div', { class: 'body', hidden: true }, form, status);
  const toggle = h('button', { type: 'button', class: 'toggle', text: '评课 Review' });
  const panel = h(
    'aside',
    { id: PANEL_ID, class: 'review-panel', 'data-occurrence': lesson.occurrenceId },
    toggle,
    body,
  );
  let loaded = false;
  toggle.addEventListener('click', () => {
    body.hidden = !body.hidden;
    if (!loaded && !body.hidden) {
      loaded = true;
      fill(form, lesson, status).catch((error: Error) => {
        loaded = false;
        status.className = 'status error';
        status.textContent = `无法读取评课表 Could not load the rubric: ${error.message}`;
      });
    }
  });
  return panel;
}
