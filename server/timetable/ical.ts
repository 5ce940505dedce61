// An iCalendar feed of occurrences (one classroom's or one teacher's), so a teacher's phone
// calendar shows the synchronized lessons. Cancelled ones stay in the feed, marked cancelled,
// so subscribed calendars remove them instead of keeping a stale copy.
import ical, { ICalEventStatus } from 'ical-generator';
import type { Expanded } from './expand';

export interface FeedNames {
  calendar: string;
  classroom(id: string): string;
  teacher(id: string): string;
}

export function icalFeed(occurrences: readonly Expanded[], names: FeedNames, zone: string): string {
  const cal = ical({
    name: names.calendar,
    prodId: { company: 'tongke', product: 'timetable', language: 'ZH' },
    // Times are written in UTC with their Z: an instant every calendar reads alike. Given a
    // time zone without a VTIMEZONE, ical-generator writes the server process's local
    // wall clock with neither Z nor TZID, which calendars read as floating (8 hours off on
    // a server in UTC). The zone stays as the display hint most calendar apps follow.
    x: [{ key: 'X-WR-TIMEZONE', value: zone }],
  });
  for (const o of occurrences) {
    const members = o.memberClassroomIds.map((id) => names.classroom(id)).join('、');
    cal.createEvent({
      id: `${o.occurrenceId}@tongke`,
      start: new Date(o.start),
      end: new Date(o.end),
      summary: `同步课堂 ${o.subject}（${names.teacher(o.teacherId)}）`,
      description: `主讲：${names.classroom(o.coreClassroomId)}\n听讲：${members}\n第${o.period}节 ${o.clock.start}–${o.clock.end}`,
      location: names.classroom(o.coreClassroomId),
      status: o.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: o.version,
    });
  }
  return cal.toString();
}
