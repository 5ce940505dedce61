import { describe, expect, it } from 'vitest';
import { recordingStatus } from '../../../client/teacher/recordingStatus';

describe('what the teacher is told of her lesson’s recording', () => {
  it('before she starts: it will be recorded, or it will not', () => {
    expect(recordingStatus('open', true, undefined)).toMatchObject({ tone: 'ready' });
    expect(recordingStatus('scheduled', true, undefined)?.text).toMatch(/^录制就绪/);
    expect(recordingStatus('open', false, undefined)).toEqual({
      text: '本课不录制 Not recorded',
      tone: 'off',
    });
    // The policy not read (yet, or refused): nothing rather than a guess.
    expect(recordingStatus('open', undefined, undefined)).toBeNull();
  });

  it('while she teaches: what the recording itself says comes first', () => {
    expect(recordingStatus('live', true, 'recording')).toEqual({
      text: '● 录制中 REC',
      tone: 'recording',
    });
    // A stale lesson state (her page stops asking once she started) cannot hide it.
    expect(recordingStatus('open', true, 'recording')?.tone).toBe('recording');
    expect(recordingStatus('live', true, 'disk_low')?.text).toMatch(/^录制已停止：磁盘空间不足/);
    expect(recordingStatus('live', true, undefined)?.tone).toBe('ready');
    expect(recordingStatus('live', false, undefined)?.tone).toBe('off');
  });

  it('after the lesson: recorded, or nothing', () => {
    expect(recordingStatus('open', true, 'stopped')).toEqual({
      text: '录制已结束 Recorded',
      tone: 'off',
    });
    expect(recordingStatus('ended', true, undefined)).toBeNull();
    expect(recordingStatus('archived', false, undefined)).toBeNull();
  });
});
