// The shared timer burned into the export, as the projectors showed it at each moment: its
// face from shared/timerReplay.ts (the rules of the live screens and of playback), one
// Dialogue line for each second it shows another value, held greyed once stopped, red at
// 时间到 (the colours of client/lib/tools.css). Drawn in TIMER_BOX, where no video is. Pure.
import { timerChanges, timerEvents, timerShownAt, type TimerFace } from '../../shared/timerReplay';
import type { LessonEvent } from '../../shared/recording';
import { assColor, dialogue, rectPath } from './assScript';
import { TIMER_BOX } from './exportPlan';

const PANEL = '#0f1419';
const ACCENT = '#2f9e6e';
const BAD = '#d9534f';
const MUTED = '#8a99a6';

/** The face as ASS text: the word small, the digits large, coloured by its state. */
export function timerText(face: TimerFace): string {
  // as client/lib/tools.css: the word muted, the digits red at zero, muted once stopped
  const digits = face.stopped ? MUTED : face.done ? BAD : '#ffffff';
  const label = MUTED;
  const x = TIMER_BOX.x + TIMER_BOX.w / 2;
  const y = TIMER_BOX.y + TIMER_BOX.h / 2;
  return (
    `{\\an5\\pos(${x},${y})\\fs26\\1c${assColor(label)}}${face.label} ` +
    `{\\fs60\\1c${assColor(digits)}}${face.digits}`
  );
}

interface Run {
  fromMs: number;
  toMs: number;
  key: string;
}

/** Runs of the same key that follow one another without a gap, joined. */
function joined(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.key === r.key && last.toMs === r.fromMs) last.toMs = r.toMs;
    else out.push({ ...r });
  }
  return out;
}

/**
 * The timer's lines over the recording [t0, endMs] (the log's clock): one text line per
 * value shown, on a panel line for each stretch the timer is up.
 */
export function timerLines(events: readonly LessonEvent[], t0: number, endMs: number): string[] {
  const ordered = timerEvents(events);
  const points = ordered.length ? timerChanges(ordered, t0, endMs) : [];
  const faces: { run: Run; face: TimerFace }[] = [];
  points.forEach((at, i) => {
    const face = timerShownAt(ordered, at);
    const toMs = points[i + 1] ?? endMs;
    if (face && toMs > at) faces.push({ run: { fromMs: at, toMs, key: timerText(face) }, face });
  });
  const texts = joined(faces.map((f) => f.run));
  const panels = joined(
    faces.map((f) => ({ ...f.run, key: assColor(f.face.done ? BAD : ACCENT) })),
  );
  return [
    ...panels.map((p) => {
      const tags = `{\\an7\\pos(0,0)\\bord2\\shad0\\1c${assColor(PANEL)}\\3c${p.key}\\p1}`;
      return dialogue(2, p.fromMs - t0, p.toMs - t0, 'Timer', tags + rectPath(TIMER_BOX));
    }),
    ...texts.map((r) => dialogue(3, r.fromMs - t0, r.toMs - t0, 'Timer', r.key)),
  ];
}
