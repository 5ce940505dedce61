// Every setting of the server, read from the environment once, validated, with defaults
// that run a single-machine installation (`npm start`) with no other service.
import { networkInterfaces, availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { check } from '../shared/validation';
import { MINUTE, type LifecycleSettings } from './lessons/settings';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const ConfigSchema = Type.Object({
  /** Address the HTTP/socket.io server listens on. */
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** IP or host name the browsers are told to send media to (ICE candidates). */
  announcedAddress: Type.String({ minLength: 1 }),
  /** First WebRtcServer port: worker i listens on rtcPort + i, UDP and TCP. 0 = any free port. */
  rtcPort: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** Port range for the workers' other transports (pipes between routers, plain RTP). */
  rtcMinPort: Port,
  rtcMaxPort: Port,
  numWorkers: Type.Integer({ minimum: 1, maximum: 64 }),
  /** Consumers one router takes before a room's extra consumers go to a piped router. */
  consumersPerRouter: Type.Integer({ minimum: 1, maximum: 10000 }),
  /**
   * Each participant's downlink follows the layer policy (server/live/layers/): 'off' leaves
   * layers to mediasoup's own estimate and the tiles (the benchmark's "before").
   */
  linkPolicy: Type.Union([Type.Literal('on'), Type.Literal('off')]),
  dataDir: Type.String({ minLength: 1 }),
  /** Unset: embedded SQLite store in dataDir. Set: Redis store (and socket.io adapter). */
  redisUrl: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  timeZone: Type.String({ minLength: 1 }),
  /** TURN servers (comma-separated turn:/turns: URLs) for networks that block the SFU's ports. */
  turnUrls: Type.Optional(Type.String({ pattern: '^turns?:[^,\\s]+(,turns?:[^,\\s]+)*$' })),
  /** coturn's static-auth-secret: clients get time-limited credentials signed with it. */
  turnSecret: Type.Optional(Type.String({ minLength: 16 })),
  turnTtlSeconds: Type.Integer({ minimum: 60, maximum: 7 * 86400 }),
  /** REST requests one client address may make per minute (login and enrolment: far fewer). */
  httpRequestsPerMinute: Type.Integer({ minimum: 10, maximum: 1_000_000 }),
  /** Other origins whose pages may open the signaling socket (comma-separated), e.g. a dev server. */
  allowedOrigins: Type.Optional(
    Type.String({ pattern: '^(https?://[^,\\s]+)(,https?://[^,\\s]+)*$' }),
  ),
  /** Token signing secret; unset: generated once and kept in dataDir. Nodes must share it. */
  authSecret: Type.Optional(Type.String({ minLength: 16 })),
  /** lesson rooms open this many minutes before start (device and network check) */
  lessonOpenLeadMin: Type.Integer({ minimum: 0, maximum: 60 }),
  /** a teacher may start at most this many minutes early */
  lessonEarlyStartMaxMin: Type.Integer({ minimum: 0, maximum: 60 }),
  /** a teacher may run over the end by at most this many minutes */
  lessonLateEndMaxMin: Type.Integer({ minimum: 0, maximum: 120 }),
  /** the research room (同步教学研讨) stays open this long after the lesson */
  researchDurationMin: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
  /** largest material file a teacher may attach */
  materialMaxMb: Type.Integer({ minimum: 1, maximum: 2048 }),
  /**
   * Who may open an ad-hoc (room code) room: `granted` = only a code a coordinator or
   * teacher created (POST /api/adhoc-rooms); `open` = any code (development, tests).
   * Default: `granted` with NODE_ENV=production, else `open`.
   */
  adhocRooms: Type.Union([Type.Literal('granted'), Type.Literal('open')]),
  /** live rooms this node holds at most (lessons, research meetings, ad-hoc rooms) */
  maxRooms: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** participants this node holds at most, over all its rooms */
  maxParticipants: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** open signaling sockets one client address may hold (a school's NAT: many PCs) */
  socketsPerAddress: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** joins one client address may make per minute */
  joinsPerAddressPerMinute: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** login attempts per minute for one login name */
  loginsPerAccountPerMinute: Type.Integer({ minimum: 1, maximum: 10_000 }),
  /** login and enrolment attempts per minute from one client address (a school's NAT) */
  loginsPerAddressPerMinute: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /**
   * Addresses of the reverse proxy in front (comma-separated); requests from them are
   * counted by their X-Forwarded-For client, not by the proxy's own address.
   */
  trustProxy: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$' })),
  /** record every scheduled lesson while it is live ('off': none; code rooms on request) */
  recordLessons: Type.Union([Type.Literal('on'), Type.Literal('off')]),
  /** where recordings go; unset: DATA_DIR/recordings */
  recordingDir: Type.Optional(Type.String({ minLength: 1 })),
  /** below this much free disk, recording stops with a warning (live media goes on) */
  recordingMinFreeMb: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  /** recordings are deleted this many days after they end; 0 keeps them */
  recordingRetentionDays: Type.Integer({ minimum: 0, maximum: 36500 }),
  /** loopback UDP ports the recorder processes receive RTP on (two per stream) */
  recordingMinPort: Type.Integer({ minimum: 1024, maximum: 65534 }),
  recordingMaxPort: Type.Integer({ minimum: 1025, maximum: 65535 }),
  /**
   * A recorder agent (server/recorderAgent) on a machine of its own: segments are recorded
   * there, into the RECORDING_DIR both share; unset, or unreachable: on this node.
   */
  recorderAgentUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  recorderAgentToken: Type.Optional(Type.String({ minLength: 16 })),
  /** Debian's ffmpeg / ffprobe, or another build */
  ffmpegPath: Type.String({ minLength: 1 }),
  ffprobePath: Type.String({ minLength: 1 }),
  /** waits in ms before each retry of a failed webhook delivery; then it gives up */
  webhookRetryMs: Type.String({ pattern: '^[0-9]+(,[0-9]+)*$' }),
  /** a live lesson's member classroom still absent this long after the start is told of */
  noticeAbsentGraceS: Type.Integer({ minimum: 0, maximum: 3600 }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  ),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The environment variable behind each setting, for error messages and the README. */
export const envNames: Record<keyof Config, string> = {
  host: 'HOST',
  port: 'PORT',
  announcedAddress: 'ANNOUNCED_ADDRESS',
  rtcPort: 'RTC_PORT',
  rtcMinPort: 'RTC_MIN_PORT',
  rtcMaxPort: 'RTC_MAX_PORT',
  numWorkers: 'MEDIASOUP_WORKERS',
  consumersPerRouter: 'CONSUMERS_PER_ROUTER',
  linkPolicy: 'LINK_POLICY',
  dataDir: 'DATA_DIR',
  redisUrl: 'REDIS_URL',
  timeZone: 'TIME_ZONE',
  authSecret: 'AUTH_SECRET',
  allowedOrigins: 'ALLOWED_ORIGINS',
  httpRequestsPerMinute: 'HTTP_REQUESTS_PER_MIN',
  turnUrls: 'TURN_URLS',
  turnSecret: 'TURN_SECRET',
  turnTtlSeconds: 'TURN_TTL_S',
  lessonOpenLeadMin: 'LESSON_OPEN_LEAD_MIN',
  lessonEarlyStartMaxMin: 'LESSON_EARLY_START_MAX_MIN',
  lessonLateEndMaxMin: 'LESSON_LATE_END_MAX_MIN',
  researchDurationMin: 'RESEARCH_DURATION_MIN',
  materialMaxMb: 'MATERIAL_MAX_MB',
  adhocRooms: 'ADHOC_ROOMS',
  maxRooms: 'MAX_ROOMS',
  maxParticipants: 'MAX_PARTICIPANTS',
  socketsPerAddress: 'SOCKETS_PER_ADDRESS',
  joinsPerAddressPerMinute: 'JOINS_PER_ADDRESS_PER_MIN',
  loginsPerAccountPerMinute: 'LOGINS_PER_ACCOUNT_PER_MIN',
  loginsPerAddressPerMinute: 'LOGINS_PER_ADDRESS_PER_MIN',
  trustProxy: 'TRUST_PROXY',
  recordLessons: 'RECORD_LESSONS',
  recordingDir: 'RECORDING_DIR',
  recordingMinFreeMb: 'RECORDING_MIN_FREE_MB',
  recordingRetentionDays: 'RECORDING_RETENTION_DAYS',
  recordingMinPort: 'RECORDING_MIN_PORT',
  recordingMaxPort: 'RECORDING_MAX_PORT',
  recorderAgentUrl: 'RECORDER_AGENT_URL',
  recorderAgentToken: 'RECORDER_AGENT_TOKEN',
  ffmpegPath: 'FFMPEG_PATH',
  ffprobePath: 'FFPROBE_PATH',
  logLevel: 'LOG_LEVEL',
  webhookRetryMs: 'WEBHOOK_RETRY_MS',
  noticeAbsentGraceS: 'NOTICE_ABSENT_GRACE_S',
};

const numeric = new Set<keyof Config>([
  'port',
  'rtcPort',
  'rtcMinPort',
  'rtcMaxPort',
  'numWorkers',
  'consumersPerRouter',
  'turnTtlSeconds',
  'httpRequestsPerMinute',
  'lessonOpenLeadMin',
  'lessonEarlyStartMaxMin',
  'lessonLateEndMaxMin',
  'researchDurationMin',
  'materialMaxMb',
  'maxRooms',
  'maxParticipants',
  'socketsPerAddress',
  'joinsPerAddressPerMinute',
  'loginsPerAccountPerMinute',
  'loginsPerAddressPerMinute',
  'recordingMinFreeMb',
  'recordingRetentionDays',
  'recordingMinPort',
  'recordingMaxPort',
  'noticeAbsentGraceS',
]);

/** First non-internal IPv4 address: what a classroom PC on the school LAN can reach. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export function defaults(env: Record<string, string | undefined> = {}): Config {
  return {
    adhocRooms: env.NODE_ENV === 'production' ? 'granted' : 'open',
    maxRooms: 500,
    maxParticipants: 5000,
    socketsPerAddress: 300,
    joinsPerAddressPerMinute: 300,
    loginsPerAccountPerMinute: 10,
    loginsPerAddressPerMinute: 600,
    host: '0.0.0.0',
    port: 3000,
    announcedAddress: lanAddress(),
    rtcPort: 40000,
    rtcMinPort: 40100,
    rtcMaxPort: 40999,
    numWorkers: availableParallelism(),
    consumersPerRouter: 300,
    linkPolicy: 'on',
    turnTtlSeconds: 86400,
    httpRequestsPerMinute: 1200,
    dataDir: resolve('data'),
    timeZone: 'Asia/Shanghai',
    lessonOpenLeadMin: 5,
    lessonEarlyStartMaxMin: 10,
    lessonLateEndMaxMin: 15,
    researchDurationMin: 60,
    webhookRetryMs: '1000,5000,30000,120000,600000',
    noticeAbsentGraceS: 120,
    materialMaxMb: 50,
    recordLessons: 'on',
    recordingMinFreeMb: 2048,
    recordingRetentionDays: 0,
    recordingMinPort: 20000,
    recordingMaxPort: 29999,
    ffmpegPath: 'ffmpeg',
    ffprobePath: 'ffprobe',
    logLevel: 'info',
  };
}

/** Reads the environment over the defaults; throws ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const raw: Record<string, unknown> = { ...defaults(env) };
  const problems: string[] = [];
  for (const [key, name] of Object.entries(envNames) as [keyof Config, string][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (numeric.has(key)) {
      if (/^\d+$/.test(value.trim())) raw[key] = Number(value);
      else problems.push(`${name}=${value}: must be a whole number`);
    } else {
      raw[key] = value;
    }
  }
  Object.assign(raw, overrides);
  const result = check(ConfigSchema, raw);
  if (!result.ok) {
    for (const e of result.errors) {
      const key = e.field.slice(1) as keyof Config;
      const secret = ['authSecret', 'turnSecret', 'recorderAgentToken'].includes(key);
      const shown = secret ? '(hidden)' : String(raw[key]);
      problems.push(`${envNames[key] ?? key}=${shown}: ${e.message}`);
    }
  } else {
    if (result.value.rtcMinPort > result.value.rtcMaxPort) {
      problems.push(`RTC_MIN_PORT must not exceed RTC_MAX_PORT`);
    }
    if (result.value.recordingMinPort + 3 > result.value.recordingMaxPort) {
      problems.push('RECORDING_MIN_PORT must be at least 4 below RECORDING_MAX_PORT');
    }
    if (result.value.recorderAgentUrl && !result.value.recorderAgentToken) {
      problems.push('RECORDER_AGENT_URL needs RECORDER_AGENT_TOKEN (the agent’s own)');
    }
    if (result.value.turnUrls && !result.value.turnSecret) {
      problems.push('TURN_URLS needs TURN_SECRET (coturn static-auth-secret)');
    }
  }
  if (problems.length > 0 || !result.ok) {
    throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  if (result.value.timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: result.value.timeZone });
    } catch {
      throw new ConfigError(
        `invalid configuration: TIME_ZONE=${result.value.timeZone}: unknown time zone`,
      );
    }
  }
  return { ...result.value, dataDir: resolve(result.value.dataDir) };
}

// Settings as the parts take them: what a setting's string means is read here, once.

/** A comma-separated setting (TRUST_PROXY, ALLOWED_ORIGINS, TURN_URLS) as its list. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

/** The address the media workers bind: an IPv6 wildcard listen is served on IPv4's. */
export function mediaListenIp(config: Config): string {
  return config.host === '::' ? '0.0.0.0' : config.host;
}

/** The TURN servers offered to browsers, when both their URLs and the secret are set. */
export function turnServers(
  config: Config,
): { urls: string[]; secret: string; ttlSeconds: number } | undefined {
  if (!config.turnUrls || !config.turnSecret) return undefined;
  return {
    urls: listOf(config.turnUrls),
    secret: config.turnSecret,
    ttlSeconds: config.turnTtlSeconds,
  };
}

/** The lesson clock's windows, in milliseconds. */
export function lifecycleSettings(config: Config): LifecycleSettings {
  return {
    openLeadMs: config.lessonOpenLeadMin * MINUTE,
    maxEarlyStartMs: config.lessonEarlyStartMaxMin * MINUTE,
    maxLateEndMs: config.lessonLateEndMaxMin * MINUTE,
    researchDurationMs: config.researchDurationMin * MINUTE,
  };
}
