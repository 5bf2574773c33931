import { describe, expect, it } from 'vitest';
import { describeBrands } from '../../src/cli/commands/start.js';

describe('koubei start banner: brands', () => {
  it('names brands the store still matches although the config file no longer lists them', () => {
    const text = describeBrands([{ id: 'acme' }, { id: 'freshbee' }, { id: 'swifteats' }], [{ id: 'acme' }]);
    expect(text).toBe(
      'brands: acme, freshbee, swifteats\n' +
        "  not in the config file (added through the API, or kept from an earlier config such as the demo's): freshbee, swifteats; DELETE /api/brands/{id} removes one\n",
    );
  });

  it('says nothing more when every brand comes from the config, or when brands are managed only through the API', () => {
    expect(describeBrands([{ id: 'acme' }], [{ id: 'acme' }])).toBe('brands: acme\n');
    expect(describeBrands([{ id: 'acme' }], [])).toBe('brands: acme\n');
    expect(describeBrands([], [])).toBe('brands: none\n');
  });
});
