// The classroom's camera and microphone, each on its own: a missing, busy or unplugged
// device never keeps the PC out of the lesson, and one that comes back (plugged in again,
// released by another program) is picked up without a reload.

export type RoomDeviceKind = 'camera' | 'mic';

const constraints: Record<RoomDeviceKind, MediaStreamConstraints> = {
  camera: { video: { width: 1280, height: 720, frameRate: 30 } },
  // No automatic gain: it lifted the echo the canceller let through (docs/live-lesson.md, Echo).
  mic: { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: false } },
};

export interface RoomDevicesEvents {
  /** a device became available (a new track) or went away (null) */
  change(kind: RoomDeviceKind, track: MediaStreamTrack | null): void;
}

export class RoomDevices {
  readonly stream = new MediaStream();
  readonly #tracks = new Map<RoomDeviceKind, MediaStreamTrack>();
  readonly #onChange: RoomDevicesEvents['change'];
  readonly #retry: ReturnType<typeof setInterval>;
  #closed = false;
  #busy = false;

  constructor(onChange: RoomDevicesEvents['change'], retryMs = 10_000) {
    this.#onChange = onChange;
    navigator.mediaDevices.addEventListener('devicechange', this.#acquireMissing);
    // Not every way back raises devicechange (a camera another program held): ask again.
    this.#retry = setInterval(this.#acquireMissing, retryMs);
  }

  track(kind: RoomDeviceKind): MediaStreamTrack | undefined {
    return this.#tracks.get(kind);
  }

  /** What the room cannot send right now. */
  get missing(): RoomDeviceKind[] {
    return (['camera', 'mic'] as const).filter((k) => !this.#tracks.has(k));
  }

  /** Asks for every device not held yet; resolves when each has answered. */
  readonly #acquireMissing = async (): Promise<void> => {
    if (this.#closed || this.#busy) return;
    this.#busy = true;
    try {
      for (const kind of this.missing) await this.#acquire(kind);
    } finally {
      this.#busy = false;
    }
  };

  start(): Promise<void> {
    return this.#acquireMissing();
  }

  async #acquire(kind: RoomDeviceKind): Promise<void> {
    let track: MediaStreamTrack | undefined;
    try {
      const media = await navigator.mediaDevices.getUserMedia(constraints[kind]);
      [track] = kind === 'camera' ? media.getVideoTracks() : media.getAudioTracks();
    } catch (error) {
      console.warn(`${kind} unavailable`, error);
      return;
    }
    if (!track) return;
    if (this.#closed) {
      track.stop();
      return;
    }
    this.#tracks.set(kind, track);
    this.stream.addTrack(track);
    // Unplugged mid-lesson: the track ends by itself; the next devicechange brings it back.
    track.addEventListener('ended', () => {
      if (this.#tracks.get(kind) !== track) return;
      this.#tracks.delete(kind);
      this.stream.removeTrack(track);
      this.#onChange(kind, null);
    });
    this.#onChange(kind, track);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#retry);
    navigator.mediaDevices.removeEventListener('devicechange', this.#acquireMissing);
    for (const track of this.#tracks.values()) track.stop();
    this.#tracks.clear();
  }
}
