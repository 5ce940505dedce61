import { describe, expect, it } from 'vitest';
import { receptionText } from '../../../client/classroom/receptionNotice';
import { receptionLabel, receptionTitle } from '../../../client/teacher/receptionLabel';
import type { ReceptionQuality } from '../../../shared/signaling/reception';

describe('what the screens say of a thin link', () => {
  it.each([
    [{ poor: true, reason: 'loss', level: -1, maxLevel: 2 }, '网络较差：保留老师声音，画面暂停'],
    [{ poor: false, reason: 'loss', level: 0, maxLevel: 2 }, '网络较差：画面已降低清晰度'],
    [{ poor: false, reason: 'bandwidth', level: 0, maxLevel: 2 }, undefined],
    [{ poor: false, reason: null, level: 2, maxLevel: 2 }, undefined],
    [
      { poor: true, reason: 'cap', level: -1, maxLevel: 2 },
      '学校下行带宽上限：保留老师声音，画面暂停',
    ],
    [{ poor: false, reason: 'cap', level: 0, maxLevel: 2 }, undefined],
  ] as const)('the classroom screen: %j', (notice, zh) => {
    const text = receptionText(notice);
    if (zh === undefined) expect(text).toBeUndefined();
    else expect(text?.startsWith(zh)).toBe(true);
  });

  it("the teacher's tile: the grade, then why, Chinese first", () => {
    const r = {
      grade: 'poor' as const,
      issues: ['low_layer' as const, 'loss' as const],
      layer: 0,
      maxLayer: 2,
      fps: 24,
      freezes: 0,
      lossPct: 6,
      rttMs: 80,
    } satisfies ReceptionQuality;
    expect(receptionLabel(r)).toBe('接收 差：清晰度降低、丢包 6.0%');
    expect(receptionTitle(r)).toBe('Reception poor: lower resolution, 6.0% loss');
    expect(receptionLabel({ ...r, grade: 'good', issues: [] })).toBe('接收 好');
  });
});
