// One classroom behind a ThinLink and a teacher on the server's side of it: the world the
// thin-link test (test/integration/live/thinLink.test.ts) and `npm run bench:network` run.
import { teacherCameraEncodings } from '../../shared/signaling/events';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { cameraLikeVideo } from '../helpers/cameraLike';
import { thinLink, type LinkProfile, type ThinLink } from '../helpers/thinLink';
import { startChild, type Child } from './child';
import type { ThinClassroomHandlers } from '../helpers/thinClassroom';
import type { SyntheticVideo } from '../helpers/wrtc';

export interface NetworkWorld {
  server: TestServer;
  link: ThinLink;
  teacher: LivePeer;
  classroom: Child<ThinClassroomHandlers>;
  classroomId: string;
  close(): Promise<void>;
}

/** Builds it; on any failure what was made is taken down again. */
export async function networkWorld(options: {
  policy: 'on' | 'off';
  profile?: LinkProfile;
  roomId?: string;
  /** false: the teacher publishes no wrtc mic (test/bench/audio.ts adds ffmpeg's) */
  teacherMic?: boolean;
  /** false: the classroom publishes no mic (so the only voice received is the teacher's) */
  classroomMic?: boolean;
}): Promise<NetworkWorld> {
  const link = thinLink();
  let server: TestServer | undefined;
  let teacher: LivePeer | undefined;
  let camera: SyntheticVideo | undefined;
  let classroom: Child<ThinClassroomHandlers> | undefined;
  const close = async () => {
    await classroom?.stop().catch(() => undefined);
    await teacher?.stop().catch(() => undefined);
    camera?.stop();
    await server?.close().catch(() => undefined);
    link.close();
  };
  try {
    if (options.profile) link.shape(options.profile);
    server = await startTongke({
      host: link.hostIp,
      announcedAddress: link.hostIp,
      numWorkers: 1,
      linkPolicy: options.policy,
    });
    const roomId = options.roomId ?? `thin-${link.ns}`;
    const join = { roomId, roomCode: 'thinlink1' };
    teacher = await livePeer(
      server.url,
      { ...join, displayName: '何老师', role: 'teacher' },
      { mic: options.teacherMic ?? true },
    );
    camera = cameraLikeVideo(640, 360);
    await teacher.client.publish('camera', camera.track, { encodings: teacherCameraEncodings });
    classroom = startChild<ThinClassroomHandlers>(
      new URL('../helpers/thinClassroom.ts', import.meta.url).pathname,
      {},
      link.ns,
    );
    const classroomId = await classroom.call('join', {
      url: server.url,
      ...join,
      teacherId: teacher.client.session!.peerId,
      mic: options.classroomMic ?? true,
    });
    return { server, link, teacher, classroom, classroomId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
