// The room's controls, one small function per request: the projector layout, the
// teacher's mute for everyone, push-to-talk, and a classroom's own microphone. The rules
// and refusals are the room's (server/live/layout, server/live/mic). handlers.ts takes
// this table into the /live one (import that, not this file, first: they import each other).
import type { RoomControlReplies } from '../../shared/signaling/roomControls';
import { joined, type Handler } from './handlers';

export const roomControlHandlers: { [N in keyof RoomControlReplies]: Handler<N> } = {
  async setLayout(ctx, p) {
    const { room, participant } = joined(ctx);
    return room.layout.choose(participant, p.layout);
  },

  async muteClassroom(ctx, p) {
    const { room, participant } = joined(ctx);
    return room.mics.teacherMute(participant, p.peerId, p.muted);
  },

  async setPushToTalk(ctx, p) {
    const { room, participant } = joined(ctx);
    return { pushToTalk: await room.mics.setPushToTalk(participant, p.on) };
  },

  async muteMic(ctx, p) {
    const { room, participant } = joined(ctx);
    return room.mics.selfMute(participant, p.muted);
  },

  async talk(ctx, p) {
    const { room, participant } = joined(ctx);
    return room.mics.talk(participant, p.talking);
  },
};
