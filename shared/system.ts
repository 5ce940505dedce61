import { Type, type Static } from '@sinclair/typebox';

/** `GET /health`: enough for a monitor and for a person checking an install. */
export const HealthReply = Type.Object({
  status: Type.Literal('ok'),
  workers: Type.Integer({ description: 'live mediasoup workers' }),
  store: Type.Union([Type.Literal('sqlite'), Type.Literal('redis')]),
  uptimeSeconds: Type.Number(),
});
export type HealthReply = Static<typeof HealthReply>;
