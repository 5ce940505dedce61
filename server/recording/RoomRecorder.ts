// Records one live room: keeps one segment per planned track running (starting, ending
// and restarting them as the room changes and as faults happen), writes the manifest and
// the event log. It looks at the room on each of its changes and on a short tick, so a
// room rebuilt after a worker death, or recreated after everyone left, is found again.
import { mkdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { LessonEvent, Manifest, RecordedTrack, SegmentEnd } from '../../shared/recording';
import { recorderCapabilities } from './capabilities';
import type { RecordableRoom } from './RecordableRoom';
import type { PageSnapshot } from '../../shared/signaling/annotation';
import type { TimerState } from '../../shared/signaling/questions';
import type { AnnotationLogEvent } from '../../shared/signaling/annotationLog';
import type { LessonLogEvent } from '../../shared/lessonLog';
import { EventLog } from './EventLog';
import { ManifestFile, readManifest } from './ManifestFile';
import { plannedTracks, type PlannedPeer, type PlannedTrack } from './plan';
import { probeSegment, repairSegment } from './probe';
import { RoomWatch } from './RoomWatch';
import { localRecorderHost, type RecorderHost } from './recorderHost';
import { ToolEvents } from './toolEvents';
import { TrackSegment } from './TrackSegment';

export type { RecordableRoom };

export interface RoomRecorderDeps {
  ffmpegPath: string;
  ffprobePath: string;
  /** the wall clock of media and events */
  now: () => number;
  /** the 批注 page a room shows now (server/live/annotation), to start its log from */
  annotationOf?: (room: RecordableRoom) => PageSnapshot | undefined;
  /** the shared timer a room shows now, and the room's clock it was stamped with */
  timerOf?: (room: RecordableRoom) => { timer: TimerState | null; now: number };
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** below this many free bytes on the recording disk, recording stops with a warning */
  minFreeBytes: number;
  tickMs?: number;
  /** how long a planned track must stay as it is before its segment starts */
  settleMs?: number;
  /** loopback ports of this node's recorders (when they run here) */
  portRange?: [number, number];
  /** where segments' recorders run; unset: processes of this node */
  recorders?: RecorderHost;
}

export interface RoomRecorderOptions {
  recordingId: string;
  roomId: string;
  kind: Manifest['kind'];
  communityId?: string;
  dir: string;
  findRoom: () => RecordableRoom | undefined;
}

const DISK_CHECK_MS = 10_000;
const SETTLE_MS = 400;
/** a recorder that dies sooner than this after its start counts towards backing off */
const SHORT_LIFE_MS = 10_000;
const DISK_LOW_WARNING =
  '磁盘空间不足，录制已停止（直播不受影响）/ Disk space low: recording stopped (live media unaffected)';

export class RoomRecorder {
  readonly recordingId: string;
  readonly dir: string;
  readonly #o: RoomRecorderOptions;
  readonly #deps: RoomRecorderDeps;
  readonly #host: RecorderHost;
  readonly #manifest: ManifestFile;
  readonly #events: EventLog;
  readonly #segments = new Map<string, TrackSegment>();
  readonly #starting = new Set<string>();
  /** plan keys whose start failed, and when to try again */
  readonly #retryAt = new Map<string, { at: number; failures: number }>();
  /** plan keys whose recorder died soon after starting, how many times in a row */
  readonly #deaths = new Map<string, number>();
  /** a fault ended a track's segment: the gap runs until its next segment starts */
  readonly #openGaps = new Map<RecordedTrack, { from: number; reason: SegmentEnd }>();
  readonly #ending = new Set<Promise<void>>();
  readonly #jobs = new Set<Promise<void>>();
  /** when each planned track was first seen: a track starts once it has settled */
  readonly #seenAt = new Map<string, number>();
  /** until the room is first seen: its tracks then start at once, without settling */
  #firstPlan = true;
  readonly #watch = new RoomWatch();
  readonly #tools: ToolEvents;
  #room: RecordableRoom | undefined;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  #again = false;
  #diskCheckedAt = 0;
  #stopped = false;
  #segmentCount: number;

  static async start(o: RoomRecorderOptions, deps: RoomRecorderDeps): Promise<RoomRecorder> {
    await mkdir(o.dir, { recursive: true });
    const now = deps.now();
    const previous = await readManifest(o.dir);
    const manifest: Manifest = previous
      ? { ...previous, state: 'recording' }
      : {
          recordingId: o.recordingId,
          roomId: o.roomId,
          kind: o.kind,
          ...(o.communityId ? { communityId: o.communityId } : {}),
          state: 'recording',
          startedAt: now,
          segments: [],
          gaps: [],
        };
    delete manifest.endedAt;
    delete manifest.warning;
    const recorder = new RoomRecorder(o, deps, new ManifestFile(o.dir, manifest));
    await recorder.#recover(now);
    // On disk from the first moment: a lesson nobody published in still has its record, and
    // a reader never sees a recording that is running but has no manifest yet.
    await recorder.#manifest.update(() => undefined);
    await recorder.#events.append({ at: now, type: 'recording_started' });
    recorder.#timer = setInterval(() => recorder.reconcile(), deps.tickMs ?? 500);
    recorder.#timer.unref();
    recorder.reconcile();
    return recorder;
  }

  private constructor(o: RoomRecorderOptions, deps: RoomRecorderDeps, manifest: ManifestFile) {
    this.recordingId = o.recordingId;
    this.dir = o.dir;
    this.#o = o;
    this.#deps = deps;
    this.#host = deps.recorders ?? localRecorderHost(deps);
    this.#manifest = manifest;
    this.#events = new EventLog(o.dir);
    // a log continued after a restart may hold strokes the room's new board no longer has
    this.#tools = new ToolEvents(manifest.manifest.segments.length > 0);
    this.#segmentCount = manifest.manifest.segments.length;
  }

  get manifest(): Manifest {
    return this.#manifest.manifest;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** The running segments (tests kill their processes). */
  get segments(): TrackSegment[] {
    return [...this.#segments.values()];
  }

  /**
   * A previous run of the server ended without closing its segments (it crashed, or was
   * killed): they end where their files end, and each track's gap runs to its next segment.
   */
  async #recover(now: number): Promise<void> {
    const open = this.manifest.segments.filter((s) => s.endedAt === undefined);
    for (const s of open) {
      const file = join(this.dir, s.file);
      await repairSegment(this.#deps.ffmpegPath, file);
      const probe = await probeSegment(this.#deps.ffprobePath, file);
      const endedAt = s.startedAt + Math.round((probe.duration ?? 0) * 1000);
      await this.#manifest.update(() => {
        Object.assign(s, { endedAt, end: 'recorder_died', bytes: probe.bytes, playable: probe.ok });
      });
      this.#openGaps.set(s.track, { from: Math.min(endedAt, now), reason: 'recorder_died' });
    }
  }

  /** Looks at the room now; runs again at once if a change arrives meanwhile. */
  reconcile(): void {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    void this.#reconcile()
      .catch((error: Error) =>
        this.#deps.log.warn(
          { recording: this.recordingId, err: error.message },
          'recording: reconcile failed',
        ),
      )
      .finally(() => {
        this.#busy = false;
        if (this.#again) {
          this.#again = false;
          this.reconcile();
        }
      });
  }

  #follow(room: RecordableRoom | undefined): void {
    if (room === this.#room) return;
    this.#room?.off('changed', this.#onChanged);
    this.#room?.off('logged', this.#onLogged);
    this.#room?.off('annotation', this.#onAnnotation);
    this.#room = room;
    room?.on('changed', this.#onChanged);
    room?.on('logged', this.#onLogged);
    room?.on('annotation', this.#onAnnotation);
    if (!room) return;
    const { annotationOf, timerOf, now } = this.#deps;
    this.#append(this.#tools.seedRoom(annotationOf?.(room), timerOf?.(room), now()));
  }

  readonly #onChanged = () => this.reconcile();
  // The tools' events are written as they come, stamped with the media's clock.
  readonly #onLogged = (e: LessonLogEvent) => this.#append(this.#tools.logged(e, this.#deps.now()));
  readonly #onAnnotation = (e: AnnotationLogEvent) =>
    this.#append(this.#tools.annotation(e, this.#deps.now()));

  async #reconcile(): Promise<void> {
    const room = this.#o.findRoom();
    this.#follow(room && !room.closed ? room : undefined);
    const now = this.#deps.now();
    this.#logEvents(this.#room, now);
    if (!(await this.#diskOk(now))) return;
    const peers = this.#room ? [...this.#room.participants.values()] : [];
    const planned: PlannedPeer[] = peers.map((p) => ({
      peerId: p.peerId,
      displayName: p.displayName,
      role: p.role,
      producers:
        p.media && !p.media.closed
          ? p.media
              .published()
              .filter((x) => !(x.kind === 'video' && x.paused))
              .map((x) => ({
                id: x.id,
                source: x.source,
                kind: x.kind,
                paused: x.paused,
              }))
          : [],
    }));
    const plan = plannedTracks(planned, this.#room?.stagePeerId ?? null);
    const wanted = new Set(plan.map((t) => t.key));
    for (const [key, segment] of this.#segments) {
      if (!wanted.has(key)) void segment.stop('stopped');
    }
    for (const key of this.#seenAt.keys()) if (!wanted.has(key)) this.#seenAt.delete(key);
    const settle = this.#deps.settleMs ?? SETTLE_MS;
    for (const t of plan) {
      if (this.#segments.has(t.key) || this.#starting.has(t.key)) continue;
      // A client that (re)publishes sends its camera and its mic a few ms apart: wait for
      // both, so they make one segment, not a stub and then another.
      // What the room already had when the recording began has settled long ago.
      const seen = this.#seenAt.get(t.key) ?? (this.#firstPlan ? now - settle : now);
      this.#seenAt.set(t.key, seen);
      if (now - seen < settle) {
        setTimeout(() => this.reconcile(), settle - (now - seen) + 10).unref();
        continue;
      }
      const retry = this.#retryAt.get(t.key);
      if (retry && retry.at > now) continue;
      const room = this.#room;
      if (!room) continue;
      this.#starting.add(t.key);
      const job = this.#startSegment(t, room).finally(() => {
        this.#starting.delete(t.key);
        this.#jobs.delete(job);
      });
      this.#jobs.add(job);
    }
    if (this.#room) this.#firstPlan = false;
  }

  async #startSegment(t: PlannedTrack, room: RecordableRoom): Promise<void> {
    const id = `${String(++this.#segmentCount).padStart(3, '0')}-${t.track}`;
    let segment: TrackSegment;
    try {
      segment = await TrackSegment.start(
        {
          id,
          track: t.track,
          peerId: t.peerId,
          displayName: t.displayName,
          openTap: async () =>
            room.openTap(recorderCapabilities((await room.mediaRoom()).rtpCapabilities)),
          producerIds: t.producerIds,
        },
        { dir: this.dir, host: this.#host, now: this.#deps.now, log: this.#deps.log },
      );
    } catch (error) {
      const failures = (this.#retryAt.get(t.key)?.failures ?? 0) + 1;
      // Backs off up to 10 s: a producer that went away meanwhile is simply no longer planned.
      const at = this.#deps.now() + Math.min(10_000, 250 * 2 ** failures);
      this.#retryAt.set(t.key, { at, failures });
      this.#deps.log.warn(
        { recording: this.recordingId, track: t.track, err: (error as Error).message },
        'recording: segment did not start',
      );
      return;
    }
    this.#retryAt.delete(t.key);
    if (this.#stopped) {
      await segment.stop('stopped');
      return;
    }
    this.#segments.set(t.key, segment);
    const gap = this.#openGaps.get(t.track);
    this.#openGaps.delete(t.track);
    await this.#manifest.update((m) => {
      m.segments.push({
        id,
        track: t.track,
        peerId: t.peerId,
        displayName: t.displayName,
        file: segment.file,
        streams: segment.streams,
        startedAt: segment.startedAt,
      });
      if (gap)
        m.gaps.push({ track: t.track, from: gap.from, to: segment.startedAt, reason: gap.reason });
    });
    const ending = segment.ended.then((result) => this.#segmentEnded(t, segment, result));
    this.#ending.add(ending);
    void ending.finally(() => this.#ending.delete(ending));
  }

  async #segmentEnded(
    t: PlannedTrack,
    segment: TrackSegment,
    result: { end: SegmentEnd; endedAt: number },
  ): Promise<void> {
    if (this.#segments.get(t.key) === segment) this.#segments.delete(t.key);
    if (result.end === 'recorder_died') {
      // The first death restarts at once (the gap stays short); a recorder that keeps
      // dying soon after it starts is retried less and less often, up to every 10 s.
      const short = result.endedAt - segment.startedAt < SHORT_LIFE_MS;
      const deaths = short ? (this.#deaths.get(t.key) ?? 0) + 1 : 1;
      this.#deaths.set(t.key, deaths);
      if (deaths > 1) {
        const at = this.#deps.now() + Math.min(10_000, 250 * 2 ** deaths);
        this.#retryAt.set(t.key, { at, failures: this.#retryAt.get(t.key)?.failures ?? 0 });
        setTimeout(() => this.reconcile(), at - this.#deps.now() + 10).unref();
      }
    }
    if (result.end === 'media_lost' || result.end === 'recorder_died') {
      this.#openGaps.set(t.track, { from: result.endedAt, reason: result.end });
      // Restart at once if what it recorded is still there (a recorder that died).
      this.reconcile();
    }
    const file = join(this.dir, segment.file);
    if (result.end === 'recorder_died') await repairSegment(this.#deps.ffmpegPath, file);
    const probe = await probeSegment(this.#deps.ffprobePath, file);
    await this.#manifest.update((m) => {
      const s = m.segments.find((x) => x.id === segment.spec.id);
      if (s)
        Object.assign(s, {
          endedAt: result.endedAt,
          end: result.end,
          bytes: probe.bytes,
          playable: probe.ok,
        });
    });
  }

  #logEvents(room: RecordableRoom | undefined, at: number): void {
    this.#append(this.#watch.eventsSince(room, at));
  }

  #append(events: LessonEvent[]): void {
    if (this.#stopped) return;
    for (const e of events) void this.#events.append(e);
  }

  async #diskOk(now: number): Promise<boolean> {
    if (now - this.#diskCheckedAt < DISK_CHECK_MS) return true;
    this.#diskCheckedAt = now;
    const fs = await statfs(this.dir).catch(() => undefined);
    if (!fs || fs.bavail * fs.bsize >= this.#deps.minFreeBytes) return true;
    this.#deps.log.warn(
      { recording: this.recordingId, freeBytes: fs.bavail * fs.bsize },
      'recording: disk low, stopping',
    );
    await this.stop('disk_low');
    return false;
  }

  /** Ends every segment cleanly and closes the manifest; idempotent. */
  async stop(reason: 'stopped' | 'disk_low' = 'stopped'): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#follow(undefined);
    await Promise.all([...this.#jobs]);
    await Promise.all([...this.#segments.values()].map((s) => s.stop(reason)));
    await Promise.all([...this.#ending]);
    const at = this.#deps.now();
    await this.#events.append({ at, type: 'recording_stopped' });
    await this.#manifest.update((m) => {
      m.state = reason === 'disk_low' ? 'disk_low' : 'stopped';
      m.endedAt = at;
      if (reason === 'disk_low') m.warning = DISK_LOW_WARNING;
    });
    await this.#events.flushed();
  }
}
