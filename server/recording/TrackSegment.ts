// One segment of one recorded track: a recording tap on the worker and the recorder it
// sends to (an ffmpeg on this node or on a recorder agent). It ends when asked, when its
// media goes away (producer closed, worker died), or when the recorder dies; `ended` says
// which.
import type { RecordedTrack, SegmentEnd } from '../../shared/recording';
import type { RecorderTap, TappedTrack } from '../live/ports';
import type { Recorder, RecorderHost } from './recorderHost';

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
  /** the recording's folder on this node */
  dir: string;
  /** where the segment's recorder runs: here, or on a recorder agent */
  host: RecorderHost;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
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
  readonly #recorder: Recorder;
  #stopping: SegmentEnd | undefined;

  static async start(spec: SegmentSpec, deps: SegmentDeps): Promise<TrackSegment> {
    const tap = await spec.openTap();
    let recorder: Recorder | undefined;
    try {
      const destinations = await deps.host.destinations(spec.producerIds.length);
      const tracks: TappedTrack[] = [];
      for (const [i, producerId] of spec.producerIds.entries()) {
        const destination = destinations[i]!;
        const track = await tap.consume(producerId, {
          ip: destination.ip,
          port: destination.rtpPort,
          rtcpPort: destination.rtcpPort,
        });
        if (!track) throw new Error(`cannot consume ${producerId}`);
        tracks.push(track);
      }
      const started = await deps.host.start({
        dir: deps.dir,
        segmentId: spec.id,
        destinations,
        streams: tracks.map((track) => ({
          kind: track.kind,
          producerId: track.producerId,
          rtpParameters: track.rtpParameters,
        })),
      });
      recorder = started.recorder;
      await startSending(tracks);
      return new TrackSegment(spec, deps, tap, tracks, recorder, started.file);
    } catch (error) {
      tap.close();
      await recorder?.stop(1000);
      throw error;
    }
  }

  private constructor(
    spec: SegmentSpec,
    deps: SegmentDeps,
    tap: RecorderTap,
    tracks: TappedTrack[],
    recorder: Recorder,
    file: string,
  ) {
    this.spec = spec;
    this.file = file;
    this.streams = tracks.map((t) => t.kind);
    this.startedAt = deps.now();
    this.#tap = tap;
    this.#recorder = recorder;
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
        void recorder.stop().then(() => resolve({ end, endedAt }));
      };
      for (const track of tracks) track.onClose(() => onTrackEnd(track));
      void recorder.exited.then((exit) => {
        for (const t of timers) clearTimeout(t);
        if (exit.asked) return;
        deps.log.warn(
          { segment: spec.id, code: exit.code, signal: exit.signal, stderr: recorder.stderr },
          'recorder died; restarting in a new segment',
        );
        this.#stopping = 'recorder_died';
        const endedAt = exit.at ?? deps.now();
        tap.close();
        resolve({ end: 'recorder_died', endedAt });
      });
    });
  }

  get pid(): number | undefined {
    return this.#recorder.pid;
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
