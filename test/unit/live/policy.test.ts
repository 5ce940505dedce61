import { describe, expect, it } from 'vitest';
import { initialSpatialLayer, shouldReceive } from '../../../server/live/policy';
import type { MediaSource } from '../../../shared/signaling/events';

const teacher = { peerId: 't', role: 'teacher' } as const;
const east = { peerId: 'e', role: 'classroom' } as const;
const west = { peerId: 'w', role: 'classroom' } as const;
const inspector = { peerId: 'o', role: 'observer' } as const;
const lesson = (stagePeerId: string | null = null) => ({ kind: 'lesson' as const, stagePeerId });
const all: MediaSource[] = ['camera', 'mic', 'screen', 'blackboard'];

describe('shouldReceive in a lesson', () => {
  it('sends every teacher track to every classroom and observer', () => {
    for (const viewer of [east, west, inspector]) {
      for (const source of all) expect(shouldReceive(lesson(), viewer, teacher, source)).toBe(true);
    }
  });

  it('gives the teacher every classroom’s camera and mic', () => {
    expect(shouldReceive(lesson(), teacher, east, 'camera')).toBe(true);
    expect(shouldReceive(lesson(), teacher, east, 'mic')).toBe(true);
  });

  it('never lets a classroom hear or see another one off stage', () => {
    expect(shouldReceive(lesson(), east, west, 'mic')).toBe(false);
    expect(shouldReceive(lesson(), east, west, 'camera')).toBe(false);
  });

  it('puts the on-stage classroom in front of everyone', () => {
    expect(shouldReceive(lesson('w'), east, west, 'mic')).toBe(true);
    expect(shouldReceive(lesson('w'), east, west, 'camera')).toBe(true);
    expect(shouldReceive(lesson('w'), inspector, west, 'mic')).toBe(true);
    // …but the stage classroom does not receive itself.
    expect(shouldReceive(lesson('w'), west, west, 'mic')).toBe(false);
  });

  it('lets an observer see all classrooms but hear only the teacher and the stage', () => {
    expect(shouldReceive(lesson(), inspector, east, 'camera')).toBe(true);
    expect(shouldReceive(lesson(), inspector, east, 'mic')).toBe(false);
  });

  it('sends nothing an observer might publish', () => {
    expect(shouldReceive(lesson(), east, inspector, 'camera')).toBe(false);
  });
});

describe('shouldReceive in a research meeting', () => {
  it('lets everyone receive everyone else', () => {
    const room = { kind: 'research' as const, stagePeerId: null };
    const a = { peerId: 'a', role: 'member' } as const;
    const b = { peerId: 'b', role: 'member' } as const;
    expect(shouldReceive(room, a, b, 'mic')).toBe(true);
    expect(shouldReceive(room, a, a, 'mic')).toBe(false);
  });
});

describe('initialSpatialLayer', () => {
  it('starts a classroom tile on the lowest layer, the stage and the teacher on the highest', () => {
    expect(initialSpatialLayer(lesson(), east, 'camera')).toBe(0);
    expect(initialSpatialLayer(lesson('e'), east, 'camera')).toBeUndefined();
    expect(initialSpatialLayer(lesson(), teacher, 'camera')).toBeUndefined();
    expect(initialSpatialLayer(lesson(), teacher, 'screen')).toBeUndefined();
  });
});
