// Recorders on a machine of their own: a recorder agent, a real process of its own that the
// relaying node reaches over HTTP and sends RTP to at another address (127.0.0.2), writes
// the lesson's segments into the folder both share. The node runs no ffmpeg while the agent
// answers; a recorder that dies there is restarted there; an agent that dies is replaced by
// recording on the node itself, with the gap marked.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import { occurrence, MIN } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import type { LivePeer } from '../../helpers/livePeer';
import { freePort } from '../../helpers/freePort';
import { stopGroup } from '../../helpers/processGroup';
import { expectSegmentsPlay, stoppedManifest, teacherAndClassroom } from './support/recordedLesson';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const token = 'agent-secret-0123456789';

/** The process group of a process (Linux /proc): the agent's, or the node's. */
async function groupOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** The recorder agent as its operator starts it: `npm run recorder-agent` (tsx). */
async function startAgent(dir: string, port: number): Promise<ChildProcess> {
  const agent = spawn('node_modules/.bin/tsx', ['server/recorderAgent/main.ts'], {
    env: {
      ...process.env,
      RECORDER_AGENT_TOKEN: token,
      RECORDER_AGENT_HOST: '127.0.0.1',
      RECORDER_AGENT_PORT: String(port),
      RECORDER_AGENT_RTP_IP: '127.0.0.2',
      RECORDING_DIR: dir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (up?.ok) return agent;
  }
  throw new Error('recorder agent did not start');
}

describe('recorders on a recorder agent', () => {
  let s: LessonServer;
  let dir: string;
  let agent: ChildProcess;
  const peers: LivePeer[] = [];
  const recorder = () => s.tongke.recording.recordings.active(o.occurrenceId)!;
  const teacherSegments = async () =>
    (await (await recorder()).manifest).segments.filter((x) => x.track === 'teacher');
  const running = async () =>
    (await recorder()).segments.find((x) => x.spec.track === 'teacher' && x.pid !== undefined);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongke-agent-'));
    const port = await freePort();
    agent = await startAgent(dir, port);
    s = await startLessonServer({
      numWorkers: 1,
      recordingDir: dir,
      recorderAgentUrl: `http://127.0.0.1:${port}`,
      recorderAgentToken: token,
    });
    await s.clock.advanceTo(start - 4 * MIN);
    peers.push(...(await teacherAndClassroom(s, o.occurrenceId)));
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
    await stopGroup(agent);
    await rm(dir, { recursive: true, force: true });
  });

  it('records the lesson on the agent, not on the node', async () => {
    await s.clock.advanceTo(start);
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 10_000 }).toBe(1);
    const segment = (await running())!;
    // The recorder is the agent's (its process group): the node started no ffmpeg of its own.
    expect(await groupOf(segment.pid!)).toBe(agent.pid);
    const cmdline = await readFile(`/proc/${segment.pid!}/cmdline`, 'utf8');
    expect(cmdline).toContain('ffmpeg');
    // …and the worker sends its RTP to the agent's address.
    const sdp = await readFile(
      join(s.tongke.recording.recordings.dirOf(o.occurrenceId), `${segment.spec.id}.sdp`),
      'utf8',
    );
    expect(sdp).toContain('c=IN IP4 127.0.0.2');
    await sleep(4000);
  });

  it('restarts a recorder that died on the agent, there, with the gap marked', async () => {
    const first = (await running())!;
    process.kill(first.pid!, 'SIGKILL');
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 10_000 }).toBe(2);
    const second = (await running())!;
    expect(await groupOf(second.pid!)).toBe(agent.pid);
    const m: Manifest = (await recorder()).manifest;
    const gap = m.gaps.find((g) => g.reason === 'recorder_died')!;
    expect(gap.to - gap.from).toBeLessThan(3000);
    await sleep(4000);
  });

  it('records on the node itself when the agent dies, and the lesson ends playable', async () => {
    const killedAt = Date.now();
    // The agent's machine is gone: the agent and its recorders at once.
    process.kill(-agent.pid!, 'SIGKILL');
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 30_000 }).toBe(3);
    const local = (await running())!;
    console.log(
      'agent killed → segment on the node',
      (await teacherSegments())[2]!.startedAt - killedAt,
      'ms',
    );
    expect(await groupOf(local.pid!)).toBe(await groupOf(process.pid));
    await sleep(4000);

    await s.clock.advanceTo(end + 1);
    const final = await stoppedManifest(s, o.occurrenceId);
    const segments = final.segments.filter((x) => x.track === 'teacher');
    expect(segments.map((x) => x.end)).toEqual(['recorder_died', 'recorder_died', 'stopped']);
    expect(final.gaps.map((g) => g.reason)).toEqual(['recorder_died', 'recorder_died']);
    await expectSegmentsPlay(s, final, 'teacher');
  });
});
