// The wall of member classrooms: a tile per classroom with its video (low layer while
// small), raised hand, connection quality and the on-stage control.
import type { LiveRoomClient, RemoteTrack } from '../lib/LiveRoomClient';
import { videoTile, type VideoTile } from '../lib/VideoTile';
import { h } from '../lib/dom';
import type { PeerInfo, PeerQuality } from '../../shared/signaling/events';

interface Slot {
  element: HTMLElement;
  hand: HTMLElement;
  quality: HTMLElement;
  stageButton: HTMLButtonElement;
  video?: VideoTile;
  consumerId?: string;
}

export function qualityLevel(q: PeerQuality): 'good' | 'fair' | 'poor' {
  if (q.frozen) return 'poor';
  if (q.score >= 8 && q.lossFraction < 0.02) return 'good';
  if (q.score >= 5 && q.lossFraction < 0.08) return 'fair';
  return 'poor';
}

export class ClassroomWall {
  readonly #client: LiveRoomClient;
  readonly #wall: HTMLElement;
  readonly #stage: HTMLElement;
  readonly #slots = new Map<string, Slot>();

  readonly #canStage: boolean;

  /** `canStage`: the teacher's wall; an observer's (巡课) wall only watches. */
  constructor(client: LiveRoomClient, wall: HTMLElement, stage: HTMLElement, canStage = true) {
    this.#canStage = canStage;
    this.#client = client;
    this.#wall = wall;
    this.#stage = stage;
    client.on('peers', (peers) => this.#sync(peers));
    client.on('consumer', (remote) => this.#attach(remote));
    client.on('consumerClosed', (id) => this.#detach(id));
    client.on('stage', (peerId) => this.#placeStage(peerId));
    client.on('quality', (samples) => this.#showQuality(samples));
  }

  #slot(peer: PeerInfo): Slot {
    let slot = this.#slots.get(peer.peerId);
    if (slot) return slot;
    const hand = h('span', { class: 'hand', text: '✋', hidden: true });
    const quality = h('span', { class: 'quality', text: '…' });
    const stageButton = h('button', { text: '上台 On stage', hidden: !this.#canStage });
    stageButton.addEventListener('click', () => {
      const onStage = this.#client.session?.stagePeerId === peer.peerId;
      void this.#client.setStage(onStage ? null : peer.peerId);
    });
    const element = h(
      'div',
      { class: 'tile classroom', 'data-peer': peer.peerId },
      hand,
      quality,
      h('div', { class: 'caption', text: peer.displayName }),
      h('div', { class: 'actions' }, stageButton),
    );
    slot = { element, hand, quality, stageButton };
    this.#slots.set(peer.peerId, slot);
    this.#wall.append(element);
    return slot;
  }

  #sync(peers: PeerInfo[]): void {
    const classrooms = peers.filter((p) => p.role === 'classroom');
    for (const peer of classrooms) {
      const slot = this.#slot(peer);
      slot.hand.hidden = !peer.handRaised;
      slot.element.classList.toggle('hand-raised', peer.handRaised);
    }
    for (const [peerId, slot] of this.#slots) {
      if (classrooms.some((p) => p.peerId === peerId)) continue;
      slot.video?.detach();
      slot.element.remove();
      this.#slots.delete(peerId);
    }
  }

  #attach(remote: RemoteTrack): void {
    if (remote.kind !== 'video') return;
    const peer = this.#client.peers.find((p) => p.peerId === remote.peerId);
    if (!peer || peer.role !== 'classroom') return;
    const slot = this.#slot(peer);
    slot.video?.detach();
    slot.video = videoTile(this.#client, remote, '', 2);
    slot.consumerId = remote.consumerId;
    slot.element.prepend(slot.video.element);
    this.#placeStage(this.#client.session?.stagePeerId ?? null);
  }

  #detach(consumerId: string): void {
    for (const slot of this.#slots.values()) {
      if (slot.consumerId !== consumerId) continue;
      slot.video?.detach();
      slot.video = undefined;
      slot.consumerId = undefined;
    }
  }

  /** The stage view shows the on-stage classroom large (its tile moves, so its layer rises). */
  #placeStage(peerId: string | null): void {
    for (const [id, slot] of this.#slots) {
      const onStage = id === peerId;
      slot.stageButton.textContent = onStage ? '下台 Off stage' : '上台 On stage';
      if (onStage && slot.element.parentElement !== this.#stage) this.#stage.append(slot.element);
      if (!onStage && slot.element.parentElement !== this.#wall) this.#wall.append(slot.element);
    }
  }

  #showQuality(samples: PeerQuality[]): void {
    for (const q of samples) {
      const slot = this.#slots.get(q.peerId);
      if (!slot) continue;
      const level = qualityLevel(q);
      slot.quality.className = `quality ${level}`;
      slot.quality.textContent = `${q.frozen ? '画面冻结 frozen · ' : ''}${Math.round(q.recvBitrate / 1000)} kbps · ${q.rttMs ?? '–'} ms · ${(q.lossFraction * 100).toFixed(1)}%`;
    }
  }

  get size(): number {
    return this.#slots.size;
  }
}
