import type { Redis } from 'ioredis';
import type { AuthRepository, DeviceRecord, EnrolmentRecord, UserRecord } from './AuthRepository';

const userKey = (id: string) => `tongke:user:${id}`;
const loginKey = (login: string) => `tongke:user-login:${login}`;
const enrolKey = (hash: string) => `tongke:enrol:${hash}`;
const deviceKey = (id: string) => `tongke:device:${id}`;
/** enrolled device ids of a community, scored by enrolment time */
const communityDevicesKey = (id: string) => `tongke:devices:${id}`;

const CREATE_USER = `
  if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('SET', KEYS[2], ARGV[2])
  return 1`;

// Takes the code and records the device in one atomic step; expiry is checked against the
// caller's clock (ARGV[1]), the key's own TTL only cleans up. The community's device list
// is named from the enrolment read here (ARGV[4] is its prefix): fine on the one Redis
// Tongke uses, not on a Redis Cluster.
const CONSUME = `
  local json = redis.call('GET', KEYS[1])
  if not json then return false end
  redis.call('DEL', KEYS[1])
  local e = cjson.decode(json)
  if tonumber(e.expiresAt) <= tonumber(ARGV[1]) then return false end
  redis.call('SET', KEYS[2], cjson.encode({ deviceId = ARGV[2], classroomId = e.classroomId,
    communityId = e.communityId, enrolledAt = tonumber(ARGV[3]) }))
  redis.call('ZADD', ARGV[4] .. e.communityId, tonumber(ARGV[3]), ARGV[2])
  return json`;

const SET_PASSWORD = `
  local json = redis.call('GET', KEYS[1])
  if not json then return 0 end
  local u = cjson.decode(json)
  u.passwordHash = ARGV[1]
  redis.call('SET', KEYS[1], cjson.encode(u))
  return 1`;

// Name and teacher record replaced in one step; an empty teacher id drops it.
const UPDATE_USER = `
  local json = redis.call('GET', KEYS[1])
  if not json then return 0 end
  local u = cjson.decode(json)
  u.name = ARGV[1]
  if ARGV[2] == '' then u.teacherId = nil else u.teacherId = ARGV[2] end
  redis.call('SET', KEYS[1], cjson.encode(u))
  return 1`;

// Revoked once: a second revocation keeps the first time and author.
const REVOKE = `
  local json = redis.call('GET', KEYS[1])
  if not json then return false end
  local d = cjson.decode(json)
  if d.revokedAt then return json end
  d.revokedAt = tonumber(ARGV[1])
  d.revokedBy = ARGV[2]
  json = cjson.encode(d)
  redis.call('SET', KEYS[1], json)
  return json`;

export class RedisAuthRepository implements AuthRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async createUser(user: UserRecord): Promise<boolean> {
    const done = await this.#redis.eval(
      CREATE_USER,
      2,
      userKey(user.id),
      loginKey(user.login),
      JSON.stringify(user),
      user.id,
    );
    return done === 1;
  }

  async userByLogin(login: string): Promise<UserRecord | undefined> {
    const id = await this.#redis.get(loginKey(login));
    return id ? this.userById(id) : undefined;
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const json = await this.#redis.get(userKey(id));
    return json ? (JSON.parse(json) as UserRecord) : undefined;
  }

  /** A scan of the user keys: accounts are a few thousand at most, and none is missed. */
  async usersIn(communityId: string): Promise<UserRecord[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.#redis.scan(cursor, 'MATCH', userKey('*'), 'COUNT', 500);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length === 0) return [];
    return (await this.#redis.mget(keys))
      .filter((j) => j !== null)
      .map((j) => JSON.parse(j) as UserRecord)
      .filter((u) => u.communityIds.includes(communityId))
      .sort((a, b) => a.login.localeCompare(b.login));
  }

  async updateUser(userId: string, fields: Pick<UserRecord, 'name' | 'teacherId'>) {
    const done = await this.#redis.eval(
      UPDATE_USER,
      1,
      userKey(userId),
      fields.name,
      fields.teacherId ?? '',
    );
    return done === 1;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    return (await this.#redis.eval(SET_PASSWORD, 1, userKey(userId), passwordHash)) === 1;
  }

  async addEnrolment(e: EnrolmentRecord): Promise<void> {
    // TTL well past the expiry: the authoritative check uses the server's clock, not Redis'.
    await this.#redis.set(enrolKey(e.codeHash), JSON.stringify(e), 'PX', 7 * 24 * 3_600_000);
  }

  async consumeEnrolment(
    codeHash: string,
    now: number,
    device: Omit<DeviceRecord, 'classroomId' | 'communityId'>,
  ): Promise<EnrolmentRecord | undefined> {
    const json = (await this.#redis.eval(
      CONSUME,
      2,
      enrolKey(codeHash),
      deviceKey(device.deviceId),
      now,
      device.deviceId,
      device.enrolledAt,
      communityDevicesKey(''),
    )) as string | null;
    return json ? (JSON.parse(json) as EnrolmentRecord) : undefined;
  }

  async device(deviceId: string): Promise<DeviceRecord | undefined> {
    const json = await this.#redis.get(deviceKey(deviceId));
    return json ? (JSON.parse(json) as DeviceRecord) : undefined;
  }

  async devicesIn(communityId: string): Promise<DeviceRecord[]> {
    const ids = await this.#redis.zrevrange(communityDevicesKey(communityId), 0, -1);
    if (ids.length === 0) return [];
    const found = await this.#redis.mget(ids.map(deviceKey));
    return found.filter((j) => j !== null).map((j) => JSON.parse(j) as DeviceRecord);
  }

  async revokeDevice(deviceId: string, at: number, by: string): Promise<DeviceRecord | undefined> {
    const json = (await this.#redis.eval(REVOKE, 1, deviceKey(deviceId), at, by)) as string | null;
    return json ? (JSON.parse(json) as DeviceRecord) : undefined;
  }
}
