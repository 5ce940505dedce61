// The quick question burned into the export, as the projectors' card showed it at each
// moment: what was asked and 作答中 while open; once closed, how the classrooms' answers
// fell (per choice, the right one marked) for RESULT_SHOWN_MS — what and when from
// shared/questionReplay.ts, the rules of playback's card. Drawn in QUESTION_BOX, where no
// video is. libass breaks lines only at spaces, so the text is broken here, by width. Pure.
import {
  questionAt,
  questionChanges,
  questionSummaryAt,
  questionTitle,
  type QuestionAt,
} from '../../shared/questionReplay';
import type { LessonEvent } from '../../shared/recording';
import { choiceLabel } from '../../shared/signaling/questions';
import { assColor, assText, dialogue, rectPath } from './assScript';
import { QUESTION_BOX } from './exportPlan';

const PAD = 10;
const SIZES = { title: 20, summary: 18, counts: 22 };
/** the most lines the title takes (a long prompt ends in …) */
const TITLE_LINES = 5;

/** How wide a character is set, in ems: CJK and full-width ones 1, others about half. */
const em = (ch: string) => (ch === ' ' ? 0.3 : ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.56);
/** punctuation a line must not start with: it takes the character before it along */
const CLOSING = new Set([...'，。、？！：；）》」』,.?!:;)']);

/** `text` broken into lines of at most `widthEm` ems, `maxLines` of them (the last ends …). */
export function wrapText(text: string, widthEm: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const widthOf = (s: string) => [...s].reduce((w, c) => w + em(c), 0);
  for (const ch of text) {
    if (width + em(ch) > widthEm) {
      // a Latin word is not cut: it goes to the next line whole (CJK breaks anywhere)
      const word = /^(.*) ([^ \u2e80-\uffff]+)$/u.exec(line);
      const chars = [...line];
      const carried =
        ch !== ' ' && em(ch) < 1 && word
          ? word[2]!
          : CLOSING.has(ch) && chars.length > 1
            ? chars[chars.length - 1]!
            : '';
      lines.push(line.slice(0, line.length - carried.length).trimEnd());
      [line, width] = [carried, widthOf(carried)];
      if (ch === ' ') continue;
    }
    line += ch;
    width += em(ch);
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, -1).join('')}…`;
  return kept;
}

/** Per choice, how many classrooms chose it: "A 3 ✓  B 1" (none for a count question). */
export function choiceCounts(q: QuestionAt): string {
  const tally = q.closed?.tally;
  if (!tally || q.kind === 'count') return '';
  const right = new Set(q.correct?.choices ?? []);
  return tally.perChoice
    .map((n, i) => `${choiceLabel(q.kind, i)} ${n}${right.has(i) ? ' ✓' : ''}`)
    .join('   ');
}

/** The card as ASS text, its lines broken to the box's width. */
export function questionText(q: QuestionAt): string {
  const inner = QUESTION_BOX.w - 2 * PAD;
  const block = (text: string, size: number, colour: string, max: number) =>
    text
      ? `{\\fs${size}\\1c${assColor(colour)}}` +
        wrapText(assText(text), inner / size, max).join('\\N')
      : '';
  const parts = [
    block(questionTitle(q), SIZES.title, '#ffffff', TITLE_LINES),
    block(questionSummaryAt(q), SIZES.summary, q.closed ? '#8a99a6' : '#2f9e6e', 3),
    block(choiceCounts(q), SIZES.counts, '#ffffff', 2),
  ].filter(Boolean);
  return `{\\an7\\pos(${QUESTION_BOX.x + PAD},${QUESTION_BOX.y + PAD})}${parts.join('\\N')}`;
}

/** The card's lines over the recording [t0, endMs] (the log's clock): panel and text. */
export function questionLines(events: readonly LessonEvent[], t0: number, endMs: number): string[] {
  const asked = events.filter((e) => e.type === 'question_asked' || e.type === 'question_closed');
  const points = questionChanges(asked).filter((t) => t < endMs);
  const lines: string[] = [];
  points.forEach((at, i) => {
    const q = questionAt(asked, at);
    const toMs = Math.min(points[i + 1] ?? endMs, endMs);
    const fromMs = Math.max(at, t0);
    if (!q || toMs <= fromMs) return;
    const panel = `{\\an7\\pos(0,0)\\bord2\\shad0\\1c${assColor('#0f1419')}\\3c${assColor('#2f9e6e')}\\p1}`;
    lines.push(dialogue(2, fromMs - t0, toMs - t0, 'Question', panel + rectPath(QUESTION_BOX)));
    lines.push(dialogue(3, fromMs - t0, toMs - t0, 'Question', questionText(q)));
  });
  return lines;
}
