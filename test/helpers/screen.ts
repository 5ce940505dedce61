// What a person sees, not what the DOM holds (testing.md §7): a video counts as shown
// when its box is non-zero and inside the viewport, a hit test at its centre lands on it
// or inside its tile (nothing covers it), and its pixels change between two screenshots.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screen tests keep their screenshots (a CI artifact; people look at them). */
export const screenshotDir = join(import.meta.dirname, '../../test-results/screens');

export interface ShownCheck {
  box: { x: number; y: number; width: number; height: number };
  /** what the hit test at the centre found, when it was not the video or its tile */
  coveredBy?: string;
  /** bytes that differ between the two screenshots, of the video's region */
  changedBytes: number;
}

/** Measures one video as a person would see it; `shown()` below asserts on it. */
export async function checkShown(video: Locator, intervalMs = 1000): Promise<ShownCheck> {
  await video.scrollIntoViewIfNeeded();
  const box = await video.boundingBox();
  if (!box) throw new Error('the video has no box (not rendered)');
  const coveredBy = await video.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const tile = el.closest('.tile');
    if (hit && (hit === el || el.contains(hit) || tile?.contains(hit))) return undefined;
    if (!hit) return 'nothing (outside the viewport)';
    return `${hit.tagName.toLowerCase()}${hit.className ? `.${String(hit.className)}` : ''}`;
  });
  const first = await video.screenshot({ animations: 'allow' });
  await new Promise((r) => setTimeout(r, intervalMs));
  const second = await video.screenshot({ animations: 'allow' });
  let changedBytes = Math.abs(first.length - second.length);
  const n = Math.min(first.length, second.length);
  for (let i = 0; i < n; i++) if (first[i] !== second[i]) changedBytes++;
  return { box, ...(coveredBy ? { coveredBy } : {}), changedBytes };
}

/** Asserts that `video` is shown: a box of at least `minPx` each way, uncovered, moving. */
export async function expectShown(video: Locator, what: string, minPx = 40): Promise<ShownCheck> {
  const page = video.page();
  const viewport = page.viewportSize();
  const check = await checkShown(video);
  const { box } = check;
  expect(box.width, `${what}: width`).toBeGreaterThanOrEqual(minPx);
  expect(box.height, `${what}: height`).toBeGreaterThanOrEqual(minPx);
  if (viewport) {
    expect(box.x, `${what}: inside the viewport`).toBeGreaterThanOrEqual(-1);
    expect(box.y, `${what}: inside the viewport`).toBeGreaterThanOrEqual(-1);
    expect(box.x + box.width, `${what}: inside the viewport`).toBeLessThanOrEqual(
      viewport.width + 1,
    );
    expect(box.y + box.height, `${what}: inside the viewport`).toBeLessThanOrEqual(
      viewport.height + 1,
    );
  }
  expect(check.coveredBy, `${what}: covered`).toBeUndefined();
  expect(check.changedBytes, `${what}: its pixels change`).toBeGreaterThan(0);
  return check;
}

/** Polls until `video` is shown (media takes a moment to arrive and to be laid out). */
export async function waitShown(
  video: Locator,
  what: string,
  timeoutMs = 30_000,
  minPx = 40,
): Promise<ShownCheck> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await expectShown(video, what, minPx);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Asserts a button is visible and clickable where it is drawn (nothing covers it). */
export async function expectClickable(button: Locator, what: string): Promise<void> {
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  expect(box, `${what}: rendered`).not.toBeNull();
  expect(box!.width * box!.height, `${what}: has an area`).toBeGreaterThan(0);
  const covered = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === el || (hit !== null && el.contains(hit)) ? undefined : String(hit?.tagName);
  });
  expect(covered, `${what}: covered by`).toBeUndefined();
}

/** Keeps a screenshot of the page at the projector's and the laptop's size. */
export async function keepScreenshots(page: Page, name: string): Promise<string[]> {
  await mkdir(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  const paths: string[] = [];
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await new Promise((r) => setTimeout(r, 600)); // layout, and tiles asking for new layers
    const path = join(screenshotDir, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  if (original) await page.setViewportSize(original);
  return paths;
}
