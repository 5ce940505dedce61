// Cuts a port on loopback with nftables, as a classroom's uplink dropping out would, and
// restores it. Needs root and `nft` (apt-get install nftables; .ci/run installs it).
import { execFileSync } from 'node:child_process';

export interface NetworkCut {
  restore(): void;
}

/** Drops every UDP and TCP packet to or from `port` on this host until restored. */
export function cutPort(port: number): NetworkCut {
  const table = `tongke_cut_${port}`;
  const script = `
table inet ${table} {
  chain in {
    type filter hook input priority 0;
    udp dport ${port} drop
    udp sport ${port} drop
    tcp dport ${port} drop
    tcp sport ${port} drop
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
