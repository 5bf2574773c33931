import { expect, it } from 'vitest';
import { brandRecords, describeStores, makeInput, makePost } from '../helpers/store.js';

const HOUR = 3_600_000;

describeStores('whether a brand was mentioned before an alert baseline', (open) => {
  it('answers from whole hours before the time asked, for that brand only', async () => {
    const { store } = await open();
    await store.upsertBrands(brandRecords('freshbee', 'swifteats'));
    const at = Date.parse('2026-11-20T10:15:00.000Z');
    await store.saveMentions([makeInput(makePost({ createdAt: new Date(at).toISOString() }), 'neg', ['freshbee'])]);
    expect(await store.alerts.hasMentionsBefore('freshbee', Date.parse('2026-11-20T11:00:00.000Z'))).toBe(true);
    expect(await store.alerts.hasMentionsBefore('freshbee', Date.parse('2026-11-20T10:30:00.000Z'))).toBe(false);
    expect(await store.alerts.hasMentionsBefore('freshbee', at - 30 * 24 * HOUR)).toBe(false);
    expect(await store.alerts.hasMentionsBefore('swifteats', Date.parse('2026-11-21T00:00:00.000Z'))).toBe(false);
  });
});
