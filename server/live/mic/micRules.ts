// Whose microphone reaches the room: pure rules over a classroom's flags, tested without
// a room. The teacher's mute for everyone outranks the classroom's own switch; with
// push-to-talk on, a classroom speaks only while its 辅导教师 holds the button or while
// it is on stage.
import type { MicState } from '../../../shared/signaling/roomControls';

export interface MicFlags {
  teacherMuted: boolean;
  selfMuted: boolean;
  talking: boolean;
}

export const openMic = (): MicFlags => ({ teacherMuted: false, selfMuted: false, talking: false });

export interface MicContext {
  pushToTalk: boolean;
  onStage: boolean;
}

/** Whether the classroom's sound may reach anyone now. */
export function micOpen(flags: MicFlags, ctx: MicContext): boolean {
  if (flags.teacherMuted || flags.selfMuted) return false;
  return !ctx.pushToTalk || flags.talking || ctx.onStage;
}

export function micState(peerId: string, flags: MicFlags, ctx: MicContext): MicState {
  return { peerId, ...flags, open: micOpen(flags, ctx) };
}

/** Why a classroom's own request is refused; undefined: allowed. */
export type MicRefusal = 'teacher_muted' | 'push_to_talk_off';

/**
 * The classroom's 辅导教师 unmutes: not over the teacher's mute (muting is always
 * allowed, so a room can go quiet whatever the teacher did).
 */
export function selfMute(flags: MicFlags, muted: boolean): MicFlags | MicRefusal {
  if (!muted && flags.teacherMuted) return 'teacher_muted';
  return { ...flags, selfMuted: muted };
}

/** The talk button: pressing it means something only in push-to-talk mode. */
export function talk(flags: MicFlags, talking: boolean, ctx: MicContext): MicFlags | MicRefusal {
  if (talking && !ctx.pushToTalk) return 'push_to_talk_off';
  return { ...flags, talking };
}

/** The teacher mutes for everyone, or lets the classroom speak again. */
export function teacherMute(flags: MicFlags, muted: boolean): MicFlags {
  // Her allow lifts her mute only; the classroom's own switch stays as its 辅导教师 set it.
  return { ...flags, teacherMuted: muted };
}

/** Push-to-talk turned off: a held button means nothing any more. */
export function pushToTalkChanged(flags: MicFlags, on: boolean): MicFlags {
  return on ? flags : { ...flags, talking: false };
}
