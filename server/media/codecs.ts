import type { RouterRtpCodecCapability } from 'mediasoup/types';

/**
 * The codecs every live room's router offers. VP8 first: it is the one codec every peer
 * we meet has (classroom Chrome/Edge, teacher browsers, and the Node test peers, which
 * have no H264). Opus with in-band FEC because rural uplinks lose packets.
 */
export const mediaCodecs: RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1000,
    },
  },
];
