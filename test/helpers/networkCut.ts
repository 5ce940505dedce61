// Cuts a port on loopback with nftables, as a classroom's uplink dropping out would, and
// restores it. Needs root and `nft` (apt-get install nftables; .ci/run installs it).
import { execFileSync } from 'node:child_process';

export interface NetworkCut {
  restore(): void;
}

/**
 * Drops every packet to or from `port` on this host until restored: UDP and TCP, or only
 * UDP (a school firewall that lets nothing but TCP out).
 */
export function cutPort(
  port: number,
  protocols: readonly ('udp' | 'tcp')[] = ['udp', 'tcp'],
): NetworkCut {
  const table = `tongke_cut_${protocols.join('_')}_${port}`;
  const rules = protocols.flatMap((p) => [`${p} dport ${port} drop`, `${p} sport ${port} drop`]);
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
