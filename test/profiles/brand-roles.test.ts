import { describe, expect, it } from 'vitest';
import { makeProfiles, post, tagsOf } from './helpers.js';

describe('who wins a two-brand comparison', () => {
  it.each([
    ['鲜蜂外卖真好吃，配送也快，推荐', '速达外卖不如鲜蜂外卖好吃，还是鲜蜂靠谱，很满意'],
    ['鲜蜂外卖真好吃，配送也快，推荐', '速达比不上鲜蜂，鲜蜂又快又好'],
    ['鲜蜂外卖真好吃，配送也快，推荐', '速达比鲜蜂慢多了，还是鲜蜂好'],
    ['FreshBee lunch was great, fast delivery too', 'SwiftEats is not as good as FreshBee, so happy I stayed'],
    ['FreshBee lunch was great, fast delivery too', "SwiftEats isn't as fresh as FreshBee, loved my lunch"],
    ['FreshBee lunch was great, fast delivery too', 'SwiftEats is worse than FreshBee, great lunch again'],
    ['FreshBee lunch was great, fast delivery too', 'FreshBee is better than SwiftEats, great lunch again'],
  ])('after "%s", "%s" keeps FreshBee a promoted active customer and SwiftEats the loser', async (first, comparison) => {
    const ctx = await makeProfiles();
    await post(ctx, 'fan', first, 'pos', ['freshbee'], 3);
    await post(ctx, 'fan', comparison, 'pos', ['freshbee', 'swifteats'], 1);
    const tags = await tagsOf(ctx, 'fan');
    expect(tags).toEqual(expect.arrayContaining(['promoter@freshbee', 'lifecycle_active@freshbee']));
    expect(tags).not.toContain('churn_risk@freshbee');
    expect(tags).not.toContain('lifecycle_at_risk@freshbee');
    expect(tags).not.toContain('lifecycle_active@swifteats');
  });
});
