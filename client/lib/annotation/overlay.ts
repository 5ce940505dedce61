// The strokes of the current page, over a picture: an SVG laid exactly on the content box
// of the shared screen's <video> (letterboxing left out), or on a white 16:9 sheet for a
// blank whiteboard page. Redrawn at the screen's own size whenever it changes, so strokes
// are sharp on a 1080p projector and a laptop alike. Shared by the projector, the 巡课 view
// and the teacher's own drawing surface.
import { containBox, WHITEBOARD_ASPECT, type Box } from './contentBox';
import { drawStroke, svgElement } from './render';
import type { AnnotationReplica, ReplicaChange } from './replica';

export class AnnotationOverlay {
  readonly svg = svgElement('annotation-layer');
  readonly sheet: HTMLDivElement = document.createElement('div');
  readonly #host: HTMLElement;
  readonly #replica: AnnotationReplica;
  #video: HTMLVideoElement | undefined;
  readonly #paths = new Map<string, SVGPathElement>();
  #box: Box = { x: 0, y: 0, width: 0, height: 0 };
  readonly #resize: ResizeObserver;
  readonly #off: () => void;
  readonly #onVideoSize = () => this.layout();

  constructor(replica: AnnotationReplica, host: HTMLElement, video?: HTMLVideoElement) {
    this.#replica = replica;
    this.#host = host;
    this.sheet.className = 'annotation-sheet';
    this.svg.dataset.annotation = '';
    host.append(this.sheet, this.svg);
    this.#resize = new ResizeObserver(() => this.layout());
    this.#resize.observe(host);
    this.#off = replica.onChange((change) => this.#changed(change));
    this.setVideo(video);
  }

  /** The content box, in CSS px from the host's corner. */
  get box(): Box {
    return this.#box;
  }

  get blank(): boolean {
    return this.#replica.page?.background === 'blank';
  }

  /** The picture under the strokes (the shared screen's video); none on a blank page. */
  setVideo(video: HTMLVideoElement | undefined): void {
    this.#video?.removeEventListener('resize', this.#onVideoSize);
    this.#video?.removeEventListener('loadedmetadata', this.#onVideoSize);
    this.#video = video;
    video?.addEventListener('resize', this.#onVideoSize);
    video?.addEventListener('loadedmetadata', this.#onVideoSize);
    this.layout();
  }

  /** Places the sheet and the SVG on the content box and draws every stroke at its size. */
  layout(): void {
    const element = { width: this.#host.clientWidth, height: this.#host.clientHeight };
    const picture = this.blank
      ? WHITEBOARD_ASPECT
      : { width: this.#video?.videoWidth ?? 0, height: this.#video?.videoHeight ?? 0 };
    const box = containBox(element, picture);
    this.#box = box;
    for (const el of [this.sheet, this.svg] as (HTMLElement | SVGSVGElement)[]) {
      el.style.left = `${box.x}px`;
      el.style.top = `${box.y}px`;
      el.style.width = `${box.width}px`;
      el.style.height = `${box.height}px`;
    }
    this.sheet.hidden = !this.blank;
    // A whiteboard page over the screen's tile hides the courseware around the sheet too.
    this.#host.classList.toggle('annotation-blank', this.blank);
    this.svg.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
    this.svg.dataset.page = this.#replica.page?.id ?? '';
    this.#redrawAll();
  }

  #redrawAll(): void {
    for (const path of this.#paths.values()) path.remove();
    this.#paths.clear();
    for (const stroke of this.#replica.strokes) this.#draw(stroke.id);
  }

  #draw(strokeId: string): void {
    const stroke = this.#replica.stroke(strokeId);
    if (!stroke) return;
    const { width, height } = this.#box;
    this.#paths.set(
      strokeId,
      drawStroke(this.svg, this.#paths.get(strokeId), stroke, width, height),
    );
  }

  #changed(change: ReplicaChange): void {
    switch (change.kind) {
      case 'page':
        this.layout(); // the background (screen or blank) may have changed the box
        return;
      case 'stroke':
        this.#draw(change.strokeId);
        return;
      case 'erase':
        for (const id of change.strokeIds) {
          this.#paths.get(id)?.remove();
          this.#paths.delete(id);
        }
        return;
      case 'clear':
        this.#redrawAll();
        return;
    }
  }

  dispose(): void {
    this.#off();
    this.#resize.disconnect();
    this.setVideo(undefined);
    this.svg.remove();
    this.sheet.remove();
    this.#host.classList.remove('annotation-blank');
  }
}
