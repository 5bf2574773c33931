import { findCue, type Negators } from './cues.js';
import type { BrandCueKind, Taxonomy } from './taxonomy.js';
import type { ProfileMention } from './types.js';

/** A mention with what every rule needs computed once: lower-cased text and brand cues. */
export interface PreparedMention extends ProfileMention {
  lower: string;
  /** Contains a word from a special category: never used as evidence. */
  sensitive: boolean;
  /** The brand cue that fired per kind (loyal, exit, risk, prospect, new, complaint). */
  cues: Partial<Record<BrandCueKind, string>>;
}

// Negation flips loyal/new/prospect/risk cues ("not my first time", "没有回购", "never disappointed",
// "没让我失望"). Exit cues carry their own negators ("再也不点", "never ordering"), and so do the risk
// cues where the negation is the complaint ("不能再这样", "never been so disappointed"): those match as written.
const NEGATABLE: ReadonlySet<BrandCueKind> = new Set(['loyal', 'new', 'prospect', 'risk']);

/**
 * Prepares mentions oldest first. The cue lists are written in simplified Chinese, so `simplify`
 * (traditional → simplified) runs first: otherwise a post written as 確診… escapes the sensitive list
 * while its 健身房 still counts as evidence.
 */
export function prepareMentions(mentions: readonly ProfileMention[], taxonomy: Taxonomy, simplify: (text: string) => string): PreparedMention[] {
  return [...mentions]
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
    .map((m) => {
      const lower = simplify(m.text).toLowerCase();
      const sensitive = findCue(lower, taxonomy.sensitive) !== null;
      return { ...m, lower, sensitive, cues: sensitive ? {} : brandCues(lower, taxonomy, taxonomy.negators) };
    });
}

function brandCues(lower: string, taxonomy: Taxonomy, negators: Negators): Partial<Record<BrandCueKind, string>> {
  const found: Partial<Record<BrandCueKind, string>> = {};
  for (const [kind, set] of Object.entries(taxonomy.brandCues) as [BrandCueKind, (typeof taxonomy.brandCues)[BrandCueKind]][]) {
    const cue = findCue(lower, set, NEGATABLE.has(kind) ? negators : undefined);
    if (cue) found[kind] = cue;
  }
  return found;
}
