// What the recording tests share: the teacher (camera + mic) and one member classroom in a
// scheduled lesson, the classroom seeing her; and, once the lesson has ended, its final
// manifest as the lesson record shows it, with each segment's file checked by ffprobe.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Manifest, RecordedTrack } from '../../../../shared/recording';
import { ffprobe } from '../../../helpers/ffprobe';
import { livePeer, type LivePeer } from '../../../helpers/livePeer';
import type { LessonServer } from '../../lessons/support/lessonServer';

/** 王老师 and 高楼镇中心小学 三(1)班 in the lesson, the classroom receiving her camera. */
export async function teacherAndClassroom(s: LessonServer, roomId: string): Promise<LivePeer[]> {
  const teacher = await livePeer(
    s.url,
    { roomId, token: s.tokens.wang, displayName: '王老师' },
    { camera: { width: 640, height: 360 }, mic: true },
  );
  const classroom = await livePeer(s.url, {
    roomId,
    token: await s.deviceToken('room-gaolou-1'),
    displayName: '高楼镇中心小学 三(1)班',
  });
  await (await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')).video!.waitFor(5);
  return [teacher, classroom];
}

/** The ended lesson's manifest from `GET /api/recordings/:id`, once it says stopped. */
export async function stoppedManifest(s: LessonServer, recordingId: string): Promise<Manifest> {
  await expect.poll(() => s.tongke.recording.recordings.isRecording(recordingId)).toBe(false);
  let final: Manifest | undefined;
  await expect
    .poll(
      async () => {
        const res = await s.api(`/api/recordings/${encodeURIComponent(recordingId)}`, {
          token: s.tokens.wang,
        });
        final = ((await res.json()) as { manifest: Manifest }).manifest;
        return final.state;
      },
      { timeout: 15_000 },
    )
    .toBe('stopped');
  return final!;
}

/**
 * Each of the track's segments plays: VP8 + Opus, as long as the manifest says (a killed
 * recorder loses at most its last 1 s cluster).
 */
export async function expectSegmentsPlay(
  s: LessonServer,
  manifest: Manifest,
  track: RecordedTrack,
): Promise<void> {
  const dir = s.tongke.recording.recordings.dirOf(manifest.recordingId);
  for (const segment of manifest.segments.filter((x) => x.track === track)) {
    const probed = await ffprobe(join(dir, segment.file));
    console.log(segment.id, segment.end, JSON.stringify(probed));
    expect(segment.playable).toBe(true);
    expect(probed.video).toMatchObject({ codec_name: 'vp8' });
    expect(probed.audio).toMatchObject({ codec_name: 'opus' });
    const expected = (segment.endedAt! - segment.startedAt) / 1000;
    expect(Math.abs(probed.durationS - expected)).toBeLessThan(1.5);
  }
}
