import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Invitation, ResearchView } from '../../../shared/research';
import { MinutesClient } from '../../../client/research/minutesClient';
import { toBase64 } from '../../../client/research/base64';
import { bindText } from '../../../client/research/textBinding';
import { FakeTextField } from '../../helpers/textField';
import { ManualClock } from '../../../server/lessons/clock';
import { MemoryOccurrenceSource, MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const o = occurrence();
const end = Date.parse(o.end);
const id = o.occurrenceId;

describe('minutes written by several people at once', () => {
  let dataDir: string;
  let s: LessonServer;
  const clients: MinutesClient[] = [];
  const sockets: Socket[] = [];

  const client = async (token: string) => {
    const c = new MinutesClient({ url: s.url, token, occurrenceId: id });
    clients.push(c);
    await new Promise<void>((resolve) => c.on('joined', () => resolve()));
    return c;
  };
  const raw = async (token: string) => {
    const socket = io(`${s.url}/research`, { auth: { token }, transports: ['websocket'] });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-minutes-'));
    s = await startLessonServer({ dataDir });
    await s.clock.advanceTo(end); // the lesson ends: the research room opens
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
    for (const x of sockets.splice(0)) x.close();
  });
  afterAll(async () => {
    await s?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps both writers’ text, in the same section too, and across a server restart', async () => {
    const wang = await client(s.tokens.wang);
    const li = await client(s.tokens.li);
    expect(wang.sections.map((x) => x.key)).toEqual([
      'core',
      'member:room-gaolou-1',
      'member:room-ningyi-1',
      'problems',
      'nextSteps',
    ]);

    wang.text('core').insert(0, '主讲课堂：学生回答积极。');
    li.text('member:room-gaolou-1').insert(0, '高楼：声音偶有延迟。');
    wang.text('nextSteps').insert(0, '王：下周调试麦克风。');
    li.text('nextSteps').insert(0, '李：提前十分钟联调。');
    await Promise.all([wang.whenSaved(), li.whenSaved()]);
    await vi.waitFor(() =>
      expect(li.text('nextSteps').toString()).toBe(wang.text('nextSteps').toString()),
    );
    const both = wang.text('nextSteps').toString();
    expect(both).toContain('王：下周调试麦克风。');
    expect(both).toContain('李：提前十分钟联调。');

    for (const c of clients.splice(0)) c.close();
    await s.close();
    s = await startLessonServer(
      { dataDir },
      new ManualClock(end + 5 * MIN),
      new MemoryOccurrenceSource([o]),
      false,
    );

    const again = await client(s.tokens.li);
    expect(again.text('core').toString()).toBe('主讲课堂：学生回答积极。');
    expect(again.text('member:room-gaolou-1').toString()).toBe('高楼：声音偶有延迟。');
    expect(again.text('nextSteps').toString()).toBe(both);

    const view = (await (
      await s.api(`/api/research/${encodeURIComponent(id)}`, { token: s.tokens.coordinator })
    ).json()) as ResearchView;
    expect(view.access).toBe('write');
    expect(view.minutes.nextSteps).toBe(both);
  });

  it('heals a cut connection: offline edits are sent and missed ones received', async () => {
    const wang = await client(s.tokens.wang);
    const li = await client(s.tokens.li);
    const offline = new Promise((resolve) =>
      li.on('status', (st) => st === 'offline' && resolve(st)),
    );
    const [liSocket] = (await s.tongke.io.of('/research').fetchSockets()).filter(
      (x) => x.data.principal.name === '李老师',
    );
    // Cut the transport under the socket, as a network drop does (not a polite disconnect).
    (
      s.tongke.io.of('/research').sockets.get(liSocket!.id)!.conn as unknown as { close(): void }
    ).close();
    await offline;
    li.text('problems').insert(0, '网络：宁益教室丢包。');
    wang.text('core').insert(wang.text('core').length, '板书清晰。');
    await wang.whenSaved();
    await li.whenSaved();
    await vi.waitFor(() => expect(wang.text('problems').toString()).toBe('网络：宁益教室丢包。'));
    await vi.waitFor(() => expect(li.text('core').toString()).toContain('板书清晰。'));
  });

  it('keeps two people typing at one spot in two whole runs, through the server', async () => {
    const key = 'member:room-ningyi-1';
    const wang = await client(s.tokens.wang);
    const zhao = await client(s.tokens.li);
    wang.text(key).insert(0, '宁益：');
    await wang.whenSaved();
    await vi.waitFor(() => expect(zhao.text(key).toString()).toBe('宁益：'));
    // Each one clicks at the end of the section and types, one key every 20 ms, at once.
    const typist = (c: MinutesClient) => {
      const field = new FakeTextField();
      const binding = bindText(field, c.text(key), () => true);
      return async (run: string) => {
        field.setSelectionRange(3, 3);
        for (const ch of run) {
          field.typeIn(ch);
          binding.push();
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(field.value).toBe(c.text(key).toString());
      };
    };
    await Promise.all([typist(wang)('[王]远端声音偶有延迟'), typist(zhao)('[赵]板书看不清')]);
    await Promise.all([wang.whenSaved(), zhao.whenSaved()]);
    await vi.waitFor(() => expect(zhao.text(key).toString()).toBe(wang.text(key).toString()));
    const view = (await (
      await s.api(`/api/research/${encodeURIComponent(id)}`, { token: s.tokens.coordinator })
    ).json()) as ResearchView;
    expect([
      '宁益：[王]远端声音偶有延迟[赵]板书看不清',
      '宁益：[赵]板书看不清[王]远端声音偶有延迟',
    ]).toContain(view.minutes[key]);
  });

  it('keeps unsent edits across a page reload through the pending storage', async () => {
    let saved: string[] = [];
    const storage = { load: () => saved, save: (u: string[]) => (saved = u) };
    const first = new MinutesClient({
      url: s.url,
      token: 'expired-or-forged',
      occurrenceId: id,
      storage,
    });
    clients.push(first);
    first.text('nextSteps').insert(first.text('nextSteps').length, '赵：补充课堂练习。'); // never acked
    expect(saved).toHaveLength(1);
    first.close(); // the reload
    const second = new MinutesClient({
      url: s.url,
      token: s.tokens.coordinator,
      occurrenceId: id,
      storage,
    });
    clients.push(second);
    await second.whenSaved();
    expect(saved).toEqual([]);
    const view = (await (
      await s.api(`/api/research/${encodeURIComponent(id)}`, { token: s.tokens.coordinator })
    ).json()) as ResearchView;
    expect(view.minutes.nextSteps).toContain('赵：补充课堂练习。');
  });

  it('acks a bad payload with an error naming the field', async () => {
    const socket = await raw(s.tokens.wang);
    const join = await socket.emitWithAck('minutes:join', { occurrenceId: id });
    expect(join.ok).toBe(true);
    expect(
      await socket.emitWithAck('minutes:update', { occurrenceId: id, update: 42 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: '/update' } });
    expect(await socket.emitWithAck('minutes:join', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: '/occurrenceId' },
    });
    expect(
      await socket.emitWithAck('minutes:update', {
        occurrenceId: id,
        update: toBase64(new Uint8Array([255, 1, 2])),
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_update', field: '/update' } });

    const stray = new Y.Doc();
    let update: Uint8Array | undefined;
    stray.on('update', (u: Uint8Array) => (update = u));
    stray.getText('notASection').insert(0, 'x');
    expect(
      await socket.emitWithAck('minutes:update', { occurrenceId: id, update: toBase64(update!) }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_update' } });
  });

  it('refuses a connection without a valid token, and another community with forbidden', async () => {
    const anonymous = io(`${s.url}/research`, {
      auth: { token: 'forged.token' },
      transports: ['websocket'],
    });
    sockets.push(anonymous);
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');

    const outsider = await raw(s.tokens.outsider);
    expect(await outsider.emitWithAck('minutes:join', { occurrenceId: id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'wrong_community' },
    });
    expect(
      await outsider.emitWithAck('minutes:update', { occurrenceId: id, update: '' }),
    ).toMatchObject({ ok: false, error: { code: 'not_joined' } });
  });

  it('lets an observer read but not write', async () => {
    const observer = await client(s.tokens.observer);
    expect(observer.access).toBe('read');
    expect(observer.status).toBe('readonly');
  });

  it('lets a member classroom’s teacher in with an invitation link, for that lesson only', async () => {
    const res = await s.api(`/api/research/${encodeURIComponent(id)}/invitations`, {
      method: 'POST',
      token: s.tokens.wang,
    });
    const links = (await res.json()) as Invitation[];
    expect(links.map((l) => l.classroomId)).toEqual(['room-gaolou-1', 'room-ningyi-1']);
    const url = new URL(links[0]!.url, s.url);
    expect(url.search).not.toContain('token');
    expect(url.hash).not.toContain(links[0]!.token);
    // The link carries a one-time code: traded once for the link token, then refused.
    const code = new URLSearchParams(url.hash.slice(1)).get('code')!;
    const trade = () =>
      s.api('/api/auth/exchange', { method: 'POST', body: JSON.stringify({ code }) });
    const traded = await trade();
    expect(traded.status).toBe(200);
    const { token } = (await traded.json()) as { token: string };
    expect((await trade()).status).toBe(401);
    const guest = await client(token);
    expect(guest.access).toBe('write');
    expect((await s.api(`/api/research/${encodeURIComponent(id)}`, { token })).status).toBe(200);
    expect((await s.api('/api/lessons?communityId=ruian-p-18', { token })).status).toBe(403);
    expect((await s.api('/api/auth/me', { token })).status).toBe(403);
  });

  it('closes when its time is up: clients turn read-only and the archive refuses writes', async () => {
    const wang = await client(s.tokens.wang);
    const socket = await raw(s.tokens.li);
    await socket.emitWithAck('minutes:join', { occurrenceId: id });
    const closed = new Promise((resolve) => socket.once('minutes:closed', resolve));
    await s.clock.advanceTo(end + 60 * MIN);
    await closed;
    await vi.waitFor(() => expect(wang.status).toBe('readonly'));

    const doc = new Y.Doc();
    let update: Uint8Array | undefined;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getText('problems').insert(0, 'too late');
    expect(
      await socket.emitWithAck('minutes:update', { occurrenceId: id, update: toBase64(update!) }),
    ).toMatchObject({ ok: false, error: { code: 'read_only' } });

    const view = (await (
      await s.api(`/api/research/${encodeURIComponent(id)}`, { token: s.tokens.wang })
    ).json()) as ResearchView;
    expect(view.access).toBe('read');
    expect(view.record.lesson.state).toBe('archived');
    expect(view.minutes.problems).toBe('网络：宁益教室丢包。');
    // Archiving compacted the log into one update.
    expect(await s.tongke.store.research.updates(id)).toHaveLength(1);
  });
});
