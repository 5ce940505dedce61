import { describe, expect, it } from 'vitest';
import {
  micOpen,
  openMic,
  pushToTalkChanged,
  selfMute,
  talk,
  teacherMute,
} from '../../../server/live/mic/micRules';

const normal = { pushToTalk: false, onStage: false };
const ptt = { pushToTalk: true, onStage: false };

describe('classroom microphone rules', () => {
  it('an unmuted classroom is heard; muted by itself or by the teacher it is not', () => {
    expect(micOpen(openMic(), normal)).toBe(true);
    expect(micOpen({ ...openMic(), selfMuted: true }, normal)).toBe(false);
    expect(micOpen(teacherMute(openMic(), true), normal)).toBe(false);
  });

  it('the 辅导教师 cannot lift the teacher’s mute, but may mute and unmute otherwise', () => {
    const muted = teacherMute(openMic(), true);
    expect(selfMute(muted, false)).toBe('teacher_muted');
    expect(selfMute(muted, true)).toEqual({ ...muted, selfMuted: true });
    const own = selfMute(openMic(), true);
    expect(own).toEqual({ ...openMic(), selfMuted: true });
    expect(selfMute(own as never, false)).toEqual(openMic());
  });

  it('only the teacher’s allow lifts her mute; the classroom’s own switch stays', () => {
    const both = teacherMute({ ...openMic(), selfMuted: true }, true);
    const allowed = teacherMute(both, false);
    expect(allowed).toEqual({ ...openMic(), selfMuted: true });
    expect(micOpen(allowed, normal)).toBe(false);
    expect(micOpen(teacherMute(teacherMute(openMic(), true), false), normal)).toBe(true);
  });

  it('push-to-talk: open only while the button is held or on stage', () => {
    expect(micOpen(openMic(), ptt)).toBe(false);
    const held = talk(openMic(), true, ptt);
    expect(held).toEqual({ ...openMic(), talking: true });
    expect(micOpen(held as never, ptt)).toBe(true);
    expect(micOpen(openMic(), { pushToTalk: true, onStage: true })).toBe(true);
  });

  it('push-to-talk does not outrank a mute', () => {
    const held = { ...teacherMute(openMic(), true), talking: true };
    expect(micOpen(held, { pushToTalk: true, onStage: true })).toBe(false);
    expect(micOpen({ ...openMic(), selfMuted: true, talking: true }, ptt)).toBe(false);
  });

  it('the talk button means nothing without push-to-talk; letting go always works', () => {
    expect(talk(openMic(), true, normal)).toBe('push_to_talk_off');
    expect(talk({ ...openMic(), talking: true }, false, normal)).toEqual(openMic());
  });

  it('turning push-to-talk off lets go of every held button', () => {
    expect(pushToTalkChanged({ ...openMic(), talking: true }, false)).toEqual(openMic());
    expect(pushToTalkChanged({ ...openMic(), talking: true }, true).talking).toBe(true);
  });
});
