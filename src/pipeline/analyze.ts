import type { Analysis } from '../domain.js';
import type { Pipeline } from './pipeline.js';
import { unsupportedSentiment } from './sentiment/scorer.js';
import { unsupportedEmotion } from './emotion/scorer.js';

/**
 * Runs one text through a pipeline and returns the stored `Analysis`; fields a failed component
 * left unset get their neutral defaults, so callers always receive a complete record.
 *
 * @example
 * analyzeText(pipeline, '服务很差', 'zh').sentiment.label; // 'neg'
 */
export function analyzeText(pipeline: Pipeline, text: string, declaredLang?: string): Analysis {
  const { doc } = pipeline.run(declaredLang ? { text, declaredLang } : { text });
  return {
    lang: doc.lang ?? 'other',
    tokens: doc.tokens ?? [],
    sentiment: doc.sentiment ?? unsupportedSentiment(),
    emotion: doc.emotion ?? unsupportedEmotion(),
    keywords: doc.keywords ?? [],
    themes: doc.themes ?? [],
    aspects: doc.aspects ?? [],
  };
}
