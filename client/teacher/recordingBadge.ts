// The teacher's recording badge beside her controls: whether her lesson will be recorded
// (her community's policy, the server's switch, the disk) and her lesson's recording, asked
// for with the lesson's state (every 15 s, as the start button).
import type { LessonState, LessonSummary } from '../../shared/lessons';
import type { RecordingReadiness, RecordingState } from '../../shared/recording';
import { h } from '../lib/dom';
import { authorized, HttpError } from '../lib/session';
import { recordingStatus } from './recordingStatus';

const POLL_MS = 15_000;

export function recordingBadge(
  lesson: LessonSummary,
  state: () => LessonState,
): { element: HTMLElement; refresh(): void; stop(): void } {
  const element = h('span', { class: 'recording-badge', hidden: true, 'aria-live': 'polite' });
  let readiness: RecordingReadiness | undefined;
  let recorded: RecordingState | undefined;
  const draw = () => {
    const status = recordingStatus(state(), readiness, recorded);
    element.hidden = !status;
    if (!status) return;
    element.textContent = status.text;
    element.dataset.tone = status.tone;
  };
  const check = async () => {
    // Asked again each time until she starts: the disk can fill, or be freed, meanwhile.
    if (!recorded) {
      readiness = await authorized<RecordingReadiness>(
        `/api/communities/${encodeURIComponent(lesson.communityId)}/recording-readiness`,
      ).catch(() => readiness);
    }
    recorded = await authorized<{ manifest: { state: RecordingState } }>(
      `/api/recordings/${encodeURIComponent(lesson.occurrenceId)}`,
    ).then(
      (r) => r.manifest.state,
      // Not recorded (yet): 404. Anything else leaves what was shown.
      (e: unknown) => (e instanceof HttpError && e.status === 404 ? undefined : recorded),
    );
    draw();
  };
  void check();
  const timer = setInterval(() => void check(), POLL_MS);
  return { element, refresh: () => void check(), stop: () => clearInterval(timer) };
}
