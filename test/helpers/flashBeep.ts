// A camera that flashes white and a microphone that beeps at the same instants, for
// measuring how well a recording keeps audio and video together. Both read one clock:
// a flash lasts the frames inside [k·period, k·period + 100 ms), a beep the 10 ms chunks
// inside the same window (by their sample time); between them a dim picture and a quiet hum (no silence, so the
// Opus encoder's DTX does not thin the packets).
import wrtc from '@roamhq/wrtc';
import type { SyntheticVideo } from './wrtc';

const { RTCVideoSource, RTCAudioSource } = wrtc.nonstandard;
export const FLASH_MS = 100;

export function flashBeep(
  width: number,
  height: number,
  periodMs = 1000,
): { video: SyntheticVideo; audio: SyntheticVideo } {
  const epoch = performance.now();
  const lit = () => (performance.now() - epoch) % periodMs < FLASH_MS;

  const videoSource = new RTCVideoSource();
  const videoTrack = videoSource.createTrack() as unknown as MediaStreamTrack;
  const frame = new Uint8Array(width * height * 1.5);
  const luma = width * height;
  frame.fill(128, luma);
  const videoTimer = setInterval(() => {
    frame.fill(lit() ? 235 : 40, 0, luma);
    videoSource.onFrame({ width, height, data: frame });
  }, 1000 / 30);

  const audioSource = new RTCAudioSource();
  const audioTrack = audioSource.createTrack() as unknown as MediaStreamTrack;
  const samples = new Int16Array(480);
  let phase = 0;
  let sent = 0;
  // A microphone's samples follow its clock, not a timer's: as many 10 ms chunks as the
  // time since the epoch asks for (a busy machine fires a 10 ms timer late, and an audio
  // track fed one chunk per tick would run slow against the picture).
  const audioTimer = setInterval(() => {
    const due = Math.floor(((performance.now() - epoch) * 48) / 480);
    for (; sent < due; sent++) {
      const loud = (sent * 10) % periodMs < FLASH_MS;
      for (let i = 0; i < samples.length; i++) {
        samples[i] = Math.round(Math.sin(phase) * (loud ? 16000 : 300));
        phase += (2 * Math.PI * (loud ? 1000 : 300)) / 48000;
      }
      audioSource.onData({ samples, sampleRate: 48000 });
    }
  }, 10);

  return {
    video: {
      track: videoTrack,
      stop() {
        clearInterval(videoTimer);
        videoTrack.stop();
      },
    },
    audio: {
      track: audioTrack,
      stop() {
        clearInterval(audioTimer);
        audioTrack.stop();
      },
    },
  };
}
