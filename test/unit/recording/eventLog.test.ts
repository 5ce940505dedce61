import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENTS, readEvents } from '../../../server/recording/EventLog';

describe('a recording’s event log read back', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('keeps the questions and strokes it knows and skips a bad line, never failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'events-'));
    dirs.push(dir);
    const stroke = (points: number[]) => ({
      at: 2,
      type: 'annotation',
      annotation: {
        kind: 'annotation.stroke',
        at: 2,
        pageId: 'p1',
        strokeId: 's1',
        tool: 'pen',
        color: '#e53935',
        width: 0.004,
        points,
      },
    });
    const lines = [
      {
        at: 1,
        type: 'question_asked',
        questionId: 'q',
        number: 1,
        kind: 'single',
        prompt: '？',
        choices: 4,
      },
      stroke([0.1, 0.2]),
      // a stroke off the picture, a tally that is not one, a kind nobody knows
      stroke([1.5, 0.2]),
      { at: 3, type: 'question_closed', questionId: 'q', tally: { answered: -1, perChoice: [] } },
      { at: 4, type: 'sticker', what: '🌟' },
      {
        at: 5,
        type: 'question_closed',
        questionId: 'q',
        tally: { answered: 2, perChoice: [2, 0, 0, 0] },
      },
    ].map((x) => JSON.stringify(x));
    await writeFile(join(dir, EVENTS), [...lines, 'not json', '{"at": 6, "ty'].join('\n'));
    const events = await readEvents(dir);
    expect(events.map((e) => `${e.type}@${e.at}`)).toEqual([
      'question_asked@1',
      'annotation@2',
      'question_closed@5',
    ]);
  });
});
