// The teacher's wall as she sees it in Chromium, with 1, 3 and 12 member classrooms:
// every classroom's video in sight (a box inside the viewport, not covered, its pixels
// moving), named, with its sound's level, on a laptop and on a projector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { keepScreenshots, waitShown } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { waitUntil } from '../helpers/waitUntil';

const room = { roomId: 'e2e-wall', roomCode: 'wall1234' };

describe("the teacher's wall of classrooms", () => {
  let server: TestServer;
  let browsers: Profiles;
  let teacher: Page;
  const classrooms: LivePeer[] = [];

  const addClassrooms = async (upTo: number) => {
    while (classrooms.length < upTo) {
      const n = classrooms.length + 1;
      const peer = await livePeer(
        server.url,
        { ...room, role: 'classroom', displayName: `第${n}号分校 三(${n})班` },
        // Only the first one speaks: its level bar must move, the others' stay low.
        { camera: { width: 320, height: 180 }, mic: n === 1 },
      );
      // These test classrooms need not decode the teacher: that would only load the CPU.
      peer.client.on('consumer', (remote) => {
        if (remote.kind === 'video')
          void peer.client.setConsumerPrefs(remote.consumerId, { visible: false });
      });
      classrooms.push(peer);
    }
    const tiles = teacher.locator('.wall .tile.classroom video');
    await expect.poll(() => tiles.count(), { timeout: 30_000 }).toBe(upTo);
  };

  const expectWallShown = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const tile = teacher.locator('.wall .tile.classroom').filter({ hasText: `第${i + 1}号分校` });
      await expect(tile.locator('.footer .caption').textContent()).resolves.toContain(
        `三(${i + 1})班`,
      );
      const video = tile.locator('video');
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await waitShown(video, `classroom ${i + 1} of ${count}`, 20_000, 30);
    }
  };

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    browsers = await launchChromiumProfiles();
    teacher = await browsers.newPage(
      `${server.url}/teacher/?room=${room.roomId}&code=${room.roomCode}&name=${encodeURIComponent('林老师')}&autostart=1`,
    );
    await waitUntil(
      () =>
        teacher.evaluate(
          () => (window as unknown as { __tongke?: { state: string } }).__tongke?.state,
        ),
      (state) => state === 'joined',
      { timeoutMs: 20_000, what: 'the teacher page to join' },
    );
  });

  afterAll(async () => {
    for (const c of classrooms) await c.stop();
    await browsers?.close();
    await server?.close();
  });

  it('one classroom fills the wall, with its sound level moving', async () => {
    await addClassrooms(1);
    await expectWallShown(1);
    const first = classrooms[0]!.client.session!.peerId;
    await expect
      .poll(
        () =>
          teacher.evaluate(
            (id) =>
              (
                window as unknown as { __tongke: { levels(): Record<string, number> } }
              ).__tongke.levels()[id] ?? 0,
            first,
          ),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0.2);
    await keepScreenshots(teacher, 'wall-1');
  });

  it('three classrooms are all in sight', async () => {
    await addClassrooms(3);
    await expectWallShown(3);
    await keepScreenshots(teacher, 'wall-3');
  });

  it('twelve classrooms are all in sight, on a laptop and with one on stage', async () => {
    await addClassrooms(12);
    await expectWallShown(12);
    await keepScreenshots(teacher, 'wall-12');
    await teacher
      .locator('.wall .tile.classroom')
      .filter({ hasText: '第5号分校' })
      .locator('button:has-text("上台")')
      .click();
    const staged = teacher.locator('.stage-view .tile.classroom');
    await expect.poll(() => staged.count(), { timeout: 10_000 }).toBe(1);
    await waitShown(staged.locator('video'), 'the classroom on stage', 20_000, 100);
    await keepScreenshots(teacher, 'wall-12-stage');
    // The eleven others stay in sight beneath it.
    for (let i = 1; i <= 12; i++) {
      if (i === 5) continue;
      const tile = teacher.locator('.wall .tile.classroom').filter({ hasText: `第${i}号分校` });
      await waitShown(tile.locator('video'), `classroom ${i} beside the stage`, 20_000, 20);
    }
    // Twelve synthetic classrooms and Chromium share two cores: give it room.
  }, 300_000);
});
