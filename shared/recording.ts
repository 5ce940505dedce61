// Recordings of lessons (录播 / 教学实录): the manifest of segments, the event log that
// drives playback, and the REST payloads. Times are ms since epoch on the server's wall
// clock: the same clock stamps segment starts and events, so playback can line them up.
import { Type, type Static } from '@sinclair/typebox';
import { LayoutCause, ProjectorLayout } from './signaling/roomControls';
import { AnswerValue, MAX_CHOICES, QuestionKind, TimerMode } from './signaling/questions';
import { AnnotationLogEvent } from './signaling/annotationLog';

/** What a recorded track shows; each is its own file, played by its own element. */
export const RecordedTrack = Type.Union([
  /** the teacher's camera (best layer) with the teacher's microphone */
  Type.Literal('teacher'),
  /** the teacher's screen / courseware */
  Type.Literal('screen'),
  Type.Literal('blackboard'),
  /** the classroom on stage: its camera with its microphone, as every classroom heard it */
  Type.Literal('stage'),
]);
export type RecordedTrack = Static<typeof RecordedTrack>;

/** Why a segment ended: a clean stop, or a fault the recorder healed from. */
export const SegmentEnd = Type.Union([
  /** the recording stopped, or what it showed went away (screen share ended, stage left) */
  Type.Literal('stopped'),
  /** the media worker died: the track resumes in a new segment */
  Type.Literal('media_lost'),
  /** the recorder process (ffmpeg) died: restarted in a new segment */
  Type.Literal('recorder_died'),
  /** the disk fell below the configured floor */
  Type.Literal('disk_low'),
]);
export type SegmentEnd = Static<typeof SegmentEnd>;

export const Segment = Type.Object({
  id: Type.String(),
  track: RecordedTrack,
  /** the live participant it came from */
  peerId: Type.String(),
  displayName: Type.String(),
  /** file name inside the recording's folder */
  file: Type.String(),
  /** the streams the file holds */
  streams: Type.Array(Type.Union([Type.Literal('video'), Type.Literal('audio')])),
  /** when the worker started sending it (the file's time 0, within a few tens of ms) */
  startedAt: Type.Number(),
  endedAt: Type.Optional(Type.Number()),
  end: Type.Optional(SegmentEnd),
  bytes: Type.Optional(Type.Number()),
  /** false when the file could not be read back (a crash left it unreadable): skip it */
  playable: Type.Optional(Type.Boolean()),
});
export type Segment = Static<typeof Segment>;

/** A stretch of a track with no media because of a fault. */
export const Gap = Type.Object({
  track: RecordedTrack,
  from: Type.Number(),
  to: Type.Number(),
  reason: SegmentEnd,
});
export type Gap = Static<typeof Gap>;

export const RecordingState = Type.Union([
  Type.Literal('recording'),
  Type.Literal('stopped'),
  /** stopped because the disk fell below the floor (warning shown) */
  Type.Literal('disk_low'),
]);
export type RecordingState = Static<typeof RecordingState>;

export const Manifest = Type.Object({
  /** the occurrence id for a scheduled lesson; `code-<room>-<start>` for a code room */
  recordingId: Type.String(),
  roomId: Type.String(),
  kind: Type.Union([Type.Literal('lesson'), Type.Literal('code')]),
  /** whose lesson: its retention follows that community's policy */
  communityId: Type.Optional(Type.String()),
  state: RecordingState,
  startedAt: Type.Number(),
  endedAt: Type.Optional(Type.Number()),
  segments: Type.Array(Segment),
  gaps: Type.Array(Gap),
  /** a warning to show (disk low), Chinese first */
  warning: Type.Optional(Type.String()),
});
export type Manifest = Static<typeof Manifest>;

/**
 * What the room itself shows (people, shares, stage, hands, layout, chat): the recorder
 * reads these from its looks at the room, the lesson log (shared/lessonLog.ts) from the
 * room's events.
 */
export const roomEventVariants = [
  Type.Object({ at: Type.Number(), type: Type.Literal('recording_started') }),
  Type.Object({ at: Type.Number(), type: Type.Literal('recording_stopped') }),
  Type.Object({
    at: Type.Number(),
    type: Type.Literal('stage'),
    peerId: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.Optional(Type.String()),
  }),
  Type.Object({
    at: Type.Number(),
    type: Type.Union([Type.Literal('share_started'), Type.Literal('share_stopped')]),
    source: Type.Union([Type.Literal('screen'), Type.Literal('blackboard')]),
    peerId: Type.String(),
  }),
  Type.Object({
    at: Type.Number(),
    type: Type.Literal('hand'),
    peerId: Type.String(),
    displayName: Type.String(),
    raised: Type.Boolean(),
  }),
  Type.Object({
    at: Type.Number(),
    type: Type.Union([Type.Literal('joined'), Type.Literal('left')]),
    peerId: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
  }),
  /** what the projectors showed from then on (the teacher chose, or her share moved it) */
  Type.Object({
    at: Type.Number(),
    type: Type.Literal('layout'),
    layout: ProjectorLayout,
    cause: LayoutCause,
  }),
  Type.Object({
    at: Type.Number(),
    type: Type.Literal('chat'),
    peerId: Type.String(),
    displayName: Type.String(),
    text: Type.String(),
  }),
] as const;

/** The shared timer started (a countdown's length), or stopped. */
export const TimerStarted = Type.Object({
  at: Type.Number(),
  type: Type.Literal('timer_started'),
  mode: TimerMode,
  durationMs: Type.Optional(Type.Number()),
});

export const TimerStopped = Type.Object({ at: Type.Number(), type: Type.Literal('timer_stopped') });

/**
 * The screens show no timer any more: the room was made again (everyone left, a restart)
 * and the new room has none. Written by the recorder, never by a room.
 */
export const TimerCleared = Type.Object({ at: Type.Number(), type: Type.Literal('timer_cleared') });

/**
 * 批注: a page opened, a stroke finished (its points whole, in the fractions of the
 * courseware's picture the live annotation uses), strokes erased, a page cleared.
 */
export const AnnotationLogged = Type.Object({
  at: Type.Number(),
  type: Type.Literal('annotation'),
  annotation: AnnotationLogEvent,
});

/** How the classrooms' answers fell, counted: no classroom's own answer is kept here. */
export const QuestionTally = Type.Object({
  /** classrooms that answered */
  answered: Type.Integer({ minimum: 0 }),
  /** per choice index: classrooms that chose it */
  perChoice: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: MAX_CHOICES }),
  /** a count question: the counts added up */
  totalCount: Type.Optional(Type.Integer({ minimum: 0 })),
  /** classrooms whose answer was the right one (when there is one) */
  correct: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type QuestionTally = Static<typeof QuestionTally>;

/**
 * The recording's own question events: what was asked (not the courseware still: the
 * screen's video shows it) and, at its close, how the answers fell.
 */
export const RecordedQuestionAsked = Type.Object({
  at: Type.Number(),
  type: Type.Literal('question_asked'),
  questionId: Type.String({ maxLength: 256 }),
  number: Type.Integer({ minimum: 1 }),
  kind: QuestionKind,
  prompt: Type.String({ maxLength: 200 }),
  choices: Type.Integer({ minimum: 0 }),
  correct: Type.Optional(AnswerValue),
  limitSeconds: Type.Optional(Type.Integer()),
});

export const RecordedQuestionClosed = Type.Object({
  at: Type.Number(),
  type: Type.Literal('question_closed'),
  questionId: Type.String({ maxLength: 256 }),
  /** absent: asked before the recording began, so its answers were not all seen */
  tally: Type.Optional(QuestionTally),
});

/** One line of a lesson's event log (events.jsonl beside the manifest). */
export const LessonEvent = Type.Union([
  ...roomEventVariants,
  RecordedQuestionAsked,
  RecordedQuestionClosed,
  TimerStarted,
  TimerStopped,
  TimerCleared,
  AnnotationLogged,
]);
export type LessonEvent = Static<typeof LessonEvent>;

/** GET /api/recordings/:recordingId: the manifest, its events, and what the disk holds. */
export interface RecordingView {
  manifest: Manifest;
  events: LessonEvent[];
  /** bytes of all segments, and per lesson-hour at this rate */
  bytes: number;
  mbPerHour: number;
  export?: ExportStatus;
  /**
   * A token for this recording's segment files only (`?access=`): a <video> cannot send
   * the Authorization header, and no login token goes in a URL.
   */
  fileAccess?: string;
}

export const RecordingParams = Type.Object({
  recordingId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:@-]+$' }),
});
export type RecordingParams = Static<typeof RecordingParams>;

export const SegmentParams = Type.Object({
  recordingId: RecordingParams.properties.recordingId,
  file: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.(webm|mkv)$', maxLength: 120 }),
});
export type SegmentParams = Static<typeof SegmentParams>;

export const SegmentQuery = Type.Object({
  /** the manifest's fileAccess token */
  access: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type SegmentQuery = Static<typeof SegmentQuery>;

export const ExportStatus = Type.Object({
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  /** 0–1 */
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  file: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});
export type ExportStatus = Static<typeof ExportStatus>;

/** The code room's teacher asks to start or stop recording (socket request `recording`). */
export const RecordingRequest = Type.Object({ on: Type.Boolean() });
export type RecordingRequest = Static<typeof RecordingRequest>;

/** GET /api/recordings?communityId=…: the community's recorded lessons, newest first. */
export const RecordingListQuery = Type.Object({ communityId: Type.String({ minLength: 1 }) });
export type RecordingListQuery = Static<typeof RecordingListQuery>;

export const RecordingSummary = Type.Object({
  recordingId: Type.String(),
  subject: Type.String(),
  /** the lesson's scheduled start, ISO */
  start: Type.String(),
  state: RecordingState,
  durationS: Type.Number(),
  segments: Type.Integer(),
});
export type RecordingSummary = Static<typeof RecordingSummary>;

/**
 * A community's recording policy: whether its lessons are recorded by themselves, and how
 * long recordings are kept (absent: the server's RECORDING_RETENTION_DAYS).
 */
export const RecordingPolicyBody = Type.Object(
  {
    enabled: Type.Boolean(),
    retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type RecordingPolicyBody = Static<typeof RecordingPolicyBody>;

export const RecordingPolicy = Type.Object({
  communityId: Type.String(),
  enabled: Type.Boolean(),
  retentionDays: Type.Optional(Type.Integer()),
  /** when and by whom it was last set (absent: never set, the defaults) */
  updatedAt: Type.Optional(Type.Number()),
  updatedBy: Type.Optional(Type.String()),
});
export type RecordingPolicy = Static<typeof RecordingPolicy>;

/**
 * The policy as its community reads it back, with what the server really does of it:
 * `recordsLessons` is false when the server records no lesson (RECORD_LESSONS=off),
 * whatever the community chose.
 */
export const RecordingPolicyView = Type.Composite([
  RecordingPolicy,
  Type.Object({
    recordsLessons: Type.Boolean(),
    /** the server's RECORD_LESSONS: false, no community's lessons are recorded by themselves */
    serverRecords: Type.Boolean(),
  }),
]);
export type RecordingPolicyView = Static<typeof RecordingPolicyView>;

/** Why a community's next lesson would not be recorded. */
export const NotRecordedReason = Type.Union([
  Type.Literal('community_off'),
  Type.Literal('server_off'),
  Type.Literal('disk_low'),
]);
export type NotRecordedReason = Static<typeof NotRecordedReason>;

/**
 * GET /api/communities/:communityId/recording-readiness: whether a lesson of the community
 * that goes live now is recorded — its policy, the server's switch, and the recording
 * disk above its floor — told to the teacher before she starts.
 */
export const RecordingReadiness = Type.Object({
  ready: Type.Boolean(),
  reason: Type.Optional(NotRecordedReason),
  /** free space on the recording disk (absent: it could not be read) and the floor, MB */
  freeMb: Type.Optional(Type.Integer()),
  minFreeMb: Type.Integer(),
});
export type RecordingReadiness = Static<typeof RecordingReadiness>;

export const CommunityPolicyParams = Type.Object({
  communityId: Type.String({ minLength: 1, maxLength: 128 }),
});
export type CommunityPolicyParams = Static<typeof CommunityPolicyParams>;
