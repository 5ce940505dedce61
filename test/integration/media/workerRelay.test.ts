// The foundation's proof that media works on this machine: the cached worker starts, and
// a Router relays one real WebRTC peer's video to another over DTLS-SRTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { Device } from 'mediasoup-client';
import { mediaCodecs } from '../../../server/media/codecs';
import { locateWorkerBin } from '../../../infra/mediasoup-worker/locate.mjs';
import {
  countFrames,
  installWrtcGlobals,
  syntheticVideo,
  wrtcHandlerName,
} from '../../helpers/wrtc';

installWrtcGlobals();

describe('mediasoup worker from the cached binary', () => {
  let worker: types.Worker;
  let router: types.Router;
  let webRtcServer: types.WebRtcServer;
  // wrtc objects stay referenced until the file ends and are closed in order (peer
  // connections first, then sources): a native wrtc object collected or stopped while its
  // peer connection still runs can take the process down.
  const cleanup: (() => void)[] = [];

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ logLevel: 'warn' });
    webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1' },
        { protocol: 'tcp', ip: '127.0.0.1' },
      ],
    });
    router = await worker.createRouter({ mediaCodecs });
  });

  afterAll(() => {
    for (const step of cleanup.splice(0)) step();
    worker?.close();
  });

  it('spawns the binary the server would use', async () => {
    const cached = locateWorkerBin();
    if (cached) expect(mediasoup.workerBin).toBe(cached);
    expect(worker.pid).toBeGreaterThan(0);
    const usage = await worker.getResourceUsage();
    expect(usage.ru_maxrss).toBeGreaterThan(0);
  });

  it('relays one wrtc peer’s 640x360 video to another, decoded at the sent size', async () => {
    const params = (t: types.WebRtcTransport) => ({
      id: t.id,
      iceParameters: t.iceParameters,
      iceCandidates: t.iceCandidates,
      dtlsParameters: t.dtlsParameters,
    });
    const sendDevice = new Device({ handlerName: wrtcHandlerName });
    const recvDevice = new Device({ handlerName: wrtcHandlerName });
    await sendDevice.load({ routerRtpCapabilities: router.rtpCapabilities });
    await recvDevice.load({ routerRtpCapabilities: router.rtpCapabilities });

    const serverSend = await router.createWebRtcTransport({ webRtcServer });
    const serverRecv = await router.createWebRtcTransport({ webRtcServer });
    const sendTransport = sendDevice.createSendTransport(params(serverSend));
    sendTransport.on('connect', ({ dtlsParameters }, ok, fail) => {
      serverSend.connect({ dtlsParameters }).then(ok, fail);
    });
    sendTransport.on('produce', ({ kind, rtpParameters }, ok, fail) => {
      // mediasoup-client 3.18 and mediasoup 3.19 spell one header-extension union differently.
      serverSend
        .produce({ kind, rtpParameters: rtpParameters as types.RtpParameters })
        .then((p) => ok({ id: p.id }), fail);
    });
    const recvTransport = recvDevice.createRecvTransport(params(serverRecv));
    recvTransport.on('connect', ({ dtlsParameters }, ok, fail) => {
      serverRecv.connect({ dtlsParameters }).then(ok, fail);
    });

    const video = syntheticVideo(640, 360);
    const producer = await sendTransport.produce({ track: video.track });
    const consumer = await serverRecv.consume({
      producerId: producer.id,
      rtpCapabilities: recvDevice.rtpCapabilities as types.RtpCapabilities,
      paused: true,
    });
    const received = await recvTransport.consume({
      id: consumer.id,
      producerId: producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    });
    const counter = countFrames(received.track);
    await consumer.resume();

    await counter.waitFor(10, { width: 640, height: 360 });
    expect(counter.frames).toBeGreaterThanOrEqual(10);
    expect([counter.width, counter.height]).toEqual([640, 360]);
    const stats = await serverSend.getStats();
    expect(stats[0]?.dtlsState).toBe('connected');

    cleanup.push(
      () => counter.stop(),
      () => recvTransport.close(),
      () => sendTransport.close(),
      () => video.stop(),
      () => void [sendDevice, recvDevice, producer, received],
    );
  });
});
