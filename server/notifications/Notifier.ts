// Turns changes into notices: the timetable's events and lessons that went live without a
// member classroom, through the pure rules (concerned.ts), stored per audience and handed
// to the webhook queue. Never throws into the write that caused the change: a failure is
// logged, the change itself stands.
import type { Notice } from '../../shared/notifications';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { AttendanceRecorder } from '../lessons/AttendanceRecorder';
import type { NotificationRepository } from '../store/notifications/NotificationRepository';
import type { TimetableService } from '../timetable/TimetableService';
import type { TimetableEvent } from '../timetable/timetableEvents';
import { newId } from '../timetable/TimetableDirectory';
import { concernedBy, missingAtStart, type Names, type NoticeDraft } from './concerned';
import type { WebhookQueue } from './WebhookQueue';

export interface NotifierDeps {
  repo: NotificationRepository;
  queue: WebhookQueue;
  service: TimetableService;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
}

export class Notifier {
  readonly #d: NotifierDeps;
  /** the notices being written, so a test or a shutdown can wait for them */
  #pending = new Set<Promise<unknown>>();

  constructor(deps: NotifierDeps) {
    this.#d = deps;
  }

  async names(): Promise<Names> {
    const ctx = await this.#d.service.context();
    return {
      zone: this.#d.service.zone,
      teacher: (id) => ctx.teachers.get(id)?.name ?? id,
      school: (id) => ctx.schools.get(id)?.name ?? id,
      classroom: (id) => {
        const room = ctx.classrooms.get(id);
        return room ? `${ctx.schools.get(room.schoolId)?.name ?? ''} ${room.name}`.trim() : id;
      },
    };
  }

  /** Stores the drafts as notices (one id each) and queues their webhook deliveries. */
  async record(drafts: readonly NoticeDraft[]): Promise<Notice[]> {
    if (drafts.length === 0) return [];
    const at = this.#d.now();
    const notices = drafts.map((d) => ({ ...d, id: newId('ntc'), at }));
    await this.#d.repo.addNotices(notices);
    await this.#d.queue.enqueue(notices);
    return notices;
  }

  #track(what: string, work: Promise<unknown>): void {
    const p = work.catch((error: Error) =>
      this.#d.log.warn({ err: error.message }, `notices of ${what} not recorded`),
    );
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  /** Listens to the timetable's writes; returns the unsubscribe. */
  followTimetable(): () => void {
    const on = (e: TimetableEvent) =>
      this.#track(
        e.kind,
        this.names().then((names) => this.record(concernedBy(e, names, this.#d.now()))),
      );
    this.#d.service.events.on('change', on);
    return () => this.#d.service.events.off('change', on);
  }

  /**
   * A lesson that went live is looked at again `graceMs` later (PCs join in the first
   * moments): each member classroom not there by then is told to the coordinator and the
   * teacher, once.
   */
  followLessons(
    lifecycle: LessonLifecycle,
    attendance: AttendanceRecorder,
    graceMs: number,
  ): () => void {
    const timers = new Set<NodeJS.Timeout>();
    const check = async (occurrenceId: string) => {
      const record = await lifecycle.get(occurrenceId);
      if (!record || record.state !== 'live') return;
      const { absent } = await attendance.report(record);
      const drafts = missingAtStart(record.occurrence, absent, await this.names(), this.#d.now());
      await this.record(drafts);
    };
    const on = (e: { to: string; occurrenceId: string; remote?: true }) => {
      if (e.to !== 'live' || e.remote) return; // the node that made it tells
      const timer = setTimeout(() => {
        timers.delete(timer);
        this.#track('a lesson start', check(e.occurrenceId));
      }, graceMs);
      timer.unref();
      timers.add(timer);
    };
    lifecycle.on('transition', on);
    return () => {
      lifecycle.off('transition', on);
      for (const t of timers) clearTimeout(t);
    };
  }

  /** Resolves once the notices under way are written. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all(this.#pending);
  }
}
