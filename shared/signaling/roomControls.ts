// What the teacher controls in the room for everyone: the layout every projector shows,
// and the classrooms' microphones (her mute for everyone, push-to-talk). One schema per
// request and per server → client message; shared/signaling/events.ts and
// serverMessages.ts take them into the /live catalogue.
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 128 });

/**
 * What every member classroom's projector shows, chosen by the teacher and held by the
 * server: the teacher full screen; courseware full screen with the teacher small; both
 * side by side; the classroom on stage beside the teacher.
 */
export const ProjectorLayout = Type.Union([
  Type.Literal('teacher'),
  Type.Literal('courseware'),
  Type.Literal('side_by_side'),
  Type.Literal('stage'),
]);
export type ProjectorLayout = Static<typeof ProjectorLayout>;

export const projectorLayouts: readonly ProjectorLayout[] = [
  'teacher',
  'courseware',
  'side_by_side',
  'stage',
];

/** Why the layout is what it is now: the teacher chose it, or her screen share moved it. */
export const LayoutCause = Type.Union([
  Type.Literal('chosen'),
  Type.Literal('share_started'),
  Type.Literal('share_stopped'),
]);
export type LayoutCause = Static<typeof LayoutCause>;

export const LayoutState = Type.Object({ layout: ProjectorLayout, cause: LayoutCause });
export type LayoutState = Static<typeof LayoutState>;

/** One classroom's microphone as the server enforces it. */
export const MicState = Type.Object({
  peerId: Id,
  /** the teacher muted it for everyone: only she lets it speak again */
  teacherMuted: Type.Boolean(),
  /** its 辅导教师 muted it from the classroom */
  selfMuted: Type.Boolean(),
  /** push-to-talk: the 辅导教师 holds the talk button now */
  talking: Type.Boolean(),
  /** whether its sound reaches anyone now (the server pauses it otherwise) */
  open: Type.Boolean(),
});
export type MicState = Static<typeof MicState>;

export const MicStates = Type.Object({
  /** the teacher turned push-to-talk on: a classroom speaks while held or on stage */
  pushToTalk: Type.Boolean(),
  classrooms: Type.Array(MicState, { maxItems: 1000 }),
});
export type MicStates = Static<typeof MicStates>;

/** Requests of the room's controls (the teacher's, and a classroom's own microphone). */
export const roomControlRequests = {
  /** the teacher picks what every projector shows */
  setLayout: Type.Object({ layout: ProjectorLayout }),
  /** the teacher mutes a classroom for everyone, or lets it speak again */
  muteClassroom: Type.Object({ peerId: Id, muted: Type.Boolean() }),
  /** the teacher turns push-to-talk on or off for every classroom */
  setPushToTalk: Type.Object({ on: Type.Boolean() }),
  /** a classroom's 辅导教师 mutes or unmutes its microphone */
  muteMic: Type.Object({ muted: Type.Boolean() }),
  /** a classroom's 辅导教师 presses (true) or lets go of (false) the talk button */
  talk: Type.Object({ talking: Type.Boolean() }),
} as const;

export interface RoomControlReplies {
  setLayout: LayoutState;
  muteClassroom: MicState;
  setPushToTalk: { pushToTalk: boolean };
  muteMic: MicState;
  talk: MicState;
}

/** What a join or resume reply carries of the controls: a classroom that comes back sees them. */
export interface RoomControlsSnapshot {
  layout: LayoutState;
  mics: MicStates;
}

export interface RoomControlServerEvents {
  /** the layout every projector shows changed */
  layoutChanged: (state: LayoutState) => void;
  /** a classroom's microphone rules changed (sent to everyone in a lesson) */
  micStates: (states: MicStates) => void;
}

export const roomControlMessages = {
  layoutChanged: LayoutState,
  micStates: MicStates,
};
