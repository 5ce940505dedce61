// A classroom PC whose camera and microphone are missing (unplugged, or held by another
// program) still takes the lesson: it shows the teacher, says on its screen and on the
// teacher's wall what it cannot send, and picks each device up when it comes back —
// without a reload and without anyone touching it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { keepScreenshots, waitShown } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';

const room = { roomId: 'e2e-degraded', roomCode: 'degr1234' };

/**
 * Chromium's fake devices are always there; a real PC's may not be. The page sees what a
 * missing device looks like to it: getUserMedia rejecting with NotFoundError, until the
 * test "plugs it in" and the browser raises devicechange.
 */
function withoutDevices(): void {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const plugged = { camera: false, mic: false };
  (window as unknown as { __plug: (k: 'camera' | 'mic') => void }).__plug = (kind) => {
    plugged[kind] = true;
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
  };
  navigator.mediaDevices.getUserMedia = (c?: MediaStreamConstraints) => {
    if ((c?.video && !plugged.camera) || (c?.audio && !plugged.mic)) {
      return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    }
    return real(c);
  };
}

describe('a classroom PC without its camera and microphone', () => {
  let server: TestServer;
  let browsers: Profiles;
  let page: Page;
  let teacher: LivePeer;

  const classroomPeer = () => teacher.client.peers.find((p) => p.role === 'classroom');
  const plug = (kind: 'camera' | 'mic') =>
    page.evaluate((k) => (window as unknown as { __plug: (k: string) => void }).__plug(k), kind);

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    teacher = await livePeer(
      server.url,
      { ...room, role: 'teacher', displayName: '周老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    browsers = await launchChromiumProfiles();
    page = await browsers.newPage('about:blank', { width: 1920, height: 1080 });
    await page.addInitScript(withoutDevices);
    await page.goto(
      `${server.url}/classroom/?room=${room.roomId}&code=${room.roomCode}&name=${encodeURIComponent('下林小学 三(2)班')}`,
    );
  });

  afterAll(async () => {
    await teacher?.stop();
    await browsers?.close();
    await server?.close();
  });

  it('takes the lesson anyway and says what it cannot send', async () => {
    await waitShown(
      page.locator('.screens .tile[data-source="camera"] video').first(),
      'the teacher',
    );
    const note = page.locator('.self-note');
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('未检测到摄像头');
    expect(await note.textContent()).toContain('未检测到麦克风');
    await expect.poll(() => classroomPeer()?.sources, { timeout: 10_000 }).toEqual([]);
    await keepScreenshots(page, 'classroom-no-devices');
  });

  it('picks the camera up when it comes back, without a reload', async () => {
    await plug('camera');
    const peerId = await expect
      .poll(() => classroomPeer()?.sources.includes('camera'), { timeout: 20_000 })
      .toBe(true)
      .then(() => classroomPeer()!.peerId);
    const camera = await teacher.waitForTrack(peerId, 'camera', 20_000);
    await camera.video!.waitFor(10);
    await expect.poll(() => page.locator('.self-note').textContent()).not.toContain('摄像头');
    expect(await page.locator('.self-note').textContent()).toContain('未检测到麦克风');
  });

  it('and the microphone: the teacher hears the room', async () => {
    await plug('mic');
    await expect
      .poll(() => classroomPeer()?.sources.includes('mic'), { timeout: 20_000 })
      .toBe(true);
    const mic = await teacher.waitForTrack(classroomPeer()!.peerId, 'mic', 20_000);
    await mic.audio!.waitForSound(10);
    await expect.poll(() => page.locator('.self-note').isHidden(), { timeout: 10_000 }).toBe(true);
    await expect(page.locator('button.mic').isVisible()).resolves.toBe(true);
  });
});
