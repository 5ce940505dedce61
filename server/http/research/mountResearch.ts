// The research part (同步教学研讨): the minutes, their routes and their socket namespace
// (/research), and the invitation links for the member classrooms' teachers.
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { LessonRecord } from '../../../shared/lessons';
import type { Invitation } from '../../../shared/research';
import type { AuthServices } from '../auth/mountAuth';
import { researchInvitations } from '../../research/invitations';
import { MinutesService } from '../../research/MinutesService';
import { attachMinutesNamespace } from '../../signaling/minutesSocket';
import type { Store } from '../../store/Store';
import type { LessonParts } from '../lessons/mountLessons';
import { researchRoutes } from './researchRoutes';

export interface ResearchServices {
  readonly minutes: MinutesService;
  /**
   * Link tokens for the member classrooms' teachers of a lesson whose research session is
   * open (or about to): signaling may pass one to a classroom PC when the lesson ends.
   */
  invitations(record: LessonRecord): Promise<Invitation[]>;
  close(): Promise<void>;
}

export interface MountResearchDeps {
  store: Store;
  auth: AuthServices;
  lessons: LessonParts;
  now: () => number;
}

export async function mountResearch(
  http: FastifyInstance,
  io: Server,
  { store, auth, lessons, now }: MountResearchDeps,
): Promise<ResearchServices> {
  const minutes = new MinutesService(store.research);
  const { lifecycle, attendance, names } = lessons;
  await http.register(researchRoutes, {
    prefix: '/api',
    lifecycle,
    attendance,
    materials: store.materials,
    names,
    minutes,
    tokens: auth.tokens,
    codes: auth.signInCodes,
    now,
  });
  attachMinutesNamespace(io, {
    resolvePrincipal: auth.resolvePrincipal,
    now,
    lifecycle,
    minutes,
    names,
    sessions: auth.accounts,
    log: http.log.child({ part: 'lessons' }),
  });
  return {
    minutes,
    invitations: (record) =>
      researchInvitations(record, auth.tokens, auth.signInCodes, lifecycle.settings, now()),
    close: () => minutes.close(),
  };
}
