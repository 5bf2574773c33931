/**
 * Feed parsing edge cases, seen through the `rss` collector's posts: empty id/body elements,
 * Atom text constructs, character references and relative links.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { collector } from '../../src/collectors/rss.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const feedFixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('feed parsing through the rss collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const config = () => collector.configSchema.parse({ url: `${server.baseUrl}/feed.xml` });

  it('treats empty guid/link/date as missing, so every entry is emitted once', async () => {
    const v1 = feedFixture('rss-empty-fields.xml');
    const newItem = `<item><title>Screen flickers</title><link>https://digest.acme.example/p/103</link><guid></guid>
      <pubDate>Wed, 11 Jun 2025 08:00:00 +0000</pubDate><description>Flicker at low brightness.</description></item>`;
    const v2 = v1.replace('<item>', `${newItem}<item>`);
    server = await startFixtureServer({ '/feed.xml': [{ body: v1 }, { body: v2 }, { body: v2 }] });

    const first = await collector.collect(makeContext(config()));
    expect(first.posts.map((p) => [p.externalId, p.url, p.createdAt])).toEqual([
      ['https://digest.acme.example/p/101', 'https://digest.acme.example/p/101', '2025-06-10T09:00:00.000Z'],
      ['https://digest.acme.example/p/102', 'https://digest.acme.example/p/102', '2025-06-10T08:00:00.000Z'],
      ['Support never called back|2025-06-10T07:00:00Z', undefined, '2025-06-10T07:00:00.000Z'],
    ]);
    const second = await collector.collect(makeContext(config(), first.cursor));
    expect(second.posts.map((p) => p.title)).toEqual(['Screen flickers']);
    const third = await collector.collect(makeContext(config(), second.cursor));
    expect(third.posts).toEqual([]);
  });

  it('uses the description when content:encoded is empty', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: feedFixture('rss-empty-fields.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => p.text)).toEqual([
      'My Acme Phone X loses 40% overnight.',
      'The charger was too hot to touch.',
      'Waited a week.',
    ]);
  });

  it('keeps Atom text titles and content verbatim, decoding entities once; only type="html" is HTML', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: feedFixture('atom-text-content.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => [p.title, p.text])).toEqual([
      ['Why the <dialog> element beats modals', 'Use <dialog open> for the\nAcme settings panel. Escape as &lt; in markup.'],
      ['Tom & Jerry <3 the Acme app', 'Rated 5 > 4 stars <b>not bold</b>'],
      ['The new Acme editor', 'Fast & light.'],
    ]);
  });

  it('decodes numeric character references in RSS link, guid and author, and resolves relative links', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: feedFixture('rss-references-links.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => [p.externalId, p.url, p.author?.name])).toEqual([
      ['view-7&zh', 'https://ex.com/view.php?id=7&lang=zh', "张三 O'Neil"],
      [`${server.baseUrl}/posts/1`, `${server.baseUrl}/posts/1`, undefined],
    ]);
  });

  it('resolves Atom links against xml:base, else the feed URL, and keeps unresolvable ones as written', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: feedFixture('atom-relative-links.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => [p.externalId, p.url, p.author?.name])).toEqual([
      [`${server.baseUrl}/posts/1`, `${server.baseUrl}/posts/1`, "张三 O'Neil"],
      ['tag:forum.acme.example,2025:post-2', 'https://mirror.acme.example/forum/posts/2?a=1&b=2', undefined],
      ['tag:forum.acme.example,2025:post-3', 'posts/3', undefined],
    ]);
  });
});
