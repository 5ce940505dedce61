// The classrooms of the questions bench, in their own process (their CPU stays out of the
// server's figure): one teacher and N classroom sockets in one room, driving rounds of
// question → every classroom answers → reveal → timer start, as fast as acks come back.
import { io, type Socket } from 'socket.io-client';
import { serve } from './child';

type Ack = { ok: boolean; data?: { questionId?: string }; error?: { message: string } };

/** the shortest round (a teacher's socket may make 50 requests a second) */
const ROUND_MIN_MS = 100;
const sockets: Socket[] = [];

async function connect(url: string): Promise<Socket> {
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function ask(socket: Socket, name: string, payload: unknown): Promise<Ack> {
  const reply = (await socket.timeout(15_000).emitWithAck(name, payload)) as Ack;
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.message}`);
  return reply;
}

export const handlers = {
  async run(args: {
    url: string;
    roomId: string;
    code: string;
    classrooms: number;
    durationMs: number;
  }) {
    const teacher = await connect(args.url);
    await ask(teacher, 'join', {
      roomId: args.roomId,
      roomCode: args.code,
      role: 'teacher',
      displayName: '主讲',
    });
    let received = 0;
    const classrooms: Socket[] = [];
    for (let i = 0; i < args.classrooms; i++) {
      const s = await connect(args.url);
      await ask(s, 'join', {
        roomId: args.roomId,
        roomCode: args.code,
        role: 'classroom',
        displayName: `教室 ${i}`,
      });
      classrooms.push(s);
    }
    for (const s of [teacher, ...classrooms]) {
      for (const e of [
        'questionAsked',
        'questionClosed',
        'questionRevealed',
        'answerReceived',
        'timer',
      ]) {
        s.on(e, () => (received += 1));
      }
    }
    // Idle first: what the room costs with nobody asking (the quality sampler, pings).
    const idleMs = Math.min(3000, args.durationMs / 2);
    await new Promise((r) => setTimeout(r, idleMs));
    const askToAllMs: number[] = [];
    const answerMs: number[] = [];
    let requests = 0;
    let rounds = 0;
    const start = performance.now();
    received = 0;
    while (performance.now() - start < args.durationMs) {
      const t0 = performance.now();
      const seen = Promise.all(
        classrooms.map(
          (s) => new Promise<void>((resolve) => s.once('questionAsked', () => resolve())),
        ),
      );
      const q = await ask(teacher, 'askQuestion', {
        kind: 'single',
        prompt: `第 ${rounds + 1} 题`,
        choices: 4,
        correct: { choices: [1] },
      });
      await seen;
      askToAllMs.push(performance.now() - t0);
      const questionId = q.data!.questionId!;
      await Promise.all(
        classrooms.map(async (s, i) => {
          const a0 = performance.now();
          await ask(s, 'answerQuestion', { questionId, answer: { choices: [i % 4] } });
          answerMs.push(performance.now() - a0);
        }),
      );
      await ask(teacher, 'revealQuestion', { questionId });
      await ask(teacher, 'startTimer', { mode: 'countdown', durationSeconds: 60 });
      await Promise.all(classrooms.map((s) => ask(s, 'time', {})));
      requests += 3 + classrooms.length * 2;
      rounds += 1;
      // The teacher's socket has a budget of 50 requests a second (3 a round): a small room
      // finishes a round faster than a teacher may ask, so a round lasts at least 100 ms.
      const left = ROUND_MIN_MS - (performance.now() - t0);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    const seconds = (performance.now() - start) / 1000;
    // The last messages still in flight are counted once they land.
    await new Promise((r) => setTimeout(r, 300));
    return { rounds, requests, received, seconds, idleMs, askToAllMs, answerMs };
  },
};

export type QuestionsHandlers = typeof handlers;

serve(handlers, () => {
  for (const s of sockets) s.disconnect();
});
