// The wall of member classrooms: a tile per classroom with its video (low layer while
// small), name, raised hand, audio level, connection quality, the teacher's own volume
// for it and the on-stage control. Every classroom stays in sight at any count from 1 to
// 12: the grid is recomputed for the box the wall has, with or without a stage.
import type { LiveRoomClient, RemoteTrack } from '../lib/LiveRoomClient';
import { audioSink, videoTile, type VideoTile } from '../lib/VideoTile';
import { levelMeter, type LevelMeter } from '../lib/audioLevel';
import { galleryGrid } from '../lib/gallery';
import { h } from '../lib/dom';
import type { PeerInfo, PeerQuality } from '../../shared/signaling/events';
import { receptionLabel, receptionTitle } from './receptionLabel';

interface Slot {
  element: HTMLElement;
  hand: HTMLElement;
  /** what the classroom cannot send (no camera, no microphone), said on its tile */
  missing: HTMLElement;
  quality: HTMLElement;
  level: HTMLElement;
  volume: HTMLInputElement;
  stageButton: HTMLButtonElement;
  video?: VideoTile;
  consumerId?: string;
  audio?: { consumerId: string; element: HTMLAudioElement; meter: LevelMeter };
}

export function qualityLevel(q: PeerQuality): 'good' | 'fair' | 'poor' {
  if (q.frozen || q.reception?.grade === 'poor') return 'poor';
  if (q.score >= 8 && q.lossFraction < 0.02) return q.reception?.grade === 'fair' ? 'fair' : 'good';
  if (q.score >= 5 && q.lossFraction < 0.08) return 'fair';
  return 'poor';
}

export interface WallOptions {
  /** the teacher's wall puts classrooms on stage; an observer's (巡课) only watches */
  canStage?: boolean;
  /** the wall plays each classroom's sound itself, with a volume per classroom */
  playsAudio?: boolean;
  /** more controls on each classroom's tile (the teacher's mute for everyone) */
  tileActions?: (peerId: string) => HTMLElement[];
}

export class ClassroomWall {
  readonly #client: LiveRoomClient;
  readonly #wall: HTMLElement;
  readonly #stage: HTMLElement;
  readonly #slots = new Map<string, Slot>();
  readonly #canStage: boolean;
  readonly #playsAudio: boolean;
  readonly #tileActions: WallOptions['tileActions'];

  constructor(
    client: LiveRoomClient,
    wall: HTMLElement,
    stage: HTMLElement,
    { canStage = true, playsAudio = false, tileActions }: WallOptions = {},
  ) {
    this.#tileActions = tileActions;
    this.#canStage = canStage;
    this.#playsAudio = playsAudio;
    this.#client = client;
    this.#wall = wall;
    this.#stage = stage;
    client.on('peers', (peers) => this.#sync(peers));
    client.on('consumer', (remote) => this.#attach(remote));
    client.on('consumerClosed', (id) => this.#detach(id));
    client.on('stage', (peerId) => this.#placeStage(peerId));
    client.on('quality', (samples) => this.#showQuality(samples));
    new ResizeObserver(() => this.#layout()).observe(wall);
    setInterval(() => this.#showLevels(), 100);
  }

  #slot(peer: PeerInfo): Slot {
    let slot = this.#slots.get(peer.peerId);
    if (slot) return slot;
    const hand = h('span', { class: 'hand', text: '✋', hidden: true, title: '举手 Hand raised' });
    const quality = h('span', { class: 'quality', text: '…' });
    const missing = h('div', { class: 'missing', hidden: true });
    const level = h('span', { class: 'level', 'aria-hidden': 'true' });
    const volume = h('input', {
      type: 'range',
      min: '0',
      max: '1',
      step: '0.05',
      value: '1',
      class: 'volume',
      title: '音量（仅本机） My volume for this classroom',
      'aria-label': `${peer.displayName} 音量`,
      hidden: !this.#playsAudio,
    });
    volume.addEventListener('input', () => {
      if (slot?.audio) slot.audio.element.volume = Number(volume.value);
    });
    const stageButton = h('button', {
      text: '上台',
      title: 'On stage',
      hidden: !this.#canStage,
    });
    stageButton.addEventListener('click', () => {
      const onStage = this.#client.session?.stagePeerId === peer.peerId;
      void this.#client.setStage(onStage ? null : peer.peerId);
    });
    const element = h(
      'div',
      { class: 'tile classroom', 'data-peer': peer.peerId },
      hand,
      quality,
      missing,
      // One bar along the bottom edge, so that nothing sits over the middle of the video.
      h(
        'div',
        { class: 'footer' },
        h('span', { class: 'meter' }, level),
        h('span', { class: 'caption', text: peer.displayName, title: peer.displayName }),
        h(
          'span',
          { class: 'actions' },
          volume,
          stageButton,
          ...(this.#tileActions?.(peer.peerId) ?? []),
        ),
      ),
    );
    slot = { element, hand, missing, quality, level, volume, stageButton };
    this.#slots.set(peer.peerId, slot);
    this.#wall.append(element);
    this.#layout();
    return slot;
  }

  #sync(peers: PeerInfo[]): void {
    const classrooms = peers.filter((p) => p.role === 'classroom');
    for (const peer of classrooms) {
      const slot = this.#slot(peer);
      slot.hand.hidden = !peer.handRaised;
      slot.element.classList.toggle('hand-raised', peer.handRaised);
      const cannot = [
        peer.sources.includes('camera') ? '' : '未发送画面 No camera',
        peer.sources.includes('mic') ? '' : '无麦克风 No microphone',
      ].filter(Boolean);
      slot.missing.hidden = cannot.length === 0;
      slot.missing.textContent = cannot.join(' · ');
    }
    for (const [peerId, slot] of this.#slots) {
      if (classrooms.some((p) => p.peerId === peerId)) continue;
      slot.video?.detach();
      this.#dropAudio(slot);
      slot.element.remove();
      this.#slots.delete(peerId);
    }
    this.#layout();
  }

  #attach(remote: RemoteTrack): void {
    const peer = this.#client.peers.find((p) => p.peerId === remote.peerId);
    if (!peer || peer.role !== 'classroom') return;
    const slot = this.#slot(peer);
    if (remote.kind === 'audio') {
      if (!this.#playsAudio) return;
      this.#dropAudio(slot);
      const element = audioSink(remote);
      element.volume = Number(slot.volume.value);
      document.body.append(element);
      slot.audio = { consumerId: remote.consumerId, element, meter: levelMeter(remote.track) };
      return;
    }
    slot.video?.detach();
    slot.video = videoTile(this.#client, remote, '', 2);
    slot.consumerId = remote.consumerId;
    slot.element.prepend(slot.video.element);
    this.#placeStage(this.#client.session?.stagePeerId ?? null);
  }

  #detach(consumerId: string): void {
    for (const slot of this.#slots.values()) {
      if (slot.audio?.consumerId === consumerId) this.#dropAudio(slot);
      if (slot.consumerId !== consumerId) continue;
      slot.video?.detach();
      slot.video = undefined;
      slot.consumerId = undefined;
    }
  }

  #dropAudio(slot: Slot): void {
    if (!slot.audio) return;
    slot.audio.meter.close();
    slot.audio.element.remove();
    slot.audio = undefined;
    slot.level.style.width = '0';
  }

  /** The stage view shows the on-stage classroom large (its tile moves, so its layer rises). */
  #placeStage(peerId: string | null): void {
    for (const [id, slot] of this.#slots) {
      const onStage = id === peerId;
      slot.stageButton.textContent = onStage ? '下台' : '上台';
      slot.stageButton.title = onStage ? 'Off stage' : 'On stage';
      slot.element.classList.toggle('on-stage', onStage);
      if (onStage && slot.element.parentElement !== this.#stage) this.#stage.append(slot.element);
      if (!onStage && slot.element.parentElement !== this.#wall) this.#wall.append(slot.element);
    }
    this.#layout();
  }

  /** Every tile on the wall in sight: the grid whose videos come out largest. */
  #layout(): void {
    const count = [...this.#slots.values()].filter(
      (s) => s.element.parentElement === this.#wall,
    ).length;
    const { clientWidth, clientHeight } = this.#wall;
    if (count === 0 || clientWidth === 0 || clientHeight === 0) return;
    const grid = galleryGrid(count, clientWidth, clientHeight);
    this.#wall.style.setProperty('--cols', String(grid.cols));
    this.#wall.style.setProperty('--rows', String(grid.rows));
  }

  #showLevels(): void {
    for (const slot of this.#slots.values()) {
      if (!slot.audio) continue;
      const level = slot.audio.meter.level();
      slot.level.style.width = `${Math.round(level * 100)}%`;
      slot.element.classList.toggle('speaking', level > 0.35);
    }
  }

  #showQuality(samples: PeerQuality[]): void {
    for (const q of samples) {
      const slot = this.#slots.get(q.peerId);
      if (!slot) continue;
      const level = qualityLevel(q);
      slot.quality.className = `quality ${level}`;
      slot.quality.textContent = `${q.frozen ? '画面冻结 frozen · ' : ''}${Math.round(q.recvBitrate / 1000)} kbps · ${q.rttMs ?? '–'} ms · ${(q.lossFraction * 100).toFixed(1)}%`;
      if (q.reception) slot.quality.textContent += ` · ${receptionLabel(q.reception)}`;
      slot.quality.title = q.reception ? receptionTitle(q.reception) : '';
      slot.quality.dataset.reception = q.reception?.grade ?? '';
    }
  }

  get size(): number {
    return this.#slots.size;
  }

  /** 0..1 per classroom peer id: what the level bars show (for tests and monitoring). */
  levels(): Record<string, number> {
    return Object.fromEntries(
      [...this.#slots].map(([id, s]) => [id, s.audio ? s.audio.meter.level() : 0]),
    );
  }
}
