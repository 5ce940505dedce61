// A speech-like clip for a real encoder: a glottal pulse train with a gliding pitch through
// three formant resonators (a vowel per syllable), syllables of 120–300 ms with short gaps
// and a breath every ~8, a little breath noise. libopus classifies it as speech (it codes it
// in its SILK/hybrid modes, the only ones with in-band FEC); a steady harmonic tone it codes
// as music (CELT), where FEC does nothing.
import { writeFile } from 'node:fs/promises';

const RATE = 48000;
/** F1, F2, F3 of a few vowels, Hz */
const VOWELS = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [300, 870, 2240],
  [530, 1840, 2480],
  [570, 840, 2410],
];

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A two-pole resonator at `f` Hz with bandwidth `bw`. */
function resonator(f: number, bw: number) {
  const r = Math.exp((-Math.PI * bw) / RATE);
  const a1 = 2 * r * Math.cos((2 * Math.PI * f) / RATE);
  const a2 = -r * r;
  const gain = 1 - r;
  let y1 = 0;
  let y2 = 0;
  return (x: number) => {
    const y = gain * x + a1 * y1 + a2 * y2;
    y2 = y1;
    y1 = y;
    return y;
  };
}

export function speechSamples(seconds: number, seed = 7): Int16Array {
  const rand = random(seed);
  const out = new Int16Array(seconds * RATE);
  let i = 0;
  let syllables = 0;
  while (i < out.length) {
    const voicedLen = Math.round(RATE * (0.12 + rand() * 0.18));
    const [f1, f2, f3] = VOWELS[Math.floor(rand() * VOWELS.length)]!;
    const formants = [resonator(f1!, 80), resonator(f2!, 100), resonator(f3!, 140)];
    const f0From = 110 + rand() * 120;
    const f0To = f0From * (0.8 + rand() * 0.4);
    const loud = 0.5 + rand() * 0.5;
    let phase = 0;
    for (let k = 0; k < voicedLen && i < out.length; k++, i++) {
      const t = k / voicedLen;
      phase += (f0From + (f0To - f0From) * t) / RATE;
      let pulse = 0;
      if (phase >= 1) {
        phase -= 1;
        pulse = 1;
      }
      const x = pulse + (rand() - 0.5) * 0.05;
      const y = formants[0]!(x) * 1.0 + formants[1]!(x) * 0.6 + formants[2]!(x) * 0.3;
      const envelope = Math.min(1, t * 10, (1 - t) * 6) * loud;
      out[i] = Math.max(-32767, Math.min(32767, Math.round(y * envelope * 120000)));
    }
    syllables += 1;
    const gap = syllables % 8 === 0 ? 0.35 + rand() * 0.3 : 0.04 + rand() * 0.12;
    for (let k = Math.round(RATE * gap); k > 0 && i < out.length; k--, i++) {
      out[i] = Math.round((rand() - 0.5) * 60);
    }
  }
  return out;
}

/** Writes a mono 16-bit 48 kHz WAV of `seconds` of it. */
export async function writeSpeechWav(path: string, seconds: number): Promise<void> {
  const samples = speechSamples(seconds);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  await writeFile(path, Buffer.concat([header, Buffer.from(samples.buffer)]));
}
