// A remote video on screen that tells the server what it needs: hidden → paused, small →
// low simulcast layer, large → high. This is what makes a wall of 30 tiles affordable.
import { layerForHeight } from '../../shared/signaling/events';
import type { LiveRoomClient, RemoteTrack } from './LiveRoomClient';
import { h } from './dom';

export interface VideoTile {
  element: HTMLElement;
  video: HTMLVideoElement;
  /** frames the browser decoded so far (its own counter: no per-frame work in the page) */
  readonly frames: number;
  detach(): void;
}

export function videoTile(
  client: LiveRoomClient,
  remote: RemoteTrack,
  label: string,
  layers: number,
): VideoTile {
  const video = h('video', { autoplay: true, playsinline: true, muted: true });
  video.srcObject = new MediaStream([remote.track]);
  const caption = h('div', { class: 'caption', text: label });
  const element = h(
    'div',
    { class: 'tile', 'data-peer': remote.peerId, 'data-source': remote.source },
    video,
    caption,
  );
  let last = '';
  let visible = true;
  const report = () => {
    const height = Math.round(
      video.getBoundingClientRect().height * (window.devicePixelRatio || 1),
    );
    const shown = visible && height > 0 && document.visibilityState === 'visible';
    const spatialLayer = remote.type === 'simulcast' ? layerForHeight(height, layers) : undefined;
    const key = `${shown}:${spatialLayer}`;
    if (key === last) return;
    last = key;
    void client
      .setConsumerPrefs(remote.consumerId, {
        visible: shown,
        ...(spatialLayer !== undefined ? { spatialLayer } : {}),
      })
      .catch(() => (last = ''));
  };
  const resize = new ResizeObserver(report);
  resize.observe(video);
  const intersection = new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    report();
  });
  intersection.observe(element);
  document.addEventListener('visibilitychange', report);

  return {
    element,
    video,
    get frames() {
      return video.getVideoPlaybackQuality().totalVideoFrames;
    },
    detach() {
      resize.disconnect();
      intersection.disconnect();
      document.removeEventListener('visibilitychange', report);
      element.remove();
    },
  };
}

/** Plays a remote audio track; browsers may hold autoplay until a first gesture. */
export function audioSink(remote: RemoteTrack): HTMLAudioElement {
  const audio = h('audio', { autoplay: true, 'data-peer': remote.peerId });
  audio.srcObject = new MediaStream([remote.track]);
  void audio.play().catch(() => {
    document.addEventListener('click', () => void audio.play(), { once: true });
  });
  return audio;
}
