// bench:audio's figures per link profile and encoder mode: the median of the repeats and
// their range, leaving out runs the machine disturbed (the open-link control classroom
// concealed more than 1 %: what was lost there was not the link's doing). As a script,
// `tsx test/bench/audioSummary.ts a.json b.json…` prints the table of one or more runs.
import { readFile } from 'node:fs/promises';

export interface AudioRun {
  profile: string;
  mode: string;
  concealedPct: number | null;
  controlConcealedPct: number | null;
  audioDelayMedianMs: number | null;
  controlAudioDelayMs: number | null;
  delayAfterRecoveryMs: number[];
  controlDelayAfterRecoveryMs?: number | null;
  load: number | null;
}

/** Runs whose control classroom concealed more than this are the machine's, not the link's. */
export const DISTURBED_CONTROL_PCT = 1;

export const median = (xs: number[]): number | null => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function stat(xs: (number | null | undefined)[]) {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length === 0
    ? null
    : { median: median(v)!, min: Math.min(...v), max: Math.max(...v), n: v.length };
}

export function summarize(runs: AudioRun[]) {
  // by link, then by mode, each in the order they first appear
  const profiles = [...new Set(runs.map((r) => r.profile))];
  const modes = [...new Set(runs.map((r) => r.mode))];
  const keys = profiles.flatMap((p) =>
    modes
      .filter((m) => runs.some((r) => r.profile === p && r.mode === m))
      .map((m) => `${p}\u0000${m}`),
  );
  return keys.map((key) => {
    const [profile, mode] = key.split('\u0000') as [string, string];
    const all = runs.filter((r) => r.profile === profile && r.mode === mode);
    const clean = all.filter((r) => (r.controlConcealedPct ?? 0) <= DISTURBED_CONTROL_PCT);
    return {
      profile,
      mode,
      runs: all.length,
      disturbed: all.length - clean.length,
      concealedPct: stat(clean.map((r) => r.concealedPct)),
      controlConcealedPct: stat(clean.map((r) => r.controlConcealedPct)),
      audioDelayMedianMs: stat(clean.map((r) => r.audioDelayMedianMs)),
      controlAudioDelayMs: stat(clean.map((r) => r.controlAudioDelayMs)),
      /** the delay over the last 5 of the 10 s after the link opened again */
      delayAfterRecoveryMs: stat(clean.map((r) => median(r.delayAfterRecoveryMs.slice(-5)))),
      load: stat(all.map((r) => r.load)),
    };
  });
}

const range = (s: ReturnType<typeof stat>, d = 1) =>
  s === null ? '–' : `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;

export function markdown(summary: ReturnType<typeof summarize>): string {
  const rows = summary.map(
    (s) =>
      `| ${s.profile} | ${s.mode} | ${s.runs - s.disturbed}/${s.runs} | ${range(s.concealedPct)} | ` +
      `${range(s.controlConcealedPct, 2)} | ${range(s.audioDelayMedianMs, 0)} | ` +
      `${range(s.controlAudioDelayMs, 0)} | ${range(s.delayAfterRecoveryMs, 0)} | ${range(s.load)} |`,
  );
  return [
    '| link | teacher encoder | runs | concealed % | control % | delay ms | control delay ms | delay after recovery ms | load |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs: AudioRun[] = [];
  for (const file of process.argv.slice(2)) {
    runs.push(...(JSON.parse(await readFile(file, 'utf8')) as { runs: AudioRun[] }).runs);
  }
  console.log(markdown(summarize(runs)));
}
