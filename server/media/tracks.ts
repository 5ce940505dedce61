// mediasoup's producers and consumers seen through the live room's ports (server/live/
// ports.ts): the room reads a source and a peer, never appData.
import type { types } from 'mediasoup';
import type { MediaSource } from '../../shared/signaling/events';
import type { RtpParameters } from '../../shared/signaling/rtp';
import type { PublishedTrack, ReceivedTrack } from '../live/ports';
import { fromMediasoup } from './mediaErrors';

export class ProducerTrack implements PublishedTrack {
  readonly producer: types.Producer;

  constructor(producer: types.Producer) {
    this.producer = producer;
  }

  get id(): string {
    return this.producer.id;
  }

  get source(): MediaSource {
    return this.producer.appData.source as MediaSource;
  }

  get kind(): 'audio' | 'video' {
    return this.producer.kind;
  }

  get paused(): boolean {
    return this.producer.paused;
  }

  setPaused(paused: boolean): Promise<void> {
    return (paused ? this.producer.pause() : this.producer.resume()).catch(fromMediasoup);
  }
}

export class ConsumerTrack implements ReceivedTrack {
  readonly consumer: types.Consumer;

  constructor(consumer: types.Consumer) {
    this.consumer = consumer;
  }

  get id(): string {
    return this.consumer.id;
  }

  get producerId(): string {
    return this.consumer.producerId;
  }

  get peerId(): string {
    return this.consumer.appData.peerId as string;
  }

  get source(): MediaSource {
    return this.consumer.appData.source as MediaSource;
  }

  get kind(): 'audio' | 'video' {
    return this.consumer.kind;
  }

  get type(): string {
    return this.consumer.type;
  }

  get rtpParameters(): RtpParameters {
    return this.consumer.rtpParameters as RtpParameters;
  }

  get producerPaused(): boolean {
    return this.consumer.producerPaused;
  }

  get closed(): boolean {
    return this.consumer.closed;
  }

  resume(): Promise<void> {
    return this.consumer.resume().catch(fromMediasoup);
  }

  pause(): Promise<void> {
    return this.consumer.pause().catch(fromMediasoup);
  }

  setLayers(spatialLayer: number, temporalLayer: number): Promise<void> {
    return this.consumer.setPreferredLayers({ spatialLayer, temporalLayer }).catch(fromMediasoup);
  }

  close(): void {
    this.consumer.close();
  }
}
