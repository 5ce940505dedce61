// A still of the shared courseware for a question: one frame of the screen track drawn on a
// canvas, scaled to fit 960 px and encoded as JPEG, small enough for the signaling socket.
import { MAX_PICTURE_CHARS } from '../../shared/signaling/questions';

export async function captureStill(
  track: MediaStreamTrack,
  maxWidth = 960,
): Promise<string | undefined> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  try {
    await video.play();
    if (video.videoWidth === 0)
      await new Promise((r) => video.addEventListener('resize', r, { once: true }));
    const scale = Math.min(1, maxWidth / video.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.7, 0.5, 0.3]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= MAX_PICTURE_CHARS) return url;
    }
    return undefined;
  } finally {
    video.srcObject = null;
  }
}
