import { findCue, stripPhrases, type Negators } from './cues.js';
import { decayWeight, noisyOr, roundConfidence } from './decay.js';
import type { PreparedMention } from './prepare.js';
import type { CueTag } from './taxonomy.js';
import { MAX_EVIDENCE, type ComputedTag, type Evidence } from './types.js';

/** A strong cue alone is enough for a tag; weak cues need company (two give ≈0.51). */
const STRONG_P = 0.65;
const WEAK_P = 0.3;

export interface CueTagOptions {
  now: number;
  halfLifeDays: number;
  negators: Negators;
}

/**
 * Interest and value tags from cue words: one probability per mention (strong or weak cue, decayed
 * by age), combined with noisy-OR. Returns every tag with any evidence; the caller applies the threshold.
 */
export function cueTags(mentions: readonly PreparedMention[], defs: readonly CueTag[], options: CueTagOptions): ComputedTag[] {
  const tags: ComputedTag[] = [];
  for (const def of defs) {
    const hits: { mention: PreparedMention; cue: string; p: number }[] = [];
    for (const mention of mentions) {
      if (mention.sensitive) continue;
      const text = stripPhrases(mention.lower, def.exclude);
      const strong = findCue(text, def.strong, options.negators);
      const cue = strong ?? findCue(text, def.weak, options.negators);
      if (!cue) continue;
      const p = (strong ? STRONG_P : WEAK_P) * decayWeight(options.now - mention.createdAt, options.halfLifeDays);
      hits.push({ mention, cue: strong ? cue : `weak(${cue})`, p });
    }
    if (hits.length) tags.push(toTag(def.id, '', hits));
  }
  return tags;
}

/** Builds a tag from its evidence (oldest first in `hits`). */
export function toTag(tag: string, brandId: string, hits: { mention: { id: number; createdAt: number }; cue: string; p: number }[]): ComputedTag {
  const evidence: Evidence[] = hits
    .slice()
    .reverse()
    .slice(0, MAX_EVIDENCE)
    .map((h) => ({ mentionId: h.mention.id, cue: h.cue }));
  return {
    tag,
    brandId,
    confidence: roundConfidence(noisyOr(hits.map((h) => h.p))),
    evidence,
    firstSeen: Math.min(...hits.map((h) => h.mention.createdAt)),
    lastSeen: Math.max(...hits.map((h) => h.mention.createdAt)),
  };
}
