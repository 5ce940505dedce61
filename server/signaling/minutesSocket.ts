// The /research socket.io namespace: token auth in the handshake, one small handler per
// event, every payload (minutes:leave too) checked against its schema in shared/research.ts
// before use. It lives beside /live (attach.ts): the socket edges are in server/signaling/.
import type { Namespace, Server, Socket } from 'socket.io';
import type { Principal } from '../../shared/auth';
import {
  MinutesJoin,
  MinutesLeave,
  MinutesUpdate,
  RESEARCH_NAMESPACE,
  minutesSections,
  type MinutesClientEvents,
  type MinutesJoinReply,
  type MinutesServerEvents,
  type ResearchAccess,
} from '../../shared/research';
import { check } from '../../shared/validation';
import { refusalFor } from '../errorTable';
import { Failure } from '../errors/Failure';
import { ackShape, RequestBudget, serveCatalogue, type Catalogue } from './catalogue';
import type { Accounts } from '../auth/accounts';
import type { ResolvePrincipal } from '../auth/principals';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { LessonNames } from '../lessons/LessonNames';
import type { MinutesService } from '../research/MinutesService';
import { researchGate } from '../research/researchGate';

interface SocketData {
  principal: Principal;
  /** sessions this socket joined, with its access */
  joined: Map<string, ResearchAccess>;
  /** what it may still send in this window */
  budget: RequestBudget;
}

type MinutesSocket = Socket<MinutesClientEvents, MinutesServerEvents, object, SocketData>;

export interface MinutesSocketDeps {
  resolvePrincipal: ResolvePrincipal;
  now: () => number;
  lifecycle: LessonLifecycle;
  minutes: MinutesService;
  /** titles the classrooms' sections with their schools and names */
  names?: LessonNames;
  /** "every token of this account ended" (password changed, account disabled) */
  sessions?: Pick<Accounts, 'on'>;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const room = (occurrenceId: string) => `research:${occurrenceId}`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

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
        socket.data.budget = new RequestBudget(EVENTS_PER_SECOND * 10, 10_000, deps.now);
        next();
      })
      .catch((error: unknown) => next(error as Error));
  });

  async function join(socket: MinutesSocket, p: MinutesJoin): Promise<MinutesJoinReply> {
    const record = await deps.lifecycle.get(p.occurrenceId);
    if (!record) {
      throw new Failure('not_found', `no lesson ${p.occurrenceId}`, { field: '/occurrenceId' });
    }
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
      throw new Failure('forbidden', decision.reason);
    }
    await socket.join(room(p.occurrenceId));
    socket.data.joined.set(p.occurrenceId, decision.access);
    const sv = p.stateVector ? Buffer.from(p.stateVector, 'base64') : undefined;
    const update = await deps.minutes.state(p.occurrenceId, sv);
    return {
      update: b64(update),
      sections: minutesSections(record.occurrence, await deps.names?.ofLesson(record.occurrence)),
      access: decision.access,
      state: record.state,
      ...(record.researchClosesAt ? { closesAt: record.researchClosesAt } : {}),
    };
  }

  async function update(socket: MinutesSocket, p: MinutesUpdate): Promise<Record<string, never>> {
    if (socket.data.joined.get(p.occurrenceId) !== 'write') {
      throw new Failure('not_joined', 'join the session with write access first', {
        field: '/occurrenceId',
      });
    }
    // The session may have closed since the join: read-only from then on.
    const record = await deps.lifecycle.get(p.occurrenceId);
    if (!record || record.state !== 'research') {
      socket.data.joined.set(p.occurrenceId, 'read');
      throw new Failure('read_only', 'the research session is closed');
    }
    const keys = minutesSections(record.occurrence).map((s) => s.key);
    // An update the minutes cannot take throws InvalidUpdateError: `invalid_update` at /update.
    await deps.minutes.apply(p.occurrenceId, Buffer.from(p.update, 'base64'), socket.id, keys);
    socket.to(room(p.occurrenceId)).emit('minutes:update', p);
    return {};
  }

  // /research's catalogue (shared/research.ts), served and acked like /live's (catalogue.ts);
  // what a handler throws is answered from the one error table (server/errorTable.ts).
  const catalogue: Catalogue<MinutesSocket> = {
    requests: { 'minutes:join': MinutesJoin, 'minutes:update': MinutesUpdate },
    handlers: {
      'minutes:join': (socket, p: MinutesJoin) => join(socket, p),
      'minutes:update': (socket, p: MinutesUpdate) => update(socket, p),
    } as Catalogue<MinutesSocket>['handlers'],
    ack: ackShape,
    ackRequired: true,
    overBudget: { code: 'rate_limited', message: 'too many events' },
    invalid: (_name, field, message) => ({
      code: 'invalid_payload',
      message: `${field}: ${message}`,
      field,
    }),
    toRefusal: (error, event) => {
      const refusal = refusalFor(error);
      if (refusal.expected) {
        const { ack: code, message, field } = refusal;
        return { code, message, ...(field !== undefined ? { field } : {}) };
      }
      deps.log.error({ err: error, event }, 'research event failed');
      return { code: 'internal', message: 'not saved, please retry' };
    },
  };

  // The live namespace's "principal revoked" signal ends the account's minutes sockets too;
  // the room per account reaches them on every node (the adapter spans the cluster).
  const account = (sub: string) => `account:${sub}`;
  deps.sessions?.on('sessionsEnded', (userId) => ns.in(account(userId)).disconnectSockets(true));

  ns.on('connection', (socket) => {
    void socket.join(account(socket.data.principal.sub));
    serveCatalogue(socket, catalogue, socket.data.budget, socket);
    // The one event without an ack: checked like the others, dropped when it is not valid.
    socket.on('minutes:leave', (p: unknown) => {
      if (!socket.data.budget.take()) return;
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
