// A lesson's event log, one JSON line per event, appended in order beside the manifest.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { LessonEvent } from '../../shared/recording';

export const EVENTS = 'events.jsonl';

export class EventLog {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  append(event: LessonEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    const write = () => appendFile(join(this.dir, EVENTS), line);
    const run = this.#queue.then(write, write);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  flushed(): Promise<unknown> {
    return this.#queue;
  }
}

/** The events of a recording; a torn last line (crash mid-append) is skipped. */
export async function readEvents(dir: string): Promise<LessonEvent[]> {
  const text = await readFile(join(dir, EVENTS), 'utf8').catch(() => '');
  const events: LessonEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (Value.Check(LessonEvent, value)) events.push(value);
    } catch {
      // a partial line
    }
  }
  return events;
}
