import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('loadConfig', () => {
  it('runs on the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
    expect(config.numWorkers).toBeGreaterThanOrEqual(1);
    expect(config.timeZone).toBe('Asia/Shanghai');
  });

  it('reads each variable and converts numbers', () => {
    const config = loadConfig({
      PORT: '8080',
      MEDIASOUP_WORKERS: '3',
      REDIS_URL: 'redis://127.0.0.1:6380',
      ANNOUNCED_ADDRESS: '203.0.113.7',
      DATA_DIR: '/tmp/tongke-x',
    });
    expect(config).toMatchObject({
      port: 8080,
      numWorkers: 3,
      redisUrl: 'redis://127.0.0.1:6380',
      announcedAddress: '203.0.113.7',
      dataDir: '/tmp/tongke-x',
    });
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', MEDIASOUP_WORKERS: '0', REDIS_URL: 'localhost:6379' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT=eighty: must be a whole number/);
    expect(attempt).toThrow(/MEDIASOUP_WORKERS=0/);
    expect(attempt).toThrow(/REDIS_URL=localhost:6379/);
  });

  it('refuses an inverted port range and an unknown time zone', () => {
    expect(() => loadConfig({ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' })).toThrow(
      /RTC_MIN_PORT must not exceed RTC_MAX_PORT/,
    );
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/unknown time zone/);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('takes a comma-separated list of origins and refuses anything else', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'http://localhost:5173,https://school.example' })
        .allowedOrigins,
    ).toBe('http://localhost:5173,https://school.example');
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'localhost:5173' })).toThrow(/ALLOWED_ORIGINS/);
  });
});

describe('TURN settings', () => {
  it('needs the shared secret with the URLs, and hides it in errors', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example:3478' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ TURN_URLS: 'http://x', TURN_SECRET: 'short' })).toThrow(
      /TURN_SECRET=\(hidden\)/,
    );
    const config = loadConfig({
      TURN_URLS: 'turn:turn.example:3478?transport=udp,turns:turn.example:5349',
      TURN_SECRET: 'a-long-enough-shared-secret',
    });
    expect(config.turnUrls?.split(',')).toHaveLength(2);
    expect(config.turnTtlSeconds).toBe(86400);
  });
});

describe('recording settings', () => {
  it('records lessons by default, under the data dir, with a 2 GB floor', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/tongke-r' });
    expect(config).toMatchObject({ recordLessons: 'on', recordingMinFreeMb: 2048 });
    expect(config.recordingDir).toBeUndefined();
  });

  it('reads them and names the bad ones', () => {
    expect(
      loadConfig({
        RECORD_LESSONS: 'off',
        RECORDING_DIR: '/srv/rec',
        RECORDING_MIN_FREE_MB: '500',
      }),
    ).toMatchObject({ recordLessons: 'off', recordingDir: '/srv/rec', recordingMinFreeMb: 500 });
    expect(() => loadConfig({ RECORD_LESSONS: 'yes' })).toThrow(/RECORD_LESSONS=yes/);
    expect(() => loadConfig({ RECORDING_MIN_FREE_MB: 'lots' })).toThrow(
      /RECORDING_MIN_FREE_MB=lots: must be a whole number/,
    );
    expect(() => loadConfig({ RECORDING_MIN_PORT: '30000', RECORDING_MAX_PORT: '30001' })).toThrow(
      /RECORDING_MIN_PORT must be at least 4 below RECORDING_MAX_PORT/,
    );
  });
});
