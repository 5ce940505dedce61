import { describe, expect, it } from 'vitest';
import { containerFor, recorderSdp } from '../../../server/recording/sdp';
import type { TappedStream } from '../../../server/recording/sdp';

const vp8: TappedStream = {
  kind: 'video',
  producerId: 'v',
  rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] },
};
const opus: TappedStream = {
  kind: 'audio',
  producerId: 'a',
  rtpParameters: {
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 100,
        clockRate: 48000,
        channels: 2,
        parameters: { useinbandfec: 1 },
      },
    ],
  },
};

describe('the SDP a recorder process reads', () => {
  it('has one section per stream, on its port, with RTCP on the next', () => {
    const sdp = recorderSdp([
      { stream: vp8, destination: { ip: '127.0.0.1', rtpPort: 20000, rtcpPort: 20001 } },
      { stream: opus, destination: { ip: '127.0.0.1', rtpPort: 20002, rtcpPort: 20003 } },
    ]);
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=Tongke recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=video 20000 RTP/AVP 101',
      'c=IN IP4 127.0.0.1',
      'a=rtcp:20001',
      'a=rtpmap:101 VP8/90000',
      'a=recvonly',
      'm=audio 20002 RTP/AVP 100',
      'c=IN IP4 127.0.0.1',
      'a=rtcp:20003',
      'a=rtpmap:100 opus/48000/2',
      'a=fmtp:100 useinbandfec=1',
      'a=recvonly',
      '',
    ]);
  });

  it('writes WebM for VP8 and Opus, Matroska for H.264', () => {
    expect(containerFor([vp8, opus])).toBe('webm');
    const h264 = {
      ...vp8,
      rtpParameters: { codecs: [{ mimeType: 'video/H264', payloadType: 107, clockRate: 90000 }] },
    };
    expect(containerFor([h264, opus])).toBe('mkv');
  });
});
