// 批注 on the teacher's screen: her courseware (the screen she shares) or a blank whiteboard
// page as a drawing surface, with pen, highlighter, arrow, eraser and clear, and the pages
// of the lesson (◀ 2/3 ▶, a new page, a whiteboard). What she draws is on her surface at
// once and on every projector and the 巡课 view within the next batch.
import type { AnnotationTool, PageSnapshot } from '../../shared/signaling/annotation';
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { h } from '../lib/dom';
import { AnnotationOverlay } from '../lib/annotation/overlay';
import { followAnnotations } from '../lib/annotation/projector';
import { AnnotationReplica } from '../lib/annotation/replica';
import { StrokeInput, type Tool } from './annotationInput';

/** What the toolbar says, in one place (Chinese first). */
const labels = {
  pen: '✏️ 画笔 Pen',
  highlighter: '🖍 荧光笔 Highlighter',
  arrow: '➜ 箭头 Arrow',
  eraser: '🧽 橡皮 Eraser',
  clear: '🗑 清除本页 Clear page',
  prev: '◀ 上一页',
  next: '下一页 ▶',
  newPage: '＋ 新页 New page',
  whiteboard: '＋ 白板 Whiteboard',
  hint: '共享课件后可在课件上批注，或新建白板 Share the courseware to draw on it, or open a whiteboard',
};

const colors = ['#e53935', '#1e88e5', '#43a047', '#212121', '#fdd835'];

/** Line widths as fractions of the picture's width: ~8 px, ~38 px and ~10 px on 1920. */
const widths: Record<AnnotationTool, number> = { pen: 0.004, highlighter: 0.02, arrow: 0.005 };

export interface AnnotationTools {
  element: HTMLElement;
  /** the screen she shares now (undefined: she stopped) */
  showScreen(track: MediaStreamTrack | undefined): void;
}

export function annotationTools(client: LiveRoomClient): AnnotationTools {
  const replica = new AnnotationReplica();
  followAnnotations(client, replica);
  let tool: Tool = 'pen';
  // Each tool keeps its own colour: the highlighter's yellow does not turn the pen yellow.
  const colorOf: Record<AnnotationTool, string> = {
    pen: colors[0]!,
    highlighter: '#fdd835',
    arrow: colors[0]!,
  };
  const drawTool = (): AnnotationTool => (tool === 'eraser' ? 'pen' : tool);
  const resync = () =>
    void client
      .request('annotationState', {})
      .then((s) => replica.reset(s))
      .catch(() => undefined);
  const input = new StrokeInput(
    client,
    replica,
    { tool: () => tool, color: () => colorOf[drawTool()], width: (t) => widths[t] },
    resync,
  );

  const toolButtons = (['pen', 'highlighter', 'arrow', 'eraser'] as const).map((t) =>
    h('button', { 'data-tool': t, 'aria-pressed': String(t === tool), text: labels[t] }),
  );
  const colorButtons = colors.map((c) =>
    h('button', {
      class: 'swatch',
      'data-color': c,
      'aria-pressed': String(c === colorOf.pen),
      title: c,
      style: `background:${c}`,
    }),
  );
  const clear = h('button', { 'data-action': 'clear', text: labels.clear });
  const prev = h('button', { 'data-action': 'prev', text: labels.prev });
  const next = h('button', { 'data-action': 'next', text: labels.next });
  const pageLabel = h('span', { class: 'page-label' });
  const newPage = h('button', { 'data-action': 'new-page', text: labels.newPage });
  const whiteboard = h('button', { 'data-action': 'whiteboard', text: labels.whiteboard });
  const hint = h('div', { class: 'hint', text: labels.hint });
  const video = h('video', { autoplay: true, playsinline: true, muted: true });
  const surface = h('div', { class: 'tile surface' }, video, hint);
  const element = h(
    'section',
    { class: 'annotate', hidden: true },
    h(
      'div',
      { class: 'toolbar' },
      ...toolButtons,
      ...colorButtons,
      clear,
      prev,
      pageLabel,
      next,
      newPage,
      whiteboard,
    ),
    surface,
  );
  const overlay = new AnnotationOverlay(replica, surface, video);
  input.attach(overlay);
  let sharing = false;

  const render = () => {
    const page = replica.page;
    const index = page ? replica.pages.findIndex((p) => p.id === page.id) : -1;
    pageLabel.textContent = page ? `${index + 1} / ${replica.pages.length}` : '';
    prev.disabled = index <= 0;
    next.disabled = index < 0 || index >= replica.pages.length - 1;
    const blank = page?.background === 'blank';
    const drawable = blank || sharing;
    // Drawing on the courseware needs the courseware: without a share only the toolbar shows.
    element.classList.toggle('drawing', drawable);
    surface.hidden = !drawable;
    video.hidden = blank;
    hint.hidden = drawable;
    overlay.svg.dataset.tool = tool;
    overlay.layout();
  };
  replica.onChange((change) => change.kind === 'page' && render());
  client.on('state', (state) => {
    if (state === 'joined') element.hidden = false;
  });

  for (const b of toolButtons) {
    b.addEventListener('click', () => {
      tool = b.dataset.tool as Tool;
      for (const o of toolButtons) o.setAttribute('aria-pressed', String(o === b));
      showColor();
      render();
    });
  }
  const showColor = () => {
    const c = colorOf[drawTool()];
    for (const o of colorButtons) o.setAttribute('aria-pressed', String(o.dataset.color === c));
  };
  const pick = (c: string) => {
    colorOf[drawTool()] = c;
    showColor();
  };
  for (const b of colorButtons) b.addEventListener('click', () => pick(b.dataset.color!));

  const adopt = (p: Promise<PageSnapshot>) =>
    void p.then((s) => replica.reset(s)).catch((e: Error) => alert(`批注 ${e.message}`));
  clear.addEventListener('click', () => {
    const page = replica.page;
    if (!page) return;
    replica.apply({ op: 'clear', rev: 0, pageId: page.id }, true);
    void client.request('annotationClear', { pageId: page.id }).catch(resync);
  });
  const go = (step: number) => {
    const page = replica.page;
    const index = page ? replica.pages.findIndex((p) => p.id === page.id) : -1;
    const target = replica.pages[index + step];
    if (target) adopt(client.request('annotationGoToPage', { pageId: target.id }));
  };
  prev.addEventListener('click', () => go(-1));
  next.addEventListener('click', () => go(1));
  newPage.addEventListener('click', () =>
    adopt(client.request('annotationNewPage', { background: 'screen' })),
  );
  whiteboard.addEventListener('click', () =>
    adopt(client.request('annotationNewPage', { background: 'blank' })),
  );
  render();

  return {
    element,
    showScreen(track) {
      sharing = !!track;
      video.srcObject = track ? new MediaStream([track]) : null;
      render();
    },
  };
}
