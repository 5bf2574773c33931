import { describe, expect, it } from 'vitest';
import { searchTokensOf } from '../../src/pipeline/search-tokens.js';
import { hanBigrams, termPhrases } from '../../src/text/han-bigrams.js';

describe('searchTokensOf', () => {
  it('follows each Chinese token of three or more characters with its character bigrams, and ends with the characters of Chinese words', () => {
    expect(searchTokensOf(['在', '速达外卖', '下单', '高性价比'])).toEqual([
      '在', '速达外卖', '速达', '达外', '外卖', '下单', '高性价比', '高性', '性价', '价比',
      '速', '达', '外', '卖', '下', '单', '高', '性', '价', '比',
    ]);
  });

  it('adds the characters of two-character words once, and nothing for Latin and mixed tokens', () => {
    expect(searchTokensOf(['外卖', '外卖', 'freshbee', 'iphone15', '5g手机', '!', '卖'])).toEqual(['外卖', '外卖', 'freshbee', 'iphone15', '5g手机', '!', '卖', '外']);
  });
});

describe('hanBigrams and termPhrases', () => {
  it('pair characters, not UTF-16 units', () => {
    expect(hanBigrams('𠮷野家')).toEqual(['𠮷野', '野家']);
  });

  it('match a Chinese term of three or more characters as itself or the phrase of its bigrams, anything else as itself', () => {
    expect(termPhrases('性价比')).toEqual(['性价比', '性价 价比']);
    expect(termPhrases('外卖')).toEqual(['外卖']);
    expect(termPhrases('battery')).toEqual(['battery']);
  });
});
