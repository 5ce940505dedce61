// The 录播回放 page in Chromium for the playback tests: opened on a recording with a
// reader's token, its clock read and put where a test wants it (window.__tongke).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Profiles } from './chromium';

/** What the page says of itself (client/playback/main.ts). */
export interface PlaybackState {
  t: number;
  playing: boolean;
  layout: string;
  rate: number;
  /** the strokes drawn now */
  strokes: string[];
  /** the whiteboard tile is shown */
  whiteboard: boolean;
}

/** Opens `/playback/?occurrence=…` signed in with `token`, once the player is up. */
export async function openPlayback(
  browser: Profiles,
  baseUrl: string,
  occurrenceId: string,
  token: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const url = `${baseUrl}/playback/?occurrence=${encodeURIComponent(occurrenceId)}`;
  const page = await browser.newPage(url, viewport);
  await page.evaluate((t) => sessionStorage.setItem('tongke.token', t), token);
  await page.reload();
  await page.waitForSelector('.playback');
  return page;
}

export const playbackState = (page: Page): Promise<PlaybackState> =>
  page.evaluate(() => (window as unknown as { __tongke: PlaybackState }).__tongke);

/** The player's clock to `t` s, as the seek bar would put it. */
export const seekPlayback = (page: Page, t: number): Promise<void> =>
  page.evaluate(
    (to) => (window as unknown as { __tongke: { seek(t: number): void } }).__tongke.seek(to),
    t,
  );

/** … and until the page says it is there. */
export async function seekPlaybackAndWait(page: Page, t: number): Promise<void> {
  await seekPlayback(page, t);
  await expect.poll(async () => Math.abs((await playbackState(page)).t - t)).toBeLessThan(0.05);
}
