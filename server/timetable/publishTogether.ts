// "Publish all": the proposed series of a community checked as one batch, each series'
// published version giving way to its change in the same batch, so two lessons can swap
// slots, which neither could alone. A refused series keeps its published slot, which may
// refuse others in turn: repeat until none drops out.
import type { PublishAllReply } from '../../shared/timetable/api';
import type { SeriesRecord } from '../../shared/timetable/series';
import { hardCount } from './conflicts';
import { publish } from './negotiation';
import { refusalText } from './refusalText';
import { inputOf } from './seriesInput';
import type { TimetableReads } from './TimetableReads';

const weekdays = '一二三四五六日';

export async function publishTogether(
  reads: Pick<TimetableReads, 'check' | 'context'>,
  records: readonly SeriesRecord[],
  schoolName: (id: string) => string | undefined,
  now: number,
): Promise<{ published: SeriesRecord[]; refused: PublishAllReply['refused'] }> {
  const ctx = await reads.context();
  const refused: PublishAllReply['refused'] = [];
  let batch = [...records];
  for (;;) {
    const ids = new Set(batch.map((r) => r.id));
    const inputs = batch.map((r) => inputOf(r, 'working')).filter((x) => x !== undefined);
    const { conflicts } = await reads.check(inputs, 'working', ctx, undefined, ids);
    const published: SeriesRecord[] = [];
    const kept: SeriesRecord[] = [];
    for (const r of batch) {
      const step = publish(r, hardCount(conflicts.get(r.id) ?? []), now);
      if (step.ok) {
        published.push(step.record);
        kept.push(r);
      } else {
        const lesson = `${r.spec.subject}（周${weekdays[r.spec.weekday - 1]}第${r.spec.period}节）：`;
        refused.push({
          seriesId: r.id,
          code: step.code,
          message: lesson + refusalText(step, schoolName),
          ...(step.schoolIds ? { schoolIds: step.schoolIds } : {}),
        });
      }
    }
    if (kept.length === batch.length) return { published, refused };
    batch = kept;
  }
}
