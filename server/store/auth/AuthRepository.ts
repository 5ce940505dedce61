import type { DeviceInfo, Role } from '../../../shared/auth';

export interface UserRecord {
  id: string;
  /** unique, lower case */
  login: string;
  name: string;
  role: Exclude<Role, 'device'>;
  communityIds: string[];
  teacherId?: string;
  /** a school office's (学校教务) one school, of its one community */
  schoolId?: string;
  /** a district account's district (Community.district) */
  district?: string;
  /** scrypt, see server/auth/passwords.ts */
  passwordHash: string;
  createdAt: number;
}

export interface EnrolmentRecord {
  /** sha-256 of the code: a leaked database does not leak usable codes */
  codeHash: string;
  classroomId: string;
  /** shown as the device's name, e.g. 高楼镇中心小学 三(1)班 */
  classroomName?: string;
  communityId: string;
  createdBy: string;
  expiresAt: number;
}

/** An enrolled classroom PC: stored as coordinators see it (shared/auth.ts). */
export type DeviceRecord = DeviceInfo;

export interface AuthRepository {
  /** False when the id or the login is taken. */
  createUser(user: UserRecord): Promise<boolean>;
  userByLogin(login: string): Promise<UserRecord | undefined>;
  userById(id: string): Promise<UserRecord | undefined>;
  /** The people whose accounts name this community, by login. */
  usersIn(communityId: string): Promise<UserRecord[]>;
  /** Replaces the user's name and teacher record; false if there is no such user. */
  updateUser(userId: string, fields: Pick<UserRecord, 'name' | 'teacherId'>): Promise<boolean>;
  /** Replaces the user's password hash; false if there is no such user. */
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;
  addEnrolment(enrolment: EnrolmentRecord): Promise<void>;
  /**
   * Takes the code out of the store and records the device, in one step: a code works
   * once. Undefined if unknown, used or expired at `now`.
   */
  consumeEnrolment(
    codeHash: string,
    now: number,
    device: Omit<DeviceRecord, 'classroomId' | 'communityId'>,
  ): Promise<EnrolmentRecord | undefined>;
  device(deviceId: string): Promise<DeviceRecord | undefined>;
  /** The community's enrolled PCs, revoked ones included, newest first. */
  devicesIn(communityId: string): Promise<DeviceRecord[]>;
  /** Marks the PC revoked; a second call keeps the first time. Undefined if unknown. */
  revokeDevice(deviceId: string, at: number, by: string): Promise<DeviceRecord | undefined>;
}
