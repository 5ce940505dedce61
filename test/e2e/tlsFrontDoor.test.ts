// The TLS front door in infra/nginx, run as written (ports, upstream and certificate paths
// put in) with Debian's nginx in front of a real Tongke server (TRUST_PROXY set): a screen
// over https and a login through it, two wrtc peers whose signaling goes through nginx's
// WebSocket upgrade (their media goes straight to the worker), HSTS beside Tongke's own
// security headers, http redirected, and a material larger than nginx's default body limit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { get as httpGet } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { launchChromium, type Browser } from '../helpers/chromium';
import { freePort } from '../helpers/freePort';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  protocol: string | null;
}

/** A GET over https that checks the certificate against the test's own one. */
function httpsGet(url: string, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      res.resume();
      const protocol = (res.socket as TLSSocket).getProtocol();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, protocol }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** infra/nginx/tongke.conf with this test's ports and files; each edit must find its line. */
function render(
  conf: string,
  ports: { https: number; http: number; upstream: number },
  dir: string,
): string {
  const edits: [RegExp, string][] = [
    [/server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${ports.upstream};`],
    [/listen 80;/, `listen 127.0.0.1:${ports.http};`],
    [/listen \[::\]:80;\n/, ''],
    [/listen 443 ssl http2;/, `listen 127.0.0.1:${ports.https} ssl http2;`],
    [/listen \[::\]:443 ssl http2;\n/, ''],
    [/\/etc\/ssl\/tongke\/fullchain\.pem/, join(dir, 'cert.pem')],
    [/\/etc\/ssl\/tongke\/privkey\.pem/, join(dir, 'key.pem')],
    [/\/var\/log\/nginx\/tongke\.access\.log/, join(dir, 'tongke.access.log')],
  ];
  for (const [pattern, replacement] of edits) {
    expect(conf, `infra/nginx/tongke.conf has ${pattern}`).toMatch(pattern);
    conf = conf.replace(pattern, replacement);
  }
  return conf;
}

describe('Tongke behind the nginx TLS front door', () => {
  let s: LessonServer;
  let nginx: ChildProcess | undefined;
  let browser: Browser | undefined;
  const peers: LivePeer[] = [];
  let dir = '';
  let cert = '';
  let site = '';
  let base = '';
  let plain = '';
  let nginxLog = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongke-nginx-'));
    const openssl = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]); // prettier-ignore
    expect(openssl.status, openssl.stderr.toString()).toBe(0);
    cert = await readFile(join(dir, 'cert.pem'), 'utf8');

    s = await startLessonServer({ trustProxy: '127.0.0.1' });
    const ports = { https: await freePort(), http: await freePort(), upstream: 0 };
    ports.upstream = Number(new URL(s.url).port);
    site = await readFile(join(repoRoot, 'infra/nginx/tongke.conf'), 'utf8');
    await writeFile(join(dir, 'site.conf'), render(site, ports, dir));
    // The frame Debian's /etc/nginx/nginx.conf gives a site, in this test's own directory.
    await writeFile(
      join(dir, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
    );
    const test = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')]);
    expect(test.status, test.stderr.toString()).toBe(0);
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
    nginx.stderr!.on('data', (d: Buffer) => (nginxLog += d.toString()));
    base = `https://127.0.0.1:${ports.https}`;
    plain = `http://127.0.0.1:${ports.http}`;
    for (let i = 0; ; i++) {
      try {
        await httpsGet(`${base}/health`, cert);
        break;
      } catch (error) {
        if (i > 50) throw new Error(`nginx did not come up: ${String(error)}\n${nginxLog}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await gone;
    }
    await s?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the screens over TLS with HSTS and Tongke’s security headers', async () => {
    const page = await httpsGet(`${base}/teacher/`, cert);
    expect(page.status).toBe(200);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(page.protocol);
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // An error answer carries HSTS too ("always").
    const missing = await httpsGet(`${base}/api/lessons/nope`, cert);
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.headers['strict-transport-security']).toContain('max-age=');

    const redirect = await new Promise<{ status: number; location?: string }>((resolve) =>
      httpGet(`${plain}/teacher/?x=1`, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      }),
    );
    expect(redirect).toEqual({ status: 301, location: 'https://127.0.0.1/teacher/?x=1' });
  });

  it('keeps a calendar feed’s token out of its access log', async () => {
    const feed = '/api/ical/classrooms/room-gaolou-1.ics?token=ical_secret_in_a_calendar_app';
    expect((await httpsGet(`${base}${feed}`, cert)).status).toBe(401);
    expect(
      (await httpsGet(`${base}/api/lessons?communityId=x&token=ical_second`, cert)).status,
    ).toBe(401);
    await new Promise((r) => setTimeout(r, 200)); // nginx writes the line after the answer
    const log = await readFile(join(dir, 'tongke.access.log'), 'utf8');
    expect(log).toContain(
      '"GET /api/ical/classrooms/room-gaolou-1.ics?[token not logged] HTTP/1.1" 401',
    );
    expect(log).not.toContain('ical_secret');
    expect(log).not.toContain('ical_second');
  });

  it('keeps client_max_body_size 1 MB above the material limit, and lets such a file through', async () => {
    expect(site).toMatch(new RegExp(`client_max_body_size ${s.config.materialMaxMb + 1}m;`));
    // 2 MB: nginx's default limit (1 MB) would answer 413 before Tongke saw it.
    const bytes = new Uint8Array(2 * 1024 * 1024);
    bytes.set(new TextEncoder().encode('%PDF-1.4 导学单\n'));
    const form = new FormData();
    form.set('kind', 'guide');
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), '导学单.pdf');
    const o = occurrence();
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // fetch has no `ca` option; httpsGet checks it
    const up = await fetch(`${base}/api/lessons/${encodeURIComponent(o.occurrenceId)}/materials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.tokens.wang}` },
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    expect(await up.json()).toMatchObject({ size: bytes.length });
  });

  it('loads the teacher screen in Chromium over https, secure for the camera, and logs in', async () => {
    browser = await launchChromium({ ignoreHTTPSErrors: true });
    const page = await browser.newPage(`${base}/teacher/`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await page.fill('input[name=login]', 'wang');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    const o = occurrence();
    await page.locator(`li[data-occurrence="${o.occurrenceId}"]`).waitFor({ timeout: 15_000 });
    // The login went through nginx: its access log has it.
    const log = await readFile(join(dir, 'tongke.access.log'), 'utf8');
    expect(log).toMatch(/"POST \/api\/auth\/login HTTP\/[\d.]+" 200/);
  });

  it('carries a live room’s signaling through the WebSocket upgrade; media flows', async () => {
    const room = { roomId: 'tls-trial', roomCode: 'tlscode123' };
    const teacher = await livePeer(
      base,
      { ...room, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 } },
      { ca: cert },
    );
    peers.push(teacher);
    const classroom = await livePeer(
      base,
      { ...room, displayName: '高楼镇中心小学 三(1)班' },
      {},
      { ca: cert },
    );
    peers.push(classroom);
    expect(teacher.client.state).toBe('joined');
    expect(classroom.client.state).toBe('joined');
    const track = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera', 15_000);
    await expect.poll(() => track.video!.frames, { timeout: 15_000 }).toBeGreaterThan(10);
    // Both sockets came through nginx (its X-Forwarded-* headers) as WebSockets.
    const sockets = [...s.tongke.io.of('/live').sockets.values()];
    expect(sockets).toHaveLength(2);
    for (const socket of sockets) {
      expect(socket.handshake.headers['x-forwarded-proto']).toBe('https');
      expect(socket.handshake.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(socket.conn.transport.name).toBe('websocket');
    }
  });
});
