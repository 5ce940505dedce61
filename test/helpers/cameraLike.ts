// A camera-like video source: a moving bar over shifting noise, so the encoder spends what
// each simulcast layer is capped at (teacherCameraEncodings: 150 / 500 / 1500 kbit/s), as a
// real classroom camera does, not the few kbit/s a flat synthetic picture costs. The noise
// is made once and read at a moving offset: cheap per frame.
import wrtc from '@roamhq/wrtc';
import { randomFillSync } from 'node:crypto';
import type { SyntheticVideo } from './wrtc';

export function cameraLikeVideo(width: number, height: number, fps = 30): SyntheticVideo {
  const source = new wrtc.nonstandard.RTCVideoSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const size = width * height * 1.5;
  // Noise over a third of the picture (a pupil's pullover, a leafy window): the rest flat.
  const band = Math.floor(height / 3) * width;
  const noise = randomFillSync(new Uint8Array(band * 2));
  const data = new Uint8Array(size);
  data.fill(128);
  let tick = 0;
  const timer = setInterval(() => {
    const offset = (tick * 7919) % band;
    data.fill(90, 0, width * height);
    data.set(noise.subarray(offset, offset + band), width * Math.floor(height / 3));
    const bar = (tick * 8) % width;
    for (let y = 0; y < height; y += 1) {
      data.fill(235, y * width + bar, y * width + Math.min(width, bar + 32));
    }
    tick += 1;
    source.onFrame({ width, height, data });
  }, 1000 / fps);
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}
