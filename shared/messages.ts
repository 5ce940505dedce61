// The one catalogue of refusals people read: reason code → Chinese first, then English.
// The API and the socket keep their machine codes; screens (and the server, where it knows
// the names a message needs) turn a code into words here, so one refusal reads the same
// everywhere.

import { roomControlMessages } from './roomControlMessages';
import { questionMessages } from './questionMessages';

export interface Bilingual {
  zh: string;
  en: string;
}

export type MessageParams = Record<string, string | number | undefined>;

const text = (zh: string, en: string) => (): Bilingual => ({ zh, en });
const param = (p: MessageParams, key: string, fallback: string) =>
  p[key] === undefined || p[key] === '' ? fallback : String(p[key]);

const catalogue = {
  // The API's generic refusals: the words put before a message written only in English
  // (server/http/errorHandler.ts), so every refusal a person reads starts in Chinese.
  invalid_request: text('请求内容有误', 'The request is not valid'),
  invalid_payload: text('请求内容有误', 'The request is not valid'),
  unknown_request: text('未知的请求', 'Unknown request'),
  invalid_rows: text('导入的表格有误', 'Some rows are not valid'),
  wrong_current_password: text('当前密码不正确', 'The current password is wrong'),
  invalid_update: text('修改内容有误', 'The change is not valid'),
  not_a_url: text('不是有效的网址', 'Not a URL'),
  scheme_not_allowed: text('网址须以 http 或 https 开头', 'Only http(s) addresses'),
  credentials_in_url: text('网址中不能包含密码', 'No password in the address'),
  classroom_not_in_community: text('该教室不在本教共体', 'The classroom is not in this community'),
  bad_credentials: text('账号或密码不正确', 'Wrong login or password'),
  account_disabled: text('账号已停用', 'The account is disabled'),
  bad_code: text('验证码不正确或已过期', 'The code is wrong or expired'),
  forbidden: text('无权进行此操作', 'Not allowed'),
  media_limit: text('已达到媒体数量上限', 'Media limit reached'),
  not_found: text('未找到', 'Not found'),
  not_exported: text('尚未导出', 'Not exported yet'),
  read_only: text('只读，不能修改', 'Read only'),
  exists: text('已存在', 'Already exists'),
  login_taken: text('该登录名已被使用', 'That login is taken'),
  room_taken: text('该房间已被占用', 'That room is taken'),
  own_account: text('不能对自己的账号这样操作', 'Not on your own account'),
  conflict: text('与现有内容冲突', 'Conflicts with what exists'),
  conflicts: text('与现有内容冲突', 'Conflicts with what exists'),
  in_use: text('正在使用中，不能删除', 'In use'),
  phone_taken: text('该手机号已被使用', 'That phone number is taken'),
  not_started: text('尚未开始', 'Not started yet'),
  still_recording: text('仍在录制或导出中', 'Still recording or exporting'),
  media_gone: text('媒体已关闭', 'The media is gone'),
  media_error: text('媒体服务出错', 'Media server error'),
  no_worker: text('媒体服务暂不可用', 'No media worker available'),
  store_unavailable: text('数据存储暂时不可用', 'The store is unreachable'),
  internal: text('服务器内部错误', 'Internal server error'),
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
  // A token shown and refused (server/auth/tokenRefusal.ts), and other edges' refusals.
  device_revoked: text(
    '本机已被注销，请联系教务重新注册',
    "This PC's enrolment was revoked; ask the coordinator for a new code",
  ),
  token_expired: text('登录已过期，请重新登录', 'The sign-in has expired; sign in again'),
  unauthorized: text('需要有效的登录', 'A valid sign-in is required'),
  bad_token: text('凭据无效或已过期', 'The credential is invalid or expired'),
  needs_token: text(
    '这节课须用账号或教室电脑进入',
    'A scheduled lesson is entered with a sign-in or a classroom PC, not a room code',
  ),
  wrong_code: text('入场码不正确', 'Wrong room code'),
  no_grant: text('这个课堂编号未开放', 'This room is not open'),
  grant_expired: text('这个课堂编号已过期', 'This room has expired'),
  second_teacher: text('已有主讲教师在课堂中', 'A teacher is already in this room'),
  rate_limited: text('请求过于频繁，请稍后再试', 'Too many requests; try again shortly'),
  unavailable: text('服务器暂时不可用，请稍后再试', 'The server is unavailable; try again shortly'),
  // Material on the projectors (client/classroom/materialViewer.ts).
  material_unavailable: text('资料暂时打不开，请稍后再试', 'The material could not be opened'),
  unsupported_type: text('不支持这种文件类型', 'This type of file is not accepted'),
  too_large: text('文件太大', 'The file is too large'),
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
  // Who may do what to the timetable (server/timetable/access.ts).
  answer_own_school_only: text(
    '只能代表本校答复',
    'A teacher or school office answers only for their own school',
  ),
  own_schedule_only: text(
    '教师只能查看自己的课表；协调员可查看本教共体教师的课表',
    "A teacher sees her own lessons; coordinators see their teachers'",
  ),
  own_district_only: text(
    '区县教育局只能管理本区县的教共体',
    "A district manages only its own district's communities",
  ),
  own_school_only: text(
    '学校教务只能修改本校的作息、教室和教师',
    "A school office changes only its own school's bell schedule, classrooms and teachers",
  ),
  own_classroom_only: text('教室终端只能查看本教室', 'A classroom PC sees only its own classroom'),
  // The timetable's records (server/timetable/timetableErrors.ts).
  no_record: (p: MessageParams): Bilingual => ({
    zh: `找不到${param(p, 'what', '')} ${param(p, 'id', '')}`,
    en: `no ${param(p, 'kind', '')} ${param(p, 'id', '')}${p.within ? ` in ${p.within}` : ''}`,
  }),
  record_exists: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'what', '')} ${param(p, 'id', '')} 已存在`,
    en: `${param(p, 'kind', '')} ${param(p, 'id', '')} exists`,
  }),
  not_a_date: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 不是有效日期`,
    en: `${param(p, 'date', '')} is no date`,
  }),
  not_school_of_community: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不是教共体 ${param(p, 'community', '')} 的学校`,
    en: `${param(p, 'id', '')} is not a school of ${param(p, 'community', '')}`,
  }),
  // A school's bell schedule and term calendar, a community's schools.
  period_ends_before_start: (p: MessageParams): Bilingual => ({
    zh: `第${param(p, 'n', '')}节的下课时间早于上课时间`,
    en: `第${param(p, 'n', '')}节 ends before it starts`,
  }),
  period_overlaps: (p: MessageParams): Bilingual => ({
    zh: `第${param(p, 'n', '')}节与上一节重叠`,
    en: `第${param(p, 'n', '')}节 overlaps the period before`,
  }),
  period_twice: (p: MessageParams): Bilingual => ({
    zh: `第${param(p, 'n', '')}节出现了两次`,
    en: `period ${param(p, 'n', '')} appears twice`,
  }),
  weekday_twice: text('同一个星期几出现了两次', 'a weekday twice'),
  last_before_first: text('学期结束日早于开始日', 'before firstDay'),
  term_too_long: text('一个学期最长一年', 'a term is at most a year'),
  make_up_on_holiday: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 同时是假日`,
    en: `${param(p, 'date', '')} is also a holiday`,
  }),
  no_school: (p: MessageParams): Bilingual => ({
    zh: `没有学校 ${param(p, 'id', '')}`,
    en: `no school ${param(p, 'id', '')}`,
  }),
  is_core_school: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 是牵头学校`,
    en: `${param(p, 'id', '')} is the core school`,
  }),
  member_elsewhere: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 已是教共体 ${param(p, 'community', '')} 的成员校`,
    en: `${param(p, 'id', '')} is already a member of ${param(p, 'community', '')}`,
  }),
  // A lesson series' references (server/timetable/specProblems.ts).
  no_classroom: (p: MessageParams): Bilingual => ({
    zh: `没有教室 ${param(p, 'id', '')}`,
    en: `no classroom ${param(p, 'id', '')}`,
  }),
  no_teacher: (p: MessageParams): Bilingual => ({
    zh: `没有教师 ${param(p, 'id', '')}`,
    en: `no teacher ${param(p, 'id', '')}`,
  }),
  not_core_classroom: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不是主讲学校的教室`,
    en: `${param(p, 'id', '')} is not a classroom of the core school`,
  }),
  not_in_community: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不属于教共体 ${param(p, 'community', '')}`,
    en: `${param(p, 'id', '')} is not in community ${param(p, 'community', '')}`,
  }),
  is_core_classroom: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 是主讲教室，不能同时听讲`,
    en: `${param(p, 'id', '')} is the core classroom`,
  }),
  listed_twice: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 重复列出`,
    en: `${param(p, 'id', '')} listed twice`,
  }),
  not_member_classroom: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不是这节课的听讲教室`,
    en: `${param(p, 'id', '')} is not a member classroom of this lesson`,
  }),
  helper_named_twice: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 已有辅导教师`,
    en: `${param(p, 'id', '')} already has a 辅导教师`,
  }),
  not_teacher_of_school: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不在 ${param(p, 'school', '')} 任教`,
    en: `${param(p, 'id', '')} does not teach at ${param(p, 'school', '')}`,
  }),
  not_teacher_of_community: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'id', '')} 不在教共体 ${param(p, 'community', '')} 任教`,
    en: `${param(p, 'id', '')} does not teach in community ${param(p, 'community', '')}`,
  }),
  ...roomControlMessages,
  // Quick questions and the shared timer (server/live/questions/).
  ...questionMessages,
  // What a classroom's downlink carries (client/classroom/receptionNotice.ts, issue #14).
  reception_poor: text(
    '网络较差：保留老师声音，画面暂停',
    'Poor network: the teacher is heard, her picture is paused',
  ),
  reception_low: text('网络较差：画面已降低清晰度', 'Weak network: a lower picture quality'),
  // The school's downlink budget (set on /setup/), not the network, holds the picture back.
  reception_capped: text(
    '学校下行带宽上限：保留老师声音，画面暂停',
    "The school's downlink budget: the teacher is heard, her picture is paused",
  ),
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
  // Notices by kind, `notice_${kind}` (server/notifications/concerned.ts makes them).
  notice_proposal_waiting: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'subject', '')}课（${param(p, 'slot', '')}）的排课提议等待 ${param(p, 'school', '')} 答复`,
    en: `The proposed ${param(p, 'subject', '')} lesson (${param(p, 'slot', '')}) waits for ${param(p, 'school', '')}'s answer`,
  }),
  notice_lesson_moved: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 的${param(p, 'subject', '')}课调至 ${param(p, 'to', '')}`,
    en: `The ${param(p, 'subject', '')} lesson of ${param(p, 'date', '')} moved to ${param(p, 'to', '')}`,
  }),
  notice_lesson_cancelled: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 的${param(p, 'subject', '')}课已取消`,
    en: `The ${param(p, 'subject', '')} lesson of ${param(p, 'date', '')} is cancelled`,
  }),
  notice_lesson_substituted: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 的${param(p, 'subject', '')}课由 ${param(p, 'teacher', '')} 代课`,
    en: `${param(p, 'teacher', '')} substitutes in the ${param(p, 'subject', '')} lesson of ${param(p, 'date', '')}`,
  }),
  notice_lesson_restored: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'date', '')} 的${param(p, 'subject', '')}课恢复原安排`,
    en: `The ${param(p, 'subject', '')} lesson of ${param(p, 'date', '')} is back as planned`,
  }),
  notice_member_teacher_assigned: (p: MessageParams): Bilingual => ({
    zh: `您担任${param(p, 'subject', '')}课（${param(p, 'slot', '')}）${param(p, 'classroom', '')} 的辅导教师`,
    en: `You are the 辅导教师 of ${param(p, 'classroom', '')} in the ${param(p, 'subject', '')} lesson (${param(p, 'slot', '')})`,
  }),
  notice_classroom_missing: (p: MessageParams): Bilingual => ({
    zh: `${param(p, 'subject', '')}课已开始，${param(p, 'classroom', '')} 未进入课堂`,
    en: `The ${param(p, 'subject', '')} lesson started without ${param(p, 'classroom', '')}`,
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

const CJK = /[\u3400-\u9fff]/;

/**
 * A refusal's message as a person reads it: as given when it already has Chinese, else the
 * code's Chinese words first ("未找到 no lesson x").
 */
export function chineseFirst(code: string, message: string): string {
  if (CJK.test(message)) return message;
  const m = messageOf(code);
  return m ? `${m.zh} ${message}` : message;
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
