// One catalogue of refusals people read: Chinese first, then English; codes stay codes.
import { describe, expect, it } from 'vitest';
import {
  chineseFirst,
  describeJoinError,
  describeRefusal,
  messageOf,
} from '../../../shared/messages';

describe('the refusal catalogue', () => {
  it('turns a join refusal into Chinese, then English', () => {
    expect(describeRefusal('research_closed')).toBe('研讨已结束 The meeting has ended');
    expect(describeRefusal('lesson_over')).toBe('这节课已经结束 This lesson is over');
  });

  it('reads a live room’s refusal from its message or, for signaling’s own, its code', () => {
    expect(describeJoinError({ code: 'forbidden', message: 'research_closed' })).toBe(
      '研讨已结束 The meeting has ended',
    );
    expect(describeJoinError({ code: 'room_full', message: 'room holds at most 6' })).toBe(
      '课堂人数已满 The room is full',
    );
  });

  it('names the objecting school and its comment', () => {
    expect(
      messageOf('objection_open', { school: '高楼镇中心小学', comment: '周二下午有教研活动' }),
    ).toEqual({
      zh: '高楼镇中心小学提出异议：周二下午有教研活动，解决后才能发布',
      en: '高楼镇中心小学 objects: 周二下午有教研活动; resolve it before publishing',
    });
  });

  it('shows a reason it does not know as given, and knows nothing of inherited names', () => {
    expect(describeRefusal('something_new')).toBe('something_new');
    expect(describeRefusal('toString')).toBe('toString');
  });

  it('puts the code’s Chinese before a refusal written only in English, never twice', () => {
    expect(chineseFirst('not_found', 'no lesson x')).toBe('未找到 no lesson x');
    expect(chineseFirst('not_found', '课不存在 no lesson x')).toBe('课不存在 no lesson x');
    expect(chineseFirst('something_new', 'as given')).toBe('as given');
  });
});
