// The consumers a client holds, as the tracks the screens show: one place that opens and
// closes them and tells the screen, so no closed track is left on screen.
import type { types as ms } from 'mediasoup-client';
import type { NewConsumer } from '../../shared/signaling/events';
import type { RemoteTrack } from './liveRoomTypes';

export class RemoteTracks {
  readonly #entries = new Map<string, { consumer: ms.Consumer; remote: RemoteTrack }>();
  readonly #onAdded: (remote: RemoteTrack) => void;
  readonly #onClosed: (consumerId: string) => void;

  constructor(onAdded: (remote: RemoteTrack) => void, onClosed: (consumerId: string) => void) {
    this.#onAdded = onAdded;
    this.#onClosed = onClosed;
  }

  get all(): RemoteTrack[] {
    return [...this.#entries.values()].map((e) => e.remote);
  }

  /** Builds the local side of a consumer the server made (paused there until we ack). */
  async add(recv: ms.Transport, c: NewConsumer): Promise<void> {
    const consumer = await recv.consume({
      id: c.consumerId,
      producerId: c.producerId,
      kind: c.kind,
      rtpParameters: c.rtpParameters as ms.RtpParameters,
    });
    const remote: RemoteTrack = {
      consumerId: c.consumerId,
      peerId: c.peerId,
      source: c.source,
      kind: c.kind,
      track: consumer.track,
      type: c.type,
    };
    this.#entries.set(c.consumerId, { consumer, remote });
    this.#onAdded(remote);
  }

  close(consumerId: string): void {
    const entry = this.#entries.get(consumerId);
    if (!entry) return;
    this.#entries.delete(consumerId);
    entry.consumer.close();
    this.#onClosed(consumerId);
  }

  /** Keeps only the consumers the server still has (after a resume). */
  keep(alive: Iterable<string>): void {
    const keep = new Set(alive);
    for (const id of [...this.#entries.keys()]) if (!keep.has(id)) this.close(id);
  }

  closeAll(): void {
    for (const id of [...this.#entries.keys()]) this.close(id);
  }
}
