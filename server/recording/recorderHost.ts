// Where a segment's recorder runs: a process of this node (the default), or one on a
// recorder agent of its own machine (./remoteRecorderHost.ts), so the relaying node pays
// only its worker's copy of each packet. A segment asks for where to send its streams, taps
// them there, then starts the recorder on what the tap says the streams are.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePortPair } from './ports';
import { RecorderProcess, type RecorderExit } from './RecorderProcess';
import { containerFor, recorderSdp, type RtpDestination, type TappedStream } from './sdp';

export type { RecorderExit };

/** A running recorder: it ends when asked, or dies, and says which. */
export interface Recorder {
  readonly pid: number | undefined;
  readonly stderr: string;
  readonly exited: Promise<RecorderExit>;
  stop(timeoutMs?: number): Promise<RecorderExit>;
}

export interface RecorderStart {
  /** the recording's own folder, absolute on this node */
  dir: string;
  segmentId: string;
  destinations: RtpDestination[];
  streams: TappedStream[];
}

export interface RecorderHost {
  /** where a recorder of `count` streams will listen (one destination per stream) */
  destinations(count: number): Promise<RtpDestination[]>;
  /** the recorder, listening once this resolves, and the file it writes (in `dir`) */
  start(spec: RecorderStart): Promise<{ recorder: Recorder; file: string }>;
}

/** Recorders as processes of this node, receiving on its loopback. */
export function localRecorderHost(deps: {
  ffmpegPath: string;
  portRange?: [number, number];
  log: { warn(obj: object, msg: string): void };
}): RecorderHost {
  const [min, max] = deps.portRange ?? [20000, 29999];
  return {
    async destinations(count) {
      const out: RtpDestination[] = [];
      for (let i = 0; i < count; i++) {
        const port = await freePortPair(min, max);
        out.push({ ip: '127.0.0.1', rtpPort: port, rtcpPort: port + 1 });
      }
      return out;
    },
    async start(spec) {
      const format = containerFor(spec.streams);
      const file = `${spec.segmentId}.${format}`;
      const sdpFile = join(spec.dir, `${spec.segmentId}.sdp`);
      const sdp = recorderSdp(
        spec.streams.map((stream, i) => ({ stream, destination: spec.destinations[i]! })),
      );
      await writeFile(sdpFile, sdp);
      const recorder = new RecorderProcess({
        ffmpegPath: deps.ffmpegPath,
        sdpFile,
        outFile: join(spec.dir, file),
        format,
        ports: spec.destinations.map((d) => d.rtpPort),
        rtcpPorts: spec.destinations.map((d) => d.rtcpPort),
        log: deps.log,
      });
      try {
        await recorder.listening();
      } catch (error) {
        await recorder.stop(1000);
        throw error;
      }
      return { recorder, file };
    },
  };
}
