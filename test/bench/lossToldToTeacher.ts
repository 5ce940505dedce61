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

/** fractionLost (%) the teacher's mic sender got reported, second by second. */
export async function lossToldToTeacher(profile: LinkProfile, seconds: number): Promise<number[]> {
  made ??= recordPeerConnections();
  const from = made.length;
  const world = await networkWorld({ policy: 'on', profile, classroomMic: false });
  try {
    const mine = made.slice(from);
    const told: number[] = [];
    await sleep(3000);
    for (let i = 0; i < seconds; i++) {
      await sleep(1000);
      for (const pc of mine) {
        // (mediasoup-client's capability probes are closed at once)
        const stats = await pc.getStats().catch(() => new Map());
        for (const s of stats.values()) {
          const r = s as Record<string, unknown>;
          if (r.type === 'remote-inbound-rtp' && r.kind === 'audio') {
            told.push(Math.round(Number(r.fractionLost ?? 0) * 1000) / 10);
          }
        }
      }
    }
    return told;
  } finally {
    await world.close();
  }
}
