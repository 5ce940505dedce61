// `npm run bench`: Tongke's performance-critical path, measured against a bare-mediasoup
// baseline in the same run. Writes bench/results/latest.{json,md} and a dated copy.
// BENCH_SMOKE=1: a few seconds, tiny sizes (what test/integration/bench/smoke.test.ts runs).
// BENCH_ONLY=fanout,join,...: run only those benches (for working on one); written to a
// dated copy named after them, never over latest.*.
import '../../server/media/workerBinary';
import { fileURLToPath } from 'node:url';
import { runBench, writeResults } from './suite';

const isMain = process.argv[1] === fileURLToPath(import.meta.url);

if (isMain) {
  const smoke = process.env.BENCH_SMOKE === '1';
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  try {
    const results = await runBench({ smoke, ...(only ? { only } : {}) });
    const files = await writeResults(results, { smoke, ...(only ? { only } : {}) });
    console.log(`bench: wrote ${files.join(', ')}`);
    // wrtc (join-time child) is never loaded here, but exit explicitly all the same.
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
