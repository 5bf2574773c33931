import type { Lang } from '../../domain.js';
import type { PipelineComponent } from '../types.js';

export interface KeywordResources {
  /** Stopwords per language (lower-case for en). */
  stopwords: Record<Exclude<Lang, 'other'>, ReadonlySet<string>>;
  /** Inverse document frequency per zh word (jieba's idf table); unknown words get `defaultIdf`. */
  idf: { get(word: string): number | undefined };
  defaultIdf: number;
}

export interface KeywordOptions {
  /** Keywords kept per post. */
  limit?: number;
  /** Themes kept per post (top keywords for now). */
  themes?: number;
}

const CONTENT = /[\p{L}\p{N}]/u;
const NUMBER_ONLY = /^[\p{N}.,%]+$/u;

/**
 * Content tokens minus stopwords, ranked by tf × idf (jieba's idf for zh; a flat idf for en).
 * Assigns `keywords` and `themes` (the top keywords until a theme model exists).
 *
 * @example
 * createKeywords(res).run({ ..., tokens: ['外卖', '送', '得', '很快'] }).keywords; // ['外卖', '很快', '送']
 */
export function createKeywords(resources: KeywordResources, options: KeywordOptions = {}): PipelineComponent {
  const { limit = 8, themes = 3 } = options;
  return {
    name: 'keywords',
    requires: ['lang', 'tokens'],
    assigns: ['keywords', 'themes'],
    run: (doc) => {
      const lang = doc.lang === 'zh' ? 'zh' : 'en';
      const stop = resources.stopwords[lang];
      const tf = new Map<string, number>();
      for (const tok of doc.tokens!) {
        if (tok.length < (lang === 'zh' ? 2 : 3) || stop.has(tok) || !CONTENT.test(tok) || NUMBER_ONLY.test(tok)) continue;
        tf.set(tok, (tf.get(tok) ?? 0) + 1);
      }
      const ranked = [...tf]
        .map(([word, count]) => [word, count * (lang === 'zh' ? resources.idf.get(word) ?? resources.defaultIdf : 1)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([word]) => word);
      return { ...doc, keywords: ranked, themes: ranked.slice(0, themes) };
    },
  };
}
