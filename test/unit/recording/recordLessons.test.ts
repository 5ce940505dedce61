import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LessonLifecycle } from '../../../server/lessons/LessonLifecycle';
import type { Recordings } from '../../../server/recording/Recordings';
import { recordLessons } from '../../../server/recording/recordLessons';
import type { RecordingReadiness } from '../../../shared/recording';
import { occurrence } from '../lessons/support/occurrences';

const o = occurrence();
const transition = (from: string, to: string) => ({
  occurrenceId: o.occurrenceId,
  from,
  to,
  occurrence: o,
});

function setUp(ready: RecordingReadiness) {
  const lifecycle = new EventEmitter();
  const started: string[] = [];
  const stopped: string[] = [];
  const warnings: { obj: object; msg: string }[] = [];
  const recordings = {
    start: async (id: string) => void started.push(id),
    stop: async (id: string) => void stopped.push(id),
  };
  recordLessons(
    lifecycle as unknown as LessonLifecycle,
    recordings as unknown as Recordings,
    async () => undefined,
    { recordLessons: true, retentionDays: 0 },
    { warn: (obj, msg) => void warnings.push({ obj, msg }) },
    async () => ready,
  );
  const settle = () => new Promise((r) => setTimeout(r, 10));
  return { lifecycle, started, stopped, warnings, settle };
}

describe('recording tied to the lesson clock', () => {
  it('records from live to its end', async () => {
    const t = setUp({ ready: true, minFreeMb: 2048 });
    t.lifecycle.emit('transition', transition('scheduled', 'open'));
    await t.settle();
    expect(t.started).toEqual([]);
    t.lifecycle.emit('transition', transition('open', 'live'));
    await t.settle();
    expect(t.started).toEqual([o.occurrenceId]);
    t.lifecycle.emit('transition', transition('live', 'ended'));
    await t.settle();
    expect(t.stopped).toEqual([o.occurrenceId]);
    expect(t.warnings).toEqual([]);
  });

  it('warns when a lesson opens on a recording disk below its floor, naming the lesson', async () => {
    const t = setUp({ ready: false, reason: 'disk_low', freeMb: 900, minFreeMb: 2048 });
    t.lifecycle.emit('transition', transition('scheduled', 'open'));
    await t.settle();
    expect(t.warnings).toEqual([
      {
        obj: { occurrenceId: o.occurrenceId, freeMb: 900, minFreeMb: 2048 },
        msg: expect.stringContaining('disk is below its floor'),
      },
    ]);
  });
});
