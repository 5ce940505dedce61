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
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { ffprobe } from '../../helpers/ffprobe';
import { freePort } from '../../helpers/freePort';
import { stopGroup } from '../../helpers/processGroup';

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
      logLevel: 'warn',
    });
    await s.clock.advanceTo(start - 4 * MIN);
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const classroom = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: await s.deviceToken('room-gaolou-1'),
      displayName: '高楼镇中心小学 三(1)班',
    });
    peers.push(teacher, classroom);
    await (
      await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')
    ).video!.waitFor(5);
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
    await expect.poll(() => s.tongke.recording.recordings.isRecording(o.occurrenceId)).toBe(false);
    let final: Manifest | undefined;
    await expect
      .poll(
        async () => {
          const res = await s.api(`/api/recordings/${encodeURIComponent(o.occurrenceId)}`, {
            token: s.tokens.wang,
          });
          final = ((await res.json()) as { manifest: Manifest }).manifest;
          return final.state;
        },
        { timeout: 15_000 },
      )
      .toBe('stopped');
    const segments = final!.segments.filter((x) => x.track === 'teacher');
    expect(segments.map((x) => x.end)).toEqual(['recorder_died', 'recorder_died', 'stopped']);
    expect(final!.gaps.map((g) => g.reason)).toEqual(['recorder_died', 'recorder_died']);
    const recordingDir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    for (const segment of segments) {
      const probed = await ffprobe(join(recordingDir, segment.file));
      console.log(segment.id, segment.end, JSON.stringify(probed));
      expect(segment.playable).toBe(true);
      expect(probed.video).toMatchObject({ codec_name: 'vp8' });
      expect(probed.audio).toMatchObject({ codec_name: 'opus' });
      const expected = (segment.endedAt! - segment.startedAt) / 1000;
      expect(Math.abs(probed.durationS - expected)).toBeLessThan(1.5);
    }
  });
});
