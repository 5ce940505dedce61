// REST bodies and replies of the set-up screens (server/http/setup): the community's
// schools, classrooms, teachers and their accounts — list and search, edit, retire, bulk
// import from a school office's spreadsheet — and accounts created with a one-time password
// or an invitation link.
import { Type, type Static } from '@sinclair/typebox';
import { Classroom, Id, School, Teacher } from './timetable/model';

export const SetupCommunityParams = Type.Object({ communityId: Id });
export type SetupCommunityParams = Static<typeof SetupCommunityParams>;
export const SetupRecordParams = Type.Object({ communityId: Id, id: Id });
export type SetupRecordParams = Static<typeof SetupRecordParams>;
export const SetupAccountParams = Type.Object({
  communityId: Id,
  userId: Type.String({ minLength: 1, maxLength: 128 }),
});
export type SetupAccountParams = Static<typeof SetupAccountParams>;

export const DirectoryQuery = Type.Object({
  /** matches names, subjects, rooms, phone numbers and logins (any part, any case) */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  /** retired classrooms and teachers are left out unless asked for */
  retired: Type.Optional(Type.Boolean()),
});
export type DirectoryQuery = Static<typeof DirectoryQuery>;

const Login = Type.String({ minLength: 2, maxLength: 100, pattern: '^[A-Za-z0-9._@-]+$' });
const PersonRole = Type.Union([
  Type.Literal('coordinator'),
  Type.Literal('teacher'),
  Type.Literal('observer'),
  /** a member school's 教务: its own school only (schoolId) */
  Type.Literal('school_office'),
]);

/** A person's account as the set-up screen lists it (never its password hash). */
export const AccountInfo = Type.Object({
  id: Type.String(),
  login: Type.String(),
  name: Type.String(),
  /** what a set-up screen creates, and the district accounts (区县教育局) it lists */
  role: Type.Union([...PersonRole.anyOf, Type.Literal('district')]),
  communityIds: Type.Array(Type.String()),
  teacherId: Type.Optional(Type.String()),
  /** a school office's school */
  schoolId: Type.Optional(Type.String()),
  createdAt: Type.Number(),
  /** ms since epoch; absent while the account works */
  disabledAt: Type.Optional(Type.Number()),
});
export type AccountInfo = Static<typeof AccountInfo>;

export const DirectoryReply = Type.Object({
  schools: Type.Array(School),
  classrooms: Type.Array(Classroom),
  teachers: Type.Array(Teacher),
  accounts: Type.Array(AccountInfo),
});
export type DirectoryReply = Static<typeof DirectoryReply>;

const Name = Type.String({ minLength: 1, maxLength: 100 });
export const ClassroomEditBody = Type.Object({
  schoolId: Id,
  name: Name,
  room: Type.Optional(Type.String({ maxLength: 100 })),
});
export type ClassroomEditBody = Static<typeof ClassroomEditBody>;
export const TeacherEditBody = Type.Object({
  schoolId: Id,
  name: Name,
  subjects: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 10 }),
  phone: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$' })),
});
export type TeacherEditBody = Static<typeof TeacherEditBody>;

/** How a new (or reset) account gets its first password. */
export const Delivery = Type.Union([
  /** a password shown once to the coordinator, who hands it over */
  Type.Literal('password'),
  /** a link (valid 7 days, works once) where the person chooses her own password */
  Type.Literal('invitation'),
]);
export type Delivery = Static<typeof Delivery>;

export const NewAccountBody = Type.Object({
  login: Login,
  name: Name,
  role: PersonRole,
  /** a teacher's account names her record in the timetable */
  teacherId: Type.Optional(Id),
  /** a school office's account names its school, one of the community's */
  schoolId: Type.Optional(Id),
  delivery: Delivery,
});
export type NewAccountBody = Static<typeof NewAccountBody>;
export const ResetAccountBody = Type.Object({ delivery: Delivery });
export type ResetAccountBody = Static<typeof ResetAccountBody>;
export const AccountEditBody = Type.Object({ name: Name, teacherId: Type.Optional(Id) });
export type AccountEditBody = Static<typeof AccountEditBody>;

/** What the coordinator hands over, shown once: a password, or an invitation link's code. */
export const AccountIssued = Type.Object({
  account: AccountInfo,
  password: Type.Optional(Type.String()),
  invitation: Type.Optional(
    Type.Object({
      code: Type.String(),
      /** the page that takes the code: `${origin}${path}#invite=${code}` */
      path: Type.String(),
      expiresAt: Type.Number(),
    }),
  ),
});
export type AccountIssued = Static<typeof AccountIssued>;

/** The invited person chooses her password; the reply is her first session. */
export const AcceptInvitationBody = Type.Object({
  code: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  newPassword: Type.String({ minLength: 8, maxLength: 200 }),
});
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

/** One problem of an uploaded spreadsheet, where a person finds it: row and column. */
export const SheetProblem = Type.Object({
  /** 1-based row (XLSX) or line (CSV); the header is row 1 */
  line: Type.Integer(),
  /** the column's header as the file has it, e.g. 手机号 */
  field: Type.Optional(Type.String()),
  /** the column's letter, A = the first */
  column: Type.Optional(Type.String()),
  /** machine-readable, e.g. phone_invalid */
  code: Type.String(),
  /** Chinese first, then English */
  reason: Type.String(),
});
export type SheetProblem = Static<typeof SheetProblem>;

export const PeopleImportRefused = Type.Object({
  error: Type.Literal('invalid_rows'),
  message: Type.String(),
  details: Type.Array(SheetProblem),
});
export type PeopleImportRefused = Static<typeof PeopleImportRefused>;

export const PeopleImportReply = Type.Object({
  rows: Type.Integer(),
  classroomsCreated: Type.Array(Id),
  teachersCreated: Type.Array(Id),
  teachersUpdated: Type.Array(Id),
});
export type PeopleImportReply = Static<typeof PeopleImportReply>;

export const TemplateQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});
export type TemplateQuery = Static<typeof TemplateQuery>;
