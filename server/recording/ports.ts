// Free UDP port pairs on loopback for a recorder process: RTP on an even port, RTCP on the
// next one (the RTP convention ffmpeg also follows).
import { createSocket, type Socket } from 'node:dgram';

function bind(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(undefined);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

/**
 * An even port P with P and P + 1 free just now, in [min, max]. The sockets are closed
 * again before the recorder binds them: a race with another process is possible but the
 * recorder then fails to start and is retried with other ports.
 */
export async function freePortPair(min = 20000, max = 29999): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = min + 2 * Math.floor((Math.random() * (max - min - 1)) / 2);
    const even = base - (base % 2);
    const rtp = await bind(even);
    if (!rtp) continue;
    const rtcp = await bind(even + 1);
    rtp.close();
    if (!rtcp) continue;
    rtcp.close();
    return even;
  }
  throw new Error(`no free UDP port pair in ${min}–${max}`);
}

/** Whether some process has a UDP socket bound to the port on this host (Linux /proc). */
export async function udpPortBound(port: number): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const local = line.trim().split(/\s+/)[1];
      if (local && `${local} `.endsWith(hex)) return true;
    }
  }
  return false;
}
