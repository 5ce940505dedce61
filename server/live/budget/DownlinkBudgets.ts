// This node's classroom PCs under their schools' downlink budgets: who is live (every
// room of the node), what the coordinators set (read from the store when a classroom
// joins, and every few seconds while any is live, so a change made on any node reaches a
// lesson in progress), and each PC's share (shareBudgets, pure) given to its participant,
// whose media's layer policy keeps to it (server/media/linkSampler.ts).
import type { DownlinkBudgetKey } from '../../store/budget/DownlinkBudgetRepository';
import type { DownlinkBudget } from '../../../shared/downlinkBudget';
import type { LiveRooms } from '../LiveRooms';
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts } from '../ports';
import type { Log } from '../../log';
import { shareBudgets, type BudgetSettings } from './shareBudgets';

export interface DownlinkBudgetsOptions<P extends LivePorts> {
  rooms: LiveRooms<P>;
  budgetsOf(keys: readonly DownlinkBudgetKey[]): Promise<DownlinkBudget[]>;
  /** the school of a classroom (the timetable's record); undefined: not known */
  schoolOf(classroomId: string): Promise<string | undefined>;
  /** how often the budgets of live classrooms are read again (default 2 s) */
  refreshMs?: number;
  log?: Log;
}

interface Live<P extends LivePorts> {
  room: LiveRoom<P>;
  classroomId: string;
  schoolId: string | undefined;
}

export class DownlinkBudgets<P extends LivePorts = LivePorts> {
  readonly #o: DownlinkBudgetsOptions<P>;
  readonly #live = new Map<Participant<P>, Live<P>>();
  #settings: BudgetSettings = { schools: new Map(), classrooms: new Map() };
  readonly #timer: NodeJS.Timeout;
  readonly #off: () => void;
  #refreshing: Promise<void> | undefined;
  #closed = false;

  constructor(options: DownlinkBudgetsOptions<P>) {
    this.#o = options;
    const joined = (room: LiveRoom<P>, p: Participant<P>) => void this.#join(room, p);
    const left = (_room: LiveRoom<P>, p: Participant<P>) => {
      if (this.#live.delete(p)) this.#apply();
    };
    options.rooms.on('joined', joined);
    options.rooms.on('left', left);
    this.#off = () => {
      options.rooms.off('joined', joined);
      options.rooms.off('left', left);
    };
    this.#timer = setInterval(() => {
      if (this.#live.size > 0) void this.refresh();
    }, options.refreshMs ?? 2000);
    this.#timer.unref();
  }

  async #join(room: LiveRoom<P>, p: Participant<P>): Promise<void> {
    const classroomId = p.classroomId;
    if (!classroomId || this.#closed) return;
    const schoolId = await this.#o.schoolOf(classroomId).catch(() => undefined);
    // Left (or the room closed) while its school was looked up: nothing to share with it.
    if (room.participants.get(p.peerId) !== p || this.#closed) return;
    this.#live.set(p, { room, classroomId, schoolId });
    await this.refresh();
  }

  /** Reads the live classrooms' and schools' budgets again and gives out the shares. */
  refresh(): Promise<void> {
    // One read at a time; a refresh asked for meanwhile runs after it (it may see more).
    const run = async () => {
      const schools = new Set<string>();
      const classrooms = new Set<string>();
      for (const l of this.#live.values()) {
        classrooms.add(l.classroomId);
        if (l.schoolId) schools.add(l.schoolId);
      }
      const keys: DownlinkBudgetKey[] = [
        ...[...schools].map((id) => ({ target: 'school' as const, id })),
        ...[...classrooms].map((id) => ({ target: 'classroom' as const, id })),
      ];
      try {
        const found = await this.#o.budgetsOf(keys);
        const of = (t: DownlinkBudget['target']) =>
          new Map(found.filter((b) => b.target === t).map((b) => [b.id, b.downlinkKbps]));
        this.#settings = { schools: of('school'), classrooms: of('classroom') };
      } catch (error) {
        // The store is away: the budgets last read stay in force.
        this.#o.log?.warn({ err: (error as Error).message }, 'downlink budgets not read');
      }
      this.#apply();
    };
    const next = (this.#refreshing ?? Promise.resolve()).then(run, run);
    this.#refreshing = next;
    void next.finally(() => {
      if (this.#refreshing === next) this.#refreshing = undefined;
    });
    return next;
  }

  #apply(): void {
    if (this.#closed) return;
    // A participant whose room closed without a 'left' for it is no longer live.
    for (const [p, l] of this.#live) {
      if (l.room.closed || l.room.participants.get(p.peerId) !== p) this.#live.delete(p);
    }
    const shares = shareBudgets(
      this.#settings,
      [...this.#live].map(([p, l]) => ({
        peerId: p.peerId,
        classroomId: l.classroomId,
        schoolId: l.schoolId,
      })),
    );
    for (const p of this.#live.keys()) p.setDownlinkCap(shares.get(p.peerId));
  }

  /** The share each live classroom PC has now (kbit/s), by peer id: for tests and metrics. */
  get shares(): ReadonlyMap<string, number | undefined> {
    return new Map([...this.#live.keys()].map((p) => [p.peerId, p.downlinkCapKbps]));
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#off();
    this.#live.clear();
  }
}
