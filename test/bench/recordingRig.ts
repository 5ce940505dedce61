// What the recording benches share: lessons whose teacher publishes a real VP8 + Opus clip
// (camera, mic, screen) through ffmpeg `-re -c copy`, and readings of a process's CPU and
// memory and of a worker's CPU.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import type { TongkeFanout } from './tongke';

const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}`))));
  });
}

/** The teacher's camera and voice, encoded once: `seconds` of 1280×720 VP8 and Opus. */
export async function makeClip(dir: string, seconds: number): Promise<string> {
  const clip = join(dir, 'teacher.webm');
  await run([
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:v',
    'libvpx',
    '-b:v',
    '1500k',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '60',
    '-c:a',
    'libopus',
    '-b:a',
    '40k',
    '-ac',
    '2',
    clip,
  ]);
  return clip;
}

/**
 * A lesson whose teacher joins over signaling and publishes camera, mic and screen through
 * MediaPeer.produce, each from a PlainTransport an ffmpeg sends the clip to.
 */
export async function publishLesson(
  system: TongkeFanout,
  id: string,
  clip: string,
  base: number,
): Promise<ChildProcess> {
  await system.addLesson(id, []);
  const room = system.rooms.get(id)!;
  const teacher = [...room.participants.values()].find((p) => p.role === 'teacher')!;
  const media = teacher.media!;
  const outputs: string[] = [];
  const streams = [
    { source: 'camera', kind: 'video', ssrc: base + 1, pt: 96 },
    { source: 'mic', kind: 'audio', ssrc: base + 2, pt: 111 },
    { source: 'screen', kind: 'video', ssrc: base + 3, pt: 96 },
  ] as const;
  for (const s of streams) {
    // RTCP on its own port: ffmpeg sends it from another socket than its RTP, and a
    // comedia transport with rtcp-mux would lock onto whichever arrived first.
    const transport = await media.room.createPlainTransport(media.router, {
      listenInfo,
      rtcpMux: false,
      comedia: true,
      appData: { direction: 'send', peerId: teacher.peerId },
    });
    const asPeerTransport = transport as unknown as types.WebRtcTransport;
    media.transports.set(transport.id, asPeerTransport);
    const codec =
      s.kind === 'video'
        ? { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }
        : { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };
    await media.produce(asPeerTransport, {
      kind: s.kind,
      rtpParameters: { codecs: [codec], encodings: [{ ssrc: s.ssrc }], rtcp: { cname: id } },
      appData: { source: s.source, peerId: teacher.peerId },
    });
    const port = transport.tuple.localPort;
    const rtcpPort = transport.rtcpTuple?.localPort ?? port;
    outputs.push(
      '-map',
      s.kind === 'video' ? '0:v' : '0:a',
      '-c',
      'copy',
      '-ssrc',
      String(s.ssrc),
      '-payload_type',
      String(s.pt),
      '-f',
      'rtp',
      `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}`,
    );
  }
  room.broadcastPeer(teacher);
  await room.reconcileAll();
  return spawn('ffmpeg', ['-v', 'error', '-re', '-stream_loop', '-1', '-i', clip, ...outputs], {
    stdio: 'ignore',
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
export async function processCpuSec(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Proportional set size: the process's own memory plus its share of the libraries. */
export async function processPssMb(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  return kb / 1024;
}

export async function workerCpuMs(worker: types.Worker): Promise<number> {
  const u = await worker.getResourceUsage();
  return u.ru_utime + u.ru_stime;
}
