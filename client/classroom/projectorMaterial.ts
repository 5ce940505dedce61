// The material the teacher pushed, on the projector: it opens inside the lesson view (the
// teacher's picture moves to the side), the 辅导教师 can close it, and a PC that joins or
// comes back opens what is pushed now. The 辅导教师 can also open any of the lesson's
// material here herself.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { materialViewer, type OpenMaterial } from '../lib/materialViewer';
import type { PushedMaterial } from '../../shared/signaling/material';

export interface ProjectorMaterial {
  /** opens one of the lesson's material by hand (the 辅导教师's list) */
  open(material: OpenMaterial): void;
  dispose(): void;
}

export function projectorMaterial(
  client: LiveRoomClient,
  stage: HTMLElement,
  token: () => string,
): ProjectorMaterial {
  const viewer = materialViewer(token);
  stage.prepend(viewer.element);
  const layout = () => stage.classList.toggle('with-material', !viewer.element.hidden);
  viewer.element.addEventListener('material-change', layout);
  // What the 辅导教师 closed stays closed until the teacher pushes again.
  let dismissed: number | undefined;
  let shown: PushedMaterial | null = null;
  viewer.onClosed(() => (dismissed = shown?.pushedAt));

  const follow = (material: PushedMaterial | null | undefined) => {
    const pushed = material ?? null;
    if (pushed?.pushedAt === shown?.pushedAt && pushed?.materialId === shown?.materialId) return;
    shown = pushed;
    if (!pushed) {
      viewer.close();
      return;
    }
    if (pushed.pushedAt === dismissed) return;
    void viewer.open(pushed);
  };
  const offs = [
    client.on('material', follow),
    client.on('state', (state) => {
      if (state === 'joined') follow(client.session?.material);
    }),
  ];
  if (client.state === 'joined') follow(client.session?.material);

  return {
    open: (material) => void viewer.open(material),
    dispose() {
      for (const off of offs) off();
      viewer.close();
      viewer.element.remove();
    },
  };
}
