// What a relaying node and a recorder agent (server/recorderAgent) say to each other: the
// node asks for where to send a segment's streams, then for the recorder to start on them,
// waits for it to exit, and asks it to stop. The agent writes into storage both share.
import { Type, type Static } from '@sinclair/typebox';
import { RtpParameters } from './signaling/rtp';

/** A segment's name, and a recording's folder (server/recording/Recordings.ts
 * recordingFolder): no path separators, nothing hidden. */
const Name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' });
const Folder = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$' });

export const ReserveBody = Type.Object(
  { streams: Type.Integer({ minimum: 1, maximum: 8 }) },
  { additionalProperties: false },
);
export type ReserveBody = Static<typeof ReserveBody>;

export const AgentDestination = Type.Object({
  ip: Type.String(),
  rtpPort: Type.Integer(),
  rtcpPort: Type.Integer(),
});

export const ReserveReply = Type.Object({
  id: Type.String(),
  destinations: Type.Array(AgentDestination),
});
export type ReserveReply = Static<typeof ReserveReply>;

export const AgentStream = Type.Object(
  {
    kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
    producerId: Type.String({ minLength: 1, maxLength: 128 }),
    rtpParameters: RtpParameters,
  },
  { additionalProperties: false },
);

/** Start recording the reserved destinations' streams into `folder/segment.<container>`. */
export const StartBody = Type.Object(
  {
    folder: Folder,
    segment: Name,
    streams: Type.Array(AgentStream, { minItems: 1, maxItems: 8 }),
  },
  { additionalProperties: false },
);
export type StartBody = Static<typeof StartBody>;

export const StartReply = Type.Object({
  /** the file written, relative to the shared recording folder */
  file: Type.String(),
  pid: Type.Optional(Type.Integer()),
});
export type StartReply = Static<typeof StartReply>;

export const RecorderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type RecorderParams = Static<typeof RecorderParams>;

export const ExitQuery = Type.Object(
  { waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })) },
  { additionalProperties: false },
);
export type ExitQuery = Static<typeof ExitQuery>;

/** How a recorder ended; `running` while it has not (the wait ran out). */
export const ExitReply = Type.Union([
  Type.Object({ running: Type.Literal(true) }),
  Type.Object({
    running: Type.Literal(false),
    code: Type.Union([Type.Integer(), Type.Null()]),
    signal: Type.Union([Type.String(), Type.Null()]),
    asked: Type.Boolean(),
    stderr: Type.String(),
  }),
]);
export type ExitReply = Static<typeof ExitReply>;
