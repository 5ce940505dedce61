import type { TeacherVideoSample } from '../../shared/lessons';
import type { PeerQuality } from '../../shared/signaling/events';
import type { MediaPeer } from './MediaPeer';
import type { ReceptionQuality } from '../../shared/signaling/reception';
import { gradeReception } from '../live/layers/receptionGrade';

/** A participant's connection quality, as the teacher's screen and attendance get it. */
export type PeerStats = Omit<PeerQuality, 'peerId'>;

/**
 * One peer's connection quality from the worker's own counters: a handful of requests per
 * peer, called at most once a second by the room's sampler. Nothing here runs per packet.
 */
export async function samplePeerStats(peer: MediaPeer): Promise<PeerStats> {
  let recvBitrate = 0;
  let sendBitrate = 0;
  for (const transport of peer.transports.values()) {
    const [stats] = await transport.getStats().catch(() => []);
    if (!stats) continue;
    recvBitrate += stats.recvBitrate;
    sendBitrate += stats.sendBitrate;
  }
  let lost = 0;
  let received = 0;
  let score = 10;
  let rtt: number | null = null;
  let frozen = false;
  let recvVideoBitrate = 0;
  for (const producer of peer.producers.values()) {
    const streams = await producer.getStats().catch(() => []);
    if (producer.kind === 'video' && !producer.paused && streams.length > 0) {
      frozen ||= streams.every((s) => s.bitrate === 0);
    }
    if (producer.kind === 'video') for (const s of streams) recvVideoBitrate += s.bitrate;
    for (const s of streams) {
      // fractionLost is RTCP's 8-bit fraction of the last report interval.
      lost += (s.fractionLost / 256) * s.packetCount;
      received += s.packetCount;
      score = Math.min(score, s.score);
      if (s.roundTripTime) rtt = Math.max(rtt ?? 0, s.roundTripTime);
    }
  }
  // RTT towards the peer, and what it lost of what we sent, from one of its consumers'
  // RTCP receiver reports.
  const consumer = [...peer.consumers.values()].find((c) => !c.paused && c.kind === 'video');
  let downRtt: number | null = null;
  let downLoss = 0;
  if (consumer) {
    const stats = await consumer.getStats().catch(() => []);
    for (const s of stats) {
      if (s.type !== 'outbound-rtp') continue;
      if (s.roundTripTime) rtt = downRtt = s.roundTripTime;
      downLoss = Math.max(downLoss, s.fractionLost / 256);
    }
  }
  let receivedLayer: number | null = null;
  for (const c of peer.consumers.values()) {
    const layer = c.currentLayers?.spatialLayer;
    if (layer !== undefined) receivedLayer = Math.max(receivedLayer ?? 0, layer);
  }
  const reception = receptionOf(peer, receivedLayer, downLoss, downRtt);
  return {
    ...(reception ? { reception } : {}),
    frozen,
    receivedLayer,
    recvBitrate,
    recvVideoBitrate,
    sendBitrate,
    rttMs: rtt === null ? null : Math.round(rtt),
    lossFraction: received > 0 ? lost / received : 0,
    score,
  };
}

/** What the peer receives of its video consumers, graded; undefined when it receives none. */
function receptionOf(
  peer: MediaPeer,
  receivedLayer: number | null,
  lossFraction: number,
  rttMs: number | null,
): ReceptionQuality | undefined {
  // A tile its screen hides is not reception: only what it shows is graded.
  const videos = peer.receiving().filter((t) => t.kind === 'video' && !t.closed && !t.roomPaused);
  if (videos.length === 0) return undefined;
  const link = peer.link?.state;
  const paused = link?.poor ?? false;
  const layered = videos.filter((t) => t.type === 'simulcast' || t.type === 'svc');
  const maxLayer = link
    ? link.maxLevel
    : layered.length > 0
      ? Math.max(...layered.map((t) => t.wish))
      : null;
  const decoded = peer.received.look(Date.now());
  return gradeReception({
    paused,
    // Without a policy nothing says why the layer is lower: it counts as held down.
    heldDown: link ? link.reason !== null : true,
    layer: paused ? -1 : receivedLayer,
    maxLayer: layered.length > 0 ? maxLayer : null,
    fps: decoded ? Math.round(decoded.fps * 10) / 10 : null,
    freezes: decoded?.freezes ?? null,
    lossPct: Math.round(lossFraction * 1000) / 10,
    rttMs: rttMs === null ? null : Math.round(rttMs),
  });
}

/**
 * What the peer got of the teacher's camera since the previous sample: what the server
 * forwarded (its consumers of `producerIds`, one stats request each) and what the peer's
 * browser reported it decoded. The caller says which producers are the teacher's camera.
 */
export async function sampleTeacherVideo(
  peer: MediaPeer,
  producerIds: ReadonlySet<string>,
): Promise<TeacherVideoSample> {
  const consumers = [...peer.consumers.values()].filter((c) => producerIds.has(c.producerId));
  let bitrate = 0;
  for (const consumer of consumers) {
    if (consumer.paused) continue;
    const stats = await consumer.getStats().catch(() => []);
    for (const s of stats) if (s.type === 'outbound-rtp') bitrate += s.bitrate;
  }
  const decoded = peer.received.take(consumers.map((c) => c.id));
  return {
    forwardedKbps: Math.round(bitrate / 1000),
    paused: consumers.length > 0 && consumers.every((c) => c.paused),
    ...(decoded ? { framesDecoded: decoded.framesDecoded } : {}),
    ...(decoded?.freezes !== undefined ? { freezes: decoded.freezes } : {}),
  };
}
