// Recomputes the derived figures (capacities, ratios, the markdown) of a results file from
// its measured steps, after a change to how they are derived: `npx tsx test/bench/recompute.ts [file.json]`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { fanoutFigures } from './fanout';
import { renderMarkdown } from './report';
import type { BenchResults } from './suite';

const file = process.argv[2] ?? join(repoRoot, 'bench/results/latest.json');
const r = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
if (r.fanout) r.fanout = fanoutFigures(r.fanout.steps);
await writeFile(file, `${JSON.stringify(r, null, 2)}\n`);
await writeFile(file.replace(/\.json$/, '.md'), renderMarkdown(r));
console.log(`recomputed ${file}`);
