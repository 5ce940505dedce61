// A live room on fake connections and fake media, with the moves its unit tests make:
// join as a role, publish sources, let consumers settle, read what a viewer receives.
import { vi } from 'vitest';
import type { LiveRole, MediaSource } from '../../../shared/signaling/events';
import type { RtpCapabilities } from '../../../shared/signaling/rtp';
import { LiveRoom } from '../../../server/live/LiveRoom';
import { Participant } from '../../../server/live/Participant';
import { FakeConnection, FakeMedia, type AckMode, type FakePorts } from './fakes';

export const caps = { codecs: [] } as unknown as RtpCapabilities;
export const quiet = { warn: vi.fn(), error: vi.fn() };

export function setup(kind: 'lesson' | 'research' = 'lesson', consumerAckTimeoutMs = 50) {
  const log: string[] = [];
  const medias: FakeMedia[] = [];
  const room = new LiveRoom<FakePorts>({
    id: 'o1',
    kind,
    now: () => 1000,
    consumerAckTimeoutMs,
    log: quiet,
    media: async () => {
      const m = new FakeMedia(log);
      medias.push(m);
      return m;
    },
  });
  const join = async (
    role: LiveRole,
    name: string,
    o: { identity?: string; ack?: AckMode; receive?: boolean } = {},
  ) => {
    const p = new Participant<FakePorts>({
      displayName: name,
      role,
      connection: new FakeConnection(log, o.ack ?? 'ok'),
      joinedAt: 1000,
      ...(o.identity ? { identity: o.identity } : {}),
    });
    await room.add(p);
    if (o.receive !== false) await room.openTransport(p, 'recv', caps);
    return p;
  };
  const publish = async (p: Participant<FakePorts>, ...sources: MediaSource[]) => {
    const send = await room.openTransport(p, 'send');
    for (const source of sources) {
      await room.publish(p, {
        transportId: send.id,
        kind: source === 'mic' ? 'audio' : 'video',
        rtpParameters: { codecs: [] } as never,
        source,
      });
    }
  };
  const settle = async () => {
    await room.reconcileAll();
    await new Promise((r) => setTimeout(r, 0));
  };
  /** What the viewer currently receives: `name:source`, sorted. */
  const receives = (viewer: Participant<FakePorts>) =>
    viewer
      .media!.receiving()
      .map((c) => `${room.participants.get(c.peerId)?.displayName}:${c.source}`)
      .sort();
  return { room, log, medias, join, publish, settle, receives };
}
