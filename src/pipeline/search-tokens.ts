const HAN_RUN = /^\p{Script=Han}{3,}$/u;

/**
 * The tokens a post is indexed under for search: its segmented tokens plus, for every Chinese token
 * of three or more characters, that token's character bigrams. jieba keeps compounds and brand names
 * whole ("速达外卖", "外卖员"), so without the bigrams a search for 外卖 would miss them; a query is
 * segmented the same way, so a two-character query finds them through a bigram.
 *
 * @example
 * searchTokensOf(['第一次', '在', '速达外卖', '下单']); // [..., '速达外卖', '下单', '第一', '一次', '速达', '达外', '外卖']
 */
export function searchTokensOf(tokens: readonly string[]): string[] {
  const out = tokens.slice();
  for (const token of tokens) {
    if (!HAN_RUN.test(token)) continue;
    for (let i = 0; i + 2 <= token.length; i++) out.push(token.slice(i, i + 2));
  }
  return out;
}
