// The short markdown table written beside the JSON figures.
import type { BenchResults } from './suite';

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [
    `# Tongke benchmarks — ${m.date.slice(0, 10)}${r.smoke ? ' (smoke run: sizes too small to mean anything)' : ''}`,
    '',
    `Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB; load average at start ${m.loadAverage}.`,
    `Node ${m.node}, mediasoup ${m.mediasoup}, mediasoup-client ${m.mediasoupClient}. Run took ${r.durationSec} s.`,
    '',
  ];
  const f = r.fanout;
  if (f) {
    lines.push(
      '## Fan-out (one worker, teacher stream set → N classrooms, PlainTransport + SRTP)',
      '',
      '| | Tongke | bare mediasoup | ratio |',
      '|---|---|---|---|',
      `| classrooms per worker core (loss < 1 %, CPU < 85 %) | ${f.tongke.classroomsPerCore} (${f.tongke.how}, ${f.tongke.limitedBy}) | ${f.baseline.classroomsPerCore} (${f.baseline.how}, ${f.baseline.limitedBy}) | **${f.capacityRatio}** |`,
      `| worker CPU per classroom, % of a core | ${f.tongke.cpuPerClassroomPct} | ${f.baseline.cpuPerClassroomPct} | ${f.costRatio} |`,
      `| worker CPU, publisher only, % | ${f.tongke.cpuBasePct} | ${f.baseline.cpuBasePct} | |`,
      '',
      '| N | system | worker CPU % | packets/s | Mbit/s | loss % | worst classroom loss % | sink CPU % | host busy % |',
      '|---|---|---|---|---|---|---|---|---|',
      ...f.steps.map(
        (s) =>
          `| ${s.classrooms} | ${s.system} | ${s.workerCpuPct} | ${s.packetsPerSec} | ${s.mbitPerSec} | ${s.lossPct} | ${s.worstClassroomLossPct} | ${s.sinkCpuPct} | ${s.hostBusyPct} |`,
      ),
      '',
      '## Relay latency (worker in → out, loopback, µs)',
      '',
      '| load | system | added p50 | added p99 | via worker p50/p99 | direct p50/p99 | samples |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [label, at] of [
      [`light (N=${f.latency.light.classrooms})`, f.latency.light],
      [
        `N=${f.latency.loaded.classrooms} (${f.latency.loaded.pctOfCapacity} % of capacity)`,
        f.latency.loaded,
      ],
    ] as const) {
      for (const system of ['tongke', 'baseline'] as const) {
        const l = at[system];
        if (!l) continue;
        lines.push(
          `| ${label} | ${system} | ${l.addedP50Us} | ${l.addedP99Us} | ${l.relayP50Us}/${l.relayP99Us} | ${l.directP50Us}/${l.directP99Us} | ${l.samples} |`,
        );
      }
    }
    lines.push('');
  }
  const errors = Object.entries(r.errors);
  if (errors.length > 0) {
    lines.push('## Failed benches', '');
    for (const [name, e] of errors) lines.push(`- ${name}: ${e.split('\n')[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}
