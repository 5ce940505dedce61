// The evaluation's REST calls as the report screen makes them.
import type {
  CommunityReport,
  DistrictReport,
  LessonDetail,
  ReportQuery,
  SchoolReport,
} from '../../shared/evaluation';
import { authorized } from '../lib/session';

const qs = (range: ReportQuery) => {
  const p = new URLSearchParams();
  if (range.from) p.set('from', range.from);
  if (range.to) p.set('to', range.to);
  const s = p.toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

export const reportApi = {
  district: (range: ReportQuery) =>
    authorized<DistrictReport>(`/api/evaluation/district${qs(range)}`),
  community: (id: string, range: ReportQuery) =>
    authorized<CommunityReport>(`/api/evaluation/communities/${enc(id)}${qs(range)}`),
  school: (id: string, schoolId: string, range: ReportQuery) =>
    authorized<SchoolReport>(
      `/api/evaluation/communities/${enc(id)}/schools/${enc(schoolId)}${qs(range)}`,
    ),
  lesson: (occurrenceId: string) =>
    authorized<LessonDetail>(`/api/evaluation/lessons/${enc(occurrenceId)}`),
  /** The export is a download: fetched with the token, handed to the browser as a file. */
  async download(path: string, range: ReportQuery, fileName: string): Promise<void> {
    const { session } = await import('../lib/session');
    const res = await fetch(`/api/evaluation/${path}${qs(range)}`, {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    });
    if (!res.ok) throw new Error(`导出失败 Export failed (${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
