// The one catalogue of refusals people read: reason code → Chinese first, then English.
// The API and the socket keep their machine codes; screens (and the server, where it knows
// the names a message needs) turn a code into words here, so one refusal reads the same
// everywhere.

export interface Bilingual {
  zh: string;
  en: string;
}

export type MessageParams = Record<string, string | number | undefined>;

const text = (zh: string, en: string) => (): Bilingual => ({ zh, en });
const param = (p: MessageParams, key: string, fallback: string) =>
  p[key] === undefined || p[key] === '' ? fallback : String(p[key]);

const catalogue = {
  // Who may enter a live lesson (server/lessons/joinGate.ts).
  wrong_community: text('不属于您的教共体', 'Not in your community'),
  lesson_cancelled: text('这节课已取消', 'This lesson was cancelled'),
  lesson_not_open: text('课堂尚未开放，请在上课前几分钟再进入', 'The room is not open yet'),
  lesson_over: text('这节课已经结束', 'This lesson is over'),
  classroom_not_in_lesson: text('本教室不在这节课中', 'This classroom is not in this lesson'),
  not_lesson_teacher: text('这不是您的课', 'This is not your lesson'),
  role_not_allowed: text('您的身份不能进入', 'Your role may not enter'),
  lesson_ended: text('本节课已结束', 'The lesson has ended'),
  // The teacher's start and end (server/lessons/teacherActions.ts).
  too_early: text('离上课时间还早，暂时不能开始', 'Too early to start'),
  already_live: text('这节课已经开始', 'The lesson has already started'),
  not_live: text('这节课还没有开始', 'The lesson has not started'),
  beyond_late_limit: text(
    '已到拖堂上限，不能再延长',
    'The lesson cannot run over any further (the late-end limit)',
  ),
  in_the_past: text('这个时间已经过去', 'That time has already passed'),
  // The research room (server/research/researchGate.ts, signaling/LessonRoomGate.ts).
  wrong_lesson: text('这个链接属于另一节课', 'This link is for another lesson'),
  research_not_open: text('课堂尚未结束，教研室还没有开放', 'The research room is not open yet'),
  research_closed: text('研讨已结束', 'The meeting has ended'),
  // Signaling's own refusals (server/signaling/joinPolicy.ts).
  room_full: text('课堂人数已满', 'The room is full'),
  not_joined: text('尚未进入课堂，请重新进入', 'Not in the room; join again'),
  // Negotiating the 一张表 (server/timetable/negotiation.ts).
  objection_open: (p: MessageParams): Bilingual => {
    const school = param(p, 'school', '一所成员校');
    const schoolEn = param(p, 'school', 'a member school');
    const comment = param(p, 'comment', '');
    return {
      zh: `${school}提出异议${comment ? `：${comment}` : ''}，解决后才能发布`,
      en: `${schoolEn} objects${comment ? `: ${comment}` : ''}; resolve it before publishing`,
    };
  },
  hard_conflicts: (p: MessageParams): Bilingual => ({
    zh: `还有${p.count === undefined ? '' : ` ${p.count} 处`}硬冲突，解决后才能发布`,
    en: `${param(p, 'count', 'Some')} hard conflicts remain; resolve them before publishing`,
  }),
  answers_pending: (p: MessageParams): Bilingual => ({
    zh: `成员校尚未答复：${param(p, 'schools', '')}。请等待其同意，或确认后代为同意`,
    en: `Not answered yet: ${param(p, 'schools', '')}; wait for their acceptance, or accept on their behalf`,
  }),
  not_draft: text('这节课已提交协商，修改后才能再次提交', 'Already proposed or published'),
  not_proposed: text('请先提交成员校协商', 'Propose it to the member schools first'),
  no_member_school: text('没有需要征求意见的成员校', 'No member school to ask'),
  not_asked: text('这所学校不在本次协商之中', 'This school is not asked about this lesson'),
  comment_required: text('提出异议时请写明理由', 'An objection needs a comment'),
  stale: text('内容已被他人修改，请刷新后重试', 'Changed meanwhile; reload and try again'),
  // What a classroom's downlink carries (client/classroom/receptionNotice.ts, issue #14).
  reception_poor: text(
    '网络较差：保留老师声音，画面暂停',
    'Poor network: the teacher is heard, her picture is paused',
  ),
  reception_low: text('网络较差：画面已降低清晰度', 'Weak network: a lower picture quality'),
  // What a classroom receives, on the teacher's tile (client/teacher/receptionLabel.ts).
  reception_good: text('接收 好', 'Reception good'),
  reception_fair: text('接收 一般', 'Reception fair'),
  reception_poor_grade: text('接收 差', 'Reception poor'),
  reception_video_paused: text('画面已暂停（带宽不足）', 'picture paused (too little bandwidth)'),
  reception_low_layer: text('清晰度降低', 'lower resolution'),
  reception_freezes: text('画面卡顿', 'picture freezes'),
  reception_low_fps: text('帧率低', 'low frame rate'),
  reception_loss: (p: MessageParams): Bilingual => ({
    zh: `丢包 ${param(p, 'pct', '')}%`,
    en: `${param(p, 'pct', '')}% loss`,
  }),
  reception_delay: (p: MessageParams): Bilingual => ({
    zh: `延迟 ${param(p, 'ms', '')} ms`,
    en: `${param(p, 'ms', '')} ms delay`,
  }),
} satisfies Record<string, (p: MessageParams) => Bilingual>;

export type MessageCode = keyof typeof catalogue;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(catalogue, code);
}

/** The words for a code, or undefined for a code the catalogue does not know. */
export function messageOf(code: string, params: MessageParams = {}): Bilingual | undefined {
  return isMessageCode(code) ? catalogue[code](params) : undefined;
}

/** "这节课已经结束 This lesson is over": Chinese first, then English, on one line. */
export function bilingual(m: Bilingual): string {
  return `${m.zh} ${m.en}`;
}

/** A refusal as a person reads it; a reason the catalogue does not know is shown as given. */
export function describeRefusal(reason: string, params: MessageParams = {}): string {
  const m = messageOf(reason, params);
  return m ? bilingual(m) : reason;
}

/**
 * A join's refusal from the live room (`{ code, message }`): a scheduled room's refusal
 * carries the gate's reason as its message, signaling's own refusals carry it as the code.
 */
export function describeJoinError(error: { code?: string; message: string }): string {
  if (isMessageCode(error.message)) return describeRefusal(error.message);
  if (error.code && isMessageCode(error.code)) return describeRefusal(error.code);
  return error.message;
}
