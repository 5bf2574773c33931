import { hanBigrams } from '../text/han-bigrams.js';

/**
 * The layout `searchTokensOf` writes. Raise it whenever the tokens of a text change shape, so stores
 * re-index the rows written before (`store_state.search_layout`, `jobs/reindex-search.ts`). 1: tokens
 * only, or all of a post's bigrams after all its tokens (03fc7ed); 2: each token followed by its
 * bigrams (446d8d2); 3: in posts not read as Chinese, Han runs apart from the latin words they
 * touch and cut by the zh segmenter ("eats真快" → eats | 真快, 2026-11-22); 4: the characters of
 * Chinese words after all tokens, so a one-character query finds 烫 in 烫手 (2026-11-23).
 */
export const SEARCH_LAYOUT = 4;

const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/**
 * The tokens a post is indexed under for search: its segmented tokens, each Chinese token of three or
 * more characters followed by its character bigrams, then every character of its Chinese words once.
 * jieba keeps compounds and brand names whole ("速达外卖", "高性价比", "烫手"), so without the bigrams
 * a search for 外卖 or 性价比 would miss them, and without the characters one for 烫 or 慢: a
 * one-character query word matches a character, a two-character one a bigram, a longer one the phrase
 * of its bigrams.
 *
 * Each token's bigrams come right after it, not after all tokens, so a bigram phrase can only run
 * across two tokens where the text itself has them side by side ("外卖" then "卖员"): bigrams of two
 * different long tokens are never adjacent. The characters go last, where no bigram phrase can reach.
 *
 * @example
 * searchTokensOf(['在', '速达外卖', '下单']); // ['在', '速达外卖', '速达', '达外', '外卖', '下单', '速', '达', '外', '卖', '下', '单']
 */
export function searchTokensOf(tokens: readonly string[]): string[] {
  const indexed = tokens.flatMap((token) => [token, ...hanBigrams(token)]);
  const chars = new Set<string>();
  for (const token of tokens) if (HAN_WORD.test(token)) for (const char of token) chars.add(char);
  for (const token of tokens) chars.delete(token);
  return chars.size > 0 ? [...indexed, ...chars] : indexed;
}
