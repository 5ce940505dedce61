// The recording as a timeline, without DOM: which segment of each track plays at a moment
// (and from where in its file), which layout the projectors showed, and the chapters.
// Times are seconds since the recording started.
import type { LessonEvent, Manifest, RecordedTrack, Segment } from '../../shared/recording';
import type { ProjectorLayout } from '../../shared/signaling/roomControls';

export interface Placed {
  segment: Segment;
  /** where in the segment's file the moment is, seconds */
  offsetS: number;
}

export interface Chapter {
  atS: number;
  label: string;
  kind: 'stage' | 'courseware' | 'question';
}

export type Layout = 'courseware' | 'teacher';

/** A stretch the recording lost to a fault, to mark on the seek bar. */
export interface GapMark {
  fromS: number;
  toS: number;
  label: string;
}

export class Timeline {
  readonly durationS: number;
  readonly chapters: Chapter[];
  readonly gaps: GapMark[];
  readonly #t0: number;
  readonly #segments: Segment[];
  readonly #bad = new Set<string>();
  /** the layouts the teacher chose for the projectors, in order (recorded lesson events) */
  readonly #layouts: { atMs: number; layout: ProjectorLayout }[];

  constructor(manifest: Manifest, events: LessonEvent[], nowMs = Date.now()) {
    this.#t0 = manifest.startedAt;
    const end =
      manifest.endedAt ??
      Math.max(nowMs, ...manifest.segments.map((s) => s.endedAt ?? s.startedAt));
    this.durationS = Math.max(0, (end - this.#t0) / 1000);
    // A file the server could not read back is left out; so is one the browser refuses.
    this.#segments = manifest.segments.filter((s) => s.playable !== false);
    this.chapters = chaptersOf(events, this.#t0, this.durationS);
    this.#layouts = events
      .filter((e) => e.type === 'layout')
      .map((e) => ({ atMs: e.at, layout: e.layout }))
      .sort((a, b) => a.atMs - b.atMs);
    this.gaps = manifest.gaps.map((g) => ({
      fromS: Math.max(0, (g.from - this.#t0) / 1000),
      toS: Math.min(this.durationS, (g.to - this.#t0) / 1000),
      label: `${GAP_REASON[g.reason]}: ${LABEL[g.track]}`,
    }));
  }

  /** A segment the browser could not play: from now on, as if it were not there. */
  markBad(segmentId: string): void {
    this.#bad.add(segmentId);
  }

  at(track: RecordedTrack, tS: number): Placed | undefined {
    const ms = this.#t0 + tS * 1000;
    // The latest segment that covers the moment: after a fault two may overlap briefly.
    let found: Segment | undefined;
    for (const s of this.#segments) {
      if (s.track !== track || this.#bad.has(s.id)) continue;
      const until = s.endedAt ?? Number.POSITIVE_INFINITY;
      if (ms >= s.startedAt && ms < until && (!found || s.startedAt > found.startedAt)) found = s;
    }
    return found ? { segment: found, offsetS: (ms - found.startedAt) / 1000 } : undefined;
  }

  /**
   * What is large: as the projectors showed it when the lesson recorded its layouts (the
   * courseware large only in a layout that showed it), else the courseware whenever there
   * is one.
   */
  layoutAt(tS: number): Layout {
    const courseware = !!(this.at('screen', tS) || this.at('blackboard', tS));
    const ms = this.#t0 + tS * 1000;
    let recorded: ProjectorLayout | undefined = this.#layouts.length ? 'teacher' : undefined;
    for (const l of this.#layouts) if (l.atMs <= ms) recorded = l.layout;
    if (recorded === undefined) return courseware ? 'courseware' : 'teacher';
    const showsCourseware = recorded === 'courseware' || recorded === 'side_by_side';
    return courseware && showsCourseware ? 'courseware' : 'teacher';
  }
}

const GAP_REASON: Record<string, string> = {
  media_lost: '媒体服务重启 Media server restarted',
  recorder_died: '录制进程重启 Recorder restarted',
  disk_low: '磁盘空间不足 Disk low',
  stopped: '停止 Stopped',
};
const LABEL: Record<RecordedTrack, string> = {
  teacher: '主讲教师',
  screen: '课件',
  blackboard: '板书',
  stage: '上台教室',
};

/** Chapter marks: when a classroom went on stage, courseware was shown, a question asked. */
export function chaptersOf(events: LessonEvent[], t0: number, durationS: number): Chapter[] {
  const out: Chapter[] = [];
  for (const e of events) {
    const atS = Math.max(0, (e.at - t0) / 1000);
    if (atS > durationS) continue;
    if (e.type === 'stage' && e.peerId) {
      out.push({ atS, kind: 'stage', label: `上台 On stage: ${e.displayName ?? ''}`.trim() });
    } else if (e.type === 'share_started') {
      const label = e.source === 'screen' ? '课件 Courseware' : '板书 Blackboard';
      out.push({ atS, kind: 'courseware', label });
    } else if (e.type === 'question_asked') {
      const label = `提问：${e.prompt || `第 ${e.number} 题`} Question ${e.number}`;
      out.push({ atS, kind: 'question', label });
    }
  }
  return out;
}

export function clock(s: number): string {
  const m = Math.floor(s / 60);
  const sec = Math.floor(s % 60);
  return `${m}:${String(sec).padStart(2, '0')}`;
}
