import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js/t2cn';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';

// A browser asset (plain JS, no types): imported through a variable so tsc reads it as `any`.
const ASSET = '../../src/web/assets/simplify.js';
const convert = Converter({ from: 'hk', to: 'cn' });
const demoPosts = readFileSync(new URL('../../data/demo/posts.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; text: string });
const traditional = demoPosts.filter((p) => convert(p.text) !== p.text);

describe('simplified shadow of a post (Mentions highlighting)', () => {
  let alignedShadow: (text: string, convert: (s: string) => string) => string;
  let runtime: Runtime;
  beforeAll(async () => {
    ({ alignedShadow } = await import(ASSET));
    runtime = await makeRuntime();
  }, 60_000);
  afterAll(() => runtime.close());

  it('converts, folds full-width forms and case, and keeps every position', () => {
    expect(alignedShadow('覺得ＴＯＯ差，後悔', convert)).toBe('觉得too差,后悔');
    for (const post of traditional) expect(alignedShadow(post.text, convert)).toHaveLength(post.text.length);
  });

  it('finds in traditional posts the explanation terms the pipeline found in their simplified text', () => {
    expect(traditional.length).toBeGreaterThan(20);
    let found = 0;
    for (const post of [...traditional, { id: 'x', text: '鮮蜂外賣的炸雞很難吃，後悔了' }]) {
      const { doc } = runtime.pipeline.run({ text: post.text });
      const shadow = alignedShadow(post.text, convert);
      for (const term of doc.sentiment?.explanation.terms ?? []) {
        if (term.rules?.includes('learned') || !doc.simplified?.includes(term.text)) continue;
        expect(shadow, `${post.id}: ${term.text}`).toContain(term.text);
        // The traditional text itself does not contain it: this is what the shadow is for.
        if (!post.text.includes(term.text)) found++;
      }
    }
    expect(found).toBeGreaterThan(5);
  });
});
