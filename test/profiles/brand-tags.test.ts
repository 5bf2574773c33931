import { describe, expect, it } from 'vitest';
import { decayWeight, noisyOr, roundConfidence } from '../../src/profiles/decay.js';
import { tagProfile, type TaggerOptions } from '../../src/profiles/tagger.js';
import type { ComputedTag, ProfileMention } from '../../src/profiles/types.js';
import { taggerOptions } from './tagger-options.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 21);
const options: TaggerOptions = taggerOptions(NOW);

let nextId = 1;
function mention(text: string, createdAt: number, sentiment: 'pos' | 'neg' | 'neu', brands: string[]): ProfileMention {
  return { id: nextId++, text, lang: /\p{Script=Han}/u.test(text) ? 'zh' : 'en', createdAt, sentiment, score: 0, brands, engagement: 0 };
}
const daysAgo = (d: number) => NOW - d * DAY;

/** The stored tags a segmentation service reads after a rebuild at `now`. */
function rebuild(mentions: ProfileMention[], now = NOW): ComputedTag[] {
  return tagProfile({ profileId: 1, authors: [{ authorId: 1, platform: 'weibo', followers: 100 }], mentions }, { ...options, now }).tags;
}
const names = (tags: ComputedTag[]) => tags.map((t) => (t.brandId ? `${t.tag}@${t.brandId}` : t.tag));
const find = (tags: ComputedTag[], tag: string, brand: string) => tags.find((t) => t.tag === tag && t.brandId === brand);

describe('promoter / detractor at net exactly ±0.5', () => {
  // A CSV import dated by day only: six rows with the same timestamp, three positive and three neutral.
  const sameDay = Date.UTC(2026, 10, 14, 9, 30);
  const rows = (sentiment: 'pos' | 'neg') => [
    ...['FreshBee lunch came hot', 'FreshBee rider was friendly', 'FreshBee noodles were good'].map((t) => mention(t, sameDay, sentiment, ['freshbee'])),
    ...['FreshBee order for the office', 'FreshBee delivery at noon', 'FreshBee menu has soup now'].map((t) => mention(t, sameDay, 'neu', ['freshbee'])),
  ];

  it('gives the same tags on every rebuild minutes apart with no new data', () => {
    const mentions = rows('pos');
    const runs = Array.from({ length: 60 }, (_, i) => names(rebuild(mentions, NOW + i * MINUTE)));
    expect(runs.every((tags) => tags.includes('promoter@freshbee'))).toBe(true);
    expect(new Set(runs.map((tags) => tags.join(','))).size).toBe(1);
  });

  it('mirrors it for detractor', () => {
    const mentions = rows('neg');
    const runs = Array.from({ length: 60 }, (_, i) => names(rebuild(mentions, NOW + i * MINUTE)));
    expect(runs.every((tags) => tags.includes('detractor@freshbee'))).toBe(true);
  });
});

describe('competitor_user after the author left the competitor', () => {
  const goTo = () => mention('FreshBee was my go-to, I always order there', daysAgo(20), 'pos', ['freshbee']);

  it('is a competitor user while the competitor is their usual', () => {
    expect(names(rebuild([goTo()]))).toContain('competitor_user@swifteats');
  });

  it('is not once they switched from the competitor to the brand', () => {
    const tags = names(rebuild([goTo(), mention('Switched to SwiftEats, FreshBee kept being late', daysAgo(5), 'neg', ['swifteats', 'freshbee'])]));
    expect(tags).toContain('lifecycle_lost@freshbee');
    expect(tags).not.toContain('competitor_user@swifteats');
  });

  it('is not once they said they were done with the competitor', () => {
    const tags = names(rebuild([goTo(), mention('Done with FreshBee, never again', daysAgo(5), 'neg', ['freshbee'])]));
    expect(tags).not.toContain('competitor_user@swifteats');
  });

  it('is not once they said they switched to the brand', () => {
    const tags = names(rebuild([goTo(), mention('Switched to SwiftEats last month, so happy', daysAgo(5), 'pos', ['swifteats'])]));
    expect(tags).not.toContain('competitor_user@swifteats');
  });

  it('is again when they went back to the competitor', () => {
    const back = mention('Back on FreshBee, always order there again', daysAgo(2), 'pos', ['freshbee']);
    const tags = names(rebuild([goTo(), mention('Done with FreshBee, never again', daysAgo(5), 'neg', ['freshbee']), back]));
    expect(tags).toContain('competitor_user@swifteats');
  });
});

describe('each post counts once in a tag', () => {
  const ids = (tag: ComputedTag) => tag.evidence.map((e) => e.mentionId);

  it('competitor_user: a post with a usage cue that is also a repeat positive is one piece of evidence', () => {
    const posts = [mention('FreshBee never disappoints', daysAgo(10), 'pos', ['freshbee']), mention('FreshBee never disappoints, dumplings again', daysAgo(3), 'pos', ['freshbee'])];
    const tag = find(rebuild(posts), 'competitor_user', 'swifteats')!;
    expect(ids(tag)).toEqual([posts[1].id, posts[0].id]);
    const expected = noisyOr(posts.map((m) => 0.6 * decayWeight(NOW - m.createdAt, 90)));
    expect(tag.confidence).toBe(roundConfidence(expected));
  });

  it('churn_risk: the post that completes a negative trend and says 失望 is one piece of evidence', () => {
    const posts = [
      mention('鲜蜂外卖今天很快，好吃', daysAgo(30), 'pos', ['freshbee']),
      mention('鲜蜂送餐慢了一小时', daysAgo(8), 'neg', ['freshbee']),
      mention('鲜蜂又慢了，有点失望', daysAgo(2), 'neg', ['freshbee']),
    ];
    const tag = find(rebuild(posts), 'churn_risk', 'freshbee')!;
    expect(ids(tag)).toEqual([posts[2].id]);
    expect(tag.confidence).toBe(roundConfidence(0.6 * decayWeight(2 * DAY, 90)));
  });
});
