import { describe, expect, it } from 'vitest';
import { searchTokensOf } from '../../src/pipeline/search-tokens.js';

describe('searchTokensOf', () => {
  it('adds the character bigrams of Chinese tokens of three or more characters', () => {
    expect(searchTokensOf(['在', '速达外卖', '下单'])).toEqual(['在', '速达外卖', '下单', '速达', '达外', '外卖']);
  });

  it('leaves two-character, Latin and mixed tokens as they are', () => {
    expect(searchTokensOf(['外卖', 'freshbee', 'iphone15', '5g手机', '!'])).toEqual(['外卖', 'freshbee', 'iphone15', '5g手机', '!']);
  });
});
