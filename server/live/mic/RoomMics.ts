// The classrooms' microphones as the server enforces them: the teacher's mute for
// everyone, the classroom's own switch, push-to-talk (micRules.ts decides). A classroom
// whose microphone is closed has its audio producer paused in the media server, so no
// packet of it reaches the teacher, the other classrooms or an observer, whatever its
// page does. Flags follow the classroom's identity: a page reload does not lift a mute.
import type { MicStates } from '../../../shared/signaling/roomControls';
import { describeRefusal } from '../../../shared/messages';
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts } from '../ports';
import { RoomError } from '../RoomError';
import {
  micState,
  openMic,
  pushToTalkChanged,
  selfMute,
  talk,
  teacherMute,
  type MicFlags,
} from './micRules';

export class RoomMics<P extends LivePorts = LivePorts> {
  readonly #room: LiveRoom<P>;
  readonly #flags = new Map<string, MicFlags>();
  #pushToTalk = false;
  #last = '';
  #queue: Promise<unknown> = Promise.resolve();

  constructor(room: LiveRoom<P>) {
    this.#room = room;
    room.on('producerAdded', (p, track) => {
      if (p.role === 'classroom' && track.source === 'mic') void this.#apply();
    });
    room.on('stageChanged', () => void this.#apply());
    room.on('joined', (p) => {
      if (p.role === 'classroom') void this.#apply();
    });
    room.on('left', (p) => {
      if (p.role !== 'classroom') return;
      // A held button is let go when the page goes; a mute stays with the classroom.
      const key = RoomMics.#key(p);
      const flags = this.#flags.get(key);
      if (flags?.talking) this.#flags.set(key, { ...flags, talking: false });
      void this.#apply();
    });
  }

  static #key(p: { identity: string | undefined; peerId: string }): string {
    return p.identity ?? p.peerId;
  }

  get pushToTalk(): boolean {
    return this.#pushToTalk;
  }

  #flagsOf(p: Participant<P>): MicFlags {
    return this.#flags.get(RoomMics.#key(p)) ?? openMic();
  }

  #ctx(p: Participant<P>) {
    return { pushToTalk: this.#pushToTalk, onStage: this.#room.stagePeerId === p.peerId };
  }

  #classrooms(): Participant<P>[] {
    return [...this.#room.participants.values()].filter((p) => p.role === 'classroom');
  }

  states(): MicStates {
    return {
      pushToTalk: this.#pushToTalk,
      classrooms: this.#classrooms().map((p) => micState(p.peerId, this.#flagsOf(p), this.#ctx(p))),
    };
  }

  stateOf(p: Participant<P>) {
    return micState(p.peerId, this.#flagsOf(p), this.#ctx(p));
  }

  #teacherOnly(by: Participant<P>): void {
    if (by.role !== 'teacher')
      throw new RoomError('forbidden', describeRefusal('only_teacher_mutes'));
  }

  /** The teacher mutes a classroom for everyone, or lets it speak again. */
  async teacherMute(by: Participant<P>, peerId: string, muted: boolean) {
    this.#teacherOnly(by);
    const target = this.#room.participants.get(peerId);
    if (!target || target.role !== 'classroom') {
      throw new RoomError('not_found', describeRefusal('no_such_classroom'), '/peerId');
    }
    this.#flags.set(RoomMics.#key(target), teacherMute(this.#flagsOf(target), muted));
    await this.#apply();
    return this.stateOf(target);
  }

  async setPushToTalk(by: Participant<P>, on: boolean): Promise<boolean> {
    this.#teacherOnly(by);
    this.#pushToTalk = on;
    for (const [key, flags] of this.#flags) this.#flags.set(key, pushToTalkChanged(flags, on));
    await this.#apply();
    return on;
  }

  /** The classroom's 辅导教师: mute, or unmute unless the teacher muted it. */
  async selfMute(by: Participant<P>, muted: boolean) {
    const next = this.#own(by, (flags) => selfMute(flags, muted));
    this.#flags.set(RoomMics.#key(by), next);
    await this.#apply();
    return this.stateOf(by);
  }

  /** The push-to-talk button, held (true) or let go (false). */
  async talk(by: Participant<P>, talking: boolean) {
    const next = this.#own(by, (flags) => talk(flags, talking, this.#ctx(by)));
    this.#flags.set(RoomMics.#key(by), next);
    await this.#apply();
    return this.stateOf(by);
  }

  #own(by: Participant<P>, rule: (flags: MicFlags) => MicFlags | string): MicFlags {
    if (by.role !== 'classroom') {
      throw new RoomError('forbidden', describeRefusal('only_classroom_mic'));
    }
    const next = rule(this.#flagsOf(by));
    if (typeof next === 'string') throw new RoomError('forbidden', describeRefusal(next));
    return next;
  }

  /**
   * Pauses every closed classroom microphone and resumes every open one, in the media
   * server; then tells everyone what changed. Runs one at a time, in order.
   */
  #apply(): Promise<void> {
    const run = async () => {
      for (const p of this.#classrooms()) {
        const open = this.stateOf(p).open;
        for (const track of p.media?.published() ?? []) {
          if (track.source !== 'mic' || track.paused === !open) continue;
          await track.setPaused(!open).catch(() => undefined); // closed meanwhile
        }
      }
      const states = this.states();
      const key = JSON.stringify(states);
      if (key === this.#last) return;
      this.#last = key;
      for (const p of this.#room.participants.values()) p.connection.send('micStates', states);
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
