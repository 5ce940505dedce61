// What the terminal shows a newcomer once, at the first start on an empty store: the demo
// accounts with their passwords, the classroom PCs' enrolment codes, and when the demo
// lesson opens.
import type { DemoSeed } from './demoAccounts';

export function printDemoAccounts(seed: DemoSeed, url: string, zone: string): string {
  const { lesson } = seed;
  const lines = [
    `  演示账号（密码只显示这一次 passwords shown this once）:`,
    ...seed.accounts.map(
      (a) => `    ${a.label.padEnd(26)} ${a.login.padEnd(12)} ${a.password}   ${url}${a.page}`,
    ),
    `  教室电脑 classroom PCs — 在 ${url}/classroom/ 输入注册码 enter the code:`,
    ...seed.devices.map((d) => `    ${d.classroom.padEnd(22)} ${d.code}`),
    lesson.published
      ? `  演示课 demo lesson: ${lesson.date} ${lesson.start}–${lesson.end} ${lesson.subject}（${zone}），开课前几分钟开放 the room opens a few minutes before`
      : `  演示课未能发布 the demo lesson could not be published: ${lesson.date} ${lesson.start}`,
    '',
  ];
  return lines.join('\n');
}
