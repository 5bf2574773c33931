import type { AspectOpinion } from '../domain.js';

// Types of the Store's maintenance passes over stored mentions: the brand re-match (brand links,
// search tokens and aspects of mentions whose analysis depends on the brands) and the search
// re-index to a newer token layout. types.ts re-exports them with the Store interface.

export interface MentionBrandLinks {
  id: number;
  title: string | null;
  text: string;
  lang: string;
  contentHash: string;
  brandIds: string[];
  /** The stored aspect opinions (`[]` for a mention without an analysis). */
  aspects: AspectOpinion[];
}

export interface BrandRelink {
  id: number;
  /** The content hash the new links were computed from. */
  contentHash: string;
  brandIds: string[];
  /** New search tokens, when the segmentation of the text changed (a brand word jieba learned later). */
  searchTokens?: string[];
  /** New aspect opinions, when a brand name that aspect matching looks through changed them. */
  aspects?: AspectOpinion[];
}

/** What search tokens are computed from: a stored mention's title, text and detected language. */
export interface SearchText {
  title: string | null;
  text: string;
  lang: string;
}

export interface SearchIndexState {
  /** The layout every live mention is indexed in (the oldest, while a re-index runs). */
  layout: number;
  /** Live mentions a re-index to the layout asked about has still to rewrite (0 when none is due). */
  remaining: number;
}

export interface SearchReindexStep {
  /** Mentions whose search tokens this step rewrote. */
  rewritten: number;
  /** Every live mention is now indexed in the layout asked for. */
  done: boolean;
}
