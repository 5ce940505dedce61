import { describe, expect, it } from 'vitest';
import { plannedTracks, type PlannedPeer } from '../../../server/recording/plan';

const producer = (id: string, source: string) => ({
  id,
  source,
  kind: source === 'mic' ? ('audio' as const) : ('video' as const),
  paused: false,
});
const teacher: PlannedPeer = {
  peerId: 't',
  displayName: '王老师',
  role: 'teacher',
  producers: [producer('tm', 'mic'), producer('tc', 'camera'), producer('ts', 'screen')],
};
const classroom = (n: number): PlannedPeer => ({
  peerId: `c${n}`,
  displayName: `教室${n}`,
  role: 'classroom',
  producers: [producer(`c${n}c`, 'camera'), producer(`c${n}m`, 'mic')],
});

describe('what a lesson recording holds', () => {
  it('records the teacher (camera first, with her mic) and her screen', () => {
    expect(plannedTracks([teacher, classroom(1)], null)).toEqual([
      {
        key: 'teacher:t:tc+tm',
        track: 'teacher',
        peerId: 't',
        displayName: '王老师',
        producerIds: ['tc', 'tm'],
      },
      {
        key: 'screen:t:ts',
        track: 'screen',
        peerId: 't',
        displayName: '王老师',
        producerIds: ['ts'],
      },
    ]);
  });

  it('records only the classroom on stage, with its mic; other classrooms not at all', () => {
    const tracks = plannedTracks([teacher, classroom(1), classroom(2)], 'c2');
    expect(tracks.map((t) => t.track)).toEqual(['teacher', 'screen', 'stage']);
    expect(tracks[2]).toMatchObject({ peerId: 'c2', producerIds: ['c2c', 'c2m'] });
    expect(tracks.flatMap((t) => t.producerIds)).not.toContain('c1m');
  });

  it('makes a new key when the producers change, so a new segment starts', () => {
    const cameraOnly = { ...teacher, producers: [producer('tc', 'camera')] };
    const [before] = plannedTracks([cameraOnly], null);
    const [after] = plannedTracks([teacher], null);
    expect(before!.key).not.toBe(after!.key);
  });

  it('waits for a video: a mic alone is not a track', () => {
    const micOnly = { ...teacher, producers: [producer('tm', 'mic')] };
    expect(plannedTracks([micOnly], null)).toEqual([]);
  });

  it('ignores a stage id that is not a classroom', () => {
    expect(plannedTracks([teacher], 't').map((t) => t.track)).toEqual(['teacher', 'screen']);
  });
});
