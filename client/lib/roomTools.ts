// Quick questions and the shared timer as a screen sees them: the protocol without DOM.
// It keeps the latest question, this room's own answer, what the teacher sees arrive, the
// reveal and the timer; after every (re)join it asks the server for all of it again and
// sets the server clock, so a screen that reconnects shows what the others show.
import type {
  AnswerValue,
  AskQuestion,
  Distribution,
  QuestionView,
  Reveal,
  SeatAnswer,
  TimerMode,
  TimerState,
} from '../../shared/signaling/questions';
import type { LiveRoomClient } from './LiveRoomClient';
import { ServerClock } from './serverClock';
import { TypedEmitter } from './TypedEmitter';

export interface ToolsState {
  question: QuestionView | null;
  mine: AnswerValue | undefined;
  answers: SeatAnswer[];
  distribution: Distribution | undefined;
  reveal: Reveal | undefined;
  timer: TimerState | null;
}

/** a few round trips every 15 s: the calmest of the last minutes sets the clock */
const RESYNC_MS = 15_000;

export class RoomTools extends TypedEmitter<{ change: [ToolsState] }> {
  readonly clock: ServerClock;
  readonly #client: LiveRoomClient;
  #state: ToolsState = {
    question: null,
    mine: undefined,
    answers: [],
    distribution: undefined,
    reveal: undefined,
    timer: null,
  };
  readonly #offs: (() => void)[] = [];
  #resync: ReturnType<typeof setInterval> | undefined;

  constructor(client: LiveRoomClient) {
    super();
    this.#client = client;
    this.clock = new ServerClock(() => client.request('time', {}));
    const listen = this.#offs;
    listen.push(
      client.listen('questionAsked', (question) =>
        this.#set({
          question,
          mine: undefined,
          answers: [],
          distribution: undefined,
          reveal: undefined,
        }),
      ),
      client.listen('questionClosed', ({ questionId }) => {
        const q = this.#state.question;
        if (q?.questionId === questionId && q.state === 'open') {
          this.#set({ question: { ...q, state: 'closed' } });
        }
      }),
      client.listen('questionRevealed', (reveal) => {
        const q = this.#state.question;
        if (q?.questionId !== reveal.questionId) return;
        this.#set({
          question: { ...q, state: 'revealed' },
          reveal,
          distribution: reveal.distribution,
        });
      }),
      client.listen('answerReceived', ({ answer, distribution }) => {
        if (this.#state.question?.questionId !== answer.questionId) return;
        const others = this.#state.answers.filter((a) => a.seat !== answer.seat);
        this.#set({ answers: [...others, answer], distribution });
      }),
      client.listen('timer', ({ timer }) => this.#set({ timer })),
      client.on('state', (state) => {
        if (state === 'joined') void this.refresh();
      }),
    );
    this.#resync = setInterval(() => void this.clock.sync(3).catch(() => undefined), RESYNC_MS);
    if (client.state === 'joined') void this.refresh();
  }

  get state(): ToolsState {
    return this.#state;
  }

  /** Everything again from the server, and its clock. */
  async refresh(): Promise<void> {
    await this.clock.sync(8).catch(() => undefined);
    const snap = await this.#client.request('questionState', {});
    this.#set({
      question: snap.question,
      mine: snap.mine,
      answers: snap.answers ?? [],
      distribution: snap.distribution ?? snap.reveal?.distribution,
      reveal: snap.reveal,
      timer: snap.timer,
    });
  }

  ask(spec: AskQuestion): Promise<QuestionView> {
    return this.#client.request('askQuestion', spec);
  }

  async answer(answer: AnswerValue): Promise<SeatAnswer> {
    const q = this.#state.question;
    if (!q) throw new Error('no question');
    const got = await this.#client.request('answerQuestion', { questionId: q.questionId, answer });
    if (this.#state.question?.questionId === q.questionId) this.#set({ mine: got.answer });
    return got;
  }

  async close(): Promise<void> {
    const q = this.#state.question;
    if (q) await this.#client.request('closeQuestion', { questionId: q.questionId });
  }

  async reveal(): Promise<void> {
    const q = this.#state.question;
    if (q) await this.#client.request('revealQuestion', { questionId: q.questionId });
  }

  startTimer(mode: TimerMode, durationSeconds?: number): Promise<TimerState> {
    return this.#client.request('startTimer', {
      mode,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    });
  }

  async stopTimer(): Promise<void> {
    await this.#client.request('stopTimer', {});
  }

  dispose(): void {
    for (const off of this.#offs.splice(0)) off();
    clearInterval(this.#resync);
  }

  #set(patch: Partial<ToolsState>): void {
    this.#state = { ...this.#state, ...patch };
    this.emit('change', this.#state);
  }
}
