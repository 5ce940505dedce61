import { describe, expect, it } from 'vitest';
import { ReceiveReporter, decodeCounts } from '../../../client/lib/receiveReport';

// Stats as a receive transport's RTCStatsReport holds them (Chromium's fields; wrtc's lack
// freezeCount).
const inbound = (trackIdentifier: string, framesDecoded: number, freezeCount?: number) => ({
  type: 'inbound-rtp',
  kind: 'video',
  trackIdentifier,
  framesDecoded,
  ...(freezeCount !== undefined ? { freezeCount } : {}),
});

describe('the receive report of a browser', () => {
  it('reads decoded frames and freezes of the listed tracks only', () => {
    const stats = [
      inbound('track-teacher', 300, 2),
      inbound('track-screen', 40),
      { type: 'inbound-rtp', kind: 'video', ssrc: 1234, framesDecoded: 0 }, // the SFU's probe
      { type: 'inbound-rtp', kind: 'audio', trackIdentifier: 'track-mic' },
      { type: 'transport', bytesReceived: 10 },
    ];
    expect(
      decodeCounts(stats, [
        { consumerId: 'c-teacher', trackId: 'track-teacher' },
        { consumerId: 'c-screen', trackId: 'track-screen' },
      ]),
    ).toEqual([
      { consumerId: 'c-teacher', framesDecoded: 300, freezeCount: 2 },
      { consumerId: 'c-screen', framesDecoded: 40 },
    ]);
  });

  it('leaves out a stream whose counters are missing or nonsense', () => {
    const stats = [
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 't' },
      inbound('u', Number.NaN),
    ];
    const tracks = [
      { consumerId: 'a', trackId: 't' },
      { consumerId: 'b', trackId: 'u' },
    ];
    expect(decodeCounts(stats, tracks)).toEqual([]);
  });

  it('reports on its timer until stopped, and sends nothing without video', async () => {
    const timers: (() => void)[] = [];
    const sent: unknown[] = [];
    let tracks = [{ consumerId: 'c', trackId: 't' }];
    const reporter = new ReceiveReporter({
      everyMs: 2000,
      setTimer: (fn) => timers.push(fn),
      stats: () => Promise.resolve([inbound('t', sent.length * 60)]),
      tracks: () => tracks,
      send: (counts) => Promise.resolve(sent.push(counts)),
    });
    reporter.start();
    reporter.start(); // idempotent: one loop
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([[{ consumerId: 'c', framesDecoded: 0 }]]);
    expect(timers).toHaveLength(1); // the next one is armed
    tracks = [];
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toHaveLength(1);
    reporter.stop();
    timers.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(timers).toHaveLength(0);
  });
});
