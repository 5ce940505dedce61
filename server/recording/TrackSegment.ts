// One segment of one recorded track: a recording tap on the worker and the ffmpeg process
// it sends to. It ends when asked, when its media goes away (producer closed, worker
// died), or when the process dies; `ended` says which.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedTrack, SegmentEnd } from '../../shared/recording';
import type { RecorderTap, TappedTrack } from '../live/ports';
import { freePortPair } from './ports';
import { RecorderProcess } from './RecorderProcess';
import { containerFor, recorderSdp, type RtpDestination } from './sdp';

export interface SegmentSpec {
  id: string;
  track: RecordedTrack;
  peerId: string;
  displayName: string;
  /** a new tap on the live room's media (one per segment: it ends with the segment) */
  openTap: () => Promise<RecorderTap>;
  producerIds: string[];
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
  readonly #tap: RecorderTap;
  readonly #process: RecorderProcess;
  #stopping: SegmentEnd | undefined;

  static async start(spec: SegmentSpec, deps: SegmentDeps): Promise<TrackSegment> {
    const [min, max] = deps.portRange ?? [20000, 29999];
    const tap = await spec.openTap();
    let process: RecorderProcess | undefined;
    try {
      const tracks: { track: TappedTrack; destination: RtpDestination }[] = [];
      for (const producerId of spec.producerIds) {
        const port = await freePortPair(min, max);
        const destination = { ip: '127.0.0.1', rtpPort: port, rtcpPort: port + 1 };
        const track = await tap.consume(producerId, {
          ip: destination.ip,
          port: destination.rtpPort,
          rtcpPort: destination.rtcpPort,
        });
        if (!track) throw new Error(`cannot consume ${producerId}`);
        tracks.push({ track, destination });
      }
      const streams = tracks.map(({ track }) => ({
        kind: track.kind,
        producerId: track.producerId,
        rtpParameters: track.rtpParameters,
      }));
      const format = containerFor(streams);
      const file = `${spec.id}.${format}`;
      const sdpFile = join(deps.dir, `${spec.id}.sdp`);
      await writeFile(
        sdpFile,
        recorderSdp(streams.map((stream, i) => ({ stream, destination: tracks[i]!.destination }))),
      );
      process = new RecorderProcess({
        ffmpegPath: deps.ffmpegPath,
        sdpFile,
        outFile: join(deps.dir, file),
        format,
        ports: tracks.map((t) => t.destination.rtpPort),
        rtcpPorts: tracks.map((t) => t.destination.rtcpPort),
        log: deps.log,
      });
      await process.listening();
      await startSending(tracks.map((t) => t.track));
      return new TrackSegment(
        spec,
        deps,
        tap,
        tracks.map((t) => t.track),
        process,
        file,
      );
    } catch (error) {
      tap.close();
      await process?.stop(1000);
      throw error;
    }
  }

  private constructor(
    spec: SegmentSpec,
    deps: SegmentDeps,
    tap: RecorderTap,
    tracks: TappedTrack[],
    process: RecorderProcess,
    file: string,
  ) {
    this.spec = spec;
    this.file = file;
    this.streams = tracks.map((t) => t.kind);
    this.startedAt = deps.now();
    this.#tap = tap;
    this.#process = process;
    const keyFrames = () => Promise.all(tracks.map((t) => t.requestKeyFrame()));
    const timers = KEYFRAME_RETRIES_MS.map((ms) => setTimeout(() => void keyFrames(), ms).unref());
    this.ended = new Promise<SegmentResult>((resolve) => {
      // The media went away: a dead worker closes the router, a producer that closed
      // (share stopped, classroom left the stage) only its consumer.
      // The first track to end ends the segment (its file holds them all).
      let ended = false;
      const onTrackEnd = (track: TappedTrack) => {
        if (ended) return;
        ended = true;
        tap.close();
        const end = this.#stopping ?? (track.mediaLost ? 'media_lost' : 'stopped');
        this.#stopping ??= end;
        const endedAt = deps.now();
        void process.stop().then(() => resolve({ end, endedAt }));
      };
      for (const track of tracks) track.onClose(() => onTrackEnd(track));
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
    return this.spec.producerIds;
  }

  /** Ends the segment cleanly (ffmpeg writes its index) for the given reason. */
  async stop(end: SegmentEnd = 'stopped'): Promise<SegmentResult> {
    this.#stopping ??= end;
    this.#tap.close();
    return this.ended;
  }
}

/** The recorder listens: send at the best layer (the worker clamps to what the producer has). */
async function startSending(tracks: TappedTrack[]): Promise<void> {
  for (const track of tracks) {
    if (track.type === 'simulcast' || track.type === 'svc') await track.setLayers(3, 3);
    await track.resume();
  }
  await Promise.all(tracks.map((t) => t.requestKeyFrame()));
}
