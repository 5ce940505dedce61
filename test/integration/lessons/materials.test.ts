import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Material } from '../../../shared/lessons';
import { occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from './support/lessonServer';

const o = occurrence();
const base = `/api/lessons/${encodeURIComponent(o.occurrenceId)}/materials`;

function form(
  kind: string,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  type: string,
  scope?: string,
): FormData {
  const f = new FormData();
  f.set('kind', kind);
  if (scope) f.set('scope', scope);
  f.set('file', new Blob([bytes], { type }), name);
  return f;
}

describe('lesson material', () => {
  let s: LessonServer;
  beforeAll(async () => {
    s = await startLessonServer({ materialMaxMb: 1 });
  });
  afterAll(() => s?.close());

  it('lets the lesson teacher attach a 导学单 and a series 课件, and classrooms open them', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 导学单');
    const up = await s.api(base, {
      method: 'POST',
      token: s.tokens.wang,
      body: form('guide', '第一课导学单.pdf', pdf, 'application/pdf'),
    });
    expect(up.status).toBe(201);
    const guide = (await up.json()) as Material;
    expect(guide).toMatchObject({
      kind: 'guide',
      fileName: '第一课导学单.pdf',
      size: pdf.length,
      occurrenceId: o.occurrenceId,
    });
    await s.clock.advanceBy(1_000);
    const series = await s.api(base, {
      method: 'POST',
      token: s.tokens.coordinator,
      body: form(
        'courseware',
        '课件.pptx',
        new Uint8Array([80, 75, 3, 4]),
        'application/octet-stream',
        'series',
      ),
    });
    expect(await series.json()).toMatchObject({
      seriesId: o.seriesId,
      mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    });

    const list = (await (await s.api(base, { token: s.tokens.observer })).json()) as Material[];
    expect(list.map((m) => m.kind)).toEqual(['guide', 'courseware']);

    const code = (await (
      await s.api('/api/devices/enrolments', {
        method: 'POST',
        token: s.tokens.coordinator,
        body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
      })
    ).json()) as { code: string };
    const device = (await (
      await s.api('/api/devices/enrol', { method: 'POST', body: JSON.stringify(code) })
    ).json()) as { token: string };
    const file = await s.api(`/api/materials/${guide.id}/file`, { token: device.token });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    // A PC of the community whose classroom is not in this lesson opens none of it.
    const elsewhere = await s.deviceToken('room-elsewhere');
    expect((await s.api(`/api/materials/${guide.id}/file`, { token: elsewhere })).status).toBe(403);
    expect((await s.api(base, { token: elsewhere })).status).toBe(403);
  });

  it('refuses other teachers, other communities, unknown types and files over the limit', async () => {
    const small = new Uint8Array([1, 2, 3]);
    expect(
      (
        await s.api(base, {
          method: 'POST',
          token: s.tokens.li,
          body: form('guide', 'a.pdf', small, 'application/pdf'),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.api(base, {
          method: 'POST',
          token: s.tokens.outsider,
          body: form('guide', 'a.pdf', small, 'application/pdf'),
        })
      ).status,
    ).toBe(403);
    const exe = await s.api(base, {
      method: 'POST',
      token: s.tokens.wang,
      body: form('guide', 'setup.exe', small, 'application/x-msdownload'),
    });
    expect(exe.status).toBe(400);
    expect(await exe.json()).toMatchObject({ error: 'unsupported_type' });
    const noKind = await s.api(base, {
      method: 'POST',
      token: s.tokens.wang,
      body: form('poster', 'a.pdf', small, 'application/pdf'),
    });
    expect(noKind.status).toBe(400);
    const big = await s.api(base, {
      method: 'POST',
      token: s.tokens.wang,
      body: form('courseware', 'big.pdf', new Uint8Array(1024 * 1024 + 1), 'application/pdf'),
    });
    expect(big.status).toBe(413);
    const list = (await (await s.api(base, { token: s.tokens.wang })).json()) as Material[];
    expect(list.map((m) => m.fileName)).not.toContain('big.pdf');
    const [first] = list;
    expect(
      (await s.api(`/api/materials/${first!.id}/file`, { token: s.tokens.outsider })).status,
    ).toBe(403);
  });

  it('lets the uploader or a coordinator remove material', async () => {
    const [first] = (await (await s.api(base, { token: s.tokens.wang })).json()) as Material[];
    expect(
      (await s.api(`/api/materials/${first!.id}`, { method: 'DELETE', token: s.tokens.li })).status,
    ).toBe(403);
    expect(
      (await s.api(`/api/materials/${first!.id}`, { method: 'DELETE', token: s.tokens.wang }))
        .status,
    ).toBe(204);
    expect((await s.api(`/api/materials/${first!.id}/file`, { token: s.tokens.wang })).status).toBe(
      404,
    );
  });
});
