// The /research socket.io namespace: token auth in the handshake, one small handler per
// event, every payload (minutes:leave too) checked against its schema in shared/research.ts
// before use. It lives beside /live (attach.ts): the socket edges are in server/signaling/.
import type { Namespace, Server, Socket } from 'socket.io';
import type { TSchema } from '@sinclair/typebox';
import type { Principal } from '../../shared/auth';
import {
  MinutesJoin,
  MinutesLeave,
  MinutesUpdate,
  RESEARCH_NAMESPACE,
  minutesSections,
  type AckError,
  type MinutesClientEvents,
  type MinutesJoinAck,
  type MinutesServerEvents,
  type MinutesUpdateAck,
  type ResearchAccess,
} from '../../shared/research';
import { check } from '../../shared/validation';
import type { ResolvePrincipal } from '../auth/principals';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { LessonNames } from '../lessons/LessonNames';
import { InvalidUpdateError, type MinutesService } from '../research/MinutesService';
import { researchGate } from '../research/researchGate';

interface SocketData {
  principal: Principal;
  /** sessions this socket joined, with its access */
  joined: Map<string, ResearchAccess>;
  /** event budget: start of the current window and events in it */
  window: { start: number; count: number };
}

type MinutesSocket = Socket<MinutesClientEvents, MinutesServerEvents, object, SocketData>;

export interface MinutesSocketDeps {
  resolvePrincipal: ResolvePrincipal;
  now: () => number;
  lifecycle: LessonLifecycle;
  minutes: MinutesService;
  /** titles the classrooms' sections with their schools and names */
  names?: LessonNames;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const room = (occurrenceId: string) => `research:${occurrenceId}`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fail = (error: string, message: string, field?: string): AckError => ({
  ok: false,
  error,
  message,
  ...(field ? { field } : {}),
});

/** A socket may send at most this many events per second, averaged over 10 s. */
const EVENTS_PER_SECOND = 30;

export function attachMinutesNamespace(io: Server, deps: MinutesSocketDeps): Namespace {
  const ns = io.of(RESEARCH_NAMESPACE) as Namespace<
    MinutesClientEvents,
    MinutesServerEvents,
    object,
    SocketData
  >;

  ns.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    void (typeof token === 'string' ? deps.resolvePrincipal(token) : Promise.resolve(undefined))
      .then((principal) => {
        if (!principal) return next(new Error('unauthorized'));
        socket.data.principal = principal;
        socket.data.joined = new Map();
        socket.data.window = { start: deps.now(), count: 0 };
        next();
      })
      .catch((error: unknown) => next(error as Error));
  });

  async function join(socket: MinutesSocket, p: MinutesJoin): Promise<MinutesJoinAck> {
    const record = await deps.lifecycle.get(p.occurrenceId);
    if (!record) return fail('not_found', `no lesson ${p.occurrenceId}`, '/occurrenceId');
    const principal = socket.data.principal;
    const decision = researchGate(principal, record.occurrence, record.state);
    if (!decision.ok) {
      deps.log.warn(
        {
          sub: principal.sub,
          role: principal.role,
          occurrenceId: p.occurrenceId,
          reason: decision.reason,
        },
        'research room refused',
      );
      return fail('forbidden', decision.reason);
    }
    await socket.join(room(p.occurrenceId));
    socket.data.joined.set(p.occurrenceId, decision.access);
    const sv = p.stateVector ? Buffer.from(p.stateVector, 'base64') : undefined;
    const update = await deps.minutes.state(p.occurrenceId, sv);
    return {
      ok: true,
      update: b64(update),
      sections: minutesSections(record.occurrence, await deps.names?.ofLesson(record.occurrence)),
      access: decision.access,
      state: record.state,
      ...(record.researchClosesAt ? { closesAt: record.researchClosesAt } : {}),
    };
  }

  async function update(socket: MinutesSocket, p: MinutesUpdate): Promise<MinutesUpdateAck> {
    if (socket.data.joined.get(p.occurrenceId) !== 'write') {
      return fail('not_joined', 'join the session with write access first', '/occurrenceId');
    }
    // The session may have closed since the join: read-only from then on.
    const record = await deps.lifecycle.get(p.occurrenceId);
    if (!record || record.state !== 'research') {
      socket.data.joined.set(p.occurrenceId, 'read');
      return fail('read_only', 'the research session is closed');
    }
    const keys = minutesSections(record.occurrence).map((s) => s.key);
    try {
      await deps.minutes.apply(p.occurrenceId, Buffer.from(p.update, 'base64'), socket.id, keys);
    } catch (error) {
      if (error instanceof InvalidUpdateError)
        return fail('invalid_update', error.message, '/update');
      throw error;
    }
    socket.to(room(p.occurrenceId)).emit('minutes:update', p);
    return { ok: true };
  }

  function on<S extends TSchema, A>(
    socket: MinutesSocket,
    event: 'minutes:join' | 'minutes:update',
    schema: S,
    handler: (socket: MinutesSocket, payload: never) => Promise<A>,
  ) {
    socket.on(event, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return; // every request here is acknowledged
      const reply = ack as (r: A | AckError) => void;
      if (!withinBudget(socket)) return reply(fail('rate_limited', 'too many events'));
      const checked = check(schema, payload);
      if (!checked.ok) {
        const first = checked.errors[0]!;
        return reply(fail('invalid_payload', `${first.field}: ${first.message}`, first.field));
      }
      try {
        reply(await handler(socket, checked.value as never));
      } catch (error) {
        deps.log.error({ err: error, event }, 'research event failed');
        reply(fail('internal', 'not saved, please retry'));
      }
    });
  }

  function withinBudget(socket: MinutesSocket): boolean {
    const now = deps.now();
    const w = socket.data.window;
    if (now - w.start >= 10_000) {
      w.start = now;
      w.count = 0;
    }
    return ++w.count <= EVENTS_PER_SECOND * 10;
  }

  ns.on('connection', (socket) => {
    on(socket, 'minutes:join', MinutesJoin, join);
    on(socket, 'minutes:update', MinutesUpdate, update);
    // The one event without an ack: checked like the others, dropped when it is not valid.
    socket.on('minutes:leave', (p: unknown) => {
      if (!withinBudget(socket)) return;
      const checked = check(MinutesLeave, p);
      if (!checked.ok) return;
      socket.data.joined.delete(checked.value.occurrenceId);
      void socket.leave(room(checked.value.occurrenceId));
    });
  });

  deps.lifecycle.on('transition', (t) => {
    // A remote transition's broadcast and compaction were done by the node that made it.
    if (t.remote || t.to !== 'archived' || t.from !== 'research') return;
    ns.to(room(t.occurrenceId)).emit('minutes:closed', { occurrenceId: t.occurrenceId });
    deps.minutes.unload(t.occurrenceId).catch((err: unknown) => {
      deps.log.error({ err, occurrenceId: t.occurrenceId }, 'minutes compaction failed');
    });
  });

  return ns;
}
