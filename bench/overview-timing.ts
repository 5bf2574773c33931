/**
 * The measurement of `npm run bench:overview`, the same for every backend: `koubei start` on the
 * seeded store, each of the overview's six API requests alone (brand0, last 3 and 30 days, first and
 * best of 3), then the dashboard in Chromium from navigation to every card filled, cold (first load)
 * and warm, for the default 3-day and a 30-day range.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { spawnServer } from '../test/web/server.js';
import { BRANDS } from './overview-seed.js';

export interface TimingOptions {
  /** Printed before every line: which backend is measured. */
  label: string;
  /** Environment of the server: `KOUBEI_DB` or `DATABASE_URL`, as the README documents. */
  env: Record<string, string>;
  /** End of the seeded period; the ranges are the days before it. */
  end: number;
  /** Folder of the screenshot. */
  dir: string;
}

/** Times the overview's requests and the page against a server started with `options.env`. */
export async function timeOverview({ label, env, end, dir }: TimingOptions): Promise<void> {
  const server = await spawnServer({ demo: false, brands: BRANDS.map((id) => ({ id, name: id, aliases: [id] })) }, env);
  try {
    for (const days of [3, 30]) await timeRequests(server.base, label, days, end);
    await timePage(server.base, label, join(dir, `overview-1m-${label}.png`));
  } finally {
    server.stop();
  }
}

async function timeRequests(base: string, label: string, days: number, end: number): Promise<void> {
  const q = new URLSearchParams({ brand: 'brand0', from: new Date(end - days * 86_400_000).toISOString(), to: new Date(end).toISOString() });
  const paths = [`/api/trends?${q}`, `/api/share-of-voice?${q}`, `/api/themes?${q}&limit=10`, `/api/themes/rising?${q}&limit=10`, `/api/aspects?${q}`, '/api/alerts?brand=brand0&limit=5'];
  for (const path of paths) {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${label} ${path}: HTTP ${res.status}`);
      times.push(performance.now() - started);
    }
    console.log(`${label} ${days} d ${path.split('?')[0]}: first ${times[0].toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms`);
  }
}

async function timePage(base: string, label: string, screenshot: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const range of ['3', '30']) {
      for (const run of ['cold', 'warm', 'warm']) {
        const started = Date.now();
        await page.goto(`${base}/?brand=brand0`);
        await page.waitForSelector('#page[data-ready="true"]', { timeout: 60_000 });
        if (range !== '3') {
          const switched = Date.now();
          await page.selectOption('#range', range);
          await page.waitForFunction(() => (globalThis as any).document.querySelector('#page').dataset.ready === 'true', undefined, { timeout: 60_000 });
          console.log(`${label} range ${range} d, ${run}: ${Date.now() - switched} ms after the range change`);
          continue;
        }
        const volume = await page.locator('#ov-kpis').getAttribute('data-volume');
        console.log(`${label} range ${range} d, ${run}: ${Date.now() - started} ms from navigation (page: ${await page.locator('#page').getAttribute('data-render-ms')} ms), ${volume} mentions shown`);
      }
    }
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`${label} screenshot: ${screenshot}`);
  } finally {
    await browser.close();
  }
}
