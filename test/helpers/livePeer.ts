// A Tongke participant in Node: the real client protocol layer (client/lib) over wrtc,
// publishing synthetic media and counting what it decodes.
import {
  LiveRoomClient,
  type JoinOptions,
  type LiveRoomClientOptions,
  type RemoteTrack,
} from '../../client/lib/LiveRoomClient';
import type { MediaSource } from '../../shared/signaling/events';
import { classroomCameraEncodings, teacherCameraEncodings } from '../../shared/signaling/events';
import {
  countAudio,
  countFrames,
  installWrtcGlobals,
  syntheticAudio,
  syntheticVideo,
  wrtcHandlerName,
  type AudioCounter,
  type FrameCounter,
  type SyntheticVideo,
} from './wrtc';
import { flashBeep } from './flashBeep';

installWrtcGlobals();

export interface Received {
  remote: RemoteTrack;
  video?: FrameCounter;
  audio?: AudioCounter;
}

export interface LivePeer {
  client: LiveRoomClient;
  /** consumers by `${peerId}:${source}`; replaced when the peer rejoins */
  received: Map<string, Received>;
  waitForTrack(peerId: string, source: MediaSource, timeoutMs?: number): Promise<Received>;
  stop(): Promise<void>;
}

export async function livePeer(
  url: string,
  join: JoinOptions,
  publish: {
    camera?: { width: number; height: number };
    /** true: a 440 Hz tone; or a source of one's own (e.g. speechLikeAudio) */
    mic?: boolean | SyntheticVideo;
    screen?: boolean;
    /** camera and mic that flash and beep together (A/V sync measurements) */
    flashBeep?: { width: number; height: number };
  } = {},
  clientOptions: Partial<LiveRoomClientOptions> = {},
): Promise<LivePeer> {
  const client = new LiveRoomClient({ url, handlerName: wrtcHandlerName, ...clientOptions });
  const received = new Map<string, Received>();
  const sources: SyntheticVideo[] = [];
  const waiters = new Set<() => void>();

  client.on('consumer', (remote) => {
    const key = `${remote.peerId}:${remote.source}`;
    const old = received.get(key);
    old?.video?.stop();
    old?.audio?.stop();
    received.set(key, {
      remote,
      ...(remote.kind === 'video'
        ? { video: countFrames(remote.track) }
        : { audio: countAudio(remote.track) }),
    });
    for (const w of waiters) w();
  });
  client.on('consumerClosed', (consumerId) => {
    for (const [key, r] of received) {
      if (r.remote.consumerId !== consumerId) continue;
      r.video?.stop();
      r.audio?.stop();
      received.delete(key);
    }
  });

  await client.join(join);
  const role = client.session?.role;
  if (publish.camera) {
    const video = syntheticVideo(publish.camera.width, publish.camera.height);
    sources.push(video);
    const encodings = role === 'teacher' ? teacherCameraEncodings : classroomCameraEncodings;
    await client.publish('camera', video.track, { encodings });
  }
  if (publish.flashBeep) {
    const { video, audio } = flashBeep(publish.flashBeep.width, publish.flashBeep.height);
    sources.push(video, audio);
    const encodings = role === 'teacher' ? teacherCameraEncodings : classroomCameraEncodings;
    await client.publish('camera', video.track, { encodings });
    await client.publish('mic', audio.track, { codecOptions: { opusFec: true } });
  }
  if (publish.screen) {
    const screen = syntheticVideo(1280, 720, 5, true);
    sources.push(screen);
    await client.publish('screen', screen.track);
  }
  if (publish.mic) {
    const audio = publish.mic === true ? syntheticAudio() : publish.mic;
    sources.push(audio);
    await client.publish('mic', audio.track, { codecOptions: { opusFec: true } });
  }

  return {
    client,
    received,
    waitForTrack(peerId, source, timeoutMs = 15_000) {
      const key = `${peerId}:${source}`;
      return new Promise((resolve, reject) => {
        const check = () => {
          const r = received.get(key);
          if (!r) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(r);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${source} track from ${peerId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      for (const r of received.values()) {
        r.video?.stop();
        r.audio?.stop();
      }
      await client.close();
      for (const s of sources) s.stop();
    },
  };
}
