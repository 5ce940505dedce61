// A private PulseAudio daemon whose speaker is heard by its own microphone: a classroom's
// loudspeakers and microphone in one room, with nothing else in it (Debian's pulseaudio,
// no fake audio device). Chromium plays into the null sink `room` and records from
// `roommic`, a copy of that sink's monitor.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from './waitUntil';

const run = promisify(execFile);

export interface PulseRoom {
  /** what a process needs in its environment to use this daemon's devices */
  env: { PULSE_SERVER: string; XDG_RUNTIME_DIR: string };
  close(): Promise<void>;
}

export async function startPulseRoom(): Promise<PulseRoom> {
  const dir = await mkdtemp(join(tmpdir(), 'tongke-pulse-'));
  const socket = join(dir, 'native');
  const script = join(dir, 'room.pa');
  // Chromium lists no monitor source as a microphone (its PulseAudio backend skips them),
  // hence the remapped copy. 48 kHz as WebRTC runs, so nothing resamples in the loop.
  await writeFile(
    script,
    [
      `load-module module-native-protocol-unix auth-anonymous=1 socket=${socket}`,
      'load-module module-null-sink sink_name=room rate=48000 sink_properties=device.description=Loudspeakers',
      'load-module module-remap-source master=room.monitor source_name=roommic source_properties=device.description=Microphone',
      'set-default-sink room',
      'set-default-source roommic',
      '',
    ].join('\n'),
  );
  const env = { PULSE_SERVER: `unix:${socket}`, XDG_RUNTIME_DIR: dir };
  // Root runs it too (a CI container): --system=false keeps it a per-user daemon anyway.
  const daemon: ChildProcess = spawn(
    'pulseaudio',
    [
      '--system=false',
      '--daemonize=no',
      '--use-pid-file=no',
      '--exit-idle-time=-1',
      '--log-target=stderr',
      '-n',
      '-F',
      script,
    ],
    { env: { ...process.env, ...env, HOME: dir }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let exited: number | null = null;
  daemon.on('exit', (code) => (exited = code ?? -1));
  await waitUntil(
    async () => {
      if (exited !== null) throw new Error(`pulseaudio exited (${exited}): ${log}`);
      return run('pactl', ['list', 'short', 'sources'], { env: { ...process.env, ...env } })
        .then((r) => r.stdout)
        .catch(() => '');
    },
    (sources) => sources.includes('roommic'),
    { timeoutMs: 10_000, what: 'the PulseAudio room to start' },
  );
  return {
    env,
    async close() {
      if (exited === null) {
        const gone = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
