// The WebRTC/mediasoup parameter shapes that cross the socket. They are checked for
// structure and size here; mediasoup checks their meaning again and refuses with a
// TypeError, which the server turns into an error ack.
import { Type, type Static } from '@sinclair/typebox';

const Str = (max = 256) => Type.String({ maxLength: max });
const Params = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([Type.String({ maxLength: 256 }), Type.Number()]),
);

const RtcpFeedback = Type.Object({ type: Str(64), parameter: Type.Optional(Str(64)) });

const RtpCodecParameters = Type.Object({
  mimeType: Str(64),
  payloadType: Type.Integer({ minimum: 0, maximum: 127 }),
  clockRate: Type.Integer({ minimum: 1 }),
  channels: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
  parameters: Type.Optional(Params),
  rtcpFeedback: Type.Optional(Type.Array(RtcpFeedback, { maxItems: 32 })),
});

const RtpEncodingParameters = Type.Object({
  ssrc: Type.Optional(Type.Integer({ minimum: 0 })),
  rid: Type.Optional(Str(32)),
  codecPayloadType: Type.Optional(Type.Integer()),
  rtx: Type.Optional(Type.Object({ ssrc: Type.Integer({ minimum: 0 }) })),
  dtx: Type.Optional(Type.Boolean()),
  scalabilityMode: Type.Optional(Str(16)),
  scaleResolutionDownBy: Type.Optional(Type.Number({ minimum: 1 })),
  maxBitrate: Type.Optional(Type.Number({ minimum: 0 })),
  maxFramerate: Type.Optional(Type.Number({ minimum: 0 })),
  adaptivePtime: Type.Optional(Type.Boolean()),
  priority: Type.Optional(Str(16)),
  networkPriority: Type.Optional(Str(16)),
  active: Type.Optional(Type.Boolean()),
});

const RtpHeaderExtensionParameters = Type.Object({
  uri: Str(256),
  id: Type.Integer({ minimum: 1, maximum: 255 }),
  encrypt: Type.Optional(Type.Boolean()),
  parameters: Type.Optional(Params),
});

export const RtpParameters = Type.Object({
  mid: Type.Optional(Str(32)),
  codecs: Type.Array(RtpCodecParameters, { minItems: 1, maxItems: 32 }),
  headerExtensions: Type.Optional(Type.Array(RtpHeaderExtensionParameters, { maxItems: 32 })),
  encodings: Type.Optional(Type.Array(RtpEncodingParameters, { maxItems: 8 })),
  rtcp: Type.Optional(
    Type.Object({
      cname: Type.Optional(Str(256)),
      reducedSize: Type.Optional(Type.Boolean()),
      mux: Type.Optional(Type.Boolean()),
    }),
  ),
  msid: Type.Optional(Str(256)),
});
export type RtpParameters = Static<typeof RtpParameters>;

const RtpCodecCapability = Type.Object({
  kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
  mimeType: Str(64),
  preferredPayloadType: Type.Optional(Type.Integer({ minimum: 0, maximum: 127 })),
  clockRate: Type.Integer({ minimum: 1 }),
  channels: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
  parameters: Type.Optional(Params),
  rtcpFeedback: Type.Optional(Type.Array(RtcpFeedback, { maxItems: 32 })),
});

const RtpHeaderExtension = Type.Object({
  kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
  uri: Str(256),
  preferredId: Type.Integer({ minimum: 1, maximum: 255 }),
  preferredEncrypt: Type.Optional(Type.Boolean()),
  direction: Type.Optional(Str(16)),
});

export const RtpCapabilities = Type.Object({
  codecs: Type.Optional(Type.Array(RtpCodecCapability, { maxItems: 64 })),
  headerExtensions: Type.Optional(Type.Array(RtpHeaderExtension, { maxItems: 64 })),
});
export type RtpCapabilities = Static<typeof RtpCapabilities>;

export const DtlsParameters = Type.Object({
  role: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('client'), Type.Literal('server')]),
  ),
  fingerprints: Type.Array(Type.Object({ algorithm: Str(16), value: Str(256) }), {
    minItems: 1,
    maxItems: 8,
  }),
});
export type DtlsParameters = Static<typeof DtlsParameters>;

export interface IceParameters {
  usernameFragment: string;
  password: string;
  iceLite?: boolean;
}

export interface IceCandidate {
  foundation: string;
  priority: number;
  address: string;
  ip?: string;
  protocol: 'udp' | 'tcp';
  port: number;
  type: 'host' | 'srflx' | 'prflx' | 'relay';
  tcpType?: 'passive' | 'active' | 'so';
}

/** What a client needs to build its side of a transport. */
export interface TransportOptions {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: {
    role?: 'auto' | 'client' | 'server';
    fingerprints: { algorithm: string; value: string }[];
  };
}
