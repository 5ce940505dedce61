type Listener = (...args: never[]) => void;

/** A small typed event emitter that runs in the browser and in Node alike. */
export class TypedEmitter<Events extends Record<string, unknown[]>> {
  readonly #listeners = new Map<keyof Events, Set<Listener>>();

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    const stored = listener as unknown as Listener;
    set.add(stored);
    return () => set.delete(stored);
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as unknown as (...a: Events[E]) => void)(...args);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
