import { describe, expect, it } from 'vitest';
import type { Manifest, Segment } from '../../../shared/recording';
import {
  exportPlan,
  QUESTION_BOX,
  TIMER_BOX,
  VIDEO_BOXES,
} from '../../../server/recording/exportPlan';

const segment = (
  id: string,
  track: Segment['track'],
  from: number,
  to: number,
  audio = true,
): Segment => ({
  id,
  track,
  peerId: 'p',
  displayName: 'n',
  file: `${id}.webm`,
  streams: audio ? ['video', 'audio'] : ['video'],
  startedAt: 1000 + from,
  endedAt: 1000 + to,
  end: 'stopped',
  playable: true,
});

const manifest = (segments: Segment[]): Manifest => ({
  recordingId: 'r',
  roomId: 'r',
  kind: 'lesson',
  state: 'stopped',
  startedAt: 1000,
  endedAt: 11_000,
  segments,
  gaps: [],
});

describe('the export composition', () => {
  const plan = exportPlan(
    manifest([segment('t', 'teacher', 0, 10_000), segment('s', 'screen', 2000, 6000, false)]),
    (f) => `/rec/${f}`,
    '/rec/out.mp4',
  );
  const graph = plan.args[plan.args.indexOf('-filter_complex') + 1]!;

  it('lasts the whole recording', () => {
    expect(plan.durationS).toBe(10);
    expect(plan.args).toContain('/rec/t.webm');
    expect(plan.args.slice(-1)).toEqual(['/rec/out.mp4']);
  });

  it('puts the teacher large, beside the courseware while it is shared, then large again', () => {
    expect(graph).toContain("overlay=0:90:eof_action=pass:enable='between(t,0,2)'");
    expect(graph).toContain("overlay=960:90:eof_action=pass:enable='between(t,2,6)'");
    expect(graph).toContain("overlay=0:90:eof_action=pass:enable='between(t,6,10)'");
    // the courseware itself, large, only while shared, starting at its own offset
    expect(graph).toContain('[1:v]setpts=PTS+2/TB');
  });

  it('mixes the sound of the tracks that have some, each at its offset', () => {
    expect(graph).toContain('[0:a]asetpts=PTS-STARTPTS,adelay=0|0[a0]');
    expect(graph).not.toContain('[1:a]');
    // laid on silence of the recording's length, which ends the sound (no endless pad)
    expect(graph).toContain('anullsrc=r=48000:cl=stereo:d=10[asilence]');
    expect(graph).toContain('[asilence][a0]amix=inputs=2:duration=first');
    expect(graph).not.toContain('apad');
  });

  it('leaves out a segment that cannot be read', () => {
    const bad = { ...segment('x', 'stage', 0, 5000), playable: false };
    const p = exportPlan(manifest([segment('t', 'teacher', 0, 10_000), bad]), (f) => f, 'o.mp4');
    expect(p.args).not.toContain('x.webm');
  });

  it('encodes H.264 and AAC', () => {
    expect(plan.args.join(' ')).toContain('-c:v libx264');
    expect(plan.args.join(' ')).toContain('-c:a aac');
  });

  it('lays a whiteboard sheet with nothing shared out as a share: the teacher beside it', () => {
    const withSheet = exportPlan(
      manifest([segment('t', 'teacher', 0, 10_000)]),
      (f) => f,
      'out.mp4',
      { ink: 'overlay.ass', sheets: [{ fromMs: 1000 + 7000, toMs: 1000 + 9000 }] },
    );
    const g = withSheet.args[withSheet.args.indexOf('-filter_complex') + 1]!;
    expect(g).toContain("overlay=0:90:eof_action=pass:enable='between(t,0,7)'");
    expect(g).toContain("overlay=960:90:eof_action=pass:enable='between(t,7,9)'");
    expect(g).toContain("overlay=0:90:eof_action=pass:enable='between(t,9,10)'");
  });

  it('draws the timer and the question card where no video ever is', () => {
    const meets = (a: typeof TIMER_BOX, b: typeof TIMER_BOX) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const video of VIDEO_BOXES) {
      expect(meets(TIMER_BOX, video)).toBe(false);
      expect(meets(QUESTION_BOX, video)).toBe(false);
    }
    expect(meets(TIMER_BOX, QUESTION_BOX)).toBe(false);
    for (const b of [TIMER_BOX, QUESTION_BOX]) {
      expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= 1280 && b.y + b.h <= 720).toBe(true);
    }
  });
});
