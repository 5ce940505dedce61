import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import { RESULT_SHOWN_MS } from '../../../shared/questionReplay';
import { assText } from '../../../server/recording/assScript';
import {
  choiceCounts,
  questionLines,
  questionText,
  wrapText,
} from '../../../server/recording/questionBurn';
import { timerLines } from '../../../server/recording/timerBurn';

const T0 = 100_000;
/** [start, end, text] of the Dialogue lines of a layer, seconds of the export */
const shown = (lines: string[], layer: number) =>
  lines
    .filter((l) => l.startsWith(`Dialogue: ${layer},`))
    .map((l) => {
      const [, from, to, , , , , , , ...text] = l.split(',');
      return [from, to, text.join(',').replace(/\{[^}]*\}/g, '')];
    });

describe('the shared timer burned into the export', () => {
  // a 3 s countdown from 1 s (done at 4 s), stopped at 5.5 s; the recording ends at 7 s
  const countdown: LessonEvent[] = [
    { at: T0 + 5500, type: 'timer_stopped' },
    { at: T0 + 1000, type: 'timer_started', mode: 'countdown', durationMs: 3000 },
  ];

  it('shows each second it counts down, 时间到 in red at zero, held greyed after the stop', () => {
    expect(shown(timerLines(countdown, T0, T0 + 7000), 3)).toEqual([
      ['0:00:01.00', '0:00:02.00', '倒计时 00:03'],
      ['0:00:02.00', '0:00:03.00', '倒计时 00:02'],
      ['0:00:03.00', '0:00:04.00', '倒计时 00:01'],
      ['0:00:04.00', '0:00:05.50', '时间到 00:00'],
      // held after the stop, its digits greyed
      ['0:00:05.50', '0:00:07.00', '时间到 00:00'],
    ]);
    const [atZero, held] = timerLines(countdown, T0, T0 + 7000).slice(-2);
    expect(atZero).toContain('\\fs60\\1c&H4F53D9&'); // #d9534f
    expect(held).toContain('\\fs60\\1c&HA6998A&'); // #8a99a6
  });

  it('draws its panel while it is up, red once the time is up', () => {
    const panels = timerLines(countdown, T0, T0 + 7000).filter((l) => l.startsWith('Dialogue: 2,'));
    expect(panels.map((l) => l.split(',').slice(1, 3).join('–'))).toEqual([
      '0:00:01.00–0:00:04.00',
      '0:00:04.00–0:00:07.00',
    ]);
    expect(panels[1]).toContain('\\3c&H4F53D9&'); // #d9534f
  });

  it('counts a stopwatch up and holds it greyed once stopped', () => {
    const lines = timerLines(
      [
        { at: T0 + 500, type: 'timer_started', mode: 'stopwatch' },
        { at: T0 + 2700, type: 'timer_stopped' },
      ],
      T0,
      T0 + 5000,
    );
    expect(shown(lines, 3)).toEqual([
      ['0:00:00.50', '0:00:01.50', '计时 00:00'],
      ['0:00:01.50', '0:00:02.50', '计时 00:01'],
      ['0:00:02.50', '0:00:02.70', '计时 00:02'],
      ['0:00:02.70', '0:00:05.00', '计时 00:02'],
    ]);
    const held = lines.filter((l) => l.startsWith('Dialogue: 3,')).pop()!;
    expect(held).toContain('\\fs60\\1c&HA6998A&'); // #8a99a6, the screens' muted grey
    expect(lines.filter((l) => l.startsWith('Dialogue: 3,'))[0]).toContain('\\fs60\\1c&HFFFFFF&');
  });

  it('draws nothing without a timer', () => {
    expect(timerLines([], T0, T0 + 5000)).toEqual([]);
  });
});

describe('the question card burned into the export', () => {
  const asked: LessonEvent = {
    at: T0 + 1000,
    type: 'question_asked',
    questionId: 'q1',
    number: 2,
    kind: 'single',
    prompt: '哪个是质数？',
    choices: 3,
    correct: { choices: [1] },
  };
  const closed: LessonEvent = {
    at: T0 + 4000,
    type: 'question_closed',
    questionId: 'q1',
    tally: { answered: 3, perChoice: [1, 2, 0], correct: 2 },
  };

  it('shows the question and 作答中 while open, the counts after, then nothing', () => {
    const end = T0 + 4000 + RESULT_SHOWN_MS + 5000;
    expect(shown(questionLines([closed, asked], T0, end), 3)).toEqual([
      ['0:00:01.00', '0:00:04.00', '第 2 题 · 单选：哪个是质数？\\N作答中… Answering'],
      [
        '0:00:04.00',
        '0:00:24.00',
        '第 2 题 · 单选：哪个是质数？\\N（正确答案 B）\\N已结束：3 个教室作答，2 个答对\\NClosed: 3 answered\\NA 1   B 2 ✓   C 0',
      ],
    ]);
    expect(
      questionLines([closed, asked], T0, end).filter((l) => l.startsWith('Dialogue: 2,')),
    ).toHaveLength(2);
  });

  it('cuts the card at the end of the recording', () => {
    const lines = questionLines([asked, closed], T0, T0 + 6000);
    expect(shown(lines, 3).map(([from, to]) => `${from}–${to}`)).toEqual([
      '0:00:01.00–0:00:04.00',
      '0:00:04.00–0:00:06.00',
    ]);
  });

  it('breaks long text by its width, a long prompt ending in …', () => {
    expect(wrapText('一二三四五六', 4, 3)).toEqual(['一二三四', '五六']);
    expect(wrapText('abcdefgh', 2.3, 9)).toEqual(['abcd', 'efgh']);
    expect(wrapText('一二三四五六七八九', 2, 2)).toEqual(['一二', '三…']);
    // a line does not start with closing punctuation: the character before comes along
    expect(wrapText('一二三？', 3, 5)).toEqual(['一二', '三？']);
    const long = questionText({
      questionId: 'q',
      number: 1,
      kind: 'truefalse',
      prompt: '很'.repeat(200),
      choices: 2,
    });
    expect(long.split('\\N').length).toBeLessThanOrEqual(8);
    expect(long).toContain('…');
  });

  it('counts per choice, true/false as 对/错, none for a count question', () => {
    const tf = { questionId: 'q', number: 1, prompt: '', choices: 2 } as const;
    const tally = { answered: 2, perChoice: [2, 0] };
    expect(choiceCounts({ ...tf, kind: 'truefalse', closed: { tally } })).toBe('对 2   错 0');
    expect(choiceCounts({ ...tf, kind: 'count', closed: { tally } })).toBe('');
    expect(choiceCounts({ ...tf, kind: 'single' })).toBe('');
  });

  it('keeps a teacher’s braces and backslashes as text, not as ASS tags', () => {
    expect(assText('a{\\b1}c\nd')).toBe('a｛＼b1｝c d');
  });
});
