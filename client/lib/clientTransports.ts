// A client's WebRTC transport, asked of the server and wired to it: DTLS connect and
// produce go out as requests, and a transport that drops restarts ICE on the same session
// before the client gives the session up. No state of the client's own here.
import type { Device, types as ms } from 'mediasoup-client';
import type {
  MediaSource,
  Replies,
  RequestName,
  RequestPayload,
} from '../../shared/signaling/events';

type Request = <N extends RequestName>(name: N, payload: RequestPayload<N>) => Promise<Replies[N]>;
/** mediasoup-client types codec parameters loosely; the wire schema (shared/) is stricter. */
type RecvCapabilities = NonNullable<RequestPayload<'createTransport'>['rtpCapabilities']>;

export async function createClientTransport(
  device: Device,
  direction: 'send' | 'recv',
  request: Request,
  ice: { servers: RTCIceServer[]; policy?: RTCIceTransportPolicy | undefined },
): Promise<ms.Transport> {
  const options = await request('createTransport', {
    direction,
    ...(direction === 'recv'
      ? { rtpCapabilities: device.rtpCapabilities as RecvCapabilities }
      : {}),
  });
  const params: ms.TransportOptions = {
    ...(options as unknown as ms.TransportOptions),
    iceServers: ice.servers,
    ...(ice.policy ? { iceTransportPolicy: ice.policy } : {}),
  };
  const transport =
    direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
  transport.on('connect', ({ dtlsParameters }, ok, fail) => {
    request('connectTransport', { transportId: transport.id, dtlsParameters }).then(
      () => ok(),
      fail,
    );
  });
  if (direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, ok, fail) => {
      request('produce', {
        transportId: transport.id,
        kind,
        rtpParameters: rtpParameters as RequestPayload<'produce'>['rtpParameters'],
        source: appData.source as MediaSource,
      }).then(({ producerId }) => ok({ id: producerId }), fail);
    });
  }
  return transport;
}

/**
 * ICE restart first (same session, same transports) when the transport disconnects
 * (after 1.5 s, it may come back alone) or fails (at once); `giveUp` if that fails.
 */
export function restartIceWhenDropped(
  transport: ms.Transport,
  state: ms.ConnectionState,
  request: Request,
  timer: (fn: () => void, ms: number) => void,
  giveUp: () => void,
): void {
  if (state !== 'disconnected' && state !== 'failed') return;
  timer(
    () => {
      if (transport.closed || !['disconnected', 'failed'].includes(transport.connectionState))
        return;
      request('restartIce', { transportId: transport.id })
        .then(({ iceParameters }) => transport.restartIce({ iceParameters }))
        .catch(giveUp);
    },
    state === 'failed' ? 0 : 1500,
  );
}
