// The few RTP/RTCP wire formats the benchmark's synthetic publisher and its counting
// receivers need: a VP8 packet with a Chrome-like payload descriptor, an Opus packet, an
// RTCP sender report, and reading the unencrypted RTP header of an SRTP packet.

export const RTP_HEADER = 12;

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/** True for RTCP on an rtcp-mux port (RFC 5761: payload types 64–95 with the marker bit). */
export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 8 && packet[1]! >= 192 && packet[1]! <= 223;
}

export function writeRtpHeader(buffer: Buffer, h: RtpHeader): void {
  buffer[0] = 0x80; // V=2, no padding, no extension, no CSRC
  buffer[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  buffer.writeUInt16BE(h.sequenceNumber & 0xffff, 2);
  buffer.writeUInt32BE(h.timestamp >>> 0, 4);
  buffer.writeUInt32BE(h.ssrc >>> 0, 8);
}

/**
 * One RTP packet of a VP8 frame. The payload descriptor carries a 15-bit PictureID,
 * TL0PICIDX and TID like libwebrtc's, so mediasoup's simulcast rewriting has work to do;
 * the first packet of a key frame carries a real key-frame header (start code and size).
 */
export function vp8Packet(options: {
  header: RtpHeader;
  size: number;
  firstOfFrame: boolean;
  keyFrame: boolean;
  pictureId: number;
  tl0PicIdx: number;
  width: number;
  height: number;
}): Buffer {
  const packet = Buffer.alloc(Math.max(options.size, RTP_HEADER + 16));
  writeRtpHeader(packet, options.header);
  let o = RTP_HEADER;
  packet[o++] = 0x80 | (options.firstOfFrame ? 0x10 : 0); // X, S, PID 0
  packet[o++] = 0xe0; // I, L, T
  packet[o++] = 0x80 | ((options.pictureId >> 8) & 0x7f); // M: 15-bit PictureID
  packet[o++] = options.pictureId & 0xff;
  packet[o++] = options.tl0PicIdx & 0xff;
  packet[o++] = 0x20; // TID 0, Y 1
  if (options.firstOfFrame) {
    // VP8 frame tag: P (0 = key frame), version 0, show_frame 1, partition size.
    packet[o++] = options.keyFrame ? 0x10 : 0x11;
    packet[o++] = 0x00;
    packet[o++] = 0x00;
    if (options.keyFrame) {
      packet[o++] = 0x9d;
      packet[o++] = 0x01;
      packet[o++] = 0x2a;
      packet.writeUInt16LE(options.width & 0x3fff, o);
      packet.writeUInt16LE(options.height & 0x3fff, o + 2);
    }
  }
  return packet;
}

export function opusPacket(header: RtpHeader, size: number): Buffer {
  const packet = Buffer.alloc(Math.max(size, RTP_HEADER + 3));
  writeRtpHeader(packet, header);
  packet[RTP_HEADER] = 0xfc; // TOC: CELT FB 20 ms, one frame
  return packet;
}

/** RTCP sender report without report blocks (what lets mediasoup switch simulcast layers). */
export function senderReport(options: {
  ssrc: number;
  ntpMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}): Buffer {
  const packet = Buffer.alloc(28);
  packet[0] = 0x80;
  packet[1] = 200;
  packet.writeUInt16BE(6, 2);
  packet.writeUInt32BE(options.ssrc >>> 0, 4);
  const seconds = Math.floor(options.ntpMs / 1000) + 2_208_988_800;
  const fraction = Math.floor(((options.ntpMs % 1000) / 1000) * 0x1_0000_0000);
  packet.writeUInt32BE(seconds >>> 0, 8);
  packet.writeUInt32BE(fraction >>> 0, 12);
  packet.writeUInt32BE(options.rtpTimestamp >>> 0, 16);
  packet.writeUInt32BE(options.packetCount >>> 0, 20);
  packet.writeUInt32BE(options.octetCount >>> 0, 24);
  return packet;
}

/**
 * Media SSRCs that a compound RTCP packet asks a key frame for (PLI, FMT 1, or FIR,
 * FMT 4, of payload-specific feedback, PT 206).
 */
export function keyFrameRequests(packet: Buffer): number[] {
  const ssrcs: number[] = [];
  let o = 0;
  while (o + 4 <= packet.length) {
    const fmt = packet[o]! & 0x1f;
    const pt = packet[o + 1]!;
    const length = (packet.readUInt16BE(o + 2) + 1) * 4;
    if (length < 4 || o + length > packet.length) break;
    if (pt === 206 && fmt === 1 && length >= 12) ssrcs.push(packet.readUInt32BE(o + 8));
    if (pt === 206 && fmt === 4) {
      for (let f = o + 12; f + 8 <= o + length; f += 8) ssrcs.push(packet.readUInt32BE(f));
    }
    o += length;
  }
  return ssrcs;
}

/** Extends 16-bit sequence numbers into a monotonic counter across wrap-arounds. */
export function extendSequence(highest: number, seq: number): number {
  if (highest < 0) return seq;
  const base = highest - (highest & 0xffff);
  let candidate = base + seq;
  if (candidate < highest - 32768) candidate += 65536;
  else if (candidate > highest + 32768) candidate -= 65536;
  return candidate;
}
