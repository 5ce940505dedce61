// Without a lesson named: the recorded lessons of the person's communities, and for a
// coordinator each community's recording policy (recorded or not, kept how long) and a
// delete button per recording.
import type { Principal } from '../../shared/auth';
import type { RecordingPolicyView, RecordingSummary } from '../../shared/recording';
import { h } from '../lib/dom';
import { authorized } from '../lib/session';
import { clock } from './timeline';

const policyUrl = (communityId: string) =>
  `/api/communities/${encodeURIComponent(communityId)}/recording-policy`;

function policyPanel(policy: RecordingPolicyView, editable: boolean): HTMLElement {
  const enabled = h('input', { type: 'checkbox', name: 'enabled' });
  enabled.checked = policy.enabled;
  const days = h('input', {
    type: 'number',
    name: 'retentionDays',
    min: '1',
    max: '3650',
    placeholder: '服务器默认 server default',
  });
  if (policy.retentionDays) days.value = String(policy.retentionDays);
  const status = h('span', { class: 'muted', role: 'status' });
  // The community's choice is kept, but a server set to record nothing overrides it.
  const serverOff = policy.serverRecords
    ? null
    : h('p', {
        class: 'warning server-off',
        text: '本服务器已关闭自动录制（RECORD_LESSONS=off），本共同体的课不会被录制 This server records no lesson by itself',
      });
  const save = h('button', { type: 'submit', text: '保存 Save' });
  for (const el of [enabled, days, save]) el.disabled = !editable;
  const form = h(
    'form',
    { class: 'policy', 'data-community': policy.communityId },
    h('label', {}, enabled, ' 自动录制本共同体的同步课堂 Record lessons by themselves'),
    h('label', {}, '保留天数 Keep for (days) ', days),
    save,
    status,
    serverOff,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      enabled: enabled.checked,
      ...(days.value ? { retentionDays: Number(days.value) } : {}),
    };
    status.textContent = '保存中… Saving…';
    authorized<RecordingPolicyView>(policyUrl(policy.communityId), {
      method: 'PUT',
      body: JSON.stringify(body),
    }).then(
      () => (status.textContent = '已保存 Saved'),
      (error: Error) => (status.textContent = error.message),
    );
  });
  return form;
}

function row(r: RecordingSummary, coordinator: boolean): HTMLElement {
  const item = h(
    'li',
    { 'data-recording': r.recordingId },
    h('a', {
      href: `?${new URLSearchParams({ occurrence: r.recordingId })}`,
      text: `${new Date(r.start).toLocaleString('zh-CN')} · ${r.subject} · ${clock(r.durationS)}`,
    }),
    r.state === 'recording' ? h('span', { class: 'muted', text: ' 录制中 recording' }) : null,
  );
  if (coordinator && r.state !== 'recording') {
    const remove = h('button', { type: 'button', class: 'delete', text: '删除 Delete' });
    remove.addEventListener('click', () => {
      if (!confirm('删除这节课的录像？此操作不能撤销。Delete this recording for good?')) return;
      authorized(`/api/recordings/${encodeURIComponent(r.recordingId)}`, {
        method: 'DELETE',
      }).then(
        () => item.remove(),
        (error: Error) => item.append(h('span', { class: 'error', text: ` ${error.message}` })),
      );
    });
    item.append(' ', remove);
  }
  return item;
}

export async function picker(app: HTMLElement): Promise<void> {
  const me = await authorized<Principal>('/api/auth/me');
  const coordinator = me.role === 'coordinator';
  const communities = await Promise.all(
    me.communityIds.map(async (communityId) => ({
      communityId,
      recordings: await authorized<RecordingSummary[]>(
        `/api/recordings?${new URLSearchParams({ communityId })}`,
      ),
      policy: await authorized<RecordingPolicyView>(policyUrl(communityId)),
    })),
  );
  const rows = communities.flatMap((c) => c.recordings.map((r) => row(r, coordinator)));
  app.replaceChildren(
    h(
      'section',
      { class: 'picker' },
      h('h1', { text: '录播回放 Recorded lessons' }),
      ...communities.map((c) => policyPanel(c.policy, coordinator)),
      rows.length ? h('ul', {}, ...rows) : h('p', { text: '还没有录像 No recordings yet' }),
    ),
  );
}
