// The receive path of a live room: which tracks each viewer should have (the room's
// rules in policy.ts), closing the ones it should not, and consuming the missing ones in
// the one order that loses no first packet. Apart from LiveRoom so the room's rules and
// this media choreography each read on their own; LiveRoom runs it per viewer, serially.
import { initialSpatialLayer, shouldReceive, type RoomView } from './policy';
import type { Participant } from './Participant';
import type { LivePorts, PublishedTrack, ReceivedTrack } from './ports';
import type { Log } from '../log';

/** What the receive path needs of its room. */
export interface ReceivingRoom<P extends LivePorts> {
  readonly id: string;
  readonly participants: ReadonlyMap<string, Participant<P>>;
  /** the stage and kind now (they change while a reconcile waits) */
  view(): RoomView;
  log(): Log;
  /** how long a client has to set up a consumer and ack it */
  readonly ackTimeoutMs: number;
  /** the viewer's whole reconcile again, queued behind its others */
  reconcile(viewer: Participant<P>): Promise<void>;
}

export async function reconcileReceiving<P extends LivePorts>(
  room: ReceivingRoom<P>,
  viewer: Participant<P>,
): Promise<void> {
  // A detached client (dropped connection) is brought up to date when it resumes.
  if (viewer.detachedAt !== undefined) return;
  const media = viewer.media;
  if (!media || media.closed || !media.canReceive || !room.participants.has(viewer.peerId)) return;
  const view = room.view();
  const wanted = new Map<string, { owner: Participant<P>; track: PublishedTrack }>();
  for (const owner of room.participants.values()) {
    for (const track of owner.media?.published() ?? []) {
      if (shouldReceive(view, viewer, owner, track.source)) wanted.set(track.id, { owner, track });
    }
  }
  for (const consumer of media.receiving()) {
    if (!wanted.has(consumer.producerId)) {
      consumer.close();
      viewer.forgetPrefs(consumer.id);
      viewer.connection.send('consumerClosed', { consumerId: consumer.id });
    } else {
      wanted.delete(consumer.producerId);
      applyStageLayer(room, viewer, consumer);
    }
  }
  for (const { owner, track } of wanted.values()) {
    await consume(room, viewer, owner, track).catch((error: Error) => {
      room
        .log()
        .error(
          { room: room.id, peer: viewer.peerId, producer: track.id, err: error.message },
          'consumer failed',
        );
    });
  }
}

/** A consumer the viewer already has may need another layer after a stage change. */
function applyStageLayer<P extends LivePorts>(
  room: ReceivingRoom<P>,
  viewer: Participant<P>,
  consumer: ReceivedTrack,
): void {
  if (consumer.type !== 'simulcast' || viewer.prefsOf(consumer.id)?.spatialLayer !== undefined) {
    return;
  }
  const owner = room.participants.get(consumer.peerId);
  if (!owner) return;
  const layer = initialSpatialLayer(room.view(), owner, consumer.source);
  void consumer.setLayers(layer ?? 2, 2).catch(() => undefined);
}

/**
 * The one order that loses no first packet: consume paused → the client sets up its side
 * and acks → resume. No ack in time (or a refusal): the consumer is closed, never resumed.
 */
async function consume<P extends LivePorts>(
  room: ReceivingRoom<P>,
  viewer: Participant<P>,
  owner: Participant<P>,
  track: PublishedTrack,
): Promise<void> {
  const media = viewer.media;
  const capabilities = viewer.rtpCapabilities;
  if (!media || !capabilities) return;
  const consumer = await media.consumePaused(
    track.id,
    capabilities,
    { peerId: owner.peerId, source: track.source },
    {
      producerClosed: (consumerId) => {
        viewer.forgetPrefs(consumerId);
        viewer.connection.send('consumerClosed', { consumerId });
      },
      layersChanged: (consumerId, spatialLayer) =>
        viewer.connection.send('consumerLayers', { consumerId, spatialLayer }),
    },
  );
  if (!consumer) return;
  const layer = initialSpatialLayer(room.view(), owner, track.source);
  if (layer !== undefined && consumer.type === 'simulcast') await consumer.setLayers(layer, 2);
  const sink = viewer.connection;
  const reply = await sink
    .offerConsumer(
      {
        consumerId: consumer.id,
        producerId: track.id,
        peerId: owner.peerId,
        kind: consumer.kind,
        source: track.source,
        rtpParameters: consumer.rtpParameters,
        type: consumer.type,
        producerPaused: consumer.producerPaused,
      },
      room.ackTimeoutMs,
    )
    .catch(() => undefined);
  if (!reply?.ok) {
    room.log().warn(
      {
        room: room.id,
        peer: viewer.peerId,
        consumer: consumer.id,
        err: reply && !reply.ok ? reply.message : undefined,
      },
      reply ? 'client refused a consumer' : 'client did not ack a consumer',
    );
    consumer.close();
    // The client came back on a new connection meanwhile: offer it again there.
    if (viewer.connection !== sink && room.participants.get(viewer.peerId) === viewer) {
      void room.reconcile(viewer);
    }
    return;
  }
  // Closed while the client set up its side (it left, the room ended): nothing to resume.
  if (consumer.closed || room.participants.get(viewer.peerId) !== viewer) return;
  // Resume only now that the client is ready, so the first keyframe is not lost.
  if (viewer.prefsOf(consumer.id)?.visible !== false) await consumer.resume();
}
