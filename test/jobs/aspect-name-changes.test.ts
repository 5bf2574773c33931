import { describe, expect, it } from 'vitest';
import { createNameFinder, namesToRecheck } from '../../src/jobs/aspect-name-changes.js';

describe('aspect name changes', () => {
  it.each([
    ['a brand added', ['FreshBee'], ['FreshBee', '鲜蜂外卖'], false, ['鲜蜂外卖']],
    ['an alias edited', ['FreshBee', '鲜蜂外卖'], ['FreshBee', '鲜蜂'], false, ['鲜蜂', '鲜蜂外卖']],
    ['a brand removed', ['FreshBee', '鲜蜂外卖'], [], false, ['FreshBee', '鲜蜂外卖']],
    ['nothing changed', ['FreshBee'], ['FreshBee'], false, []],
    ['no pass recorded yet', null, ['FreshBee', '鲜蜂外卖'], false, ['FreshBee', '鲜蜂外卖']],
    ['every name (koubei rematch)', ['FreshBee', '速达外卖'], ['FreshBee'], true, ['FreshBee', '速达外卖']],
  ])('re-checks the names of %s', (_what, stored, current, everyName, expected) => {
    expect(namesToRecheck(stored, current, everyName).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['鲜蜂外卖太慢了', true],
    ['鲜蜂 外卖太慢了', true],
    ['鲜蜂送得慢', false],
    ['Honey-Tea is too sweet', true],
    ['HONEY TEA!', true],
    ['honey and tea', false],
  ])('finds a name in %s however it is spaced or cased: %s', (text, found) => {
    expect(createNameFinder(['鮮蜂外賣', 'Honey Tea'], (name) => name.replace('鮮', '鲜').replace('賣', '卖'))(text)).toBe(found);
  });

  it('finds nothing without names', () => {
    expect(createNameFinder([], (name) => name)('鲜蜂外卖')).toBe(false);
  });
});
