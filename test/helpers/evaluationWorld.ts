// A term of one community as the evaluation reads it, written straight into a running
// server's store: a published weekly series with one cancelled and one moved lesson, lesson
// records as the clock leaves them, attendance events, minutes and material. The figures
// the tests expect are the ones written here.
import * as Y from 'yjs';
import type { AttendanceEvent, LessonRecord, QualitySample } from '../../shared/lessons';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { SeriesRecord, SeriesSpec } from '../../shared/timetable/series';
import { newSeries, propose, publish, respond } from '../../server/timetable/negotiation';
import type { Store } from '../../server/store/Store';
import type { TimetableOccurrenceSource } from '../../server/store/timetable/TimetableOccurrenceSource';

const MIN = 60_000;

export function publishedSeries(
  id: string,
  communityId: string,
  spec: SeriesSpec,
  memberSchoolIds: string[],
  now: number,
): SeriesRecord {
  let step = propose(newSeries(id, communityId, spec, now), memberSchoolIds, now);
  for (const schoolId of memberSchoolIds)
    if (step.ok)
      step = respond(
        step.record,
        {
          schoolId,
          decision: 'accepted',
          comment: '',
          by: { sub: 'seed', name: 'seed' },
          onBehalf: true,
        },
        now,
      );
  if (step.ok) step = publish(step.record, 0, now);
  if (!step.ok) throw new Error(`cannot publish ${id}: ${step.message}`);
  return step.record;
}

export interface ClassroomRun {
  /** connected minutes from the start of the lesson; 0: never joined */
  minutes: number;
  /** decoded the teacher's picture (false: a black tile all lesson) */
  sawTeacher?: boolean;
}

/** The record the clock leaves: live at the bell, ended, research, archived. */
export function archivedRecord(o: ScheduledOccurrence): LessonRecord {
  const start = Date.parse(o.start);
  const end = Date.parse(o.end);
  const id = o.occurrenceId;
  return {
    occurrence: o,
    state: 'archived',
    researchClosesAt: end + 30 * MIN,
    transitions: [
      { occurrenceId: id, from: 'scheduled', to: 'open', at: start - 10 * MIN, cause: 'clock' },
      { occurrenceId: id, from: 'open', to: 'live', at: start, cause: 'clock' },
      { occurrenceId: id, from: 'live', to: 'ended', at: end, cause: 'clock' },
      { occurrenceId: id, from: 'ended', to: 'research', at: end, cause: 'clock' },
      { occurrenceId: id, from: 'research', to: 'archived', at: end + 30 * MIN, cause: 'clock' },
    ],
  };
}

export function runEvents(
  o: ScheduledOccurrence,
  runs: Record<string, ClassroomRun>,
): AttendanceEvent[] {
  const start = Date.parse(o.start);
  const events: AttendanceEvent[] = [];
  for (const [classroomId, run] of Object.entries(runs)) {
    if (run.minutes <= 0) continue;
    const base = { occurrenceId: o.occurrenceId, classroomId };
    events.push({ kind: 'join', ...base, at: start });
    for (let i = 0; i < 6; i++) {
      const sample: QualitySample = {
        bitrateKbps: 1500,
        lossPct: 0.5,
        rttMs: 40,
        sentVideoKbps: 600,
        ...(classroomId === o.coreClassroomId
          ? {}
          : {
              teacherVideo: {
                forwardedKbps: 1200,
                paused: false,
                framesDecoded: run.sawTeacher === false ? 0 : 60,
              },
            }),
      };
      events.push({ kind: 'quality', ...base, at: start + (i + 1) * 2000, sample });
    }
    events.push({ kind: 'leave', ...base, at: start + run.minutes * MIN });
  }
  return events;
}

/** Writes one held lesson: its archived record, attendance, minutes text and material. */
export async function writeHeldLesson(
  store: Store,
  o: ScheduledOccurrence,
  runs: Record<string, ClassroomRun>,
  extra: { minutes?: Record<string, string>; materials?: number } = {},
): Promise<void> {
  await store.lessons.create(archivedRecord(o));
  for (const e of runEvents(o, runs)) await store.attendance.append(e);
  if (extra.minutes) {
    const doc = new Y.Doc();
    for (const [key, text] of Object.entries(extra.minutes)) doc.getText(key).insert(0, text);
    await store.research.appendUpdate(o.occurrenceId, Y.encodeStateAsUpdate(doc));
  }
  for (let i = 0; i < (extra.materials ?? 0); i++)
    await store.materials.add({
      id: `${o.occurrenceId.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-m${i}`,
      communityId: o.communityId,
      occurrenceId: o.occurrenceId,
      kind: 'guide',
      fileName: `导学单${i + 1}.pdf`,
      mimeType: 'application/pdf',
      size: 1000,
      uploadedBy: o.teacherId,
      uploadedAt: Date.parse(o.start),
    });
}

/** The published occurrences of a series, by the date its id carries. */
export async function occurrencesOf(
  source: TimetableOccurrenceSource,
  seriesId: string,
  zone: string,
): Promise<Map<string, ScheduledOccurrence>> {
  const { toScheduled } = await import('../../server/timetable/expand');
  const out = new Map<string, ScheduledOccurrence>();
  for (const o of await source.published())
    if (o.seriesId === seriesId) out.set(o.seriesDate, toScheduled(o, zone));
  return out;
}
