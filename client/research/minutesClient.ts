// The minutes protocol for the research screen and for Node tests: one Y.Doc kept in sync
// with the /research namespace. Local edits are sent one batch at a time and count as
// saved only when the server acknowledges them (it writes them durably first); unsent
// edits survive a reload through an optional storage. No DOM here.
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { LessonState } from '../../shared/lessons';
import {
  RESEARCH_NAMESPACE,
  minutesServerMessages,
  type MinutesClientEvents,
  type MinutesJoinAck,
  type MinutesSection,
  type MinutesServerEvents,
  type MinutesUpdateAck,
  type ResearchAccess,
} from '../../shared/research';
import { TypedEmitter } from '../lib/TypedEmitter';
import { listenChecked, type Listener } from '../../shared/checkedListener';
import { fromBase64, toBase64 } from './base64';

export type MinutesStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'readonly' | 'refused';

export type MinutesClientEventMap = {
  status: [MinutesStatus];
  /** after every (re)join: the sections and what this client may do */
  joined: [{ sections: MinutesSection[]; access: ResearchAccess; state: LessonState }];
  /** the server refused the join or an update; `error` is its reason code */
  refused: [{ error: string; message: string }];
};

/** Where unacknowledged updates wait across a page reload (localStorage in the browser). */
export interface PendingStorage {
  load(): string[];
  save(updates: string[]): void;
}

export interface MinutesClientOptions {
  /** the server's base URL; '' for the page's own origin */
  url: string;
  token: string;
  occurrenceId: string;
  storage?: PendingStorage;
  /** how long to wait for an ack before sending again */
  ackTimeoutMs?: number;
}

const REMOTE = 'remote';

export class MinutesClient extends TypedEmitter<MinutesClientEventMap> {
  readonly doc = new Y.Doc();
  readonly #o: MinutesClientOptions;
  readonly #socket: Socket<MinutesServerEvents, MinutesClientEvents>;
  #pending: Uint8Array[] = [];
  #inFlight: Uint8Array | undefined;
  /** bumps on every disconnect, so a late ack from before it is ignored */
  #generation = 0;
  #joined = false;
  #access: ResearchAccess = 'read';
  #status: MinutesStatus = 'connecting';
  #sections: MinutesSection[] = [];

  constructor(options: MinutesClientOptions) {
    super();
    this.#o = options;
    for (const u of options.storage?.load() ?? []) {
      const update = fromBase64(u);
      this.#pending.push(update);
      Y.applyUpdate(this.doc, update, 'storage');
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || origin === 'storage') return;
      this.#pending.push(update);
      this.#persistPending();
      this.#flush();
    });
    // Connected explicitly below: socket.io shares one connection per server between
    // namespaces, with the options of whoever opened it first; the meeting's live client
    // opens it with autoConnect off, and this socket would then wait for ever.
    this.#socket = io(`${options.url}${RESEARCH_NAMESPACE}`, {
      auth: { token: options.token },
      transports: ['websocket'],
      autoConnect: false,
    });
    this.#socket.on('connect', () => void this.#join());
    this.#socket.on('disconnect', () => {
      this.#generation++;
      this.#joined = false;
      if (this.#inFlight) this.#pending.unshift(this.#inFlight);
      this.#inFlight = undefined;
      this.#setStatus('offline');
    });
    this.#socket.on('connect_error', () => this.#setStatus('offline'));
    // What the server sends is checked first (shared/checkedListener.ts): dropped if malformed.
    const socket = this.#socket as unknown as Listener;
    listenChecked(minutesServerMessages['minutes:update'], socket, 'minutes:update', (p) => {
      if (p.occurrenceId === options.occurrenceId)
        Y.applyUpdate(this.doc, fromBase64(p.update), REMOTE);
    });
    listenChecked(
      minutesServerMessages['minutes:closed'],
      socket,
      'minutes:closed',
      ({ occurrenceId }) => {
        if (occurrenceId !== options.occurrenceId) return;
        this.#access = 'read';
        this.#setStatus('readonly');
      },
    );
    this.#socket.connect();
  }

  get status(): MinutesStatus {
    return this.#status;
  }

  get access(): ResearchAccess {
    return this.#access;
  }

  get sections(): MinutesSection[] {
    return this.#sections;
  }

  text(key: string): Y.Text {
    return this.doc.getText(key);
  }

  /** Resolves once everything edited so far is acknowledged (saved on the server). */
  whenSaved(): Promise<void> {
    if (this.#status === 'saved' && this.#pending.length === 0 && !this.#inFlight) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const off = this.on('status', (s) => {
        if (s === 'saved' && this.#pending.length === 0 && !this.#inFlight) {
          off();
          resolve();
        }
      });
    });
  }

  close(): void {
    this.#socket.close();
    this.doc.destroy();
  }

  #setStatus(status: MinutesStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.emit('status', status);
  }

  #persistPending(): void {
    const all = this.#inFlight ? [this.#inFlight, ...this.#pending] : this.#pending;
    this.#o.storage?.save(all.map(toBase64));
  }

  async #join(): Promise<void> {
    this.#setStatus('connecting');
    const hasState = this.doc.store.clients.size > 0;
    const reply: MinutesJoinAck = await this.#socket.emitWithAck('minutes:join', {
      occurrenceId: this.#o.occurrenceId,
      ...(hasState ? { stateVector: toBase64(Y.encodeStateVector(this.doc)) } : {}),
    });
    if (!reply.ok) {
      this.#setStatus('refused');
      this.emit('refused', { error: reply.error.code, message: reply.error.message });
      return;
    }
    const joined = reply.data;
    Y.applyUpdate(this.doc, fromBase64(joined.update), REMOTE);
    this.#sections = joined.sections;
    this.#access = joined.access;
    this.#joined = true;
    this.emit('joined', { sections: joined.sections, access: joined.access, state: joined.state });
    if (joined.access === 'read') this.#setStatus('readonly');
    else if (this.#pending.length > 0) this.#flush();
    else this.#setStatus('saved');
  }

  /** Sends everything pending as one merged update; the next batch waits for its ack. */
  #flush(): void {
    if (!this.#joined || this.#inFlight || this.#pending.length === 0) return;
    if (this.#access !== 'write') return;
    const batch = this.#pending.length === 1 ? this.#pending[0]! : Y.mergeUpdates(this.#pending);
    this.#pending = [];
    this.#inFlight = batch;
    const generation = this.#generation;
    this.#setStatus('saving');
    this.#socket
      .timeout(this.#o.ackTimeoutMs ?? 10_000)
      .emit(
        'minutes:update',
        { occurrenceId: this.#o.occurrenceId, update: toBase64(batch) },
        (err: Error | null, reply: MinutesUpdateAck) => {
          if (generation !== this.#generation) return; // the reconnect re-sends it
          this.#inFlight = undefined;
          if (!err && reply.ok) {
            this.#persistPending();
            if (this.#pending.length > 0) this.#flush();
            else this.#setStatus('saved');
            return;
          }
          const refused = !err && !reply.ok ? reply.error : undefined;
          if (refused?.code === 'read_only') {
            this.#access = 'read';
            this.#setStatus('readonly');
            this.emit('refused', { error: refused.code, message: refused.message });
            return;
          }
          if (refused && refused.code !== 'internal' && refused.code !== 'rate_limited') {
            // Refused for good (a bad update): keep the text locally, do not loop on it.
            this.emit('refused', { error: refused.code, message: refused.message });
            this.#setStatus('refused');
            return;
          }
          this.#pending.unshift(batch); // timeout or a server hiccup: try again
          setTimeout(() => this.#flush(), 1_000);
        },
      );
  }
}
