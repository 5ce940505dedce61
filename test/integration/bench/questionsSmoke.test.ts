// The questions bench in smoke size: it runs rounds against real signaling and reports
// every figure as a number (the full size, 100 classrooms, runs in `npm run bench`).
import { describe, expect, it } from 'vitest';
import { benchQuestions } from '../../bench/questions';

describe('questions bench (smoke)', () => {
  it('measures rounds of question, answers, reveal and timer', async () => {
    const r = await benchQuestions({ classrooms: 5, durationMs: 2000 });
    expect(r.rounds).toBeGreaterThan(0);
    expect(r.requestsPerSec).toBeGreaterThan(0);
    // Per round: 5 questionAsked… at least the asked and revealed messages to each screen.
    expect(r.messagesPerSec).toBeGreaterThan(r.requestsPerSec / 4);
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
  }, 120_000);
});
