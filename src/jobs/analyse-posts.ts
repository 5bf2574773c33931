import type { Analysis, Doc, RawPost } from '../domain.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { BrandMatcher } from '../pipeline/brand-matcher.js';
import { fingerprintText } from '../pipeline/fingerprint.js';
import { searchTokensOf } from '../pipeline/search-tokens.js';
import type { MentionInput } from '../store/types.js';

export interface AnalyseDeps {
  pipeline: Pipeline;
  matchBrands: BrandMatcher;
  now: () => Date;
}

/** A component failed on a post: its fields fall back to "unknown" values and the failure is explained. */
function toAnalysis(doc: Doc, failures: string[]): Analysis {
  const rules = failures.map((name) => `failed(${name})`);
  return {
    lang: doc.lang ?? 'other',
    tokens: doc.tokens ?? [],
    sentiment: doc.sentiment ?? { label: 'neu', score: 0, confidence: 0, explanation: { terms: [], rules } },
    emotion: doc.emotion ?? { label: 'neutral', confidence: 0, cues: [] },
    keywords: doc.keywords ?? [],
    themes: doc.themes ?? [],
    aspects: doc.aspects ?? [],
  };
}

/** The text a post is analysed (and matched to brands) by: its title first when the text lacks it. */
export function analysisText(title: string | null | undefined, text: string): string {
  return title && !text.includes(title) ? `${title}\n${text}` : text;
}

/**
 * Runs the pipeline over collected posts and shapes rows for the store: analysis, brand matches,
 * search tokens and the near-duplicate fingerprint. Pure apart from the injected clock.
 */
export function analysePosts(posts: RawPost[], platform: string, deps: AnalyseDeps): MentionInput[] {
  const collectedAt = deps.now().getTime();
  return posts.map((post) => {
    const text = analysisText(post.title, post.text);
    const { doc, failures } = deps.pipeline.run({ text, declaredLang: post.lang });
    const simplified = doc.simplified ?? doc.normalized ?? text;
    const fingerprint = fingerprintText(simplified);
    return {
      post,
      platform,
      analysis: toAnalysis(doc, failures.map((f) => f.component)),
      contentHash: fingerprint.hash,
      dedupe: fingerprint.dedupe,
      searchTokens: searchTokensOf(doc.tokens ?? []),
      brandIds: deps.matchBrands(simplified, doc.tokens),
      collectedAt,
    };
  });
}
