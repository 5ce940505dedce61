// The export burns in the teaching tools as the projectors showed them: a lesson recorded
// with a countdown, a quick question, and a 批注 whiteboard page opened once the courseware
// was no longer shared (the segments a recorded lesson left, its event log as the recorder
// writes it). ffmpeg composes it for real; the frames are read at the moments that matter.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import { EventLog } from '../../../server/recording/EventLog';
import { ExportJobs } from '../../../server/recording/ExportJobs';
import { copyFixtureSegments, FIXTURE_T0, fixtureManifest } from '../../helpers/recordingFixture';
import { MAIN, QUESTION_BOX, TIMER_BOX } from '../../../server/recording/exportPlan';
import { OVERLAY_FILE } from '../../../server/recording/exportOverlay';
import { changedPixels, maxLuma, minLuma, redPixels, saveFrame } from '../../helpers/ffprobe';
import { screenshotDir } from '../../helpers/screen';

const T0 = FIXTURE_T0;
const manifest = fixtureManifest;

const at = (ms: number) => T0 + ms;
const events: LessonEvent[] = [
  {
    at: at(1500),
    type: 'question_asked',
    questionId: 'q1',
    number: 1,
    kind: 'single',
    prompt: '哪个是质数？',
    choices: 3,
    correct: { choices: [1] },
  },
  { at: at(2000), type: 'timer_started', mode: 'countdown', durationMs: 5000 },
  {
    at: at(4000),
    type: 'question_closed',
    questionId: 'q1',
    tally: { answered: 3, perChoice: [1, 2, 0], correct: 2 },
  },
  {
    at: at(6200),
    type: 'annotation',
    annotation: {
      at: at(6200),
      kind: 'annotation.page',
      pageId: 'p2',
      background: 'blank',
      action: 'new',
    },
  },
  {
    at: at(6800),
    type: 'annotation',
    annotation: {
      at: at(6800),
      kind: 'annotation.stroke',
      pageId: 'p2',
      strokeId: 's1',
      tool: 'pen',
      color: '#e53935',
      width: 0.01,
      points: [0.2, 0.5, 0.8, 0.5],
    },
  },
  { at: at(8000), type: 'timer_stopped' },
];

const SIDE_BOTTOM = { x: 960, y: 270, w: 320, h: 180 };
/** a part of the main box the stroke is not on */
const SHEET = { x: MAIN.x + 40, y: MAIN.y + 30, w: 300, h: 150 };
/** around the stroke: across the middle of the main box */
const STROKE = { x: 180, y: MAIN.y + 250, w: 600, h: 40 };

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tongke-export-tools-'));
  await copyFixtureSegments(dir);
  const log = new EventLog(dir);
  for (const e of events) await log.append(e);
  const jobs = new ExportJobs({
    ffmpegPath: 'ffmpeg',
    dirOf: () => dir,
    niceness: 0,
    stallMs: 30_000,
    log: { warn() {} },
  });
  jobs.start(manifest.recordingId, manifest);
  await jobs.idle();
  expect(jobs.status(manifest.recordingId)).toMatchObject({ state: 'done' });
  file = join(dir, 'export.mp4');
  await mkdir(screenshotDir, { recursive: true });
  for (const t of [3.2, 4.5, 7.5, 9.2]) {
    await saveFrame(file, t, join(screenshotDir, `export-tools-${t}s.png`));
  }
}, 90_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an export of a lesson with a countdown, a question and a whiteboard page', () => {
  it('names the CJK font for the Chinese it draws', async () => {
    const ass = await readFile(join(dir, OVERLAY_FILE), 'utf8');
    expect(ass).toContain('Style: Timer,Noto Sans CJK SC,');
    expect(ass).toContain('倒计时 ');
  });

  it('draws the timer in its box from its start, a new value each second, not before', async () => {
    expect(await maxLuma(file, 1.7, TIMER_BOX)).toBeLessThan(40);
    expect(await maxLuma(file, 3.2, TIMER_BOX)).toBeGreaterThan(200);
    // and only there: the band beside it stays black
    const band = { y: 0, w: TIMER_BOX.x - 10, h: MAIN.y - 2 };
    expect(await maxLuma(file, 3.2, { ...band, x: 0 })).toBeLessThan(30);
    expect(await maxLuma(file, 3.2, { ...band, x: TIMER_BOX.x + TIMER_BOX.w + 10 })).toBeLessThan(
      30,
    );
    // 00:04 at 3.2 s, 00:03 at 4.2 s; the same 00:04 at 3.2 s and 3.6 s
    expect(await changedPixels(file, [3.2, 4.2], TIMER_BOX)).toBeGreaterThan(30);
    expect(await changedPixels(file, [3.2, 3.6], TIMER_BOX)).toBeLessThan(10);
    // held after the stop, to the end
    expect(await maxLuma(file, 9.2, TIMER_BOX)).toBeGreaterThan(120);
  }, 30_000);

  it('draws the question card while asked and its result after, not before', async () => {
    expect(await maxLuma(file, 1.2, QUESTION_BOX)).toBeLessThan(40);
    expect(await maxLuma(file, 2.5, QUESTION_BOX)).toBeGreaterThan(200);
    // 作答中 gives way to the counts at the close
    expect(await changedPixels(file, [3.5, 4.5], QUESTION_BOX)).toBeGreaterThan(30);
  }, 30_000);

  it('puts a white sheet in the main box for the whiteboard page, the ink on it', async () => {
    // before: the courseware (dark, with a bar) there; after the page opens: white
    expect(await minLuma(file, 3.0, SHEET)).toBeLessThan(100);
    expect(await minLuma(file, 5.95, SHEET)).toBeLessThan(100);
    expect(await minLuma(file, 6.5, SHEET)).toBeGreaterThan(200);
    expect(await minLuma(file, 8.5, SHEET)).toBeGreaterThan(200);
    expect(await redPixels(file, 6.5, STROKE)).toBe(0);
    expect(await redPixels(file, 7.5, STROKE)).toBeGreaterThan(2000);
  }, 30_000);

  it('lays the sheet out as a share: the teacher beside it, the stage below her', async () => {
    // with nothing shared the stage would be at the top right and this box empty
    expect(await maxLuma(file, 5.95, SIDE_BOTTOM)).toBeLessThan(40);
    expect(await maxLuma(file, 7.5, SIDE_BOTTOM)).toBeGreaterThan(100);
  }, 30_000);
});
