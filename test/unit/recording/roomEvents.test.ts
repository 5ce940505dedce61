import { describe, expect, it } from 'vitest';
import { emptyLook, eventsBetween, type RoomLook } from '../../../server/recording/roomEvents';

const look = (
  peers: [string, { handRaised?: boolean; shares?: string[] }][],
  stagePeerId: string | null = null,
): RoomLook => ({
  stagePeerId,
  peers: new Map(
    peers.map(([id, p]) => [
      id,
      {
        displayName: `name-${id}`,
        role: id === 't' ? 'teacher' : 'classroom',
        handRaised: p.handRaised ?? false,
        shares: p.shares ?? [],
      },
    ]),
  ),
});

describe('the lesson events between two looks at the room', () => {
  it('names joins, a raised hand, a share and a stage change', () => {
    const before = look([
      ['t', {}],
      ['c1', {}],
    ]);
    const after = look(
      [
        ['t', { shares: ['camera', 'screen'] }],
        ['c1', { handRaised: true }],
        ['c2', {}],
      ],
      'c1',
    );
    expect(eventsBetween(before, after, 5)).toEqual([
      { at: 5, type: 'share_started', source: 'screen', peerId: 't' },
      { at: 5, type: 'hand', peerId: 'c1', displayName: 'name-c1', raised: true },
      { at: 5, type: 'joined', peerId: 'c2', displayName: 'name-c2', role: 'classroom' },
      { at: 5, type: 'stage', peerId: 'c1', displayName: 'name-c1' },
    ]);
  });

  it('ends a share when its sharer leaves', () => {
    const before = look([['t', { shares: ['screen'] }]]);
    expect(eventsBetween(before, emptyLook(), 9)).toEqual([
      { at: 9, type: 'share_stopped', source: 'screen', peerId: 't' },
      { at: 9, type: 'left', peerId: 't', displayName: 'name-t', role: 'teacher' },
    ]);
  });

  it('says nothing when nothing changed', () => {
    const same = look([['t', { shares: ['screen'] }]], null);
    expect(eventsBetween(same, same, 1)).toEqual([]);
  });

  it('logs the stage emptied', () => {
    expect(eventsBetween(look([['c1', {}]], 'c1'), look([['c1', {}]]), 2)).toEqual([
      { at: 2, type: 'stage', peerId: null },
    ]);
  });
});

describe('the projector layout in the lesson events', () => {
  it('a layout change is an event; the first look at the default layout is not', () => {
    const base = look([['t', {}]]);
    const teacher = { ...base, layout: { layout: 'teacher' as const, cause: 'chosen' as const } };
    expect(eventsBetween(emptyLook(), teacher, 5)).not.toContainEqual(
      expect.objectContaining({ type: 'layout' }),
    );
    const shared = {
      ...base,
      layout: { layout: 'courseware' as const, cause: 'share_started' as const },
    };
    expect(eventsBetween(teacher, shared, 9)).toEqual([
      { at: 9, type: 'layout', layout: 'courseware', cause: 'share_started' },
    ]);
    expect(eventsBetween(shared, shared, 10)).toEqual([]);
  });
});
