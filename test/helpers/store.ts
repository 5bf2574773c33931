import type { Analysis, RawPost } from '../../src/domain.js';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { MentionInput, Store } from '../../src/store/types.js';
import { fingerprintText } from '../../src/pipeline/fingerprint.js';

/** A fresh in-memory store per test: no shared state between suites. */
export function makeStore(): Store {
  return createSqliteStore(openDb(':memory:'));
}

export function makePost(overrides: Partial<RawPost> = {}): RawPost {
  return {
    source: 'test',
    externalId: 'p1',
    text: 'The battery life of this phone is excellent',
    createdAt: '2026-11-20T10:15:00.000Z',
    author: { id: 'a1', handle: 'alice', followers: 120 },
    ...overrides,
  };
}

/** A hand-built analysis, so store tests do not depend on the NLP models. */
export function makeAnalysis(label: 'pos' | 'neg' | 'neu' = 'pos', lang: 'zh' | 'en' = 'en'): Analysis {
  const score = label === 'pos' ? 0.7 : label === 'neg' ? -0.7 : 0;
  return {
    lang,
    tokens: [],
    sentiment: { label, score, confidence: 0.8, explanation: { terms: [{ text: 'excellent', weight: score }], rules: [] } },
    emotion: { label: label === 'neg' ? 'anger' : 'joy', confidence: 0.5, cues: [] },
    keywords: ['battery'],
    themes: ['battery'],
    aspects: [],
  };
}

export function makeInput(post: RawPost, label: 'pos' | 'neg' | 'neu' = 'pos', brandIds: string[] = []): MentionInput {
  const fingerprint = fingerprintText(post.text);
  return {
    post,
    platform: 'test',
    analysis: makeAnalysis(label),
    contentHash: fingerprint.hash,
    dedupe: fingerprint.dedupe,
    searchTokens: post.text.toLowerCase().split(/\s+/),
    brandIds,
    collectedAt: Date.parse('2026-11-20T12:00:00Z'),
  };
}
