// Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped"),
// after vitest's own summary.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file whose setup failed has its tests skipped; count the file as a failure.
      const anyFailed = [...module.children.allTests('failed')].length > 0;
      if (module.state() === 'failed' && !anyFailed) failed++;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
