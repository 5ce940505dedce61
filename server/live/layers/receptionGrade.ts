// What a participant receives, in a teacher's words: 好 / 一般 / 差 and why. Pure; the
// figures come from the SFU (layer, loss, rtt) and the receiving browser (fps, freezes).
// Issue #14: the teacher's tile said "good" while the classroom got no picture, because
// every figure on it described what the classroom sent.
import type { ReceptionIssue, ReceptionQuality } from '../../../shared/signaling/reception';

export type ReceptionFigures = Omit<ReceptionQuality, 'grade' | 'issues'> & {
  /** the link policy paused its cameras */
  paused: boolean;
  /**
   * the link holds it below what its screen asks for (a step down for bandwidth, loss or
   * delay); false while it is still climbing from its low start
   */
  heldDown: boolean;
};

export function gradeReception(f: ReceptionFigures): ReceptionQuality {
  const found: [ReceptionIssue, 'fair' | 'poor'][] = [];
  if (f.paused) found.push(['video_paused', 'poor']);
  else if (f.heldDown && f.layer !== null && f.maxLayer !== null && f.layer < f.maxLayer) {
    // Two layers down (180p on a 720p screen) is what a class notices; one is acceptable.
    found.push(['low_layer', f.maxLayer - f.layer >= 2 ? 'poor' : 'fair']);
  }
  if (f.freezes !== null && f.freezes >= 2) found.push(['freezes', 'poor']);
  else if (f.freezes !== null && f.freezes >= 1) found.push(['freezes', 'fair']);
  if (!f.paused && f.fps !== null && f.fps < 10)
    found.push(['low_fps', f.fps < 5 ? 'poor' : 'fair']);
  if (f.lossPct >= 5) found.push(['loss', 'poor']);
  else if (f.lossPct >= 2) found.push(['loss', 'fair']);
  if (f.rttMs !== null && f.rttMs >= 400) found.push(['delay', 'poor']);
  else if (f.rttMs !== null && f.rttMs >= 200) found.push(['delay', 'fair']);
  const poor = found.filter(([, g]) => g === 'poor').map(([i]) => i);
  const fair = found.filter(([, g]) => g === 'fair').map(([i]) => i);
  const { paused: _paused, heldDown: _heldDown, ...figures } = f;
  return {
    grade: poor.length > 0 ? 'poor' : fair.length > 0 ? 'fair' : 'good',
    issues: [...poor, ...fair],
    ...figures,
  };
}
