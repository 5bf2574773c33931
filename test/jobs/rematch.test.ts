import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import { createBrandMatcher } from '../../src/pipeline/brand-matcher.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { rematchBrands } from '../../src/jobs/rematch-brands.js';
import { createRematchRunner } from '../../src/jobs/rematch-runner.js';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost, makeStore } from '../helpers/store.js';

const BRANDS = [{ id: 'chayu', name: 'ChaYu', aliases: ['茶语轩'], competitors: [] }];

/**
 * A store holding the brand and `n` mentions of 茶语轩 saved before it existed: no brand link, and
 * search tokens from a segmenter that split the name (茶 / 语 / 轩).
 */
async function storeWith(n: number): Promise<Store> {
  const store = makeStore();
  await store.upsertBrands(BRANDS);
  const inputs = Array.from({ length: n }, (_, i) => {
    const input = makeInput(makePost({ externalId: `m${i}`, text: `茶语轩的奶茶第${i}杯`, author: { id: `a${i % 7}` } }), 'pos', []);
    return { ...input, searchTokens: ['茶', '语', '轩', '的', '奶茶', `第${i}杯`] };
  });
  await store.saveMentions(inputs);
  return store;
}

describe('brand re-match', () => {
  let pipeline: Pipeline;
  const matchBrands = createBrandMatcher(BRANDS);
  beforeAll(async () => {
    // The segmenter now knows the brand name, as the runtime's does once the brand is added.
    pipeline = createDefaultPipeline(await loadNlpResources({ extraWords: ['茶语轩'] }));
  });

  it('lets timers and requests run between pages instead of holding the event loop for the whole run', async () => {
    const store = await storeWith(1200);
    let timerRanAt: number | null = null;
    const pages: number[] = [];
    setTimeout(() => (timerRanAt = pages.length), 0);
    const summary = await rematchBrands({ store, pipeline, matchBrands, onProgress: (s) => pages.push(s.scanned) });
    expect(summary).toMatchObject({ scanned: 1200, relinked: 1200, stopped: false });
    expect(pages).toEqual([500, 1000, 1200]);
    expect(timerRanAt).not.toBeNull();
    expect(timerRanAt!).toBeLessThan(3);
  });

  it('joins requests made before the queued run starts into one pass, and a later request runs again', async () => {
    const store = await storeWith(3);
    const runner = createRematchRunner({ store, pipeline, matchBrands, brandNames: () => ['ChaYu', '茶语轩'] });
    const first = runner.request({ reindexWords: [] });
    const second = runner.request({ reindexWords: ['茶语轩'] });
    expect(second).toBe(first);
    expect((await store.listMentions({ terms: ['茶语轩'], limit: 10 })).items).toHaveLength(0);
    expect(await first).toMatchObject({ scanned: 3, relinked: 3, reindexed: 3 });
    expect((await store.listMentions({ terms: ['茶语轩'], limit: 10 })).items).toHaveLength(3);
    expect((await store.listMentions({ brandId: 'chayu', limit: 10 })).items).toHaveLength(3);
    expect(await runner.request({ reindexWords: [] })).toMatchObject({ scanned: 3, relinked: 0, reindexed: 0 });
  });

  it('stops at the next page when the process shuts down, and says the pass was cut short', async () => {
    const store = await storeWith(1200);
    const runner = createRematchRunner({ store, pipeline, matchBrands, brandNames: () => ['ChaYu', '茶语轩'] });
    const run = runner.request({ reindexWords: [] });
    expect(await runner.stop()).toBe(true);
    const summary = await run;
    expect(summary.stopped).toBe(true);
    expect(summary.scanned).toBeLessThan(1200);
  });
});
