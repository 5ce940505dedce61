// Three real segments a recorded lesson left (test/fixtures/recording): the courseware from
// 1.1 s to 5.9 s, the teacher from 1.4 s, the stage from 3.9 s, each ending before the
// recording did at 9.6 s; with the manifest that describes them, on a clock starting at T0.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest, Segment } from '../../shared/recording';

export const FIXTURE_T0 = 1_000_000;

const segment = (
  file: string,
  track: Segment['track'],
  from: number,
  to: number,
  streams: Segment['streams'],
): Segment => ({
  id: track,
  track,
  peerId: track,
  displayName: track,
  file,
  streams,
  startedAt: FIXTURE_T0 + from,
  endedAt: FIXTURE_T0 + to,
  end: 'stopped',
  playable: true,
});

export const fixtureManifest: Manifest = {
  recordingId: 'series-math:2025-09-01',
  roomId: 'series-math:2025-09-01',
  kind: 'lesson',
  state: 'stopped',
  startedAt: FIXTURE_T0,
  endedAt: FIXTURE_T0 + 9619,
  segments: [
    segment('002-screen.webm', 'screen', 1109, 5864, ['video']),
    segment('001-teacher.webm', 'teacher', 1403, 8914, ['video', 'audio']),
    segment('003-stage.webm', 'stage', 3873, 8915, ['video', 'audio']),
  ],
  gaps: [],
};

/** The fixture's segment files, copied into `dir` (a test's own folder). */
export function copyFixtureSegments(dir: string): Promise<void> {
  return cp(join(__dirname, '../fixtures/recording'), dir, { recursive: true });
}
