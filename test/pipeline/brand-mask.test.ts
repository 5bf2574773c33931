import { describe, expect, it } from 'vitest';
import { BRAND_PLACEHOLDER, createBrandMask } from '../../src/pipeline/brand-mask.js';
import { makeRuntime } from '../helpers/runtime.js';

describe('brand mask', () => {
  it('hides every occurrence of a brand phrase, longest first, and returns the same array when none occurs', () => {
    const mask = createBrandMask();
    mask.set([['best'], ['best', 'buy']]);
    expect(mask.apply(['best', 'buy', 'is', 'the', 'best'])).toEqual([BRAND_PLACEHOLDER, BRAND_PLACEHOLDER, 'is', 'the', BRAND_PLACEHOLDER]);
    const plain = ['nothing', 'here'];
    expect(mask.apply(plain)).toBe(plain);
  });

  it('keeps brand names from scoring sentiment, at start and for brands added later', async () => {
    const runtime = await makeRuntime({ brands: [{ id: 'swift', name: 'Swift Eats', aliases: [], competitors: [] }] });
    const terms = (text: string) => (runtime.pipeline.run({ text }).doc.sentiment?.explanation.terms ?? []).map((t) => t.text);
    expect(terms('Swift Eats opens a new kitchen on Main Street')).not.toContain('swift');
    expect(terms('a swift reply from support')).toContain('swift');
    await runtime.store.upsertBrands([{ id: 'happy', name: 'Happy Lemon', aliases: ['快乐柠檬'], competitors: [] }]);
    await runtime.reloadBrands();
    expect(terms('Happy Lemon opened downtown')).not.toContain('happy');
    await runtime.close();
  });
});
