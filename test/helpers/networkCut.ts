// Cuts a port on loopback with nftables, as a classroom's uplink dropping out would, and
// restores it. Needs root and `nft` (apt-get install nftables; .ci/run installs it).
import { execFileSync } from 'node:child_process';

export interface NetworkCut {
  restore(): void;
}

/** Loads an nftables table of input rules; `restore()` deletes it again (once). */
function inputRules(table: string, rules: readonly string[]): NetworkCut {
  const script = `
table inet ${table} {
  chain in {
    type filter hook input priority 0;
    ${rules.join('\n    ')}
  }
}`;
  execFileSync('nft', ['-f', '-'], { input: script });
  let restored = false;
  return {
    restore() {
      if (restored) return;
      restored = true;
      execFileSync('nft', ['delete', 'table', 'inet', table]);
    },
  };
}

/**
 * Drops every packet to or from `port` on this host until restored: UDP and TCP, or only
 * UDP (a school firewall that lets nothing but TCP out).
 */
export function cutPort(
  port: number,
  protocols: readonly ('udp' | 'tcp')[] = ['udp', 'tcp'],
): NetworkCut {
  return inputRules(
    `tongke_cut_${protocols.join('_')}_${port}`,
    protocols.flatMap((p) => [`${p} dport ${port} drop`, `${p} sport ${port} drop`]),
  );
}

/**
 * Drops `percent` % of the UDP packets to or from `port`, at random, as a lossy rural
 * uplink would (the kernel here has no netem; nftables' numgen does the same job).
 */
export function lossyPort(port: number, percent: number): NetworkCut {
  return inputRules(`tongke_loss_${port}`, [
    `udp dport ${port} numgen random mod 100 < ${percent} drop`,
    `udp sport ${port} numgen random mod 100 < ${percent} drop`,
  ]);
}
