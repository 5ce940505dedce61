// The research meeting's video: everyone sends camera and microphone and receives everyone,
// on the same SFU as the lesson (a live room of kind 'research' named by the occurrence).
import { session } from '../lib/session';
import { LiveRoomClient } from '../lib/LiveRoomClient';
import { audioSink, videoTile, type VideoTile } from '../lib/VideoTile';
import { h } from '../lib/dom';
import { classroomCameraEncodings } from '../../shared/signaling/events';
import { describeJoinError, describeRefusal } from '../../shared/messages';

export function meetingView(options: {
  occurrenceId: string;
  token: string;
  displayName: () => Promise<string>;
}): HTMLElement {
  const grid = h('div', { class: 'meeting-grid' });
  const status = h('p', { class: 'muted', text: '视频研讨：最多十余位老师同时在线' });
  const joinButton = h('button', { class: 'primary', text: '加入视频研讨 Join the video meeting' });
  const leaveButton = h('button', { text: '离开视频 Leave video', hidden: true });
  const section = h(
    'section',
    { class: 'video', id: 'video-area' },
    h('div', { class: 'meeting-bar' }, status, joinButton, leaveButton),
    grid,
  );
  const tiles = new Map<string, VideoTile>();
  const audios = new Map<string, HTMLAudioElement>();
  let client: LiveRoomClient | undefined;
  let media: MediaStream | undefined;

  const names = (peerId: string) =>
    client?.peers.find((p) => p.peerId === peerId)?.displayName ?? '';

  async function join(): Promise<void> {
    joinButton.disabled = true;
    client = new LiveRoomClient({ url: '' });
    client.on('token', ({ token }) => session.renew(token));
    client.on('state', (s) => {
      status.textContent =
        s === 'reconnecting'
          ? '正在重新连接… Reconnecting'
          : s === 'joined'
            ? '视频研讨中 In the meeting'
            : status.textContent;
    });
    client.on('consumer', (remote) => {
      if (remote.kind === 'audio') {
        const audio = audioSink(remote);
        audios.set(remote.consumerId, audio);
        section.append(audio);
        return;
      }
      const tile = videoTile(client!, remote, names(remote.peerId), 2);
      tiles.set(remote.consumerId, tile);
      grid.append(tile.element);
    });
    client.on('consumerClosed', (id) => {
      tiles.get(id)?.detach();
      tiles.delete(id);
      audios.get(id)?.remove();
      audios.delete(id);
    });
    client.on('closed', ({ reason }) => {
      status.textContent = describeRefusal(reason);
      void leave();
    });
    try {
      media = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 360, frameRate: 24 },
        audio: { echoCancellation: true, noiseSuppression: true },
      });
      await client.join({
        roomId: options.occurrenceId,
        kind: 'research',
        token: options.token,
        displayName: await options.displayName(),
      });
      const [video] = media.getVideoTracks();
      const [audio] = media.getAudioTracks();
      if (video) await client.publish('camera', video, { encodings: classroomCameraEncodings });
      if (audio) await client.publish('mic', audio, { codecOptions: { opusFec: true } });
      joinButton.hidden = true;
      leaveButton.hidden = false;
    } catch (error) {
      status.textContent = `无法加入视频 Could not join: ${describeJoinError(error as Error)}`;
      await leave();
    }
  }

  async function leave(): Promise<void> {
    await client?.close();
    client = undefined;
    for (const track of media?.getTracks() ?? []) track.stop();
    media = undefined;
    for (const tile of tiles.values()) tile.detach();
    tiles.clear();
    for (const audio of audios.values()) audio.remove();
    audios.clear();
    joinButton.hidden = false;
    joinButton.disabled = false;
    leaveButton.hidden = true;
  }

  joinButton.addEventListener('click', () => void join());
  leaveButton.addEventListener('click', () => void leave());
  return section;
}
