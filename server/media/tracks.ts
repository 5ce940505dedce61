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

/** A layer choice for a consumer, or the consumer held paused by its link. */
export type LinkLayer = { spatialLayer: number; temporalLayer: number } | 'paused';

export class ConsumerTrack implements ReceivedTrack {
  readonly consumer: types.Consumer;
  /** the layers the room asked for (the tile's size), before the link's cap */
  #wish = { spatialLayer: 2, temporalLayer: 2 };
  /** what the downlink's policy allows (server/media/linkSampler.ts); none: no cap */
  #cap: LinkLayer | undefined;
  /** the room holds it paused (made paused; a hidden tile) */
  #roomPaused = true;
  #applied: string | undefined;

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

  /** the spatial layer the tile needs */
  get wish(): number {
    return this.#wish.spatialLayer;
  }

  /** the room resumed it and the link has not paused it */
  get roomPaused(): boolean {
    return this.#roomPaused;
  }

  get linkPaused(): boolean {
    return this.#cap === 'paused';
  }

  resume(): Promise<void> {
    this.#roomPaused = false;
    if (this.linkPaused) return Promise.resolve();
    return this.consumer.resume().catch(fromMediasoup);
  }

  pause(): Promise<void> {
    this.#roomPaused = true;
    return this.consumer.pause().catch(fromMediasoup);
  }

  setLayers(spatialLayer: number, temporalLayer: number): Promise<void> {
    this.#wish = { spatialLayer, temporalLayer };
    return this.#apply();
  }

  /** The downlink policy's cap: a layer at most, or paused (voice first); undefined: none. */
  async capByLink(cap: LinkLayer | undefined): Promise<void> {
    const wasPaused = this.linkPaused;
    this.#cap = cap;
    if (cap === 'paused') {
      if (!wasPaused && !this.#roomPaused) await this.consumer.pause().catch(fromMediasoup);
      return;
    }
    await this.#apply();
    if (wasPaused && !this.#roomPaused) {
      await this.consumer.resume().catch(fromMediasoup);
      // The picture comes back with a fresh keyframe, not after the next periodic one.
      await this.consumer.requestKeyFrame().catch(() => undefined);
    }
  }

  async #apply(): Promise<void> {
    if (this.consumer.type !== 'simulcast' && this.consumer.type !== 'svc') return;
    const cap = this.#cap === 'paused' ? undefined : this.#cap;
    const layers = {
      spatialLayer: Math.min(this.#wish.spatialLayer, cap?.spatialLayer ?? Infinity),
      temporalLayer: Math.min(this.#wish.temporalLayer, cap?.temporalLayer ?? Infinity),
    };
    const key = `${layers.spatialLayer}/${layers.temporalLayer}`;
    if (key === this.#applied) return;
    this.#applied = key;
    await this.consumer.setPreferredLayers(layers).catch(fromMediasoup);
  }

  close(): void {
    this.consumer.close();
  }
}
