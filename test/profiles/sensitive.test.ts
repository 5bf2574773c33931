import { describe, expect, it } from 'vitest';
import { makeProfiles, post, tagsOf } from './helpers.js';

describe('a post showing a special category is never evidence', () => {
  it.each([
    ['Been really depressed lately, yoga and FreshBee comfort food are my self-care.'],
    ['Depressive episode again, the gym and comfort food help'],
    ['New antidepressants, so back to the gym'],
    ['Diabetics like me count every calorie at the gym'],
    ['My anxiety disorders got better with yoga'],
    ['Had two panic attacks this week, yoga helps'],
    ['My autistic son loves the kids meal'],
    ['Asthmatic, but I still go to the gym'],
    ['最近有点抑郁，靠瑜伽和健身调节'],
    ['肺癌术后第一次去健身房'],
    ['自闭症的儿子最爱儿童餐'],
  ])('"%s" gives no tag', async (text) => {
    const ctx = await makeProfiles();
    await post(ctx, 'patient', text, 'pos', /freshbee/i.test(text) ? ['freshbee'] : []);
    expect(await tagsOf(ctx, 'patient')).toEqual([]);
  });

  it.each([
    ['Sunday with the Christians from my street, then the gym'],
    ['Elections all week, so yoga to stay calm'],
    ['Lesbians of the running club: leg day at the gym'],
  ])('"%s", a plural or derived form, gives no tag', async (text) => {
    const ctx = await makeProfiles();
    await post(ctx, 'member', text, 'pos');
    expect(await tagsOf(ctx, 'member')).toEqual([]);
  });

  it.each([
    ['Anxious wait for the gym to open after the holidays', 'fitness'],
    ['Depressing weather, so yoga at home', 'fitness'],
    ['焦虑地等健身房开门', 'fitness'],
  ])('does not treat the everyday word in "%s" as a condition (%s)', async (text, tag) => {
    const ctx = await makeProfiles();
    await post(ctx, 'author', text, 'pos');
    expect(await tagsOf(ctx, 'author')).toContain(tag);
  });
});
