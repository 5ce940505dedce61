// What a participant's downlink carries, as the server's layer policy judged it (server/
// live/layers/linkPolicy.ts): sent to that participant on every change, so a classroom
// whose link cannot hold even the teacher's 180p shows "网络较差" over her still picture
// instead of a frozen one. Its voice goes on (audio is never paused by the policy).
import { Type, type Static } from '@sinclair/typebox';

export const ReceptionReason = Type.Union([
  Type.Literal('bandwidth'),
  Type.Literal('loss'),
  Type.Null(),
]);

export const ReceptionNotice = Type.Object({
  /** cameras paused: the link cannot carry their lowest layer */
  poor: Type.Boolean(),
  /** why the picture is below what the screen asks for; null: it is not */
  reason: ReceptionReason,
  /** the simulcast layer the link carries now; -1: cameras paused */
  level: Type.Integer({ minimum: -1, maximum: 3 }),
  /** the layer the screen asks for */
  maxLevel: Type.Integer({ minimum: 0, maximum: 3 }),
});
export type ReceptionNotice = Static<typeof ReceptionNotice>;
