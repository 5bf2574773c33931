import { createRequire } from 'node:module';
import type { Segmenter } from './types.js';

// Import natural's tokenizer file directly: `require('natural')` loads every storage adapter,
// whose dotenv banners go to stdout and would corrupt `koubei analyze` JSONL output.
const require = createRequire(import.meta.url);
const { RegexpTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  RegexpTokenizer: new (opts: { pattern: RegExp; gaps: boolean }) => { tokenize(s: string): string[] | null };
};

/**
 * Word tokens the English scorer reads: words with inner apostrophes/hyphens ("don't", "must-have"),
 * hashtags, numbers, runs of Han characters apart from the latin words they touch (a mixed post
 * read as English, "Swift Eats真快", gives eats | 真快, so the brand name and the theme stay whole),
 * emoji (whole grapheme, not split surrogates), emoticons like :) , runs of ! or ?, and the clause
 * marks , ; . : so negation scope and aspect clauses can stop at them. `[^\P{L}\p{Script=Han}]` is a
 * letter that is not Han.
 */
const TOKEN_PATTERN =
  /#?(?:[^\P{L}\p{Script=Han}]|\p{N})+(?:['’\-](?:[^\P{L}\p{Script=Han}]|\p{N})+)*|#?\p{Script=Han}+|[:;=]-?[)(DPp/\\|]|<3|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*|[!?]+|[,;.:]/gu;

/**
 * English segmenter: natural's RegexpTokenizer in match mode with a social-media aware pattern,
 * lower-casing everything except emoticons.
 *
 * @example
 * createEnSegmenter()("I don't LOVE it :)"); // ['i', "don't", 'love', 'it', ':)']
 */
export function createEnSegmenter(): Segmenter {
  const tokenizer = new RegexpTokenizer({ pattern: TOKEN_PATTERN, gaps: false });
  return (text) => (tokenizer.tokenize(text.replace(/’/g, "'")) ?? []).map(lowerWord);
}

function lowerWord(token: string): string {
  return /^[:;=]/.test(token) ? token : token.toLowerCase();
}
