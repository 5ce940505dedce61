// The recorder agent's settings, from its environment. It shares RECORDING_DIR, the
// recorder ports and FFMPEG_PATH with the server's names; its own are RECORDER_AGENT_*.
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { check } from '../../shared/validation';

export const AgentConfig = Type.Object({
  /** the secret the relaying nodes present (their RECORDER_AGENT_TOKEN) */
  token: Type.String({ minLength: 16 }),
  /** where the API listens */
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  /** the address the relaying nodes send RTP to: this machine's, as they reach it */
  rtpIp: Type.String({ pattern: '^[0-9.]+$' }),
  /** the storage the relaying nodes read recordings from (their RECORDING_DIR) */
  recordingDir: Type.String({ minLength: 1 }),
  recordingMinPort: Type.Integer({ minimum: 1024, maximum: 65534 }),
  recordingMaxPort: Type.Integer({ minimum: 1025, maximum: 65535 }),
  ffmpegPath: Type.String({ minLength: 1 }),
  logLevel: Type.String({ minLength: 1 }),
});
export type AgentConfig = Static<typeof AgentConfig>;

const names: Record<keyof AgentConfig, string> = {
  token: 'RECORDER_AGENT_TOKEN',
  host: 'RECORDER_AGENT_HOST',
  port: 'RECORDER_AGENT_PORT',
  rtpIp: 'RECORDER_AGENT_RTP_IP',
  recordingDir: 'RECORDING_DIR',
  recordingMinPort: 'RECORDING_MIN_PORT',
  recordingMaxPort: 'RECORDING_MAX_PORT',
  ffmpegPath: 'FFMPEG_PATH',
  logLevel: 'LOG_LEVEL',
};
const numeric = new Set<keyof AgentConfig>(['port', 'recordingMinPort', 'recordingMaxPort']);

/** Reads the environment; throws naming every bad or missing variable. */
export function loadAgentConfig(env: Record<string, string | undefined>): AgentConfig {
  const raw: Record<string, unknown> = {
    host: '127.0.0.1',
    port: 4460,
    recordingMinPort: 30000,
    recordingMaxPort: 39999,
    ffmpegPath: 'ffmpeg',
    logLevel: 'info',
  };
  const problems: string[] = [];
  for (const [key, name] of Object.entries(names) as [keyof AgentConfig, string][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (!numeric.has(key)) raw[key] = value;
    else if (/^\d+$/.test(value.trim())) raw[key] = Number(value);
    else problems.push(`${name}=${value}: must be a whole number`);
  }
  // Sent to where the API listens, unless that is every address.
  raw.rtpIp ??= raw.host === '0.0.0.0' ? undefined : raw.host;
  const result = check(AgentConfig, raw);
  if (!result.ok) {
    for (const e of result.errors) {
      const key = e.field.slice(1) as keyof AgentConfig;
      const shown = key === 'token' ? '(hidden)' : String(raw[key] ?? '(unset)');
      problems.push(`${names[key] ?? key}=${shown}: ${e.message}`);
    }
  }
  if (problems.length > 0 || !result.ok) {
    throw new Error(`invalid recorder agent configuration: ${[...new Set(problems)].join('; ')}`);
  }
  return { ...result.value, recordingDir: resolve(result.value.recordingDir) };
}
