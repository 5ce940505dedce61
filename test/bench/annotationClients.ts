// The clients of the 批注 bench, in their own process (their CPU is not the server's): one
// teacher drawing without pause — a stroke of pen points every `batchMs`, a new stroke
// every `strokePoints` points, as the teacher's page batches them — and N classrooms
// counting what reaches them and how long after the teacher sent it.
import { io, type Socket } from 'socket.io-client';
import { serve } from './child';

type Ack = { ok: boolean; error?: { message: string } };

let teacher: Socket | undefined;
let classrooms: Socket[] = [];

const connect = async (url: string) => {
  const s = io(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
};

const join = async (s: Socket, roomId: string, role: 'teacher' | 'classroom', name: string) => {
  const reply = (await s.timeout(20_000).emitWithAck('join', {
    roomId,
    roomCode: 'bench',
    displayName: name,
    role,
  })) as Ack;
  if (!reply.ok) throw new Error(`${role} join refused: ${reply.error?.message}`);
};

serve(
  {
    async setup(args: { url: string; roomId: string; classrooms: number }) {
      teacher = await connect(args.url);
      await join(teacher, args.roomId, 'teacher', 'bench teacher');
      classrooms = [];
      for (let i = 0; i < args.classrooms; i++) {
        const s = await connect(args.url);
        await join(s, args.roomId, 'classroom', `bench classroom ${i}`);
        classrooms.push(s);
      }
      return { classrooms: classrooms.length };
    },

    async draw(args: {
      durationMs: number;
      batchMs: number;
      pointsPerBatch: number;
      strokePoints: number;
    }) {
      const t = teacher;
      if (!t) throw new Error('setup first');
      // The k-th message each classroom receives answers the k-th batch the teacher sent.
      const sentAt: number[] = [];
      const latencies: number[] = [];
      let delivered = 0;
      let deliveredPoints = 0;
      const counts = classrooms.map(() => 0);
      classrooms.forEach((s, i) =>
        s.on(
          'annotation',
          (m: { op: string; points?: number[]; stroke?: { points: number[] } }) => {
            const k = counts[i]!++;
            delivered++;
            deliveredPoints += (m.points ?? m.stroke?.points ?? []).length / 2;
            const at = sentAt[k];
            if (at !== undefined) latencies.push(performance.now() - at);
          },
        ),
      );
      let sent = 0;
      let sentPoints = 0;
      let refused = 0;
      let stroke = 0;
      let inStroke = 0;
      const acks: Promise<void>[] = [];
      const until = performance.now() + args.durationMs;
      let phase = 0;
      while (performance.now() < until) {
        const points: number[] = [];
        for (let i = 0; i < args.pointsPerBatch; i++) {
          phase += 0.01;
          points.push(
            Math.round((0.5 + 0.4 * Math.sin(phase)) * 1e4) / 1e4,
            Math.round((0.5 + 0.4 * Math.cos(phase * 1.3)) * 1e4) / 1e4,
          );
        }
        const done = inStroke + args.pointsPerBatch >= args.strokePoints;
        const first = inStroke === 0;
        const payload = first
          ? {
              pageId: 'p1',
              strokeId: `b${stroke}`,
              tool: 'pen',
              color: '#e53935',
              width: 0.004,
              points,
              done,
            }
          : { pageId: 'p1', strokeId: `b${stroke}`, points, done };
        inStroke = done ? 0 : inStroke + args.pointsPerBatch;
        if (done) stroke++;
        sentAt.push(performance.now());
        sent++;
        sentPoints += args.pointsPerBatch;
        acks.push(
          (
            t
              .timeout(10_000)
              .emitWithAck(first ? 'annotationStroke' : 'annotationPoints', payload) as Promise<Ack>
          ).then(
            (a) => void (a.ok || refused++),
            () => void refused++,
          ),
        );
        // A page with strokes up to its limit is cleared, as a teacher would.
        if (done && stroke % 50 === 0) {
          sentAt.push(performance.now());
          sent++;
          acks.push(
            (
              t.timeout(10_000).emitWithAck('annotationClear', { pageId: 'p1' }) as Promise<Ack>
            ).then(
              (a) => void (a.ok || refused++),
              () => void refused++,
            ),
          );
        }
        await new Promise((r) => setTimeout(r, args.batchMs));
      }
      await Promise.all(acks);
      await new Promise((r) => setTimeout(r, 500)); // the last messages in flight
      for (const s of classrooms) s.off('annotation');
      return { sent, sentPoints, refused, delivered, deliveredPoints, latencies };
    },
  },
  () => {
    teacher?.disconnect();
    for (const s of classrooms) s.disconnect();
  },
);
