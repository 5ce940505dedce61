// The courseware share as one button that starts and stops it (the browser's own "stop
// sharing" ends it too). The server moves every projector to the courseware while it
// runs and back afterwards.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { shareScreen } from './devices';

const START = '共享课件 Share courseware';
const STOP = '停止共享 Stop sharing';

/**
 * `onShare` hears the shared track when a share starts and undefined when it ends (the
 * annotation tools draw over it).
 */
export function shareToggle(
  client: LiveRoomClient,
  button: HTMLButtonElement,
  onShare: (track: MediaStreamTrack | undefined) => void = () => undefined,
): void {
  let sharing: MediaStreamTrack | undefined;
  const stop = () => {
    const track = sharing;
    sharing = undefined;
    onShare(undefined);
    button.textContent = START;
    button.setAttribute('aria-pressed', 'false');
    track?.stop();
    void client.unpublish('screen');
  };
  button.textContent = START;
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    if (sharing) return stop();
    void shareScreen()
      .then(async (track) => {
        sharing = track;
        track.addEventListener('ended', () => sharing === track && stop());
        button.textContent = STOP;
        button.setAttribute('aria-pressed', 'true');
        onShare(track);
        await client.publish('screen', track);
      })
      .catch((error: Error) => {
        if (sharing) stop();
        console.warn(`screen share: ${error.message}`);
      });
  });
}
