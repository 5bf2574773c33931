import { hanBigrams } from '../text/han-bigrams.js';

/**
 * The layout `searchTokensOf` writes. Raise it whenever the tokens of a text change shape, so stores
 * re-index the rows written before (`store_state.search_layout`, `jobs/reindex-search.ts`). 1: tokens
 * only, or all of a post's bigrams after all its tokens (03fc7ed); 2: each token followed by its
 * bigrams (446d8d2); 3: in posts not read as Chinese, Han runs apart from the latin words they
 * touch and cut by the zh segmenter ("eats真快" → eats | 真快, 2026-11-22).
 */
export const SEARCH_LAYOUT = 3;

/**
 * The tokens a post is indexed under for search: its segmented tokens, each Chinese token of three or
 * more characters followed by its character bigrams. jieba keeps compounds and brand names whole
 * ("速达外卖", "高性价比"), so without the bigrams a search for 外卖 or 性价比 would miss them: a
 * two-character query word matches a bigram, a longer one the phrase of its bigrams.
 *
 * Each token's bigrams come right after it, not after all tokens, so a bigram phrase can only run
 * across two tokens where the text itself has them side by side ("外卖" then "卖员"): bigrams of two
 * different long tokens are never adjacent.
 *
 * @example
 * searchTokensOf(['在', '速达外卖', '下单']); // ['在', '速达外卖', '速达', '达外', '外卖', '下单']
 */
export function searchTokensOf(tokens: readonly string[]): string[] {
  return tokens.flatMap((token) => [token, ...hanBigrams(token)]);
}
