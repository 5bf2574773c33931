import { describe, expect, it } from 'vitest';
import { makeProfiles, post, tagsOf } from './helpers.js';

describe('negated risk cues', () => {
  it.each([
    ['FreshBee has never disappointed me. Great lunch again.'],
    ['鲜蜂外卖从来没让我失望过'],
    ["I'm not disappointed at all, FreshBee came early"],
    ['Not thinking of switching, FreshBee is fine'],
    ['没考虑换，鲜蜂挺好'],
  ])('"%s" is no churn risk and no at-risk stage', async (text) => {
    const ctx = await makeProfiles();
    await post(ctx, 'happy', text, 'pos', ['freshbee']);
    const tags = await tagsOf(ctx, 'happy');
    expect(tags).toContain('lifecycle_active@freshbee');
    expect(tags).not.toContain('churn_risk@freshbee');
    expect(tags).not.toContain('lifecycle_at_risk@freshbee');
  });

  it.each([
    ['鲜蜂外卖再也不点了', 'lifecycle_lost'],
    ['Never ordering from FreshBee again, cold food twice', 'lifecycle_lost'],
    ['鲜蜂的配送不能再这样慢下去了', 'lifecycle_at_risk'],
    ['鲜蜂别再这样了，又晚一小时', 'lifecycle_at_risk'],
    ['从来没这么失望过，鲜蜂送错两次', 'lifecycle_at_risk'],
    ["I've never been so disappointed by FreshBee", 'lifecycle_at_risk'],
    ['FreshBee is not what it used to be', 'lifecycle_at_risk'],
  ])('still reads "%s", where the negation is the complaint, as churn risk (%s)', async (text, stage) => {
    const ctx = await makeProfiles();
    await post(ctx, 'unhappy', text, 'neg', ['freshbee']);
    const tags = await tagsOf(ctx, 'unhappy');
    expect(tags).toEqual(expect.arrayContaining(['churn_risk@freshbee', `${stage}@freshbee`]));
  });
});
