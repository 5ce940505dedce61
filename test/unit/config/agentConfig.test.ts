import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../../../server/recorderAgent/agentConfig';
import { loadConfig } from '../../../server/config';

describe('the recorder agent settings', () => {
  it('needs its token and its storage, and names what is missing without showing the token', () => {
    expect(() => loadAgentConfig({})).toThrow(
      /RECORDER_AGENT_TOKEN=\(hidden\).*RECORDING_DIR=\(unset\)/,
    );
    expect(() =>
      loadAgentConfig({ RECORDER_AGENT_TOKEN: 'short', RECORDING_DIR: '/srv/rec' }),
    ).toThrow(/RECORDER_AGENT_TOKEN=\(hidden\)/);
  });

  it('sends RTP to where it listens unless that is every address', () => {
    const env = { RECORDER_AGENT_TOKEN: 'agent-secret-0123456789', RECORDING_DIR: '/srv/rec' };
    expect(loadAgentConfig({ ...env, RECORDER_AGENT_HOST: '10.0.0.5' })).toMatchObject({
      host: '10.0.0.5',
      rtpIp: '10.0.0.5',
      port: 4460,
      recordingDir: '/srv/rec',
    });
    expect(() => loadAgentConfig({ ...env, RECORDER_AGENT_HOST: '0.0.0.0' })).toThrow(
      /RECORDER_AGENT_RTP_IP/,
    );
    expect(
      loadAgentConfig({ ...env, RECORDER_AGENT_HOST: '0.0.0.0', RECORDER_AGENT_RTP_IP: '10.0.0.5' })
        .rtpIp,
    ).toBe('10.0.0.5');
    expect(() => loadAgentConfig({ ...env, RECORDER_AGENT_PORT: 'x' })).toThrow(
      /RECORDER_AGENT_PORT=x/,
    );
  });

  it('a node pointed at an agent needs the agent’s token', () => {
    expect(() => loadConfig({ RECORDER_AGENT_URL: 'http://10.0.0.5:4460' })).toThrow(
      /RECORDER_AGENT_URL needs RECORDER_AGENT_TOKEN/,
    );
    expect(
      loadConfig({
        RECORDER_AGENT_URL: 'http://10.0.0.5:4460',
        RECORDER_AGENT_TOKEN: 'agent-secret-0123456789',
      }).recorderAgentUrl,
    ).toBe('http://10.0.0.5:4460');
  });
});
