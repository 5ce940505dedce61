// Debian's Chromium driven by playwright-core, with a fake camera and microphone (or the
// sound devices of a PulseAudio daemon).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--use-fake-ui-for-media-stream',
  // Without fps=30 the fake camera runs at 20 fps.
  '--use-fake-device-for-media-stream=fps=30',
  // Without it Chromium sends no ICE checks when only loopback exists (CI sandboxes).
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  newPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * The real sound devices of a PulseAudio daemon (its PULSE_SERVER, XDG_RUNTIME_DIR)
   * instead of the fake camera and microphone: the browser records its microphone and
   * plays into its speaker (playwright mutes Chromium unless told not to).
   */
  pulseAudio?: Record<string, string>;
  /** a test's own self-signed certificate (the TLS front door test) */
  ignoreHTTPSErrors?: boolean;
}

/** One browser profile in a fresh temp dir; pages share it like tabs of one PC. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'tongke-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    ...(options.pulseAudio
      ? {
          args: chromiumArgs.filter((a) => !a.startsWith('--use-fake-device-for-media-stream')),
          ignoreDefaultArgs: ['--mute-audio'],
          env: { ...process.env, ...options.pulseAudio },
        }
      : { args: chromiumArgs }),
    ...(options.ignoreHTTPSErrors ? { ignoreHTTPSErrors: true } : {}),
  });
  return {
    context,
    async newPage(url) {
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page ${url}] ${e.message}`));
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface Profiles {
  /** A page in a profile of its own: its own localStorage, as on another PC. */
  newPage(url: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** One Chromium, many isolated profiles: several classroom PCs and people on one machine. */
export async function launchChromiumProfiles(): Promise<Profiles> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return {
    async newPage(url, viewport = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page ${url}] ${e.message}`));
      await page.goto(url);
      return page;
    },
    close: () => browser.close(),
  };
}
