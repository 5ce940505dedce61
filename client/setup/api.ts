// The set-up screens' protocol layer: typed calls to /api/setup and the timetable's
// add routes, no DOM. A refusal keeps its details (bad rows, bad fields) for the screen.
import type {
  AccountInfo,
  AccountIssued,
  ClassroomEditBody,
  Delivery,
  DirectoryReply,
  NewAccountBody,
  PeopleImportReply,
  SheetProblem,
  TeacherEditBody,
} from '../../shared/setup';
import type { Classroom, School, Teacher } from '../../shared/timetable/model';
import type { DeviceInfo, EnrolmentReply, TokenReply } from '../../shared/auth';
import type {
  DownlinkBudgetReply,
  DownlinkBudgetsReply,
  DownlinkTarget,
} from '../../shared/downlinkBudget';
import { session } from '../lib/session';

export class SetupError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** Bad rows of an import, where the refusal has them. */
  get problems(): SheetProblem[] {
    return this.code === 'invalid_rows' && Array.isArray(this.details)
      ? (this.details as SheetProblem[])
      : [];
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const form = body instanceof FormData;
  const res = await fetch(`/api${path}`, {
    method,
    headers: {
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
      ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new SetupError(
      res.status,
      String(data.error ?? 'error'),
      String(data.message ?? res.statusText),
      data.details,
    );
  return data as T;
}

export function setupApi(communityId: string) {
  const base = `/setup/communities/${communityId}`;
  return {
    directory: (q: string, retired: boolean) =>
      call<DirectoryReply>(
        'GET',
        `${base}/directory?${new URLSearchParams({ q, ...(retired ? { retired: 'true' } : {}) })}`,
      ),
    /** A member school; its bell and term start as a copy of another school's. */
    addSchool: (body: Omit<School, 'id'>) =>
      call<School>('POST', `/communities/${communityId}/schools`, body),
    editSchool: (school: School) => {
      const { id, ...body } = school;
      return call<School>('PUT', `/communities/${communityId}/schools/${id}`, body);
    },
    addClassroom: (body: { schoolId: string; name: string; room?: string }) =>
      call<Classroom>('POST', `/communities/${communityId}/classrooms`, body),
    editClassroom: (id: string, body: ClassroomEditBody) =>
      call<Classroom>('PUT', `${base}/classrooms/${id}`, body),
    addTeacher: (body: TeacherEditBody) =>
      call<Teacher>('POST', `/communities/${communityId}/teachers`, body),
    editTeacher: (id: string, body: TeacherEditBody) =>
      call<Teacher>('PUT', `${base}/teachers/${id}`, body),
    retire: (kind: 'classroom' | 'teacher', id: string, restore = false) =>
      call<Classroom | Teacher>('POST', `${base}/${kind}s/${id}/${restore ? 'restore' : 'retire'}`),
    /** The schools' and classrooms' downlink budgets (kbit/s) set. */
    downlinkBudgets: () => call<DownlinkBudgetsReply>('GET', `${base}/downlink-budgets`),
    /** A school's or a classroom's downlink budget; null lifts it. */
    setDownlinkBudget: (target: DownlinkTarget, id: string, downlinkKbps: number | null) =>
      call<DownlinkBudgetReply>('PUT', `${base}/${target}s/${id}/downlink-budget`, {
        downlinkKbps,
      }),
    devices: () => call<DeviceInfo[]>('GET', `/devices?communityId=${communityId}`),
    enrolment: (classroomId: string) =>
      call<EnrolmentReply>('POST', '/devices/enrolments', { communityId, classroomId }),
    addAccount: (body: NewAccountBody) => call<AccountIssued>('POST', `${base}/accounts`, body),
    resetAccount: (userId: string, delivery: Delivery) =>
      call<AccountIssued>('POST', `${base}/accounts/${userId}/reset`, { delivery }),
    setDisabled: (account: AccountInfo, disabled: boolean) =>
      call<unknown>('POST', `/auth/users/${account.id}/${disabled ? 'disable' : 'enable'}`),
    importFile: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return call<PeopleImportReply>('POST', `${base}/import`, form);
    },
    /** The template as a file the browser saves. */
    async template(format: 'xlsx' | 'csv'): Promise<Blob> {
      const res = await fetch(`/api${base}/import-template?format=${format}`, {
        headers: { authorization: `Bearer ${session.token ?? ''}` },
      });
      if (!res.ok) throw new SetupError(res.status, 'error', res.statusText, undefined);
      return res.blob();
    },
  };
}
export type SetupApi = ReturnType<typeof setupApi>;

export const acceptInvitation = (code: string, newPassword: string) =>
  call<TokenReply>('POST', '/auth/invitations/accept', { code, newPassword });
