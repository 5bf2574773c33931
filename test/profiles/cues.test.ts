import { describe, expect, it } from 'vitest';
import { makeProfiles, post, tagsOf } from './helpers.js';

describe('negators are words, not characters inside words', () => {
  it.each([
    ['小区新开了一家不错的健身房', 'fitness'],
    ['这个月买了不少口红', 'beauty'],
    ['我特别喜欢健身', 'fitness'],
    ['这周要不要去健身房办卡', 'fitness'],
    ['周末无聊去健身房', 'fitness'],
    ['毫无疑问我家娃最爱鲜蜂的煎饼', 'parenting'],
    ['No doubt my kids love the FreshBee pancakes.', 'parenting'],
    ['No wonder my kids love it', 'parenting'],
    ["Can't wait for yoga tonight", 'fitness'],
  ])('tags "%s" as %s', async (text, tag) => {
    const ctx = await makeProfiles();
    await post(ctx, 'author', text, 'pos');
    expect(await tagsOf(ctx, 'author')).toContain(tag);
  });

  it.each([
    ['从不去健身房', 'fitness'],
    ['没有孩子，也不打算要', 'parenting'],
    ['我不化妆', 'beauty'],
    ['No gym for me, ever', 'fitness'],
    ["I don't have kids", 'parenting'],
  ])('still reads "%s" as negated (no %s)', async (text, tag) => {
    const ctx = await makeProfiles();
    await post(ctx, 'author', text, 'neu');
    expect(await tagsOf(ctx, 'author')).not.toContain(tag);
  });
});
