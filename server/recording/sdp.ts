// The SDP that tells the recorder process (ffmpeg) what arrives on which port: one media
// section per tapped stream, RTCP on its own port so sender reports line the streams up.
import type { RtpParameters } from '../../shared/signaling/rtp';

/** Where a recorder process listens: RTP on `rtpPort`, RTCP on `rtcpPort`, loopback. */
export interface RtpDestination {
  ip: string;
  rtpPort: number;
  rtcpPort: number;
}

/** What a recorder must know of one tapped stream to describe it. */
export interface TappedStream {
  kind: 'audio' | 'video';
  producerId: string;
  rtpParameters: RtpParameters;
}

export function recorderSdp(
  streams: { stream: TappedStream; destination: RtpDestination }[],
  sessionName = 'Tongke recording',
): string {
  const ip = streams[0]?.destination.ip ?? '127.0.0.1';
  const lines = ['v=0', `o=- 0 0 IN IP4 ${ip}`, `s=${sessionName}`, `c=IN IP4 ${ip}`, 't=0 0'];
  for (const { stream, destination } of streams) {
    const codec = stream.rtpParameters.codecs[0];
    if (!codec) throw new Error(`stream of ${stream.producerId} has no codec`);
    const name = codec.mimeType.split('/')[1] ?? codec.mimeType;
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
    lines.push(`m=${stream.kind} ${destination.rtpPort} RTP/AVP ${codec.payloadType}`);
    lines.push(`c=IN IP4 ${destination.ip}`);
    lines.push(`a=rtcp:${destination.rtcpPort}`);
    lines.push(`a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`);
    const fmtp = Object.entries(codec.parameters ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(';');
    if (fmtp) lines.push(`a=fmtp:${codec.payloadType} ${fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The container the codecs fit: WebM for VP8/VP9/AV1/Opus (browsers play it), else Matroska. */
export function containerFor(streams: TappedStream[]): 'webm' | 'mkv' {
  const webm = /^(video\/(vp8|vp9|av1)|audio\/opus)$/i;
  return streams.every((s) => webm.test(s.rtpParameters.codecs[0]?.mimeType ?? ''))
    ? 'webm'
    : 'mkv';
}
