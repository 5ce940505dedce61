// A lesson's material (导学单, 教学设计, 课件, 课堂练习) for the screens that open it: listed
// and fetched with the bearer header, so a token never sits in a URL.
import { materialKindLabels, type Material } from '../../shared/lessons';
import { h } from './dom';
import type { OpenMaterial } from './materialViewer';

async function withToken(path: string, token: string): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res;
}

export async function listMaterials(occurrenceId: string, token: string): Promise<Material[]> {
  const res = await withToken(`/api/lessons/${encodeURIComponent(occurrenceId)}/materials`, token);
  return (await res.json()) as Material[];
}

/**
 * A button per file; a click opens it with `show` (inside the page: a projector in kiosk
 * mode has no tab bar), or without one in a new tab from a blob.
 */
export function materialList(
  materials: Material[],
  token: string,
  show?: (m: OpenMaterial) => void,
): HTMLElement {
  const items = materials.map((m) => {
    const open = h('button', { text: `${materialKindLabels[m.kind]} · ${m.fileName}` });
    open.addEventListener('click', () => {
      if (show) {
        show({ materialId: m.id, kind: m.kind, fileName: m.fileName, mimeType: m.mimeType });
        return;
      }
      void withToken(`/api/materials/${encodeURIComponent(m.id)}/file`, token)
        .then((res) => res.blob())
        .then((blob) => window.open(URL.createObjectURL(blob), '_blank'));
    });
    return h('li', { 'data-material': m.id }, open);
  });
  return h('ul', { class: 'materials' }, ...items);
}
