// What the teacher is told of her lesson's recording (no DOM): that it will be recorded
// once she starts, that it is recording now, that it stopped for want of disk, or that this
// lesson is not recorded. She should know before she starts, and while she teaches.
import type { LessonState } from '../../shared/lessons';
import type { RecordingReadiness, RecordingState } from '../../shared/recording';

export interface RecordingStatus {
  text: string;
  tone: 'ready' | 'recording' | 'warning' | 'off';
}

/**
 * `readiness`: whether a lesson of her community going live now is recorded (its policy,
 * the server's switch, the recording disk); `recorded`: the state of this lesson's
 * recording, absent until one began.
 */
export function recordingStatus(
  lesson: LessonState,
  readiness: Pick<RecordingReadiness, 'ready' | 'reason'> | undefined,
  recorded: RecordingState | undefined,
): RecordingStatus | null {
  if (recorded === 'recording') return { text: '● 录制中 REC', tone: 'recording' };
  if (recorded === 'disk_low') {
    return { text: '录制已停止：磁盘空间不足 Recording stopped: disk low', tone: 'warning' };
  }
  if (recorded === 'stopped') return { text: '录制已结束 Recorded', tone: 'off' };
  if (lesson !== 'scheduled' && lesson !== 'open' && lesson !== 'live') return null;
  if (!readiness) return null;
  if (readiness.reason === 'disk_low') {
    return {
      text: '无法录制：录制磁盘空间不足，请联系管理员 Will not be recorded: disk low',
      tone: 'warning',
    };
  }
  if (!readiness.ready) return { text: '本课不录制 Not recorded', tone: 'off' };
  // Live but no recording yet: it begins within a second or two of the start.
  return { text: '录制就绪：开始上课后自动录制 Recording starts with the lesson', tone: 'ready' };
}
