// The teacher's stream set the benchmarks relay: what a core-school teacher publishes in a
// lesson (shared/signaling/events.ts teacherCameraEncodings: three simulcast layers, plus a
// courseware screen share and the microphone), as a synthetic RTP source sends it.

export type Source = 'camera' | 'screen' | 'mic';

export interface StreamSpec {
  ssrc: number;
  kind: 'audio' | 'video';
  payloadType: number;
  /** average bits per second the generator sends */
  bitrate: number;
  /** frames (video) or packets (audio) per second */
  rate: number;
  width: number;
  height: number;
}

/** One producer: its source, its RTP parameters for mediasoup, and the streams it sends. */
export interface ProducerSpec {
  source: Source;
  kind: 'audio' | 'video';
  streams: StreamSpec[];
  /** mediasoup RtpSendParameters, kept as plain JSON so child processes can share it */
  rtpParameters: {
    codecs: {
      mimeType: string;
      payloadType: number;
      clockRate: number;
      channels?: number;
      parameters?: Record<string, number | string>;
      rtcpFeedback?: { type: string; parameter?: string }[];
    }[];
    encodings: { ssrc: number; maxBitrate?: number }[];
    rtcp: { cname: string };
  };
}

export const VP8_PT = 96;
export const OPUS_PT = 111;

const videoFeedback = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
];

/** Camera layers as the teacher's browser sends them (scale 4/2/1 of 1280×720). */
export const cameraLayers = [
  { width: 320, height: 180, bitrate: 150_000 },
  { width: 640, height: 360, bitrate: 500_000 },
  { width: 1280, height: 720, bitrate: 1_500_000 },
];
export const screenShare = { width: 1280, height: 720, fps: 5, bitrate: 400_000 };
export const microphone = { bitrate: 40_000, packetsPerSecond: 50 };

/** The teacher's three producers; `base` keeps SSRCs of several sets apart. */
export function teacherStreamSet(base: number): ProducerSpec[] {
  const cname = `teacher-${base}`;
  const camera: StreamSpec[] = cameraLayers.map((l, i) => ({
    ssrc: base + i,
    kind: 'video',
    payloadType: VP8_PT,
    bitrate: l.bitrate,
    rate: 30,
    width: l.width,
    height: l.height,
  }));
  const vp8 = {
    mimeType: 'video/VP8',
    payloadType: VP8_PT,
    clockRate: 90000,
    rtcpFeedback: videoFeedback,
  };
  return [
    {
      source: 'camera',
      kind: 'video',
      streams: camera,
      rtpParameters: {
        codecs: [vp8],
        encodings: camera.map((s) => ({ ssrc: s.ssrc, maxBitrate: s.bitrate })),
        rtcp: { cname },
      },
    },
    {
      source: 'screen',
      kind: 'video',
      streams: [
        {
          ssrc: base + 10,
          kind: 'video',
          payloadType: VP8_PT,
          bitrate: screenShare.bitrate,
          rate: screenShare.fps,
          width: screenShare.width,
          height: screenShare.height,
        },
      ],
      rtpParameters: { codecs: [vp8], encodings: [{ ssrc: base + 10 }], rtcp: { cname } },
    },
    {
      source: 'mic',
      kind: 'audio',
      streams: [
        {
          ssrc: base + 20,
          kind: 'audio',
          payloadType: OPUS_PT,
          bitrate: microphone.bitrate,
          rate: microphone.packetsPerSecond,
          width: 0,
          height: 0,
        },
      ],
      rtpParameters: {
        codecs: [
          {
            mimeType: 'audio/opus',
            payloadType: OPUS_PT,
            clockRate: 48000,
            channels: 2,
            parameters: { useinbandfec: 1 },
          },
        ],
        encodings: [{ ssrc: base + 20 }],
        rtcp: { cname },
      },
    },
  ];
}
