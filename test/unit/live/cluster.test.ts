import { describe, expect, it } from 'vitest';
import { readClusterMessage } from '../../../server/live/cluster';

describe('messages from another node', () => {
  it('are taken when they match their schema', () => {
    expect(readClusterMessage('deviceRevoked', 'device-1')).toEqual({
      ok: true,
      value: 'device-1',
    });
    const t = { occurrenceId: 'o1', from: 'open', to: 'live', at: 1, cause: 'teacher_end' };
    expect(readClusterMessage('lessonTransition', t).ok).toBe(true);
  });

  it('are dropped, naming the field, when they do not', () => {
    expect(readClusterMessage('sessionsEnded', 42).ok).toBe(false);
    const bad = readClusterMessage('lessonTransition', { occurrenceId: 'o1', to: 'exploded' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.field).toMatch(/^\//);
  });
});
