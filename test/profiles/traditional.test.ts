import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileService } from '../../src/jobs/update-profiles.js';
import { resolveProfilesConfig } from '../../src/profiles/config.js';
import { loadChineseConverter } from '../../src/resources/language.js';
import { LEXICON_DIR } from '../../src/resources/paths.js';
import { loadTaxonomy } from '../../src/resources/taxonomy.js';
import { makeProfiles, NOW, post } from './helpers.js';

/** Every string of `value` that contains a Han character. */
function hanStrings(value: unknown): string[] {
  if (typeof value === 'string') return /\p{Script=Han}/u.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(hanStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(hanStrings);
  return [];
}

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

  it('compares brands configured with traditional aliases only', async () => {
    const ctx = await makeProfiles();
    await ctx.store.upsertBrands([
      { id: 'hk-bee', name: 'HK Bee', aliases: ['鮮蜂'], competitors: ['hk-speed'] },
      { id: 'hk-speed', name: 'HK Speed', aliases: ['速達'], competitors: ['hk-bee'] },
    ]);
    const service = createProfileService({ store: ctx.store, taxonomy: loadTaxonomy(), config: resolveProfilesConfig(undefined), now: () => NOW });
    await post({ ...ctx, service }, 'mainland', '鲜蜂再也不点了，已经换成速达', 'neg', ['hk-bee', 'hk-speed']);
    const tags = (await service.getProfile('test:mainland')).tags.map((t) => `${t.tag}@${t.brandId}`);
    expect(tags).toContain('lifecycle_new@hk-speed');
    expect(tags).not.toContain('detractor@hk-speed');
  });

  it('has cue lists written in simplified characters only, which is what posts are compared with', () => {
    const simplify = loadChineseConverter();
    const cues = ['taxonomy.json', 'sensitive.json'].flatMap((name) => hanStrings(JSON.parse(readFileSync(join(LEXICON_DIR, 'tags', name), 'utf8'))));
    expect(cues.length).toBeGreaterThan(100);
    expect(cues.filter((cue) => simplify(cue) !== cue)).toEqual([]);
  });
});
