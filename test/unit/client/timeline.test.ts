import { describe, expect, it } from 'vitest';
import type { LessonEvent, Manifest, Segment } from '../../../shared/recording';
import { Timeline, chaptersOf, clock } from '../../../client/playback/timeline';

const T0 = 1_000_000;
const segment = (
  id: string,
  track: Segment['track'],
  from: number,
  to?: number,
  playable = true,
): Segment => ({
  id,
  track,
  peerId: 'p',
  displayName: 'n',
  file: `${id}.webm`,
  streams: ['video'],
  startedAt: T0 + from,
  ...(to !== undefined ? { endedAt: T0 + to } : {}),
  playable,
});
const manifest = (segments: Segment[], endedAt: number | null = T0 + 60_000): Manifest => ({
  recordingId: 'r',
  roomId: 'r',
  kind: 'lesson',
  state: endedAt ? 'stopped' : 'recording',
  startedAt: T0,
  ...(endedAt ? { endedAt } : {}),
  segments,
  gaps: [],
});

describe('the playback timeline', () => {
  const events: LessonEvent[] = [
    { at: T0, type: 'recording_started' },
    { at: T0 + 5000, type: 'share_started', source: 'screen', peerId: 't' },
    { at: T0 + 20_000, type: 'stage', peerId: 'c1', displayName: '高楼镇中心小学' },
    { at: T0 + 30_000, type: 'stage', peerId: null },
    {
      at: T0 + 35_000,
      type: 'question_asked',
      questionId: 'q1',
      number: 1,
      kind: 'single',
      prompt: '哪个是质数？',
      choices: 4,
    },
    { at: T0 + 50_000, type: 'question_closed', questionId: 'q2' },
    {
      at: T0 + 45_000,
      type: 'question_asked',
      questionId: 'q2',
      number: 2,
      kind: 'truefalse',
      prompt: '',
      choices: 2,
    },
  ];
  const timeline = new Timeline(
    manifest([
      segment('1-teacher', 'teacher', 300, 10_000),
      // after a worker death: the next segment of the same track
      segment('3-teacher', 'teacher', 11_000, 60_000),
      segment('2-screen', 'screen', 5200, 40_000),
      segment('4-stage', 'stage', 20_500, 30_000, false),
    ]),
    events,
  );

  it('finds the segment that plays at a moment, and where in its file', () => {
    expect(timeline.at('teacher', 5)).toMatchObject({ segment: { id: '1-teacher' }, offsetS: 4.7 });
    expect(timeline.at('teacher', 12)).toMatchObject({ segment: { id: '3-teacher' }, offsetS: 1 });
    // the gap between the two: nothing to show
    expect(timeline.at('teacher', 10.5)).toBeUndefined();
    expect(timeline.at('teacher', 0.1)).toBeUndefined();
  });

  it('skips a segment the server could not read, and one the browser refused', () => {
    expect(timeline.at('stage', 25)).toBeUndefined();
    timeline.markBad('3-teacher');
    expect(timeline.at('teacher', 12)).toBeUndefined();
  });

  it('lays out courseware while a screen plays, else the teacher', () => {
    expect(timeline.layoutAt(4)).toBe('teacher');
    expect(timeline.layoutAt(6)).toBe('courseware');
    expect(timeline.layoutAt(41)).toBe('teacher');
  });

  it('marks chapters at the stage changes, the courseware and the questions', () => {
    expect(timeline.durationS).toBe(60);
    expect(timeline.chapters).toEqual([
      { atS: 5, kind: 'courseware', label: '课件 Courseware' },
      { atS: 20, kind: 'stage', label: '上台 On stage: 高楼镇中心小学' },
      { atS: 35, kind: 'question', label: '提问：哪个是质数？ Question 1' },
      // a question asked with no words is named by its number
      { atS: 45, kind: 'question', label: '提问：第 2 题 Question 2' },
    ]);
    expect(chaptersOf(events, T0, 10)).toHaveLength(1);
  });

  it('runs a recording still in progress up to now', () => {
    const live = new Timeline(manifest([segment('1-teacher', 'teacher', 0)], null), [], T0 + 9000);
    expect(live.durationS).toBe(9);
    expect(live.at('teacher', 8.5)).toMatchObject({ offsetS: 8.5 });
  });

  it('marks the gaps a fault left, named', () => {
    const m = manifest([segment('1-teacher', 'teacher', 0, 10_000)]);
    m.gaps.push({ track: 'teacher', from: T0 + 10_000, to: T0 + 11_200, reason: 'media_lost' });
    expect(new Timeline(m, []).gaps).toEqual([
      { fromS: 10, toS: 11.2, label: '媒体服务重启 Media server restarted: 主讲教师' },
    ]);
  });

  it('shows times as m:ss', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(2405.7)).toBe('40:05');
  });
});

describe('the playback layout follows the recorded projector layout', () => {
  const segments = [
    segment('1-teacher', 'teacher', 0, 60_000),
    segment('2-screen', 'screen', 5000, 40_000),
  ];
  it('the courseware is large only while the projectors showed it', () => {
    const timeline = new Timeline(manifest(segments), [
      { at: T0 + 5000, type: 'layout', layout: 'courseware', cause: 'share_started' },
      { at: T0 + 15_000, type: 'layout', layout: 'teacher', cause: 'chosen' },
      { at: T0 + 25_000, type: 'layout', layout: 'side_by_side', cause: 'chosen' },
    ]);
    expect(timeline.layoutAt(2)).toBe('teacher');
    expect(timeline.layoutAt(6)).toBe('courseware');
    // she chose the teacher full screen while sharing: the recording shows it so
    expect(timeline.layoutAt(16)).toBe('teacher');
    expect(timeline.layoutAt(26)).toBe('courseware');
    // the share ended: nothing to show large but the teacher
    expect(timeline.layoutAt(45)).toBe('teacher');
  });
});
