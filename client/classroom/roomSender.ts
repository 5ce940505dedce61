// The room's camera and microphone for as long as this PC is the one that sends them. A
// classroom's second PC (role `viewer`, 辅助屏) sends nothing: its devices are closed and
// the screen says so; if a later join makes it the classroom (the first PC is gone), they
// are opened again.
import type { LiveRoomClient, PublishOptions } from '../lib/LiveRoomClient';
import { sendsMedia } from '../../shared/signaling/roles';
import { h } from '../lib/dom';
import { RoomDevices, type RoomDeviceKind } from './roomDevices';

export const secondScreenText = '本机为辅助屏，仅接收 This PC is a second screen: it receives only';

export class RoomSender {
  readonly #client: LiveRoomClient;
  readonly #options: Record<RoomDeviceKind, PublishOptions>;
  readonly #onStream: (stream: MediaStream) => void;
  #devices: RoomDevices | undefined;
  #closed = false;

  constructor(
    client: LiveRoomClient,
    options: Record<RoomDeviceKind, PublishOptions>,
    onStream: (stream: MediaStream) => void,
  ) {
    this.#client = client;
    this.#options = options;
    this.#onStream = onStream;
  }

  get stream(): MediaStream | undefined {
    return this.#devices?.stream;
  }

  /** Opens the devices; published with the join, or as soon as they come (back). */
  async start(): Promise<void> {
    if (this.#devices || this.#closed) return;
    const devices = new RoomDevices((kind, track) => {
      this.#onStream(devices.stream);
      const done = track
        ? this.#client.publish(kind, track, this.#options[kind])
        : this.#client.unpublish(kind);
      void done.catch((error: unknown) => console.warn(`publish ${kind}`, error));
    });
    this.#devices = devices;
    await devices.start();
  }

  /** Closes the devices and takes back what they published. */
  async stop(): Promise<void> {
    const devices = this.#devices;
    this.#devices = undefined;
    devices?.close();
    await this.#client.unpublish('camera');
    await this.#client.unpublish('mic');
  }

  /** After each (re)join: send when the room's rules say this PC sends. */
  async follow(stage: HTMLElement): Promise<void> {
    const role = this.#client.session?.role;
    const second = role !== undefined && !sendsMedia(role);
    stage.classList.toggle('second-screen', second);
    let note = stage.querySelector<HTMLElement>('.second-screen-note');
    if (second && !note) {
      note = h('div', { class: 'second-screen-note', role: 'status', text: secondScreenText });
      stage.querySelector('.bar')?.prepend(note);
    }
    if (!second) note?.remove();
    if (second) await this.stop();
    else await this.start();
    if (this.stream) this.#onStream(this.stream);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
  }
}
