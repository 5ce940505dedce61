// What a participant's downlink carries, as the server's layer policy judged it (server/
// live/layers/linkPolicy.ts): sent to that participant on every change, so a classroom
// whose link cannot hold even the teacher's 180p shows "网络较差" over her still picture
// instead of a frozen one. Its voice goes on (audio is never paused by the policy).
import { Type, type Static } from '@sinclair/typebox';

export const ReceptionReason = Type.Union([
  Type.Literal('bandwidth'),
  Type.Literal('loss'),
  /** the link's queue grows (round-trip time well above its lowest) */
  Type.Literal('delay'),
  /** the school's downlink budget set by its coordinator (not the network) */
  Type.Literal('cap'),
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

/** Why a classroom's reception is not good, most telling first. */
export const ReceptionIssue = Type.Union([
  /** its link cannot carry the teacher's lowest layer: her picture is paused */
  Type.Literal('video_paused'),
  /** it gets a lower layer than its screen asks for */
  Type.Literal('low_layer'),
  Type.Literal('freezes'),
  Type.Literal('low_fps'),
  Type.Literal('loss'),
  Type.Literal('delay'),
]);
export type ReceptionIssue = Static<typeof ReceptionIssue>;

/** What a participant receives, beside what it sends (PeerQuality.reception). */
export const ReceptionQuality = Type.Object({
  grade: Type.Union([Type.Literal('good'), Type.Literal('fair'), Type.Literal('poor')]),
  issues: Type.Array(ReceptionIssue, { maxItems: 6 }),
  /** the layer it gets of the teacher's camera (-1: paused by the link); null: none */
  layer: Type.Union([Type.Integer({ minimum: -1, maximum: 3 }), Type.Null()]),
  maxLayer: Type.Union([Type.Integer({ minimum: 0, maximum: 3 }), Type.Null()]),
  /** frames a second its browser decoded; null: it did not report */
  fps: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** freezes its browser counted since the last sample; null: not counted */
  freezes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** % of what the server sent it that was lost on the way */
  lossPct: Type.Number({ minimum: 0 }),
  rttMs: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
});
export type ReceptionQuality = Static<typeof ReceptionQuality>;
