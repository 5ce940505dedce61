// The teacher's lesson material on her screen: attach 导学单, 教学设计, 课件, 课堂练习 before or
// during the lesson, and push one to every projector (it opens inside the classrooms'
// lesson view), or take it off again. The room holds what is pushed (server/live/material).
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { listMaterials } from '../lib/materials';
import { h } from '../lib/dom';
import { session } from '../lib/session';
import { describeJoinError, describeRefusal } from '../../shared/messages';
import { materialKindLabels, type Material, type MaterialKind } from '../../shared/lessons';
import type { PushedMaterial } from '../../shared/signaling/material';

const accept = '.pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.png,.jpg,.jpeg,.mp4,.mp3,.txt';

async function upload(occurrenceId: string, kind: MaterialKind, file: File): Promise<Material> {
  // The fields go before the file: the server reads them first.
  const form = new FormData();
  form.set('kind', kind);
  form.set('scope', 'occurrence');
  form.set('file', file, file.name);
  const res = await fetch(`/api/lessons/${encodeURIComponent(occurrenceId)}/materials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token ?? ''}` },
    body: form,
  });
  const body = (await res.json().catch(() => ({}))) as Material & {
    error?: string;
    message?: string;
  };
  if (!res.ok) {
    const code = body.error ?? String(res.status);
    throw new Error(
      describeRefusal(code) === code ? (body.message ?? code) : describeRefusal(code),
    );
  }
  return body;
}

export function materialPanel(client: LiveRoomClient, occurrenceId: string): HTMLElement {
  const kind = h(
    'select',
    { name: 'kind' },
    ...(Object.keys(materialKindLabels) as MaterialKind[]).map((k) =>
      h('option', { value: k, text: materialKindLabels[k] }),
    ),
  );
  const file = h('input', { type: 'file', name: 'file', accept, required: true });
  const status = h('div', { class: 'material-status', role: 'status' });
  const form = h(
    'form',
    { class: 'material-upload' },
    kind,
    file,
    h('button', { type: 'submit', text: '添加资料 Attach' }),
  );
  const list = h('ul', { class: 'material-list' });
  const takeOff = h('button', {
    'data-action': 'unpush-material',
    text: '收回 Take it off the projectors',
    hidden: true,
  });
  const pushedLine = h('div', { class: 'material-pushed' });
  let materials: Material[] = [];
  let pushed: PushedMaterial | null = null;

  const render = () => {
    const joined = client.state === 'joined';
    list.replaceChildren(
      ...materials.map((m) => {
        const push = h('button', {
          'data-action': 'push-material',
          'data-material': m.id,
          text: pushed?.materialId === m.id ? '正在显示 On the projectors' : '推送到教室 Push',
          disabled: !joined || pushed?.materialId === m.id,
        });
        push.addEventListener('click', () => void send(m.id));
        return h(
          'li',
          {},
          h('span', { text: `${materialKindLabels[m.kind]} · ${m.fileName}` }),
          push,
        );
      }),
    );
    takeOff.hidden = !pushed;
    takeOff.toggleAttribute('disabled', !joined);
    pushedLine.textContent = pushed ? `各教室正在显示 On the projectors: ${pushed.fileName}` : '';
  };
  const send = async (materialId: string | null) => {
    try {
      const reply = await client.request('pushMaterial', { materialId });
      pushed = reply.material;
      status.textContent = '';
    } catch (error) {
      status.textContent = describeJoinError(error as Error & { code?: string });
    }
    render();
  };
  const reload = () =>
    listMaterials(occurrenceId, session.token ?? '')
      .then((found) => ((materials = found), render()))
      .catch(() => (status.textContent = describeRefusal('material_unavailable')));

  takeOff.addEventListener('click', () => void send(null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.textContent = '正在上传… Uploading';
    upload(occurrenceId, kind.value as MaterialKind, chosen).then(
      () => {
        status.textContent = '';
        form.reset();
        void reload();
      },
      (error: Error) => (status.textContent = error.message),
    );
  });
  client.on('material', (m) => ((pushed = m), render()));
  client.on('state', (state) => {
    if (state === 'joined') pushed = client.session?.material ?? null;
    render();
  });
  void reload();
  return h(
    'section',
    { class: 'material-panel' },
    h('h3', { text: '课堂资料 Material' }),
    list,
    pushedLine,
    takeOff,
    form,
    status,
  );
}
