import type { Analysis, Lang, RawPost, SentimentLabel } from '../domain.js';
import type { AlertRepository } from './alert-types.js';
import type { KeyRepository, ProfileRepository } from './profile-types.js';
import type { BrandRelink, MentionBrandLinks, SearchIndexState, SearchReindexStep, SearchText } from './maintenance-types.js';
import type { RunRecord, SourceClaim, SourceOwner, SourceState } from './source-types.js';
import type {
  AspectCount, AspectQuery, BrandVolume, TermCount, TermQuery, TermSample, TermSampleQuery, TrendPoint, TrendQuery,
} from './analytics-types.js';

// The read-side aggregates live in analytics-types.ts (sources and runs in source-types.ts); they are
// re-exported so that every type in the Store's signatures can still be imported from here.
export type * from './analytics-types.js';
export type * from './maintenance-types.js';
export type * from './source-types.js';

/**
 * The storage interface every backend implements. All methods are async so a networked backend
 * (PostgreSQL) can sit behind the same calls; the SQLite backend resolves synchronously inside.
 */
export interface Store {
  /**
   * Upserts posts with their analyses by (source, external id) in one transaction. Brand ids not in
   * `brands` (deleted after the caller matched) are not linked. With `claim`, the source is claimed
   * (as by `claimSource`) in the same transaction, so a batch that fails or is refused leaves no
   * source behind.
   */
  saveMentions(items: MentionInput[], claim?: SourceClaim): Promise<SaveResult>;
  listMentions(query: MentionQuery): Promise<Page<MentionRow>>;
  trends(query: TrendQuery): Promise<TrendPoint[]>;
  /** Marks posts the platform reports deleted; they drop out of trends and listings. */
  markDeleted(sourceId: string, externalIds: string[], at: number): Promise<number>;
  /** Recomputes every rollup from the mentions (after an import or a bulk change). */
  rebuildRollups(): Promise<void>;
  /**
   * Inserts source `id` with `owner`'s type and origin unless it is stored, and returns the stored
   * row, in one statement: whoever claims a new id first fixes its type and origin, and a later claim
   * gets the row back unchanged (callers compare both and refuse). They never change.
   */
  claimSource(id: string, owner: SourceOwner, now: number): Promise<SourceState>;
  getSource(id: string): Promise<SourceState | undefined>;
  listSources(): Promise<SourceState[]>;
  /** Records a finished run and updates cursor, failure streak and health in one transaction. */
  recordRun(run: RunRecord, unhealthyAfter: number): Promise<SourceState>;
  listRuns(sourceId: string, limit: number): Promise<RunRecord[]>;
  /** Volume and sentiment per brand in a period, with each brand's share of their total. */
  shareOfVoice(brandIds: string[], from: number, to: number): Promise<BrandVolume[]>;
  /** Most frequent keywords/themes among counted mentions of a period (optionally one brand). */
  termCounts(query: TermQuery): Promise<{ total: number; terms: TermCount[] }>;
  /** Aspect opinions (pos/neu/neg) in a period, optionally per hour/day bucket. */
  aspectCounts(query: AspectQuery): Promise<AspectCount[]>;
  /** Newest counted mentions containing a term, for theme examples and phrase detection. */
  termSamples(query: TermSampleQuery): Promise<TermSample[]>;
  upsertBrands(brands: BrandRecord[]): Promise<void>;
  deleteBrand(id: string): Promise<boolean>;
  listBrands(): Promise<BrandRecord[]>;
  /** Stored (not deleted) mentions after `afterId` in id order, with their brand links, for re-matching brands. */
  scanMentionBrands(afterId: number, limit: number): Promise<MentionBrandLinks[]>;
  /**
   * Replaces the brand links (and, when given, the search tokens and aspects) of mentions and moves
   * their rollup counts with them, in one transaction. A mention whose text changed since it was
   * scanned (another `contentHash`) is left alone: saving the new text already matched it against the
   * current brands. Brand ids not in `brands` (deleted since the scan) are not linked, and a
   * concurrent `deleteBrand` is never undone.
   */
  relinkBrands(changes: BrandRelink[]): Promise<void>;
  /** The brand names the stored aspects looked through, as the last complete re-match left them; null before one. */
  aspectNames(): Promise<string[] | null>;
  setAspectNames(names: string[]): Promise<void>;
  /** The search-token layout of the stored mentions, and what a re-index to `layout` has left to do. */
  searchIndexState(layout: number): Promise<SearchIndexState>;
  /**
   * One transaction of the re-index to `layout`: rewrites the search tokens of the next `limit` live
   * mentions after where the last step stopped (the place is stored, so an interrupted re-index goes on
   * where it was), and once none are left records `layout` as the store's. A no-op when the store is
   * already at `layout` or later.
   */
  reindexSearch(layout: number, limit: number, tokensOf: (mention: SearchText) => string[]): Promise<SearchReindexStep>;
  /** Alert detection state, alert history and the delivery outbox. */
  alerts: AlertRepository;
  /** Customer profiles, tags and their change feed, identity links, erasure and retention. */
  profiles: ProfileRepository;
  /** Hashed API keys with scopes. */
  keys: KeyRepository;
  close(): Promise<void>;
}

export interface MentionInput {
  post: RawPost;
  /** Platform (collector type) the author id belongs to. */
  platform: string;
  analysis: Analysis;
  /** Fingerprint of the normalised text, for near-duplicate linking. */
  contentHash: string;
  /** Link to an earlier copy with the same hash; off for texts too short to be a meaningful copy. */
  dedupe: boolean;
  /** Segmented tokens for full-text search. */
  searchTokens: string[];
  brandIds: string[];
  collectedAt: number;
}

export interface SaveResult {
  inserted: number;
  /** Existing posts whose text or engagement changed. */
  updated: number;
  /** Re-sent posts identical to what is stored. */
  unchanged: number;
  /** New posts linked to an earlier copy of the same text. */
  duplicates: number;
}

export interface MentionQuery {
  brandId?: string;
  /** Segmented search terms; all must match. A Chinese term of 3+ characters is found inside longer words too. */
  terms?: string[];
  lang?: Lang;
  sentiment?: SentimentLabel;
  sourceId?: string;
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MentionRow {
  id: number;
  sourceId: string;
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  lang: Lang;
  createdAt: string;
  author: { platform: string; id: string; handle: string | null; name: string | null; followers: number | null } | null;
  engagement: { likes: number | null; replies: number | null; reposts: number | null; rating: number | null };
  duplicateOf: number | null;
  brands: string[];
  sentiment: { label: SentimentLabel; score: number; confidence: number; explanation: unknown };
  emotion: { label: string; confidence: number };
  themes: string[];
  aspects: unknown[];
}

export interface BrandRecord {
  id: string;
  name: string;
  aliases: string[];
  query?: string;
  competitors: string[];
}
