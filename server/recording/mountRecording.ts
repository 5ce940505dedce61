// Builds the recording capability and mounts its routes: app.ts calls this once.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { PageSnapshot } from '../../shared/signaling/annotation';
import type { TimerState } from '../../shared/signaling/questions';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { Store } from '../store/Store';
import { recordingRoutes } from '../http/recording/recordingRoutes';
import { recordingPolicyRoutes } from '../http/recording/policyRoutes';
import { ExportJobs } from './ExportJobs';
import { localRecorderHost } from './recorderHost';
import { recordLessons } from './recordLessons';
import { remoteRecorderHost } from './remoteRecorderHost';
import { freeBytesOf, readiness } from './readiness';
import { keepFor } from './retention';
import { Recordings } from './Recordings';
import type { RecordableRoom } from './RoomRecorder';
import { recordCodeRooms, type CodeRoom, type CodeRooms } from './recordCodeRooms';

export interface RecordingServices {
  readonly recordings: Recordings;
  readonly exports: ExportJobs;
  close(): Promise<void>;
}

export async function mountRecording(
  http: FastifyInstance,
  deps: {
    config: Config;
    lifecycle: LessonLifecycle;
    store: Store;
    findRoom: (roomId: string) => RecordableRoom | undefined;
    /** the 批注 page a room shows now: its recording's log starts from it */
    annotationOf?: (room: RecordableRoom) => PageSnapshot | undefined;
    /** the shared timer a room shows now, on the room's clock: a room made again clears it */
    timerOf?: (room: RecordableRoom) => { timer: TimerState | null; now: number };
    codeRooms: CodeRooms<CodeRoom>;
  },
): Promise<RecordingServices> {
  const { config } = deps;
  const log = http.log.child({ part: 'recording' });
  const minFreeBytes = config.recordingMinFreeMb * 1024 * 1024;
  const here = localRecorderHost({
    ffmpegPath: config.ffmpegPath,
    portRange: [config.recordingMinPort, config.recordingMaxPort],
    log,
  });
  const recorders =
    config.recorderAgentUrl && config.recorderAgentToken
      ? remoteRecorderHost({
          url: config.recorderAgentUrl,
          token: config.recorderAgentToken,
          fallback: here,
          log,
        })
      : here;
  const recordings = new Recordings({
    root: config.recordingDir ?? join(config.dataDir, 'recordings'),
    findRoom: deps.findRoom,
    deps: {
      ffmpegPath: config.ffmpegPath,
      ffprobePath: config.ffprobePath,
      // The wall clock, not the lesson clock: media and events are stamped with real time.
      now: Date.now,
      ...(deps.annotationOf ? { annotationOf: deps.annotationOf } : {}),
      ...(deps.timerOf ? { timerOf: deps.timerOf } : {}),
      log,
      minFreeBytes,
      recorders,
    },
  });
  const exports = new ExportJobs({
    ffmpegPath: config.ffmpegPath,
    ffprobePath: config.ffprobePath,
    dirOf: (id) => recordings.dirOf(id),
    log,
  });
  const defaults = {
    recordLessons: config.recordLessons === 'on',
    retentionDays: config.recordingRetentionDays,
  };
  const policies = deps.store.recording;
  const readinessOf = async (communityId: string) => {
    const [policy, free] = await Promise.all([
      policies.policy(communityId),
      freeBytesOf(recordings.root),
    ]);
    return readiness(policy, defaults, free, minFreeBytes);
  };
  const unrecord = recordLessons(
    deps.lifecycle,
    recordings,
    (communityId) => policies.policy(communityId),
    defaults,
    log,
    readinessOf,
  );
  const uncode = recordCodeRooms(deps.codeRooms, recordings, Date.now, log);
  const unkeep = keepFor(recordings, defaults, () => policies.policies(), Date.now, log);
  await http.register(recordingRoutes, {
    prefix: '/api',
    recordings,
    exports,
    lifecycle: deps.lifecycle,
  });
  await http.register(recordingPolicyRoutes, {
    prefix: '/api',
    policies,
    defaults,
    readinessOf,
  });
  return {
    recordings,
    exports,
    async close() {
      unrecord();
      uncode();
      unkeep();
      await Promise.all([recordings.close(), exports.close()]);
    },
  };
}
