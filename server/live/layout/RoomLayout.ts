// The layout a live lesson's projectors show, held by the server: the teacher sets it, her
// screen share moves it (layoutRules.ts), every participant is told, and the room emits
// `layout` so the lesson's event log (a recorder, the store-backed log) keeps it.
import type { LayoutState, ProjectorLayout } from '../../../shared/signaling/roomControls';
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts, PublishedTrack } from '../ports';
import { RoomError } from '../RoomError';
import { describeRefusal } from '../../../shared/messages';
import {
  chooseLayout,
  initialLayout,
  sameLayout,
  shareStarted,
  shareStopped,
  type LayoutMemory,
} from './layoutRules';

const isTeacherShare = <P extends LivePorts>(p: Participant<P>, track: PublishedTrack) =>
  p.role === 'teacher' && track.source === 'screen';

export class RoomLayout<P extends LivePorts = LivePorts> {
  readonly #room: LiveRoom<P>;
  #memory: LayoutMemory = initialLayout();

  constructor(room: LiveRoom<P>) {
    this.#room = room;
    room.on('producerAdded', (p, track) => {
      if (isTeacherShare(p, track)) this.#set(shareStarted(this.#memory));
    });
    room.on('producerClosed', (p, track) => {
      if (isTeacherShare(p, track) && !this.#teacherShares()) this.#set(shareStopped(this.#memory));
    });
  }

  get state(): LayoutState {
    return { layout: this.#memory.layout, cause: this.#memory.cause };
  }

  /** The teacher picks what every projector shows; nobody else may. */
  choose(by: Participant<P>, layout: ProjectorLayout): LayoutState {
    if (by.role !== 'teacher') {
      throw new RoomError('forbidden', describeRefusal('only_teacher_sets_layout'), '/layout');
    }
    if (this.#room.kind !== 'lesson') {
      throw new RoomError('forbidden', 'a research meeting has no projector layout', '/layout');
    }
    this.#set(chooseLayout(this.#memory, layout), true);
    return this.state;
  }

  /** Whether a teacher still shares a screen (the closed one is already gone from it). */
  #teacherShares(): boolean {
    return [...this.#room.participants.values()].some(
      (p) => p.role === 'teacher' && p.sources.includes('screen'),
    );
  }

  #set(next: LayoutMemory, always = false): void {
    const changed = !sameLayout(next, this.#memory);
    this.#memory = next;
    if (!changed && !always) return;
    const state = this.state;
    for (const p of this.#room.participants.values()) p.connection.send('layoutChanged', state);
    if (changed) this.#room.emit('layout', state);
  }
}
