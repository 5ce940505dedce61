// How loud a remote microphone is, for a level bar on the teacher's wall: one shared
// AudioContext, one analyser per track, read at 10 Hz (no per-sample work in the page).

let context: AudioContext | undefined;

export interface LevelMeter {
  /** 0..1, the RMS of the last ~20 ms, scaled so speech fills most of the bar */
  level(): number;
  close(): void;
}

export function levelMeter(track: MediaStreamTrack): LevelMeter {
  context ??= new AudioContext();
  // Browsers hold an AudioContext until a gesture; the wall is on a page people click.
  if (context.state === 'suspended') {
    void context.resume().catch(() => undefined);
    document.addEventListener('click', () => void context?.resume(), { once: true });
  }
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS → 0, -10 dBFS → 1
      const db = 20 * Math.log10(rms || 1e-9);
      return Math.min(1, Math.max(0, (db + 60) / 50));
    },
    close() {
      source.disconnect();
    },
  };
}
