// Child process (it loads wrtc, so it ends with process.exit): a wrtc teacher publishing
// her simulcast camera and microphone through the real LiveRoomClient, and member
// classrooms that join one after another, each timed from its join request to the first
// decoded frame of the teacher's camera.
import wrtc from '@roamhq/wrtc';
import { performance } from 'node:perf_hooks';
import { LiveRoomClient } from '../../client/lib/LiveRoomClient';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { wrtcHandlerName } from '../helpers/wrtc';
import { serve } from './child';

let teacher: LivePeer | undefined;

interface Room {
  url: string;
  roomId: string;
  roomCode: string;
}

const handlers = {
  async teacher(args: Room) {
    teacher = await livePeer(
      args.url,
      {
        roomId: args.roomId,
        roomCode: args.roomCode,
        displayName: 'bench teacher',
        role: 'teacher',
      },
      { camera: { width: 1280, height: 720 }, mic: true },
    );
    return teacher.client.session?.peerId ?? '';
  },

  /** `repeats` classrooms, one at a time: join → first decoded teacher frame, in ms. */
  async joins(args: Room & { repeats: number; teacherId: string; gapMs: number }) {
    const samples: { joinAckMs: number; firstFrameMs: number }[] = [];
    const failures: string[] = [];
    for (let i = 0; i < args.repeats; i++) {
      const client = new LiveRoomClient({ url: args.url, handlerName: wrtcHandlerName });
      let sink: InstanceType<typeof wrtc.nonstandard.RTCVideoSink> | undefined;
      const t0 = performance.now();
      const firstFrame = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no teacher frame within 10 s')), 10_000);
        client.on('consumer', (remote) => {
          if (remote.peerId !== args.teacherId || remote.source !== 'camera') return;
          sink = new wrtc.nonstandard.RTCVideoSink(remote.track as never);
          sink.onframe = () => {
            clearTimeout(timer);
            resolve(performance.now());
          };
        });
      });
      try {
        await client.join({
          roomId: args.roomId,
          roomCode: args.roomCode,
          displayName: `bench classroom ${i}`,
          role: 'classroom',
        });
        const joined = performance.now();
        const frame = await firstFrame;
        samples.push({ joinAckMs: joined - t0, firstFrameMs: frame - t0 });
      } catch (error) {
        failures.push((error as Error).message);
      } finally {
        sink?.stop();
        await client.close();
      }
      await new Promise((r) => setTimeout(r, args.gapMs));
    }
    return { samples, failures };
  },
};

export type JoinHandlers = typeof handlers;

serve(handlers, async () => {
  await teacher?.stop();
});
