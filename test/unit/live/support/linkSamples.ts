// Link samples for the downlink policy's unit tests: the teacher's camera as the clients
// send it (teacherCameraEncodings: 180p / 360p / 720p), a courseware share, one sample a
// second fed through a policy.
import type {
  LinkDecision,
  LinkPolicy,
  LinkSample,
  VideoWant,
} from '../../../../server/live/layers/linkPolicy';

export const camera: VideoWant = {
  id: 'cam',
  rates: [150_000, 500_000, 1_500_000],
  wish: 2,
  pausable: true,
};
export const screen: VideoWant = { id: 'screen', rates: [300_000], wish: 0, pausable: false };

export function sample(now: number, over: Partial<LinkSample> = {}): LinkSample {
  return {
    now,
    estimate: 5_000_000,
    loss: 0,
    score: 10,
    audioConsumers: 1,
    videos: [camera],
    ...over,
  };
}

/** Feeds one sample a second from `from` for `seconds`, through `at(t)`; returns each decision. */
export function run(
  policy: LinkPolicy,
  seconds: number,
  at: (t: number) => Partial<LinkSample>,
  from = 0,
): LinkDecision[] {
  const out: LinkDecision[] = [];
  for (let i = 0; i < seconds; i++) {
    const t = from + i * 1000;
    out.push(policy.decide(sample(t, at(t))));
  }
  return out;
}
