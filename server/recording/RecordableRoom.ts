// The recorder's port on a live room (server/live/LiveRoom fits it as it is).
import type { LessonLogEvent } from '../../shared/lessonLog';
import type { AnnotationLogEvent } from '../../shared/signaling/annotationLog';
import type { LayoutState } from '../../shared/signaling/roomControls';
import type { RtpCapabilities } from '../../shared/signaling/rtp';
import type { PublishedTrack, RecorderTap } from '../live/ports';

/**
 * The live room as the recorder sees it (server/live/LiveRoom fits it): who is there and
 * what each publishes, its changes, and a tap on its media. Nothing of mediasoup: the
 * tap (server/live/ports.ts RecorderTap) is the recorder's only way to the media.
 */
export interface RecordableRoom {
  readonly closed: boolean;
  readonly stagePeerId: string | null;
  /** what the projectors show (LiveRoom's layout) */
  readonly layout?: { readonly state: LayoutState };
  readonly chat: readonly { fromPeerId: string; displayName: string; text: string }[];
  readonly participants: ReadonlyMap<
    string,
    {
      peerId: string;
      displayName: string;
      role: string;
      handRaised: boolean;
      media?: { readonly closed: boolean; published(): readonly PublishedTrack[] } | undefined;
    }
  >;
  mediaRoom(): Promise<{ readonly rtpCapabilities: RtpCapabilities }>;
  openTap(rtpCapabilities: RtpCapabilities): Promise<RecorderTap>;
  on(event: 'changed', listener: () => void): unknown;
  off(event: 'changed', listener: () => void): unknown;
  /** the teaching tools' events (questions, timer), as the lesson log gets them */
  on(event: 'logged', listener: (e: LessonLogEvent) => void): unknown;
  off(event: 'logged', listener: (e: LessonLogEvent) => void): unknown;
  on(event: 'annotation', listener: (e: AnnotationLogEvent) => void): unknown;
  off(event: 'annotation', listener: (e: AnnotationLogEvent) => void): unknown;
}
