// What happened in a recorded room since the recorder last looked: the difference between
// two looks (roomEvents.ts, pure) plus the chat said since. What was said before the
// recording began is not part of it.
import type { LessonEvent } from '../../shared/recording';
import type { RecordableRoom } from './RoomRecorder';
import { emptyLook, eventsBetween, type RoomLook } from './roomEvents';

export class RoomWatch {
  #look: RoomLook = emptyLook();
  #chatSeeded = false;
  readonly #seenChat = new WeakSet<object>();

  eventsSince(room: RecordableRoom | undefined, at: number): LessonEvent[] {
    const look: RoomLook = {
      stagePeerId: room?.stagePeerId ?? null,
      peers: new Map(),
      ...(room?.layout ? { layout: room.layout.state } : {}),
    };
    for (const p of room?.participants.values() ?? []) {
      const shares = (p.media && !p.media.closed ? p.media.published() : []).map((x) => x.source);
      look.peers.set(p.peerId, {
        displayName: p.displayName,
        role: p.role,
        handRaised: p.handRaised,
        shares,
      });
    }
    const events = eventsBetween(this.#look, look, at);
    this.#look = look;
    const seeding = room !== undefined && !this.#chatSeeded;
    if (room) this.#chatSeeded = true;
    for (const message of room?.chat ?? []) {
      if (this.#seenChat.has(message)) continue;
      this.#seenChat.add(message);
      if (seeding) continue;
      events.push({
        at,
        type: 'chat',
        peerId: message.fromPeerId,
        displayName: message.displayName,
        text: message.text,
      });
    }
    return events;
  }
}
