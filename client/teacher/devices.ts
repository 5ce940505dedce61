// Camera and microphone choice with a live preview, and the courseware screen share.
import { h } from '../lib/dom';

export interface DevicePicker {
  element: HTMLElement;
  /** the chosen camera and microphone tracks (re-acquired when the choice changes) */
  current(): Promise<{ video?: MediaStreamTrack; audio?: MediaStreamTrack }>;
  /** a second camera (blackboard), or undefined if none is chosen */
  blackboard(): Promise<MediaStreamTrack | undefined>;
  onChange(listener: () => void): void;
}

function option(device: MediaDeviceInfo, index: number): HTMLOptionElement {
  return h('option', {
    value: device.deviceId,
    text: device.label || `${device.kind} ${index + 1}`,
  });
}

export async function devicePicker(): Promise<DevicePicker> {
  // Labels are only visible after a first permission grant.
  const first = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  const devices = await navigator.mediaDevices.enumerateDevices();
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const mics = devices.filter((d) => d.kind === 'audioinput');
  const cameraSelect = h('select', { name: 'camera' }, ...cameras.map(option));
  const micSelect = h('select', { name: 'mic' }, ...mics.map(option));
  const boardSelect = h(
    'select',
    { name: 'blackboard' },
    h('option', { value: '', text: '不使用 None' }),
    ...cameras.map(option),
  );
  const preview = h('video', { autoplay: true, playsinline: true, muted: true });
  const listeners = new Set<() => void>();
  let stream: MediaStream = first;
  preview.srcObject = stream;

  async function acquire(): Promise<MediaStream> {
    for (const track of stream.getTracks()) track.stop();
    stream = await navigator.mediaDevices.getUserMedia({
      video: {
        deviceId: cameraSelect.value ? { exact: cameraSelect.value } : undefined,
        width: 1280,
        height: 720,
        frameRate: 30,
      },
      audio: {
        deviceId: micSelect.value ? { exact: micSelect.value } : undefined,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
    preview.srcObject = stream;
    return stream;
  }
  stream = await acquire();
  for (const select of [cameraSelect, micSelect]) {
    select.addEventListener(
      'change',
      () => void acquire().then(() => listeners.forEach((l) => l())),
    );
  }
  boardSelect.addEventListener('change', () => listeners.forEach((l) => l()));

  return {
    element: h(
      'div',
      { class: 'devices' },
      h('div', { class: 'tile preview' }, preview),
      h('label', { text: '摄像头 Camera' }),
      cameraSelect,
      h('label', { text: '麦克风 Microphone' }),
      micSelect,
      h('label', { text: '板书摄像头 Blackboard camera' }),
      boardSelect,
    ),
    async current() {
      const [video] = stream.getVideoTracks();
      const [audio] = stream.getAudioTracks();
      return { ...(video ? { video } : {}), ...(audio ? { audio } : {}) };
    },
    async blackboard() {
      if (!boardSelect.value) return undefined;
      const board = await navigator.mediaDevices.getUserMedia({
        video: { deviceId: { exact: boardSelect.value }, width: 1920, height: 1080, frameRate: 15 },
      });
      return board.getVideoTracks()[0];
    },
    onChange(listener) {
      listeners.add(listener);
    },
  };
}

/**
 * Courseware as a screen share: full resolution, few frames (slides change rarely) and
 * content hint `detail` so the encoder keeps text sharp instead of keeping motion smooth.
 */
export async function shareScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({
    video: { frameRate: { max: 5 }, width: { max: 1920 }, height: { max: 1080 } },
    audio: false,
  });
  const [track] = stream.getVideoTracks();
  if (!track) throw new Error('no screen chosen');
  track.contentHint = 'detail';
  return track;
}
