// One material opened inside the page (a projector in kiosk mode has no tab bar): a PDF
// in the browser's own viewer, an image, a clip or a text, fetched with the screen's own
// bearer token into a blob: URL, so no file of the lesson ever has a public address.
import { viewableInPage } from '../../shared/signaling/material';
import { materialKindLabels, type MaterialKind } from '../../shared/lessons';
import { describeRefusal } from '../../shared/messages';
import { h } from './dom';

export interface OpenMaterial {
  materialId: string;
  kind: MaterialKind;
  fileName: string;
  mimeType: string;
}

export interface MaterialViewer {
  element: HTMLElement;
  /** what is open now */
  readonly current: OpenMaterial | undefined;
  open(material: OpenMaterial): Promise<void>;
  close(): void;
  /** called when a person closes it (not when the teacher takes it off) */
  onClosed(listener: () => void): void;
}

export async function fetchMaterial(materialId: string, token: string): Promise<Blob> {
  const res = await fetch(`/api/materials/${encodeURIComponent(materialId)}/file`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${res.status}`);
  return res.blob();
}

export function materialViewer(token: () => string): MaterialViewer {
  const title = h('div', { class: 'material-title' });
  const closeButton = h('button', {
    class: 'material-close',
    'data-action': 'close-material',
    text: '✕ 关闭资料 Close',
  });
  const body = h('div', { class: 'material-body' });
  const element = h(
    'section',
    { class: 'material-viewer', hidden: true, 'aria-label': '课堂资料 Material' },
    h('header', {}, title, closeButton),
    body,
  );
  let current: OpenMaterial | undefined;
  let url: string | undefined;
  let opening = 0;
  const closedListeners: (() => void)[] = [];

  const release = () => {
    if (url) URL.revokeObjectURL(url);
    url = undefined;
  };
  const close = () => {
    opening++;
    current = undefined;
    release();
    body.replaceChildren();
    element.hidden = true;
    element.dispatchEvent(new Event('material-change', { bubbles: true }));
  };
  closeButton.addEventListener('click', () => {
    close();
    for (const l of closedListeners) l();
  });

  return {
    element,
    get current() {
      return current;
    },
    async open(material) {
      if (current?.materialId === material.materialId && !element.hidden) return;
      const attempt = ++opening;
      current = material;
      title.textContent = `${materialKindLabels[material.kind]} · ${material.fileName}`;
      element.hidden = false;
      element.dataset.material = material.materialId;
      body.replaceChildren(h('div', { class: 'material-loading', text: '正在打开… Opening' }));
      element.dispatchEvent(new Event('material-change', { bubbles: true }));
      let blob: Blob;
      try {
        blob = await fetchMaterial(material.materialId, token());
      } catch {
        if (attempt !== opening) return;
        body.replaceChildren(
          h('div', { class: 'material-error', text: describeRefusal('material_unavailable') }),
        );
        return;
      }
      if (attempt !== opening) return;
      release();
      url = URL.createObjectURL(new Blob([blob], { type: material.mimeType }));
      const how = viewableInPage(material.mimeType);
      const content =
        how === 'pdf' || how === 'text'
          ? // The whole page at once, as on a projector (Chromium's viewer reads the fragment).
            h('iframe', { src: how === 'pdf' ? `${url}#view=Fit` : url, title: material.fileName })
          : how === 'image'
            ? h('img', { src: url, alt: material.fileName })
            : how === 'video'
              ? h('video', { src: url, controls: true, autoplay: true })
              : how === 'audio'
                ? h('audio', { src: url, controls: true })
                : h(
                    'div',
                    { class: 'material-error' },
                    '此类文件不能在页面中显示，请在讲台电脑上打开 ',
                    h('span', { class: 'en', text: 'This type opens on the teacher’s PC only' }),
                  );
      content.classList.add('material-content');
      body.replaceChildren(content);
    },
    close,
    onClosed(listener) {
      closedListeners.push(listener);
    },
  };
}
