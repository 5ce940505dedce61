// What the teacher's one start button says (no DOM): before the bell it starts the lesson
// early and says by how much, after the bell it just starts. Times are the server's clock.
import type { LessonState } from '../../shared/lessons';

export function startLabel(startMs: number, serverNow: number, state: LessonState): string {
  const minutes = Math.ceil((startMs - serverNow) / 60_000);
  if (minutes > 0 && (state === 'scheduled' || state === 'open')) {
    return `提前开始上课（距上课还有 ${minutes} 分钟） Start now, ${minutes} min early`;
  }
  return '开始上课 Start lesson';
}
