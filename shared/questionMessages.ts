// The refusals of quick questions and the timer, Chinese first: spread into the one
// catalogue (shared/messages.ts), kept here so the feature's words stay together.
import type { Bilingual, MessageParams } from './messages';

const text = (zh: string, en: string) => (): Bilingual => ({ zh, en });

export const questionMessages = {
  question_teacher_only: text('只有主讲教师可以发布题目', 'Only the teacher asks questions'),
  question_classroom_only: text('只有教室可以作答', 'Only a classroom answers'),
  question_unknown: text('没有这道题', 'No such question'),
  question_closed: text('这道题已结束作答', 'This question is closed'),
  question_answered: text('本教室已经作答，不能再次提交', 'This classroom has already answered'),
  question_choice_range: (p: MessageParams): Bilingual => ({
    zh: `选项超出范围：本题只有 ${p.choices} 个选项`,
    en: `Choice out of range: this question has ${p.choices} choices`,
  }),
  question_one_choice: text('单选题只能选一个答案', 'A single-choice question takes one choice'),
  question_needs_choice: text('请选择答案', 'Choose an answer'),
  question_needs_count: text('请填写答对人数', 'Type the number of students who got it right'),
  question_choices_needed: text('请设置选项数（2–8）', 'Give the number of choices (2–8)'),
  timer_teacher_only: text('只有主讲教师可以使用计时器', 'Only the teacher runs the timer'),
  timer_needs_duration: text('倒计时需要设置时长', 'A countdown needs a duration'),
} satisfies Record<string, (p: MessageParams) => Bilingual>;
