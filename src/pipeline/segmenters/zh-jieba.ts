import type { Jieba } from '@node-rs/jieba';
import type { Segmenter } from './types.js';

const SPACE_OR_PUNCT_ONLY = /^[\s\p{P}]+$/u;

/**
 * Chinese segmenter over an already-loaded jieba instance (dictionary and the project's
 * user dictionary are loaded once by `src/resources/`). Whitespace and runs of punctuation are
 * dropped, except the marks the sentiment rules read (! ? and their full-width forms).
 *
 * @example
 * const segment = createZhSegmenter(jieba);
 * segment('服务态度很差'); // ['服务态度', '很差'] (exact split depends on the dictionary)
 */
export function createZhSegmenter(jieba: Jieba): Segmenter {
  return (text) => {
    const out: string[] = [];
    for (const token of jieba.cut(text, true)) {
      if (isKeptToken(token)) out.push(token);
    }
    return out;
  };
}

function isKeptToken(token: string): boolean {
  if (token.trim() === '') return false;
  if (!SPACE_OR_PUNCT_ONLY.test(token)) return true;
  return /[!?！？，,。.;；:：]/.test(token);
}
