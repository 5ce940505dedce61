import type { RtpCapabilities } from '../../shared/signaling/rtp';

/**
 * What a recorder receives: the room's codecs without RTX and without feedback. A
 * recorder retransmits nothing and sends no NACK or congestion feedback, and an RTX
 * stream it does not know would only confuse it.
 */
export function recorderCapabilities(caps: RtpCapabilities): RtpCapabilities {
  return {
    codecs: (caps.codecs ?? [])
      .filter((c) => !/\/rtx$/i.test(c.mimeType))
      .map((c) => ({ ...c, rtcpFeedback: [] })),
    headerExtensions: (caps.headerExtensions ?? []).filter((h) =>
      /abs-send-time|ssrc-audio-level/.test(h.uri),
    ),
  };
}
