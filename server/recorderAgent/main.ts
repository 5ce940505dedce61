// A recorder agent: runs the recorders of the lessons other nodes relay, on a machine of
// its own, so recording costs a relaying node only its worker's copy of each packet.
// `npm run recorder-agent`; see docs/recording.md, "Recorders on their own machine".
import { agentApp } from './agentApp';
import { loadAgentConfig } from './agentConfig';

let config;
try {
  config = loadAgentConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(78); // EX_CONFIG
}

const { app } = agentApp({
  token: config.token,
  logLevel: config.logLevel,
  root: config.recordingDir,
  rtpIp: config.rtpIp,
  portRange: [config.recordingMinPort, config.recordingMaxPort],
  ffmpegPath: config.ffmpegPath,
  log: { warn: (obj, msg) => app.log.warn(obj, msg) },
});
await app.listen({ host: config.host, port: config.port });
app.log.info({ rtpIp: config.rtpIp, recordingDir: config.recordingDir }, 'recorder agent is up');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Each recorder is stopped with its BYE first, so every file gets its index.
    void app.close().then(() => process.exit(0));
  });
}
