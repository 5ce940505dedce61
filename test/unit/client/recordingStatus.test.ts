import { describe, expect, it } from 'vitest';
import { recordingStatus } from '../../../client/teacher/recordingStatus';

const ready = { ready: true };
const off = { ready: false, reason: 'community_off' as const };

describe('what the teacher is told of her lesson’s recording', () => {
  it('before she starts: it will be recorded, or it will not, and why if she can act', () => {
    expect(recordingStatus('open', ready, undefined)).toMatchObject({ tone: 'ready' });
    expect(recordingStatus('scheduled', ready, undefined)?.text).toMatch(/^录制就绪/);
    expect(recordingStatus('open', off, undefined)).toEqual({
      text: '本课不录制 Not recorded',
      tone: 'off',
    });
    // RECORD_LESSONS=off: not recorded, whatever her community chose
    expect(
      recordingStatus('open', { ready: false, reason: 'server_off' }, undefined)?.text,
    ).toMatch(/^本课不录制/);
    // a disk below its floor: a warning before she starts, while someone can make room
    expect(recordingStatus('open', { ready: false, reason: 'disk_low' }, undefined)).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(/^无法录制：录制磁盘空间不足/),
    });
    // Not read (yet, or refused): nothing rather than a guess.
    expect(recordingStatus('open', undefined, undefined)).toBeNull();
  });

  it('while she teaches: what the recording itself says comes first', () => {
    expect(recordingStatus('live', ready, 'recording')).toEqual({
      text: '● 录制中 REC',
      tone: 'recording',
    });
    // A stale lesson state (her page stops asking once she started) cannot hide it.
    expect(recordingStatus('open', ready, 'recording')?.tone).toBe('recording');
    expect(recordingStatus('live', ready, 'disk_low')?.text).toMatch(/^录制已停止：磁盘空间不足/);
    expect(recordingStatus('live', ready, undefined)?.tone).toBe('ready');
    expect(recordingStatus('live', off, undefined)?.tone).toBe('off');
  });

  it('after the lesson: recorded, or nothing', () => {
    expect(recordingStatus('open', ready, 'stopped')).toEqual({
      text: '录制已结束 Recorded',
      tone: 'off',
    });
    expect(recordingStatus('ended', ready, undefined)).toBeNull();
    expect(recordingStatus('archived', off, undefined)).toBeNull();
  });
});
