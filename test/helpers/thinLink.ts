// A classroom's thin, lossy link, for real: a network namespace joined to the host by a
// veth pair, `tbf` limiting the rate each way, nftables dropping UDP at random in the
// namespace (the kernel here has no netem). A process run in the namespace (`ip netns exec`,
// see test/bench/child.ts) reaches the server only through it. Names and the /30 subnet
// carry a random suffix so parallel runs do not meet; `close()` removes it all. Needs root,
// `ip`, `tc` and `nft`.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

export interface LinkProfile {
  name: string;
  /** the rate each way, kbit/s; undefined: not limited */
  rateKbit?: number;
  /** UDP packets dropped at random each way, % */
  lossPct?: number;
}

export interface ThinLink {
  readonly ns: string;
  /** the server listens and announces itself here */
  readonly hostIp: string;
  /** the classroom's address inside the namespace */
  readonly peerIp: string;
  shape(profile: LinkProfile): void;
  close(): void;
}

const run = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'pipe'] });

const quietly = (f: () => void) => {
  try {
    f();
  } catch {
    // already gone
  }
};

export function thinLink(): ThinLink {
  const suffix = randomBytes(3).toString('hex');
  const ns = `tk-${suffix}`;
  const host = `tkh${suffix}`;
  const peer = `tkc${suffix}`;
  const base = `10.${200 + randomInt(50)}.${randomInt(256)}`;
  const last = 4 * randomInt(64);
  const hostIp = `${base}.${last + 1}`;
  const peerIp = `${base}.${last + 2}`;
  const inNs = (cmd: string, args: string[], input?: string) =>
    run('ip', ['netns', 'exec', ns, cmd, ...args], input);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    quietly(() => run('ip', ['link', 'del', host]));
    quietly(() => run('ip', ['netns', 'del', ns]));
  };
  try {
    run('ip', ['netns', 'add', ns]);
    run('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
    run('ip', ['link', 'set', peer, 'netns', ns]);
    run('ip', ['addr', 'add', `${hostIp}/30`, 'dev', host]);
    run('ip', ['link', 'set', host, 'up']);
    run('ip', ['-n', ns, 'addr', 'add', `${peerIp}/30`, 'dev', peer]);
    run('ip', ['-n', ns, 'link', 'set', peer, 'up']);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    close();
    throw error;
  }

  const rate = (dev: string, inside: boolean, kbit: number | undefined) => {
    const tc = inside ? (a: string[]) => inNs('tc', a) : (a: string[]) => run('tc', a);
    quietly(() => tc(['qdisc', 'del', 'dev', dev, 'root']));
    // A CPE's buffer: ~150 ms of queue at the line rate before it drops.
    if (kbit !== undefined) {
      tc(
        ['qdisc', 'add', 'dev', dev, 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '16kb'].concat([
          'latency',
          '150ms',
        ]),
      );
    }
  };
  const loss = (pct: number | undefined) => {
    quietly(() => inNs('nft', ['delete', 'table', 'inet', 'tongke_thin']));
    if (!pct) return;
    const drop = `meta l4proto udp numgen random mod 100 < ${pct} drop`;
    inNs(
      'nft',
      ['-f', '-'],
      `table inet tongke_thin {
  chain in { type filter hook input priority 0; ${drop}; }
  chain out { type filter hook output priority 0; ${drop}; }
}`,
    );
  };

  return {
    ns,
    hostIp,
    peerIp,
    shape(profile) {
      rate(host, false, profile.rateKbit); // the classroom's downlink
      rate(peer, true, profile.rateKbit); // …and its uplink
      loss(profile.lossPct);
    },
    close,
  };
}
