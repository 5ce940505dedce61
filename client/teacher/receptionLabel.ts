// What a classroom receives, in words on the teacher's tile: "接收 差：画面已暂停（带宽不足）
// · 丢包 8%" — beside what it sends (kbps, loss, rtt of its uplink), so a tile no longer says
// "good" while the classroom gets no picture (issue #14).
import type { ReceptionQuality } from '../../shared/signaling/reception';
import { messageOf, type Bilingual } from '../../shared/messages';

const gradeCode = {
  good: 'reception_good',
  fair: 'reception_fair',
  poor: 'reception_poor_grade',
} as const;

function words(r: ReceptionQuality): { grade: Bilingual; why: Bilingual[] } {
  const why = r.issues.map((issue) =>
    messageOf(`reception_${issue}`, {
      pct: r.lossPct.toFixed(1),
      ms: r.rttMs ?? undefined,
    })!,
  );
  return { grade: messageOf(gradeCode[r.grade])!, why };
}

/** Chinese first, the reasons after a colon: "接收 差：画面卡顿、丢包 6.0%". */
export function receptionLabel(r: ReceptionQuality): string {
  const { grade, why } = words(r);
  return why.length === 0 ? grade.zh : `${grade.zh}：${why.map((w) => w.zh).join('、')}`;
}

/** The same in English, for the tile's title (hover). */
export function receptionTitle(r: ReceptionQuality): string {
  const { grade, why } = words(r);
  return why.length === 0 ? grade.en : `${grade.en}: ${why.map((w) => w.en).join(', ')}`;
}
