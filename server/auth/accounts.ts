// People and classroom PCs become principals here: password logins, one-time enrolment
// codes, and the tokens both get. No HTTP in this file; server/http/auth is the edge.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Principal, TokenReply } from '../../shared/auth';
import type { AuthRepository, DeviceRecord, UserRecord } from '../store/auth/AuthRepository';
import type { SecurityRepository } from '../store/security/SecurityRepository';
import { hashEnrolmentCode, newEnrolmentCode } from './enrolmentCodes';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { TokenIssuer } from './tokens';

export interface AccountSettings {
  /** a person's login lasts a school day */
  personTokenTtlMs: number;
  /** a classroom PC is enrolled once and then runs unattended for a long time */
  deviceTokenTtlMs: number;
  enrolmentTtlMs: number;
}

export const defaultAccountSettings: AccountSettings = {
  personTokenTtlMs: 12 * 3_600_000,
  deviceTokenTtlMs: 365 * 24 * 3_600_000,
  enrolmentTtlMs: 24 * 3_600_000,
};

export type NewUser = Omit<UserRecord, 'id' | 'passwordHash' | 'createdAt'> & { password: string };

export interface AccountsEvents {
  /** a classroom PC's enrolment was revoked: its live sessions must end too */
  deviceRevoked: [device: DeviceRecord];
  /** every token of this account was ended (password changed, account disabled): its live sessions end too */
  sessionsEnded: [userId: string];
}

type Versions = Pick<
  SecurityRepository,
  'tokenVersion' | 'bumpTokenVersion' | 'disabledAt' | 'setDisabled'
>;
const unversioned: Versions = {
  tokenVersion: async () => 0,
  bumpTokenVersion: async () => 0,
  disabledAt: async () => undefined,
  setDisabled: async () => {},
};

/** What a login attempt gives: a token, or why not. */
export type LoginResult = TokenReply | 'bad_credentials' | 'disabled';

export class Accounts extends EventEmitter<AccountsEvents> {
  constructor(
    private readonly repo: AuthRepository,
    private readonly tokens: TokenIssuer,
    private readonly now: () => number,
    private readonly settings: AccountSettings = defaultAccountSettings,
    private readonly versions: Versions = unversioned,
  ) {
    super();
  }

  static principalOf(user: UserRecord): Principal {
    return {
      sub: user.id,
      role: user.role,
      name: user.name,
      communityIds: user.communityIds,
      ...(user.teacherId ? { teacherId: user.teacherId } : {}),
      ...(user.schoolId ? { schoolId: user.schoolId } : {}),
      ...(user.district ? { district: user.district } : {}),
    };
  }

  issue(principal: Principal, ttlMs: number, version = 0): TokenReply {
    const now = this.now();
    return {
      token: this.tokens.sign(principal, ttlMs, now, version),
      expiresAt: now + ttlMs,
      principal,
    };
  }

  /** A person's token carries the account's current version (principals.ts checks it). */
  async #issuePerson(principal: Principal): Promise<TokenReply> {
    const version = await this.versions.tokenVersion(principal.sub);
    return this.issue(principal, this.settings.personTokenTtlMs, version);
  }

  /** A fresh token for a principal already checked, lasting as long as its kind's do. */
  async reissue(principal: Principal): Promise<TokenReply> {
    if (principal.role === 'device') return this.issue(principal, this.settings.deviceTokenTtlMs);
    return this.#issuePerson(principal);
  }

  /**
   * An unknown login and a wrong password answer alike; a disabled account is told so only
   * to someone who knows its password.
   */
  async login(login: string, password: string): Promise<LoginResult> {
    const user = await this.repo.userByLogin(login.trim().toLowerCase());
    const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash);
    if (!user || !ok) return 'bad_credentials';
    if ((await this.versions.disabledAt(user.id)) !== undefined) return 'disabled';
    return this.#issuePerson(Accounts.principalOf(user));
  }

  userById(userId: string): Promise<UserRecord | undefined> {
    return this.repo.userById(userId);
  }

  /** When the account was disabled; undefined while it works. */
  disabledAt(userId: string): Promise<number | undefined> {
    return this.versions.disabledAt(userId);
  }

  /**
   * The account can no longer log in, every token it has stops working (the version
   * bump, as for a password change) and its live sessions end. Returns when it was disabled.
   */
  async disable(userId: string): Promise<number> {
    await this.versions.setDisabled(userId, this.now());
    await this.versions.bumpTokenVersion(userId);
    this.emit('sessionsEnded', userId);
    return (await this.versions.disabledAt(userId)) ?? this.now();
  }

  /** The account logs in again; tokens from before it was disabled stay ended. */
  async enable(userId: string): Promise<void> {
    await this.versions.setDisabled(userId, undefined);
  }

  /**
   * False for a wrong current password (or a user gone). The new one works from now on, and
   * every token issued before it stops working (a stolen one too), live sessions included:
   * the reply carries a fresh token for the one who changed it.
   */
  async changePassword(
    userId: string,
    current: string,
    next: string,
  ): Promise<TokenReply | undefined> {
    const user = await this.repo.userById(userId);
    const ok = await verifyPassword(current, user?.passwordHash ?? decoyHash);
    if (!user || !ok) return undefined;
    if (!(await this.repo.setPasswordHash(user.id, await hashPassword(next)))) return undefined;
    await this.versions.bumpTokenVersion(user.id);
    this.emit('sessionsEnded', user.id);
    return this.#issuePerson(Accounts.principalOf(user));
  }

  /**
   * A coordinator sets the password (a reset, an accepted invitation): the old one and every
   * token issued before stop working, live sessions end. False if there is no such user.
   */
  async setPassword(userId: string, next: string): Promise<boolean> {
    if (!(await this.repo.setPasswordHash(userId, await hashPassword(next)))) return false;
    await this.versions.bumpTokenVersion(userId);
    this.emit('sessionsEnded', userId);
    return true;
  }

  /** Undefined when the login is taken. */
  async createUser(input: NewUser): Promise<UserRecord | undefined> {
    const { password, ...rest } = input;
    const user: UserRecord = {
      ...rest,
      id: `u-${randomUUID()}`,
      login: input.login.trim().toLowerCase(),
      passwordHash: await hashPassword(password),
      createdAt: this.now(),
    };
    return (await this.repo.createUser(user)) ? user : undefined;
  }

  async createEnrolment(
    by: Principal,
    communityId: string,
    classroom: { id: string; name?: string },
    ttlMs = this.settings.enrolmentTtlMs,
  ): Promise<{ code: string; expiresAt: number }> {
    const code = newEnrolmentCode();
    const expiresAt = this.now() + ttlMs;
    await this.repo.addEnrolment({
      codeHash: hashEnrolmentCode(code),
      classroomId: classroom.id,
      ...(classroom.name ? { classroomName: classroom.name } : {}),
      communityId,
      createdBy: by.sub,
      expiresAt,
    });
    return { code, expiresAt };
  }

  /** A device token for the code's classroom; undefined if the code is unknown, used or expired. */
  async enrol(code: string): Promise<TokenReply | undefined> {
    const now = this.now();
    const deviceId = `dev-${randomUUID()}`;
    const enrolment = await this.repo.consumeEnrolment(hashEnrolmentCode(code), now, {
      deviceId,
      enrolledAt: now,
    });
    if (!enrolment) return undefined;
    // sub is the classroom (shared/auth.ts): a second PC enrolled for the same classroom
    // is the same identity, so the signaling layer's "duplicate kicks the older" applies.
    const principal: Principal = {
      sub: enrolment.classroomId,
      role: 'device',
      name: enrolment.classroomName ?? enrolment.classroomId,
      communityIds: [enrolment.communityId],
      classroomId: enrolment.classroomId,
      deviceId,
    };
    return this.issue(principal, this.settings.deviceTokenTtlMs);
  }

  device(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.repo.device(deviceId);
  }

  devicesIn(communityId: string): Promise<DeviceRecord[]> {
    return this.repo.devicesIn(communityId);
  }

  /** The PC's token stops working at once, and its live sessions end. */
  async revokeDevice(by: Principal, deviceId: string): Promise<DeviceRecord | undefined> {
    const device = await this.repo.revokeDevice(deviceId, this.now(), by.sub);
    if (device) this.emit('deviceRevoked', device);
    return device;
  }
}
