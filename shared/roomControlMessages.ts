// The words of the room's controls (layout, mute for everyone, push-to-talk): refusals
// and states people read, Chinese first. Taken into the one catalogue (shared/messages.ts).
import type { Bilingual } from './messages';

const text = (zh: string, en: string) => (): Bilingual => ({ zh, en });

export const roomControlMessages = {
  only_teacher_sets_layout: text(
    '只有主讲教师可以切换投影画面',
    'Only the teacher chooses what the projectors show',
  ),
  only_teacher_mutes: text(
    '只有主讲教师可以为全体静音或解除',
    'Only the teacher mutes a classroom for everyone',
  ),
  teacher_muted: text(
    '主讲教师已将本教室静音，只有主讲教师可以解除',
    'The teacher muted this classroom; only the teacher can allow it again',
  ),
  push_to_talk_off: text('未开启按键发言', 'Push-to-talk is not on'),
  only_classroom_mic: text(
    '只有听讲教室可以开关自己的麦克风',
    'Only a classroom switches its own microphone',
  ),
  no_such_classroom: text('本课堂中没有这个教室', 'No such classroom in this lesson'),
  // States shown on the screens.
  mic_open: text('麦克风已开', 'Mic on'),
  mic_self_muted: text('已静音', 'Muted'),
  mic_teacher_muted: text('主讲教师已静音本教室', 'Muted by the teacher'),
  mic_hold_to_talk: text('按住发言（空格键）', 'Hold to talk (Space)'),
  mic_talking: text('正在发言', 'Talking'),
  mic_on_stage: text('已上台，麦克风已开', 'On stage: mic on'),
} satisfies Record<string, () => Bilingual>;
