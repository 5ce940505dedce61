// The teacher's voice from a real encoder on a real clock: `ffmpeg -re` encodes a
// speech-like clip (voiceWav.ts) with Debian's libopus (20 ms frames, voip, 32 kbit/s mono, as a
// browser sends it) and sends it as RTP to a PlainTransport on the teacher's router, and
// the room takes it as the teacher's mic through its own `publish` (the produce handler's
// path: the rules, the broadcast, every classroom's consumer). A wrtc peer's audio comes
// from a 10 ms JS timer that stalls on a loaded machine, so its receivers conceal what was
// never sent; this does not (docs/thin-links.md, "Audio figures").
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import type { MediaPeer } from '../../server/media/MediaPeer';
import type { LiveRoom } from '../../server/live/LiveRoom';
import type { SfuPorts } from '../../server/signaling/SocketConnection';
import type { RtpParameters } from '../../shared/signaling/rtp';
import { writeSpeechWav } from './voiceWav';

export interface OpusEncoder {
  /** libopus in-band FEC (LBRR) */
  fec: boolean;
  /** the loss the encoder is told to expect, %: libopus codes no FEC at all at 0 */
  packetLossPct: number;
  /** the target bitrate, kbit/s (32: libwebrtc's default for mono Opus) */
  kbps?: number;
}

export interface FfmpegVoice {
  readonly producerId: string;
  readonly process: ChildProcess;
  stop(): void;
}

const SSRC = 0x7e0a1;
const PT = 111;

export async function ffmpegVoice(
  room: LiveRoom<SfuPorts>,
  teacherId: string,
  encoder: OpusEncoder,
): Promise<FfmpegVoice> {
  const teacher = room.participants.get(teacherId);
  const media = teacher?.media as MediaPeer | undefined;
  if (!teacher || !media) throw new Error('the teacher has no media session');
  // RTCP on its own port: ffmpeg sends it from another socket than its RTP, and a comedia
  // transport with rtcp-mux would lock onto whichever arrived first.
  const transport = await media.room.createPlainTransport(media.router, {
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: false,
    comedia: true,
    appData: { direction: 'send', peerId: teacherId },
  });
  // MediaPeer keeps WebRtcTransports; a PlainTransport answers the calls publish makes.
  media.transports.set(transport.id, transport as unknown as types.WebRtcTransport);
  const rtpParameters = {
    // What Chromium's offer says of its Opus (useinbandfec=1 also makes mediasoup report
    // the worst consumer's loss to this producer's sender).
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: PT,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1 },
        rtcpFeedback: [{ type: 'transport-cc' }],
      },
    ],
    encodings: [{ ssrc: SSRC }],
    rtcp: { cname: 'ffmpeg-teacher' },
  } as RtpParameters;
  const published = await room.publish(teacher, {
    transportId: transport.id,
    kind: 'audio',
    rtpParameters,
    source: 'mic',
  });
  const dir = await mkdtemp(join(tmpdir(), 'tongke-voice-'));
  const clip = join(dir, 'voice.wav');
  await writeSpeechWav(clip, 20);
  const port = transport.tuple.localPort;
  const rtcpPort = transport.rtcpTuple?.localPort ?? port;
  const ffmpeg = spawn(
    'ffmpeg',
    [
      ...['-v', 'error', '-re', '-stream_loop', '-1', '-i', clip, '-ac', '1'],
      ...[
        '-c:a',
        'libopus',
        '-application',
        'voip',
        '-b:a',
        `${encoder.kbps ?? 32}k`,
        '-frame_duration',
        '20',
      ],
      ...['-fec:a', encoder.fec ? '1' : '0', '-packet_loss:a', String(encoder.packetLossPct)],
      ...['-ssrc', String(SSRC), '-payload_type', String(PT), '-f', 'rtp'],
      `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}&pkt_size=1200`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return {
    producerId: published.id,
    process: ffmpeg,
    stop() {
      if (ffmpeg.exitCode === null && ffmpeg.signalCode === null) ffmpeg.kill('SIGKILL');
      transport.close();
      void rm(dir, { recursive: true, force: true });
    },
  };
}
