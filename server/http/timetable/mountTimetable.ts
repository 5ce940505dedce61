// The timetable's HTTP resources under /api, and the published timetable as the lesson
// clock's OccurrenceSource.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store';
import type { OccurrenceSource } from '../../../shared/timetable/occurrence';
import { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import { TimetableService } from '../../timetable/TimetableService';
import { communityRoutes } from './communities';
import { schoolRoutes } from './schools';
import { peopleRoutes } from './people';
import { seriesRoutes } from './series';
import { negotiationRoutes } from './negotiation';
import { occurrenceRoutes } from './occurrences';
import { importExportRoutes } from './importExport';
import { deviceRoutes } from './devices';
import { icalFeedRoutes } from './icalFeeds';
import { IcalFeeds } from '../../auth/icalFeeds';
import type { LessonClockView } from '../../lessons/clockView';

export interface TimetableServices {
  service: TimetableService;
  /** the clock the timetable's use cases are given */
  now: () => number;
  occurrences: TimetableOccurrenceSource;
  /** calendar subscriptions' own tokens */
  feeds: IcalFeeds;
}

export function timetableServices(
  store: Store,
  zone: string,
  now: () => number,
): TimetableServices {
  return {
    service: new TimetableService(store.timetable, zone),
    now,
    occurrences: new TimetableOccurrenceSource(store.timetable, zone),
    feeds: new IcalFeeds(store.security, now),
  };
}

export async function mountTimetable(
  http: FastifyInstance,
  services: TimetableServices,
  lessons: LessonClockView,
  /** the lesson clock's source, when it is not the published timetable (tests) */
  schedule?: OccurrenceSource,
): Promise<void> {
  await http.register(
    async (api) => {
      const opts = { service: services.service, now: services.now };
      await api.register(communityRoutes, opts);
      await api.register(schoolRoutes, opts);
      await api.register(peopleRoutes, opts);
      await api.register(seriesRoutes, opts);
      await api.register(negotiationRoutes, opts);
      await api.register(occurrenceRoutes, opts);
      await api.register(importExportRoutes, opts);
      await api.register(deviceRoutes, {
        ...opts,
        occurrences: services.occurrences,
        lessons,
        ...(schedule ? { schedule } : {}),
      });
      await api.register(icalFeedRoutes, {
        ...opts,
        occurrences: services.occurrences,
        feeds: services.feeds,
      });
    },
    { prefix: '/api' },
  );
}
