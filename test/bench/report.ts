// The short markdown table written beside the JSON figures.
import type { BenchResults } from './suite';
import { renderAnnotation, type AnnotationBenchResult } from './annotation';
import { questionsMarkdown, type QuestionsBenchResult } from './questions';

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
  const j = r.join;
  if (j) {
    const row = (label: string, x: (typeof j)['node'] | { notMeasured: string }) =>
      'notMeasured' in x
        ? `| ${label} | not measured: ${x.notMeasured} | | |`
        : `| ${label} | ${x.p50Ms} | ${x.p95Ms} | ${x.repeats - x.failures}/${x.repeats} |`;
    lines.push(
      '## Join time (join request → first decoded teacher frame, ms)',
      '',
      '| classroom | p50 | p95 | joins that got a frame |',
      '|---|---|---|---|',
      row('Node wrtc (LiveRoomClient)', j.node),
      row('headless Chromium (/classroom page)', j.chromium),
      '',
    );
  }
  const l = r.lessons;
  if (l) {
    lines.push(
      '## Many lessons (1 teacher + 4 classrooms each, placed by the WorkerPool)',
      '',
      '| workers | lessons at 85 % of the busiest worker | largest measured K that passed | busiest worker CPU per lesson % |',
      '|---|---|---|---|',
      `| 1 | ${l.oneWorker.lessons ?? 'n/a'} | ${l.oneWorker.largestPassingStep} | ${l.oneWorker.cpuPerLessonPct} |`,
      `| ${l.allWorkers.workers} | ${l.allWorkers.lessons ?? 'n/a'} | ${l.allWorkers.largestPassingStep} | ${l.allWorkers.cpuPerLessonPct} |`,
      '',
      `Scaling, all workers ÷ one: **${l.scaling ?? 'n/a (CPU did not rise with load)'}** (ideal ${l.allWorkers.workers}).`,
      '',
      '| K | workers | CPU per worker % | packets/s | loss % | host busy % |',
      '|---|---|---|---|---|---|',
      ...l.steps.map(
        (s) =>
          `| ${s.lessons} | ${s.workers} | ${s.perWorkerCpuPct.join(' / ')} | ${s.packetsPerSec} | ${s.lossPct} | ${s.hostBusyPct} |`,
      ),
      '',
    );
  }
  const g = r.signaling;
  if (g) {
    lines.push(
      `## Signaling (${g.clients} socket.io clients churning over ${g.rooms} rooms for ${g.seconds} s)`,
      '',
      '| round trip | p50 ms | p95 ms |',
      '|---|---|---|',
      `| connect (websocket + namespace) | ${g.connectP50Ms} | ${g.connectP95Ms} |`,
      `| join | ${g.joinP50Ms} | ${g.joinP95Ms} |`,
      `| leave | ${g.leaveP50Ms} | ${g.leaveP95Ms} |`,
      '',
      `${g.joinsPerSec} joins/s completed, ${g.errors} errors.`,
      '',
    );
  }
  const t = r.timetable;
  if (t) {
    lines.push('## Timetable conflict check (district scale)', '');
    if ('notMeasured' in t) lines.push(`Not measured: ${t.notMeasured}.`, '');
    else {
      lines.push('| figure | value |', '|---|---|');
      for (const [k, v] of Object.entries(t)) lines.push(`| ${k} | ${v} |`);
      lines.push('');
    }
  }
  const rec = r.recording;
  if (rec) {
    const p = rec.perLesson;
    lines.push(
      '## Recording (1 teacher + 4 classrooms per lesson, one worker)',
      '',
      '| lessons | worker CPU without → with recording | recorders CPU | recorders PSS | MB per lesson-hour | worker CPU, recorders on an agent / sending only | the agent’s recorders |',
      '|---|---|---|---|---|---|---|',
      ...rec.steps.map(
        (s) =>
          `| ${s.lessons} | ${s.workerCpuPct.without} → ${s.workerCpuPct.with} % | ` +
          `${s.recorderCpuPct} % (${s.recorders} ffmpeg) | ${s.recorderRssMb} MB | ${s.mbPerLessonHour} | ` +
          (s.baselinePct
            ? `${s.baselinePct.agent} → ${s.workerCpuPct.agent} / ${s.baselinePct.wire} → ${s.workerCpuPct.wire} % | `
            : '– | ') +
          `${s.agentRecorderCpuPct ?? '–'} % |`,
      ),
      '',
      `Per lesson: worker +${p.workerCpuPct} %, recorders ${p.recorderCpuPct} % of a core, ` +
        `${p.recorderRssMb} MB, ${p.mbPerLessonHour} MB/h; recording costs ${rec.costOfRelayPct} % ` +
        `of what relaying the lesson costs; one core of recorders keeps up with ` +
        `${rec.lessonsPerRecorderCore} lessons.` +
        (rec.recordersElsewhere
          ? ` With the recorders on a machine of their own the relaying node pays ` +
            `${rec.recordersElsewhere.agentCostOfRelayPct} % of relaying through a real agent ` +
            `(receiving side included), ${rec.recordersElsewhere.wireCostOfRelayPct} % sending only.`
          : '') +
        (rec.export
          ? ` Export: ${rec.export.lessonSec} s of lesson in ${rec.export.cpuSec} s of one core ` +
            `(${rec.export.timesRealTimeOneCore}× real time).`
          : ''),
      '',
    );
  }
  const e = r.evaluation;
  if (e) {
    const lat = (l: { p50Ms: number; p95Ms: number }) => `${l.p50Ms} | ${l.p95Ms}`;
    lines.push(
      '## District evaluation report (捆绑考核)',
      '',
      `${e.communities} communities, ${e.lessons} lessons in a 20-week term, ${e.attendanceEvents} attendance events (SQLite on disk).`,
      '',
      '| report | p50 ms | p95 ms |',
      '|---|---|---|',
      `| district, mid-term | ${lat(e.midTerm.district)} |`,
      `| district, term's end | ${lat(e.termEnd.district)} |`,
      `| one community, term's end | ${lat(e.termEnd.community)} |`,
      '',
      `First report after half a term: ${e.midTerm.firstMs} ms (it keeps every finished lesson's facts); after the second half: ${e.termEnd.firstMs} ms. XLSX export of the whole district: ${e.termEnd.exportMs} ms. Under 1 s: ${e.under1s ? 'yes' : 'NO'}.`,
      '',
    );
  }
  lines.push(...renderAnnotation(r.annotation as AnnotationBenchResult | undefined));
  if (r.questions) lines.push(...questionsMarkdown(r.questions as QuestionsBenchResult));
  const errors = Object.entries(r.errors);
  if (errors.length > 0) {
    lines.push('## Failed benches', '');
    for (const [name, e] of errors) lines.push(`- ${name}: ${e.split('\n')[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}
