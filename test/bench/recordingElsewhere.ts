// Recorders on a machine of their own, as the recording bench measures them: a network
// namespace behind a veth pair stands for the recorder's machine. Either a real recorder
// agent runs there (`npm run recorder-agent`, its ffmpeg receiving through the veth), or
// nothing does and the namespace drops every packet as it arrives: what the relaying node
// then pays is only its worker's copy of each packet, sent out of the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { thinLink, type ThinLink } from '../helpers/thinLink';
import { stopGroup } from '../helpers/processGroup';
import type { Recorder, RecorderExit, RecorderHost } from '../../server/recording/recorderHost';
import { sleep } from './measure';

export const AGENT_TOKEN = 'bench-agent-token-0123456789';
const AGENT_PORT = 4470;

export interface Elsewhere {
  link: ThinLink;
  agentUrl: string;
  startAgent(recordingDir: string): Promise<ChildProcess>;
  stopAgent(agent: ChildProcess): Promise<void>;
  /** packets reaching the namespace are dropped at once (no socket, no ICMP reply), or not */
  dropAll(on: boolean): void;
  close(): void;
}

/** The other machine, or undefined where network namespaces cannot be made (not root). */
export function elsewhere(): Elsewhere | undefined {
  let link: ThinLink;
  try {
    link = thinLink();
  } catch {
    return undefined;
  }
  const agentUrl = `http://${link.peerIp}:${AGENT_PORT}`;
  return {
    link,
    agentUrl,
    async startAgent(recordingDir) {
      const agent = spawn(
        'ip',
        ['netns', 'exec', link.ns, 'node_modules/.bin/tsx', 'server/recorderAgent/main.ts'],
        {
          env: {
            ...process.env,
            RECORDER_AGENT_TOKEN: AGENT_TOKEN,
            RECORDER_AGENT_HOST: link.peerIp,
            RECORDER_AGENT_PORT: String(AGENT_PORT),
            RECORDING_DIR: recordingDir,
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
          detached: true,
        },
      );
      for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
        const up = await fetch(`${agentUrl}/health`).catch(() => undefined);
        if (up?.ok) return agent;
      }
      await stopGroup(agent);
      throw new Error('recorder agent did not start in its namespace');
    },
    stopAgent: (agent) => stopGroup(agent),
    dropAll(on) {
      const nft = (input: string) =>
        execFileSync('ip', ['netns', 'exec', link.ns, 'nft', '-f', '-'], { input });
      // Declared first so the delete finds it whether or not it was there.
      nft('table inet tongke_rec_sink {}\ndelete table inet tongke_rec_sink');
      if (!on) return;
      nft(`table inet tongke_rec_sink {
  chain pre { type filter hook prerouting priority -300; meta l4proto udp drop; }
}`);
    },
    close: () => link.close(),
  };
}

/**
 * Segments whose streams go to the other machine where nobody records them: the worker
 * sends every packet out as it would to an agent, and nothing else happens on this node.
 */
export function wireOnlyHost(ip: string): RecorderHost {
  let port = 40_000;
  return {
    async destinations(count) {
      return Array.from({ length: count }, () => {
        port += 2;
        return { ip, rtpPort: port, rtcpPort: port + 1 };
      });
    },
    async start(spec) {
      let end!: (exit: RecorderExit) => void;
      const exited = new Promise<RecorderExit>((resolve) => (end = resolve));
      const recorder: Recorder = {
        pid: undefined,
        stderr: '',
        exited,
        async stop() {
          end({ code: 0, signal: null, asked: true });
          return exited;
        },
      };
      return { recorder, file: `${spec.segmentId}.none` };
    },
  };
}
