import { describe, expect, it } from 'vitest';
import { loadLatinGuesser } from '../../../src/resources/language.js';
import { detectLang } from '../../../src/pipeline/components/detect-language.js';
import { createLatinGuesser } from '../../../src/pipeline/components/latin-guesser.js';

describe('Latin-script language guess (function words)', async () => {
  const guess = await loadLatinGuesser();

  it.each([
    ['The delivery was late again and the food was cold', 'en'],
    ["I'm so done with this app lol", 'en'],
    ['FreshBee 🔥🔥', 'en'],
    ['Das ist wirklich sehr gut und ich bin zufrieden', 'other'],
    ["C'est vraiment nul, je ne recommande pas", 'other'],
    ['Es muy bueno el producto, gracias', 'other'],
    ['Produk ini sangat bagus terima kasih', 'other'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLang(text, guess)).toBe(lang);
  });

  it('reads a curly apostrophe as part of the word, as phones type it ("don’t" is "don\'t", not "don" + "t")', () => {
    const words = new Map([['en', new Set(["don't", "it's"])], ['xx', new Set(['t', 's'])]]);
    expect(createLatinGuesser(words)('don’t worry, it’s fine')).toBe('en');
    expect(createLatinGuesser(words)('t s')).toBe('xx');
    expect(createLatinGuesser(new Map([['xx', new Set(['the'])]]))('‘the’ best')).toBe('xx'); // quotes are not part of the word
  });
});
