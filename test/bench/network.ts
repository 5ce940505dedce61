// `npm run bench:network`: a member classroom behind each link profile (network namespace,
// tbf, nftables loss; test/helpers/thinLink.ts), with the layer policy off (mediasoup's own
// estimate and the tile's wish: the "before") and on, side by side. Per run: time to the
// first frame, seconds without a new frame per minute, layer switches per minute, audio
// concealment (and an open-link classroom's at the same time: the Node peers' audio
// stalls on a loaded machine), audio delay during the profile and 10 s after the link is
// opened again. Writes bench/results/network.json. NETWORK_SECONDS sets each window (20);
// NETWORK_PROFILES (names, comma-separated) and NETWORK_POLICY (on|off) run a part.
import '../../server/media/workerBinary';
import { mkdir, writeFile } from 'node:fs/promises';
import { networkWorld } from './networkWorld';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import type { LinkProfile } from '../helpers/thinLink';

const profiles: LinkProfile[] = [
  { name: 'open' },
  { name: '1.5 Mbit/s', rateKbit: 1500 },
  { name: '600 kbit/s', rateKbit: 600 },
  { name: '10 % loss', lossPct: 10 },
  { name: '600 kbit/s + 5 % loss', rateKbit: 600, lossPct: 5 },
];

const seconds = Number(process.env.NETWORK_SECONDS ?? 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor(s.length / 2)]!;
};

async function audioCounters(peer: LivePeer) {
  for (const s of await peer.client.receiveStats()) {
    const r = s as Record<string, unknown>;
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      return {
        concealed: Number(r.concealedSamples ?? 0),
        total: Number(r.totalSamplesReceived ?? 0),
      };
    }
  }
  return { concealed: 0, total: 0 };
}

async function runOne(profile: LinkProfile, policy: 'on' | 'off') {
  const world = await networkWorld({ policy, profile });
  let control: LivePeer | undefined;
  try {
    const room = world.server.tongke.rooms.all[0]!;
    control = await livePeer(world.server.url, {
      roomId: room.id,
      roomCode: 'thinlink1',
      displayName: 'control',
      role: 'classroom',
    });
    const teacherId = world.teacher.client.session!.peerId;
    const camera = await control.waitForTrack(teacherId, 'camera');
    await control.client.setConsumerPrefs(camera.remote.consumerId, { visible: false });
    const before = await audioCounters(control);
    await sleep(seconds * 1000);
    const during = await world.classroom.call('figures');
    const after = await audioCounters(control);
    // The link recovers: is the voice back on time within 10 s?
    world.link.shape({ name: 'open' });
    await world.classroom.call('mark');
    await sleep(10_000);
    const recovered = await world.classroom.call('figures');
    const perMinute = 60 / during.seconds;
    return {
      profile: profile.name,
      policy,
      firstFrameMs: round(during.firstFrameMs, 0),
      frozenSecondsPerMinute: round((during.frozenMs / 1000) * perMinute),
      longestGapMs: round(during.longestGapMs, 0),
      layerSwitchesPerMinute: round(during.layerSwitches * perMinute),
      widths: during.widths,
      concealedPct: round(during.concealedPct, 2),
      worstSecondConcealedPct: round(during.worstConcealedPct),
      controlConcealedPct: round(
        ((after.concealed - before.concealed) / Math.max(1, after.total - before.total)) * 100,
        2,
      ),
      audioDelayMedianMs: round(median(during.audioDelayMs), 0),
      audioDelayAfterRecoveryMs: round(recovered.audioDelayMs.at(-1), 0),
      notices: during.notices.map(
        (n) => `${n.level}${n.poor ? ' poor' : ''}${n.reason ? ` ${n.reason}` : ''}`,
      ),
    };
  } finally {
    await control?.stop().catch(() => undefined);
    await world.close();
  }
}

const only = process.env.NETWORK_PROFILES?.split(',');
const results = [];
for (const profile of profiles) {
  if (only && !only.includes(profile.name)) continue;
  for (const policy of ['off', 'on'] as const) {
    if (process.env.NETWORK_POLICY && process.env.NETWORK_POLICY !== policy) continue;
    const r = await runOne(profile, policy);
    console.log(JSON.stringify(r));
    results.push(r);
  }
}
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/network.json',
  `${JSON.stringify({ at: new Date().toISOString(), seconds, results }, null, 2)}\n`,
);
console.log('bench:network: wrote bench/results/network.json');
process.exit(0);
