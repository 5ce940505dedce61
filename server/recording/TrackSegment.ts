// One segment of one recorded track: a recording tap on the worker and the ffmpeg process
// it sends to. It ends when asked, when its media goes away (producer closed, worker
// died), or when the process dies; `ended` says which.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import type { RecordedTrack, SegmentEnd } from '../../shared/recording';
import type { MediaRoom } from '../media/MediaRoom';
import { RecordingTap, type RtpDestination } from '../media/RecordingTap';
import { freePortPair } from './ports';
import { RecorderProcess } from './RecorderProcess';
import { containerFor, recorderSdp } from './sdp';

export interface SegmentSpec {
  id: string;
  track: RecordedTrack;
  peerId: string;
  displayName: string;
  room: MediaRoom;
  router: types.Router;
  producers: types.Producer[];
}

export interface SegmentDeps {
  dir: string;
  ffmpegPath: string;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
  portRange?: [number, number];
}

export interface SegmentResult {
  end: SegmentEnd;
  endedAt: number;
}

/** Keyframe requests after the start: the first may reach the encoder before ffmpeg reads. */
const KEYFRAME_RETRIES_MS = [400, 1200, 2500];

export class TrackSegment {
  readonly spec: SegmentSpec;
  readonly file: string;
  readonly streams: ('video' | 'audio')[];
  readonly startedAt: number;
  readonly ended: Promise<SegmentResult>;
  readonly #tap: RecordingTap;
  readonly #process: RecorderProcess;
  #stopping: SegmentEnd | undefined;

  static async start(spec: SegmentSpec, deps: SegmentDeps): Promise<TrackSegment> {
    const [min, max] = deps.portRange ?? [20000, 29999];
    const sources: { producerId: string; destination: RtpDestination }[] = [];
    for (const producer of spec.producers) {
      const port = await freePortPair(min, max);
      sources.push({
        producerId: producer.id,
        destination: { ip: '127.0.0.1', rtpPort: port, rtcpPort: port + 1 },
      });
    }
    const tap = await RecordingTap.open(spec.room, spec.router, sources);
    const format = containerFor(tap.streams);
    const file = `${spec.id}.${format}`;
    const sdpFile = join(deps.dir, `${spec.id}.sdp`);
    let process: RecorderProcess | undefined;
    try {
      await writeFile(
        sdpFile,
        recorderSdp(
          tap.streams.map((stream, i) => ({ stream, destination: sources[i]!.destination })),
        ),
      );
      process = new RecorderProcess({
        ffmpegPath: deps.ffmpegPath,
        sdpFile,
        outFile: join(deps.dir, file),
        format,
        ports: sources.map((s) => s.destination.rtpPort),
        rtcpPorts: sources.map((s) => s.destination.rtcpPort),
        log: deps.log,
      });
      await process.listening();
      await tap.start();
    } catch (error) {
      tap.close();
      await process?.stop(1000);
      throw error;
    }
    return new TrackSegment(spec, deps, tap, process, file);
  }

  private constructor(
    spec: SegmentSpec,
    deps: SegmentDeps,
    tap: RecordingTap,
    process: RecorderProcess,
    file: string,
  ) {
    this.spec = spec;
    this.file = file;
    this.streams = tap.streams.map((s) => s.kind);
    this.startedAt = deps.now();
    this.#tap = tap;
    this.#process = process;
    const timers = KEYFRAME_RETRIES_MS.map((ms) =>
      setTimeout(() => void tap.requestKeyFrame(), ms).unref(),
    );
    this.ended = new Promise<SegmentResult>((resolve) => {
      // The media went away: a dead worker closes the router, a producer that closed
      // (share stopped, classroom left the stage) only its consumer.
      tap.onClose(() => {
        const end = this.#stopping ?? (spec.router.closed ? 'media_lost' : 'stopped');
        this.#stopping ??= end;
        const endedAt = deps.now();
        void process.stop().then(() => resolve({ end, endedAt }));
      });
      void process.exited.then((exit) => {
        for (const t of timers) clearTimeout(t);
        if (exit.asked) return;
        deps.log.warn(
          { segment: spec.id, code: exit.code, signal: exit.signal, stderr: process.stderr },
          'recorder process died; restarting in a new segment',
        );
        this.#stopping = 'recorder_died';
        const endedAt = deps.now();
        tap.close();
        resolve({ end: 'recorder_died', endedAt });
      });
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get producerIds(): string[] {
    return this.spec.producers.map((p) => p.id);
  }

  /** Ends the segment cleanly (ffmpeg writes its index) for the given reason. */
  async stop(end: SegmentEnd = 'stopped'): Promise<SegmentResult> {
    this.#stopping ??= end;
    this.#tap.close();
    return this.ended;
  }
}
