// A member classroom on a 600 kbit/s link (its own network namespace, tbf each way): the
// teacher's camera steps down to what the link carries and stays there — a layer always
// forwarded, never 720p tried over and over — her voice stays as clean as on an open link,
// and the teacher's tile says the classroom's reception is poor, and why (issue #14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerQuality } from '../../../shared/signaling/events';
import { networkWorld, type NetworkWorld } from '../../bench/networkWorld';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

/** Stated bounds, over a 30 s window once the classroom has settled. */
const bounds = {
  /** ms without a new frame (gaps over 0.5 s): the issue saw 12–23 s in 45 s */
  frozenMs: 2000,
  /**
   * picture size changes: a failed probe changes nothing; a probe that succeeds and the
   * step back down when the link then queues are two, and the back-off (10, 20, 40 s)
   * leaves room for one more try in 30 s (a loaded CI machine saw 3, none freezing)
   */
  layerSwitches: 4,
  /**
   * % audio concealed above what a classroom on an open link conceals at the same time:
   * the Node peers' audio stalls on a loaded machine, so the link's own share is compared.
   */
  extraConcealedPct: 3,
};

async function concealment(peer: LivePeer): Promise<{ concealed: number; total: number }> {
  for (const s of await peer.client.receiveStats()) {
    const r = s as Record<string, unknown>;
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      return {
        concealed: Number(r.concealedSamples ?? 0),
        total: Number(r.totalSamplesReceived ?? 0),
      };
    }
  }
  return { concealed: 0, total: 0 };
}

describe('a member classroom on a thin link', () => {
  let world: NetworkWorld | undefined;
  let control: LivePeer | undefined;
  const samples: PeerQuality[] = [];

  beforeAll(async () => {
    world = await networkWorld({ policy: 'on', profile: { name: '600k', rateKbit: 600 } });
    world.teacher.client.on('quality', (q) => samples.push(...q));
    // A classroom on the server's side of the link: the open-link yardstick for the voice.
    control = await livePeer(world.server.url, {
      roomId: world.server.tongke.rooms.all[0]!.id,
      roomCode: 'thinlink1',
      displayName: '城区中心校',
      role: 'classroom',
    });
    const camera = await control.waitForTrack(world.teacher.client.session!.peerId, 'camera');
    await control.client.setConsumerPrefs(camera.remote.consumerId, { visible: false });
  }, 60_000);

  afterAll(async () => {
    await control?.stop().catch(() => undefined);
    await world?.close();
  });

  it('settles at a layer the link carries and stays there; the voice does not pay', async () => {
    const w = world!;
    await new Promise((r) => setTimeout(r, 8000)); // the first probe and step down
    await w.classroom.call('mark');
    const controlBefore = await concealment(control!);
    const room = w.server.tongke.rooms.all[0]!;
    const forwarded: (number | null)[] = [];
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const media = room.participants.get(w.classroomId)!.media!;
      const camera = [...media.consumers.values()].find((c) => c.appData.source === 'camera');
      forwarded.push(camera?.currentLayers?.spatialLayer ?? null);
    }
    const f = await w.classroom.call('figures');
    const controlAfter = await concealment(control!);
    const controlPct =
      ((controlAfter.concealed - controlBefore.concealed) /
        Math.max(1, controlAfter.total - controlBefore.total)) *
      100;
    console.log('thin link 600 kbit/s:', { ...f, controlConcealedPct: controlPct, forwarded });

    // A layer every second, and never 720p (1.5 Mbit/s) on a 600 kbit/s link.
    expect(forwarded.every((l) => l !== null && l <= 1)).toBe(true);
    expect(f.frames).toBeGreaterThan(30 * 10);
    expect(f.frozenMs).toBeLessThanOrEqual(bounds.frozenMs);
    expect(f.layerSwitches).toBeLessThanOrEqual(bounds.layerSwitches);
    expect(f.concealedPct).not.toBeNull();
    expect(f.concealedPct!).toBeLessThanOrEqual(controlPct + bounds.extraConcealedPct);
  }, 90_000);

  it("the teacher's tile says the classroom's reception is poor, and why", async () => {
    const id = world!.classroomId;
    await expect
      .poll(() => samples.filter((q) => q.peerId === id).at(-1)?.reception, { timeout: 10_000 })
      .toMatchObject({ grade: 'poor', issues: expect.arrayContaining(['low_layer']) });
    const last = samples.filter((q) => q.peerId === id).at(-1)!.reception!;
    expect(last.layer).toBe(0);
    expect(last.maxLayer).toBe(2);
  });
});
