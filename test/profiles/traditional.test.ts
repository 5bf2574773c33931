import { describe, expect, it } from 'vitest';
import { makeProfiles, post } from './helpers.js';

/** Tags of `author`'s profile, brand-scoped ones as `tag@brand`. */
async function tagsOf(ctx: Awaited<ReturnType<typeof makeProfiles>>, author: string): Promise<string[]> {
  const profile = await ctx.service.getProfile(`test:${author}`);
  return profile.tags.map((t) => (t.brandId ? `${t.tag}@${t.brandId}` : t.tag));
}

describe('profiles of authors who write traditional characters', () => {
  it('reads their cues as the simplified cue lists are written', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'hk_mum', '帶娃出門太難了，寶媽只能點外賣');
    expect(await tagsOf(ctx, 'hk_mum')).toEqual(['parenting']);
  });

  it('keeps a post with a sensitive word out of the evidence in either script', async () => {
    const ctx = await makeProfiles();
    // 健身房 is written the same in both scripts; 抑鬱症 is the traditional form of the sensitive 抑郁症.
    await post(ctx, 'patient', '抑鬱症好轉以後每天去健身房');
    expect(await tagsOf(ctx, 'patient')).toEqual([]);
  });

  it('credits a switch written in traditional characters to the brand switched to', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'switcher', '鮮蜂再也不點了，已經換成速達', 'neg', ['freshbee', 'swifteats']);
    const tags = await tagsOf(ctx, 'switcher');
    expect(tags).toContain('lifecycle_new@swifteats');
    expect(tags).not.toContain('detractor@swifteats');
  });
});
