// The coordinator screen's protocol layer: typed calls to /api, no DOM. Screens consume it.
import type { DeviceInfo, EnrolmentReply } from '../../shared/auth';
import type { BellSchedule, Community, TermCalendar } from '../../shared/timetable/model';
import type { Conflict, SeriesRecord, SeriesSpec } from '../../shared/timetable/series';
import type {
  CommunityDetail,
  ConflictsReply,
  DiffReply,
  ImportReply,
  OverrideBody,
  PublishAllReply,
  RespondBody,
  SeriesReply,
  WeekReply,
} from '../../shared/timetable/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The reasons to show: conflicts, bad rows or bad fields, one line each. */
  get reasons(): string[] {
    if (!Array.isArray(this.details)) return [this.message];
    return this.details.map((d: Record<string, unknown>) =>
      typeof d.line === 'number'
        ? `第${d.line}行 ${d.field ?? ''}: ${String(d.reason)}`
        : String(d.message ?? `${String(d.field)}: ${String(d.reason)}`),
    );
  }
}

export type Fetch = typeof fetch;

export class TimetableApi {
  constructor(
    private readonly token: string,
    private readonly base = '/api',
    private readonly fetchFn: Fetch = (...args) => fetch(...args),
  ) {}

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    const res = await this.fetchFn(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new ApiError(
        res.status,
        String(data.error ?? res.status),
        String(data.message ?? res.statusText),
        data.details,
      );
    return data as T;
  }

  communities = () => this.#call<Community[]>('GET', '/communities');
  /** A one-time code a classroom PC trades for its device credential (/classroom/ page). */
  enrolmentCode = (communityId: string, classroomId: string) =>
    this.#call<EnrolmentReply>('POST', '/devices/enrolments', { communityId, classroomId });
  devices = (communityId: string) =>
    this.#call<DeviceInfo[]>('GET', `/devices?communityId=${encodeURIComponent(communityId)}`);
  revokeDevice = (deviceId: string) =>
    this.#call<DeviceInfo>('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`);
  community = (id: string) => this.#call<CommunityDetail>('GET', `/communities/${id}`);
  week = (id: string, date: string, view: 'working' | 'published' = 'working') =>
    this.#call<WeekReply>('GET', `/communities/${id}/week?date=${date}&view=${view}`);

  check = (cid: string, spec: SeriesSpec, seriesId?: string) =>
    this.#call<ConflictsReply>('POST', `/communities/${cid}/check`, {
      spec,
      ...(seriesId ? { seriesId } : {}),
    });
  createSeries = (cid: string, spec: SeriesSpec) =>
    this.#call<SeriesReply>('POST', `/communities/${cid}/series`, { spec });
  updateSeries = (cid: string, s: Pick<SeriesRecord, 'id' | 'revision'>, spec: SeriesSpec) =>
    this.#call<SeriesReply>('PUT', `/communities/${cid}/series/${s.id}`, {
      spec,
      revision: s.revision,
    });
  deleteSeries = (cid: string, sid: string) =>
    this.#call<void>('DELETE', `/communities/${cid}/series/${sid}`);

  propose = (cid: string, sid: string) =>
    this.#call<SeriesReply>('POST', `/communities/${cid}/series/${sid}/propose`);
  respond = (cid: string, sid: string, body: RespondBody) =>
    this.#call<SeriesReply>('POST', `/communities/${cid}/series/${sid}/respond`, body);
  publish = (cid: string, sid: string) =>
    this.#call<SeriesReply>('POST', `/communities/${cid}/series/${sid}/publish`);
  publishAll = (cid: string) => this.#call<PublishAllReply>('POST', `/communities/${cid}/publish`);
  diff = (cid: string, sid: string) =>
    this.#call<DiffReply>('GET', `/communities/${cid}/series/${sid}/diff`);

  setOccurrence = (cid: string, occurrenceId: string, body: OverrideBody) =>
    this.#call<{ conflicts: Conflict[] }>(
      'PUT',
      `/communities/${cid}/occurrences/${occurrenceId}`,
      body,
    );

  putBellSchedule = (cid: string, schoolId: string, bell: BellSchedule) =>
    this.#call<unknown>('PUT', `/communities/${cid}/schools/${schoolId}/bell-schedule`, bell);
  putCalendar = (cid: string, schoolId: string, calendar: TermCalendar) =>
    this.#call<unknown>('PUT', `/communities/${cid}/schools/${schoolId}/calendar`, calendar);
  officialCalendar = (name: string, firstDay: string, lastDay: string) =>
    this.#call<TermCalendar>('POST', '/calendars/official', { name, firstDay, lastDay });

  importFile = (cid: string, file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return this.#call<ImportReply>('POST', `/communities/${cid}/import`, form);
  };
  /** The export as a file, fetched with the header: a token never sits in a URL. */
  exportFile = async (cid: string, date: string, by: string, format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams({ date, by, format });
    const res = await this.fetchFn(`${this.base}/communities/${cid}/export?${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) throw new ApiError(res.status, String(res.status), res.statusText, undefined);
    return res.blob();
  };
}
