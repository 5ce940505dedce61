// A server a test starts as `npm start` would (npx → tsx → node): spawned `detached` (the
// leader of its own process group) and stopped as a group. SIGTERM to npx alone let npx
// exit without passing it on, and tsx and the server under it ran on after every full run
// (three servers, each with its mediasoup worker, found 50 minutes later).
import type { ChildProcess } from 'node:child_process';

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, then SIGKILL to what is left after `graceMs`. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  const pid = child?.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}
