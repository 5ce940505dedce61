import type Database from 'better-sqlite3';
import type { AuthRepository, DeviceRecord, EnrolmentRecord, UserRecord } from './AuthRepository';

export class SqliteAuthRepository implements AuthRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS auth_users (
      id TEXT PRIMARY KEY,
      login TEXT NOT NULL UNIQUE,
      json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS auth_enrolments (
      code_hash TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS auth_devices (
      device_id TEXT PRIMARY KEY,
      json TEXT NOT NULL
    );`);
  }

  async createUser(user: UserRecord): Promise<boolean> {
    const result = this.#db
      .prepare('INSERT OR IGNORE INTO auth_users VALUES (?, ?, ?)')
      .run(user.id, user.login, JSON.stringify(user));
    return result.changes === 1;
  }

  #user(sql: string, key: string): UserRecord | undefined {
    const row = this.#db.prepare(sql).get(key) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as UserRecord) : undefined;
  }

  async userByLogin(login: string): Promise<UserRecord | undefined> {
    return this.#user('SELECT json FROM auth_users WHERE login = ?', login);
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    return this.#user('SELECT json FROM auth_users WHERE id = ?', id);
  }

  async usersIn(communityId: string): Promise<UserRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM auth_users u WHERE EXISTS
           (SELECT 1 FROM json_each(u.json, '$.communityIds') c WHERE c.value = ?)
         ORDER BY login`,
      )
      .all(communityId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as UserRecord);
  }

  async updateUser(userId: string, fields: Pick<UserRecord, 'name' | 'teacherId'>) {
    return this.#db.transaction(() => {
      const user = this.#user('SELECT json FROM auth_users WHERE id = ?', userId);
      if (!user) return false;
      const { teacherId: _old, ...rest } = user;
      const next: UserRecord = {
        ...rest,
        name: fields.name,
        ...(fields.teacherId ? { teacherId: fields.teacherId } : {}),
      };
      this.#db
        .prepare('UPDATE auth_users SET json = ? WHERE id = ?')
        .run(JSON.stringify(next), userId);
      return true;
    })();
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    const result = this.#db
      .prepare(`UPDATE auth_users SET json = json_set(json, '$.passwordHash', ?) WHERE id = ?`)
      .run(passwordHash, userId);
    return result.changes === 1;
  }

  async addEnrolment(e: EnrolmentRecord): Promise<void> {
    this.#db
      .prepare('INSERT INTO auth_enrolments VALUES (?, ?, ?)')
      .run(e.codeHash, e.expiresAt, JSON.stringify(e));
  }

  async consumeEnrolment(
    codeHash: string,
    now: number,
    device: Omit<DeviceRecord, 'classroomId' | 'communityId'>,
  ): Promise<EnrolmentRecord | undefined> {
    return this.#db.transaction(() => {
      const row = this.#db
        .prepare('DELETE FROM auth_enrolments WHERE code_hash = ? RETURNING expires_at, json')
        .get(codeHash) as { expires_at: number; json: string } | undefined;
      if (!row || row.expires_at <= now) return undefined;
      const enrolment = JSON.parse(row.json) as EnrolmentRecord;
      const record: DeviceRecord = {
        ...device,
        classroomId: enrolment.classroomId,
        communityId: enrolment.communityId,
      };
      this.#db
        .prepare('INSERT OR REPLACE INTO auth_devices VALUES (?, ?)')
        .run(device.deviceId, JSON.stringify(record));
      return enrolment;
    })();
  }

  async device(deviceId: string): Promise<DeviceRecord | undefined> {
    const row = this.#db
      .prepare('SELECT json FROM auth_devices WHERE device_id = ?')
      .get(deviceId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as DeviceRecord) : undefined;
  }

  async devicesIn(communityId: string): Promise<DeviceRecord[]> {
    // A community has tens of PCs, a district a few thousand: a scan of JSON is enough.
    const rows = this.#db
      .prepare(
        `SELECT json FROM auth_devices WHERE json_extract(json, '$.communityId') = ?
         ORDER BY json_extract(json, '$.enrolledAt') DESC`,
      )
      .all(communityId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as DeviceRecord);
  }

  async revokeDevice(deviceId: string, at: number, by: string): Promise<DeviceRecord | undefined> {
    return this.#db.transaction(() => {
      const row = this.#db
        .prepare('SELECT json FROM auth_devices WHERE device_id = ?')
        .get(deviceId) as { json: string } | undefined;
      if (!row) return undefined;
      const record = JSON.parse(row.json) as DeviceRecord;
      if (record.revokedAt !== undefined) return record;
      const revoked: DeviceRecord = { ...record, revokedAt: at, revokedBy: by };
      this.#db
        .prepare('UPDATE auth_devices SET json = ? WHERE device_id = ?')
        .run(JSON.stringify(revoked), deviceId);
      return revoked;
    })();
  }
}
