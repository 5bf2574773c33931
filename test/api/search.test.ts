import { afterEach, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';

const POSTS = [
  // jieba keeps 高性价比, 北京火车站 and 中华人民共和国 whole.
  { id: 'inside-1', text: '这款高性价比的手机续航很好' },
  { id: 'inside-2', text: '北京火车站附近的店送得很快' },
  { id: 'inside-3', text: '中华人民共和国国庆节快乐' },
  { id: 'whole', text: '性价比一般，火车站太挤' },
  // jieba splits both this and the query 外卖员 as 外卖|员 (速达外卖 is a brand word): found as before.
  { id: 'split', text: '速达外卖员送得快' },
  // The query's characters or bigrams, but never the word itself.
  { id: 'apart', text: '坐火车到车站，价格比想象中低，性能一般' },
  { id: 'reversed', text: '价比性这种写法是错的' },
].map((p, i) => ({ ...p, created_at: `2026-11-20T1${i}:00:00Z` }));

/** The external ids of the mentions a search finds, sorted. */
async function searchIds(app: ReturnType<typeof makeApp>, q: string): Promise<string[]> {
  return (await json(app.request(`/api/mentions?q=${encodeURIComponent(q)}`))).items.map((m: { externalId: string }) => m.externalId).sort();
}

describeRuntimeStores('search for a Chinese word inside a longer one', (target) => {
  let runtime: Runtime;
  afterEach(() => runtime?.close());

  it('finds 3+ character words inside words jieba keeps whole, and nothing that merely shares their characters', async () => {
    runtime = await makeRuntime(await target());
    const app = makeApp(runtime);
    expect(runtime.pipeline.run({ text: POSTS[0]!.text }).doc.tokens).toContain('高性价比');
    expect(runtime.searchTerms('性价比')).toEqual(['性价比']);
    const pushed = await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify(POSTS) });
    expect(await json(pushed)).toMatchObject({ inserted: POSTS.length });
    const search = (q: string) => searchIds(app, q);
    expect(await search('性价比')).toEqual(['inside-1', 'whole']);
    expect(await search('火车站')).toEqual(['inside-2', 'whole']);
    expect(await search('人民共和国')).toEqual(['inside-3']);
    expect(await search('性价比 手机')).toEqual(['inside-1']);
    expect(await search('外卖员')).toEqual(['split']);
    expect(await search('外卖')).toEqual(['split']);
  });

  it('finds the Chinese words of a mixed post read as English apart from the latin word they touch', async () => {
    runtime = await makeRuntime(await target());
    const app = makeApp(runtime);
    const posts = [
      { id: 'mixed', text: 'Ordered from Swift Eats again, the rider was真快 today', created_at: '2026-11-20T10:00:00Z' },
      { id: 'plain', text: 'The rider was slow today', created_at: '2026-11-20T11:00:00Z' },
    ];
    expect(runtime.pipeline.run({ text: posts[0]!.text }).doc.lang).toBe('en');
    await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify(posts) });
    // The en tokenizer used to keep "was真快" as one token, so neither word was found.
    expect(await searchIds(app, '真快')).toEqual(['mixed']);
    expect(await searchIds(app, 'was')).toEqual(['mixed', 'plain']);
  });

  it('finds a one-character query inside the words jieba keeps whole', async () => {
    runtime = await makeRuntime(await target());
    const app = makeApp(runtime);
    const posts = [
      { id: 'hands', text: '充电的时候烫手' },
      { id: 'soup', text: '楼下的麻辣烫很好吃' },
      { id: 'slow', text: '送餐太慢了' },
      { id: 'none', text: '今天天气不错' },
    ].map((p, i) => ({ ...p, created_at: `2026-11-20T1${i}:00:00Z` }));
    expect(runtime.pipeline.run({ text: posts[0]!.text }).doc.tokens).toContain('烫手');
    await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify(posts) });
    expect(await searchIds(app, '烫')).toEqual(['hands', 'soup']);
    expect(await searchIds(app, '慢')).toEqual(['slow']);
    expect(await searchIds(app, '燙')).toEqual(['hands', 'soup']);
  });
});
