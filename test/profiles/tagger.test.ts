import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TAGS, BELOW_PRECISION_FLOOR } from '../../src/profiles/config.js';
import { predictTags, scoreTags, type LabelledAuthor } from '../../src/profiles/evaluate.js';
import { loadTaxonomy } from '../../src/resources/taxonomy.js';
import { nextStage } from '../../src/profiles/lifecycle.js';
import { buildTaxonomy } from '../../src/profiles/taxonomy.js';
import { tagProfile, type TaggerOptions } from '../../src/profiles/tagger.js';
import type { ProfileMention } from '../../src/profiles/types.js';
import { taggerOptions } from './tagger-options.js';
import { PROJECT_ROOT } from '../../src/resources/paths.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21);
const taxonomy = loadTaxonomy();
const options: TaggerOptions = taggerOptions(NOW);

let nextId = 1;
function mention(text: string, daysAgo: number, sentiment: 'pos' | 'neg' | 'neu' = 'neu', brands: string[] = []): ProfileMention {
  return { id: nextId++, text, lang: /\p{Script=Han}/u.test(text) ? 'zh' : 'en', createdAt: NOW - daysAgo * DAY, sentiment, score: 0, brands, engagement: 0 };
}
const tagsOf = (mentions: ProfileMention[], opts: Partial<TaggerOptions> = {}, followers: number | null = 100) =>
  tagProfile({ profileId: 1, authors: [{ authorId: 1, platform: 'weibo', followers }], mentions }, { ...options, ...opts }).tags.map((t) => (t.brandId ? `${t.tag}@${t.brandId}` : t.tag));

describe('profile tagger', () => {
  it.each([
    ['带娃出门太难了，宝妈只能点外卖', 'parenting'],
    ['减脂期第三周，每天去健身房', 'fitness'],
    ['我家猫又把猫砂踢翻了', 'pets'],
    ['期末周住在宿舍复习', 'student'],
    ['满减加优惠券，一顿饭省了二十', 'price_sensitive'],
    ['My toddler loves the kids meal', 'parenting'],
    ['Leg day done, tracking macros now', 'fitness'],
    ['Used a promo code for a BOGO deal', 'price_sensitive'],
    ['Ran Geekbench on launch day, the chipset throttles', 'tech_enthusiast'],
    ['Skincare routine: serum and sunscreen', 'beauty'],
  ])('tags "%s" as %s', (text, tag) => {
    expect(tagsOf([mention(text, 1)])).toContain(tag);
  });

  it.each([
    ['没有孩子，也不打算要', 'parenting'],
    ['宝宝心里苦，加班到十点', 'parenting'],
    ['熊猫基地的热狗好吃', 'pets'],
    ["I don't have kids but my friends do", 'parenting'],
    ['Pet peeve: hidden delivery fees', 'pets'],
    ['Sorry, running late again', 'fitness'],
  ])('does not tag "%s" as %s (negation, slang, false friends)', (text, tag) => {
    expect(tagsOf([mention(text, 1)])).not.toContain(tag);
  });

  it('lets an interest fade with time: fresh evidence tags, a year-old mention alone does not', () => {
    expect(tagsOf([mention('Half marathon training this week', 5)])).toContain('fitness');
    expect(tagsOf([mention('Half marathon training this week', 365)])).not.toContain('fitness');
    const [fresh, old] = [5, 120].map((d) => tagProfile({ profileId: 1, authors: [], mentions: [mention('gym and protein', d)] }, options).tags.find((t) => t.tag === 'fitness')?.confidence ?? 0);
    expect(fresh).toBeGreaterThan(old);
  });

  it('gives evidence with mention ids and the cue, and first/last seen', () => {
    const m1 = mention('健身房打卡', 10);
    const m2 = mention('今天练腿', 2);
    const tag = tagProfile({ profileId: 1, authors: [], mentions: [m1, m2] }, options).tags.find((t) => t.tag === 'fitness')!;
    expect(tag.evidence).toEqual([{ mentionId: m2.id, cue: '练腿' }, { mentionId: m1.id, cue: '健身' }]);
    expect([tag.firstSeen, tag.lastSeen]).toEqual([m1.createdAt, m2.createdAt]);
    expect(tag.confidence).toBeGreaterThan(0.8);
  });

  it('tells promoter, detractor, loyal and churn risk apart per brand', () => {
    const tags = tagsOf([
      mention('第三年用鲜蜂外卖了，每周都点', 20, 'pos', ['freshbee']),
      mention('鲜蜂今天又准时到了', 10, 'pos', ['freshbee']),
      mention('茶语越来越不如以前了', 3, 'neg', ['teawhisper']),
      mention('茶语再也不喝了，太难喝', 1, 'neg', ['teawhisper']),
    ]);
    expect(tags).toEqual(expect.arrayContaining(['promoter@freshbee', 'loyal@freshbee', 'detractor@teawhisper', 'churn_risk@teawhisper', 'lifecycle_lost@teawhisper']));
    expect(tags).not.toContain('detractor@freshbee');
  });

  it('credits a switch to the brand switched to, not against it', () => {
    const tags = tagsOf([mention('FreshBee never again. Switched to SwiftEats', 1, 'neg', ['freshbee', 'swifteats'])]);
    expect(tags).toEqual(expect.arrayContaining(['lifecycle_lost@freshbee', 'competitor_user@freshbee', 'lifecycle_new@swifteats']));
    expect(tags).not.toContain('detractor@swifteats');
  });

  it('assigns KOL and KOC tiers from followers and engagement', () => {
    expect(tagsOf([mention('hello', 1)], {}, 120_000)).toContain('kol');
    expect(tagsOf([mention('hello', 1)], {}, 3_000)).toContain('koc');
    expect(tagsOf([mention('hello', 1)], {}, 100)).not.toEqual(expect.arrayContaining(['kol']));
  });

  it('dates an influence tag by the mentions and names the figure behind it, with the most engaged post', () => {
    const old = { ...mention('first post', 30), engagement: 5 };
    const viral = { ...mention('the post that travelled', 10), engagement: 400 };
    const recent = mention('latest', 2);
    const tierTag = (followers: number) =>
      tagProfile({ profileId: 1, authors: [{ authorId: 1, platform: 'weibo', followers }], mentions: [old, viral, recent] }, options).tags.find((t) => t.tag === 'kol' || t.tag === 'koc');
    expect(tierTag(120_000)).toMatchObject({ tag: 'kol', firstSeen: old.createdAt, lastSeen: viral.createdAt, evidence: [{ mentionId: viral.id, cue: 'followers 120000' }] });
    expect(tierTag(100)).toMatchObject({ tag: 'koc', evidence: [{ mentionId: viral.id, cue: 'mean engagement 135' }] });
  });

  it('never backs an influence tag with a post holding a sensitive word', () => {
    const plain = { ...mention('new café opened downtown', 5), engagement: 20 };
    const sensitive = { ...mention('确诊抑郁症以后第一次出门', 3), engagement: 900 };
    const kol = tagProfile({ profileId: 1, authors: [{ authorId: 1, platform: 'weibo', followers: 120_000 }], mentions: [plain, sensitive] }, options).tags.find((t) => t.tag === 'kol');
    expect(kol?.evidence).toEqual([{ mentionId: plain.id, cue: 'followers 120000' }]);
  });

  it('knows every tag of the taxonomy file, so profiles.enabledTags accepts each of them', () => {
    expect([...taxonomy.tags.keys()].sort()).toEqual([...ALL_TAGS].sort());
  });

  it('emits only enabled tags', () => {
    expect(tagsOf([mention('我家猫又把猫砂踢翻了', 1)], { enabledTags: new Set(['fitness']) })).toEqual([]);
  });
});

describe('lifecycle transitions', () => {
  it.each([
    [null, 'prospect', 0, 'prospect'],
    ['prospect', 'new', 0, 'new'],
    ['prospect', 'positive', 0, 'new'],
    [null, 'positive', 0, 'active'],
    ['active', 'negative', 1, 'active'],
    ['active', 'negative', 2, 'at_risk'],
    ['active', 'risk', 0, 'at_risk'],
    ['at_risk', 'positive', 0, 'active'],
    ['active', 'exit', 0, 'lost'],
    ['lost', 'positive', 0, 'active'],
    ['lost', 'negative', 1, 'lost'],
    ['active', 'prospect', 0, 'active'],
  ] as const)('%s + %s (streak %i) → %s', (from, signal, streak, to) => {
    expect(nextStage(from, signal, streak)).toBe(to);
  });

  it('replays a churner: active → at risk → lost, with the mention that moved each stage', () => {
    const ms = [
      mention('鲜蜂外卖的黄焖鸡很好吃', 30, 'pos', ['freshbee']),
      mention('鲜蜂又超时了', 10, 'neg', ['freshbee']),
      mention('鲜蜂客服也不理人', 8, 'neg', ['freshbee']),
      mention('再也不点鲜蜂了', 2, 'neg', ['freshbee']),
    ];
    const [life] = tagProfile({ profileId: 1, authors: [], mentions: ms }, options).lifecycle;
    expect(life.transitions.map((t) => [t.to, t.mentionId])).toEqual([['active', ms[0].id], ['at_risk', ms[2].id], ['lost', ms[3].id]]);
    expect(life.stage).toBe('lost');
  });
});

describe('sensitive categories', () => {
  const sensitive = JSON.parse(readFileSync(join(PROJECT_ROOT, 'lexicons/tags/sensitive.json'), 'utf8'));
  const file = JSON.parse(readFileSync(join(PROJECT_ROOT, 'lexicons/tags/taxonomy.json'), 'utf8'));

  it.each(['religion', 'politics', 'sexuality', 'health_condition'])('refuses a taxonomy with a %s tag', (group) => {
    const bad = { ...file, tags: [...file.tags, { id: 'x_tag', group, label: { zh: 'x', en: 'x' }, cues: { zh: ['x'], en: ['x'] } }] };
    expect(() => buildTaxonomy(bad, sensitive)).toThrow(/sensitive category/);
  });

  it('refuses a tag whose cues are sensitive words', () => {
    const bad = { ...file, tags: [...file.tags, { id: 'wellness', group: 'interest', label: { zh: 'x', en: 'x' }, cues: { zh: ['糖尿病'], en: [] } }] };
    expect(() => buildTaxonomy(bad, sensitive)).toThrow(/sensitive cue "糖尿病"/);
  });

  it('never uses a mention with a sensitive word as evidence, and never emits a sensitive tag', () => {
    const tags = tagsOf([
      mention('确诊糖尿病以后每天去健身房', 1, 'pos', ['teawhisper']),
      mention('After church we get HoneyTea, my kids love it', 1, 'pos', ['honeytea']),
      mention('Election night, vote for change, then the gym', 1),
      mention('Proud to be gay, my dog agrees', 1),
    ]);
    expect(tags).toEqual([]);
    for (const tag of ALL_TAGS) expect(taxonomy.tags.get(tag)?.group).not.toMatch(/health_condition|religion|politics|sexuality/);
  });
});

describe('precision on the labelled authors', () => {
  const authors = readFileSync(join(PROJECT_ROOT, 'test/fixtures/profiles/authors.jsonl'), 'utf8')
    .split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledAuthor);
  const scores = scoreTags(authors, predictTags(authors, { taxonomy, competitors: options.competitors, brandAliases: options.brandAliases, simplify: options.simplify }));

  it('has at least 200 authors in both languages', () => {
    expect(authors.length).toBeGreaterThanOrEqual(200);
    expect(authors.filter((a) => a.posts.some((p) => /\p{Script=Han}/u.test(p.text))).length).toBeGreaterThanOrEqual(80);
    expect(authors.filter((a) => a.posts.every((p) => !/\p{Script=Han}/u.test(p.text))).length).toBeGreaterThanOrEqual(80);
  });

  it('reaches 0.80 precision on every tag enabled by default', () => {
    const low = scores.filter((s) => !BELOW_PRECISION_FLOOR.includes(s.tag) && s.precision !== null && s.precision < 0.8);
    expect(low).toEqual([]);
  });
});
