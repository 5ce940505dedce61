// The auth part: tokens, who a bearer is, accounts and one-time sign-in codes; the plugin
// every route's checks read, the audit of changes, and the login, enrolment and account
// routes. Mounted before any other part's routes, so that their checks exist.
import type { FastifyInstance } from 'fastify';
import { classroomLabel } from '../../../shared/timetable/names';
import type { Config } from '../../config';
import { Accounts } from '../../auth/accounts';
import { authPlugin } from '../../auth/authPlugin';
import { refusalExplainer } from '../../auth/tokenRefusal';
import { principalResolver, type ResolvePrincipal } from '../../auth/principals';
import { loadAuthSecret } from '../../auth/secret';
import { SignInCodes } from '../../auth/signInCodes';
import { TokenIssuer } from '../../auth/tokens';
import type { Store } from '../../store/Store';
import { auditHook } from '../security/auditRoutes';
import { accountRoutes } from './accountRoutes';
import { authRoutes } from './authRoutes';

export interface AuthServices {
  readonly tokens: TokenIssuer;
  /** token → principal, revoked devices refused */
  readonly resolvePrincipal: ResolvePrincipal;
  readonly accounts: Accounts;
  /** One-time sign-in codes that links carry instead of tokens. */
  readonly signInCodes: SignInCodes;
}

export interface MountAuthDeps {
  config: Config;
  store: Store;
  now: () => number;
}

/**
 * A classroom of one of the community's schools, from the timetable's records, named with
 * its school: the enrolled PC shows that name (two schools' classrooms often share one).
 */
async function classroomIn(store: Store, communityId: string, classroomId: string) {
  const [community, classroom] = await Promise.all([
    store.timetable.get('community', communityId),
    store.timetable.get('classroom', classroomId),
  ]);
  if (!community || !classroom) return undefined;
  const schools = [community.coreSchoolId, ...community.memberSchoolIds];
  if (!schools.includes(classroom.schoolId)) return undefined;
  const school = await store.timetable.get('school', classroom.schoolId);
  return { ...classroom, name: classroomLabel(school, classroom) };
}

/**
 * A district's communities, listed again only when the timetable changed (its generation):
 * every request of a district account asks.
 */
function districtCommunities(store: Store): (district: string) => Promise<string[]> {
  let cached: { generation: number; byDistrict: Map<string, string[]> } | undefined;
  return async (district) => {
    const generation = await store.timetable.generation();
    if (cached?.generation !== generation) {
      const byDistrict = new Map<string, string[]>();
      for (const c of await store.timetable.list('community'))
        byDistrict.set(c.district, [...(byDistrict.get(c.district) ?? []), c.id]);
      cached = { generation, byDistrict };
    }
    return cached.byDistrict.get(district) ?? [];
  };
}

export async function mountAuth(
  http: FastifyInstance,
  { config, store, now }: MountAuthDeps,
): Promise<AuthServices> {
  const tokens = new TokenIssuer(loadAuthSecret(config.dataDir, config.authSecret));
  const resolvePrincipal = principalResolver(
    tokens,
    store.auth,
    now,
    store.security,
    districtCommunities(store),
  );
  const accounts = new Accounts(store.auth, tokens, now, undefined, store.security);
  const signInCodes = new SignInCodes(store.security, tokens, now);

  // Why a token was refused (a revoked PC must be enrolled again; anything else may heal).
  const explainRefusal = refusalExplainer(tokens, store.auth, now);
  await http.register(authPlugin, { tokens, resolvePrincipal, explainRefusal });
  await http.register(auditHook, { security: store.security, now });
  await http.register(authRoutes, {
    prefix: '/api',
    accounts,
    classroomIn: (communityId, classroomId) => classroomIn(store, communityId, classroomId),
    schoolsOf: async (communityId) => {
      const community = await store.timetable.get('community', communityId);
      return community ? [community.coreSchoolId, ...community.memberSchoolIds] : [];
    },
    limits: {
      perAccount: config.loginsPerAccountPerMinute,
      perAddress: config.loginsPerAddressPerMinute,
    },
  });
  await http.register(accountRoutes, {
    prefix: '/api',
    accounts,
    codes: signInCodes,
    perAddress: config.loginsPerAddressPerMinute,
  });
  return { tokens, resolvePrincipal, accounts, signInCodes };
}
