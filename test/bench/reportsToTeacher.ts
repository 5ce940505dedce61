// What loss the teacher's own Opus encoder is told when a classroom's downlink loses
// packets and the teacher's uplink does not. mediasoup puts the worst consumer's fraction
// lost into the receiver reports it sends an Opus producer whose codec says useinbandfec=1
// (RtpStreamRecv::GetRtcpReceiverReport), and libwebrtc sets its encoder's expected loss
// (so its FEC) from those reports. Measured from the teacher's side: a wrtc teacher
// publishing its mic, and its send connection's `remote-inbound-rtp` fractionLost.
import { networkWorld } from './networkWorld';
import type { LinkProfile } from '../helpers/thinLink';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every RTCPeerConnection this process makes from now on (the teacher's among them). */
function recordPeerConnections(): RTCPeerConnection[] {
  const made: RTCPeerConnection[] = [];
  const g = globalThis as unknown as { RTCPeerConnection: typeof RTCPeerConnection };
  g.RTCPeerConnection = new Proxy(g.RTCPeerConnection, {
    construct(target, args: ConstructorParameters<typeof RTCPeerConnection>) {
      const pc = new target(...args);
      made.push(pc);
      return pc;
    },
  });
  return made;
}

let made: RTCPeerConnection[] | undefined;

/** One receiver report mediasoup sent the teacher's mic: when it arrived and what it said. */
export interface ReportToTeacher {
  receivedAt: number;
  fractionLostPct: number;
}

/**
 * The receiver reports the teacher's mic sender got, each once, until `count` have come or
 * `timeoutMs` passed. Audio reports come about every 5 s each way (libwebrtc's and
 * mediasoup's audio RTCP interval), so the first one or two go out before the classroom's
 * own report has reached mediasoup and say 0: a caller reads the later ones. Sampling
 * getStats by the second instead would count one report five times, and how many of the
 * early zeros fall in a window depends on how loaded the machine is.
 */
export async function reportsToTeacher(
  profile: LinkProfile,
  count: number,
  timeoutMs = 60_000,
): Promise<ReportToTeacher[]> {
  made ??= recordPeerConnections();
  const from = made.length;
  const world = await networkWorld({ policy: 'on', profile, classroomMic: false });
  try {
    const mine = made.slice(from);
    const reports = new Map<string, ReportToTeacher>();
    const deadline = Date.now() + timeoutMs;
    while (reports.size < count && Date.now() < deadline) {
      await sleep(500);
      for (const pc of mine) {
        // (mediasoup-client's capability probes are closed at once)
        const stats = await pc.getStats().catch(() => new Map());
        for (const s of stats.values()) {
          const r = s as Record<string, unknown>;
          if (r.type !== 'remote-inbound-rtp' || r.kind !== 'audio') continue;
          // the stat's timestamp is the report's arrival: one key per report
          const key = `${String(r.ssrc)}@${String(r.timestamp)}`;
          if (!reports.has(key)) {
            reports.set(key, {
              receivedAt: Number(r.timestamp),
              fractionLostPct: Math.round(Number(r.fractionLost ?? 0) * 1000) / 10,
            });
          }
        }
      }
    }
    return [...reports.values()].sort((a, b) => a.receivedAt - b.receivedAt);
  } finally {
    await world.close();
  }
}
