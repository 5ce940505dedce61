// The live room's options and its typed events: what a room is made with, and what it
// tells the registry, attendance, the lesson log and a recorder.
import type { ChatMessage, PeerQuality, RoomKind } from '../../shared/signaling/events';
import type { LayoutState } from '../../shared/signaling/roomControls';
import type { AnnotationLogEvent } from '../../shared/signaling/annotationLog';
import type { LessonLogEvent } from '../../shared/lessonLog';
import type { Log } from '../log';
import type { Participant } from './Participant';
import type { LivePorts, MediaFactory, PublishedTrack } from './ports';

/** Where a participant goes when the room closes (none: it just ends for them). */
export type NextFor<P extends LivePorts = LivePorts> = (
  participant: Participant<P>,
) => { roomId: string; kind: RoomKind } | undefined;

export interface LiveRoomOptions<P extends LivePorts = LivePorts> {
  id: string;
  kind: RoomKind;
  code?: string;
  /** admitted by the domain's gate (a lesson occurrence, a research session) */
  scheduled?: boolean;
  /** makes the room's media on first need, and again after it was lost */
  media: MediaFactory<P['media']>;
  now: () => number;
  /** how long the client has to set up a consumer before it is given up */
  consumerAckTimeoutMs?: number;
  log?: Log;
}

/**
 * What happens in a room, for the registry, attendance and a recorder: typed, so a
 * listener's arguments are known from the event's name.
 */
export interface LiveRoomEvents<P extends LivePorts = LivePorts> {
  joined: [participant: Participant<P>];
  left: [participant: Participant<P>, at: number];
  producerAdded: [participant: Participant<P>, track: PublishedTrack];
  producerClosed: [participant: Participant<P>, track: PublishedTrack];
  stageChanged: [peerId: string | null];
  hand: [participant: Participant<P>, raised: boolean];
  chat: [message: ChatMessage];
  quality: [samples: PeerQuality[]];
  empty: [];
  close: [];
  /** Anything a recorder looks at changed: joined, left, published, stage, hand, chat. */
  changed: [];
  /** A code room's teacher asked to start or stop recording it. */
  recording: [on: boolean];
  /** The projectors' layout changed (the teacher chose, or her screen share moved it). */
  layout: [state: LayoutState];
  /** 批注 for the lesson log: a page opened, a stroke finished, erased, cleared */
  annotation: [event: AnnotationLogEvent];
  /** An event of the lesson's log that a teaching tool made (questions, timer…): logged as is. */
  logged: [event: LessonLogEvent];
}

/** The events that make up `changed`. */
export const recordedEvents = [
  'joined',
  'left',
  'producerAdded',
  'producerClosed',
  'stageChanged',
  'hand',
  'chat',
  'layout',
] as const;
