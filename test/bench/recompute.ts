// Recomputes the derived figures (capacities, ratios, the markdown) of a results file from
// its measured steps, after a change to how they are derived: `npx tsx test/bench/recompute.ts [file.json]`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { capacityOf, compareCapacities } from './fanout';
import { round } from './measure';
import { renderMarkdown } from './report';
import type { BenchResults } from './suite';

const file = process.argv[2] ?? join(repoRoot, 'bench/results/latest.json');
const r = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
const f = r.fanout;
if (f) {
  const cap = (name: string) =>
    capacityOf(
      f.steps
        .filter((s) => s.system === name)
        .map((s) => ({
          classrooms: s.classrooms,
          cpu: s.workerCpuPct,
          loss: s.lossPct,
          host: s.hostBusyPct,
        })),
    );
  ({ tongke: f.tongke, baseline: f.baseline } = compareCapacities(cap('tongke'), cap('baseline')));
  f.capacityRatio = round(f.tongke.classroomsPerCore / f.baseline.classroomsPerCore, 3);
  f.costRatio = round(f.baseline.cpuPerClassroomPct / f.tongke.cpuPerClassroomPct, 3);
  const target = 0.8 * f.tongke.classroomsPerCore;
  const ns = [...new Set(f.steps.map((s) => s.classrooms))];
  const n = ns.reduce(
    (best, x) => (Math.abs(x - target) < Math.abs(best - target) ? x : best),
    ns[0] ?? 0,
  );
  const at = (system: string) =>
    f.steps.find((s) => s.classrooms === n && s.system === system)?.latency;
  f.latency.loaded = {
    classrooms: n,
    pctOfCapacity: round((n / f.tongke.classroomsPerCore) * 100),
    tongke: at('tongke'),
    baseline: at('baseline'),
  };
}
await writeFile(file, `${JSON.stringify(r, null, 2)}\n`);
await writeFile(file.replace(/\.json$/, '.md'), renderMarkdown(r));
console.log(`recomputed ${file}`);
