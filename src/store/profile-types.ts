import type { BrandLifecycle, ComputedProfile, ComputedTag, Influence, ProfileSource } from '../profiles/types.js';
import type { TagExpr } from '../profiles/tag-expression.js';

/** One platform account, as stored (handles are HMAC keys when authors are pseudonymised). */
export interface AuthorRecord {
  id: number;
  platform: string;
  platformId: string;
  handle: string | null;
  name: string | null;
  followers: number | null;
  /** The profile (group of linked authors) the author belongs to. */
  profileId: number;
}

export interface StoredTag extends ComputedTag {
  updatedAt: number;
}

export interface StoredProfile {
  profileId: number;
  authors: AuthorRecord[];
  tags: StoredTag[];
  lifecycle: BrandLifecycle[];
  influence: Influence;
  updatedAt: number;
}

export interface SegmentQuery {
  expr: TagExpr;
  minConfidence: number;
  /** Brand-scoped tags must be about this brand; tags about the person always count. */
  brandId?: string;
  limit: number;
  cursor?: string;
}

export interface SegmentMember {
  profileId: number;
  authors: AuthorRecord[];
  tags: { tag: string; brandId: string; confidence: number }[];
}

export interface SegmentPage {
  items: SegmentMember[];
  /** Members matching the expression in total (all pages). */
  count: number;
  nextCursor: string | null;
}

export type TagChangeOp = 'added' | 'updated' | 'removed';

export interface TagChange {
  seq: number;
  profileId: number;
  tag: string;
  brandId: string;
  op: TagChangeOp;
  /** null for removals. */
  confidence: number | null;
  at: number;
}

export interface ChangeSummary {
  added: number;
  updated: number;
  removed: number;
}

export interface ExportRow {
  profileId: number;
  /** `platform:platformId` of each author in the profile, joined by `|`. */
  authors: string;
  tag: string;
  brandId: string;
  confidence: number;
  firstSeen: number;
  lastSeen: number;
  updatedAt: number;
}

export interface EraseResult {
  mentions: number;
  /** Profiles of other authors linked to the erased one, to recompute. */
  affectedProfiles: number[];
}

export interface PurgeResult {
  mentions: number;
  /** Profiles that lost mentions, to recompute. */
  affectedProfiles: number[];
}

/**
 * Profile storage: identity groups, computed profiles and tags with a change feed, segment queries,
 * and the privacy operations (erase one author, purge by age) that keep rollups consistent.
 */
export interface ProfileRepository {
  /** By numeric author id or `platform:platformId`. */
  findAuthor(ref: string): Promise<AuthorRecord | undefined>;
  /** Profile ids of the authors behind (platform, platform id) pairs; unknown pairs are skipped. */
  profileIdsFor(keys: { platform: string; platformId: string }[]): Promise<number[]>;
  /** The profiles of the authors of a source's mentions (deleted ones too), by external id. */
  profileIdsOfMentions(sourceId: string, externalIds: string[]): Promise<number[]>;
  /** Profile ids in ascending order after `afterId`, for full rebuilds. */
  listProfileIds(afterId: number, limit: number): Promise<number[]>;
  /** The analysed, not-deleted mentions of every author in the profile. */
  loadSource(profileId: number): Promise<ProfileSource | undefined>;
  /** Replaces a profile's tags, writing one change row per added/updated/removed tag. */
  saveProfile(profileId: number, profile: ComputedProfile, at: number): Promise<ChangeSummary>;
  getProfile(profileId: number): Promise<StoredProfile | undefined>;
  /** Joins the profiles of two authors; returns the surviving profile id. */
  link(authorA: number, authorB: number, at: number): Promise<number>;
  segment(query: SegmentQuery): Promise<SegmentPage>;
  /** Changes with seq > `afterSeq`, in seq order. */
  changes(afterSeq: number, limit: number): Promise<TagChange[]>;
  /** Tags ordered by (profile, tag, brand), after the given key. */
  exportTags(after: { profileId: number; tag: string; brandId: string } | null, limit: number): Promise<ExportRow[]>;
  /** Removes the author, their mentions (rollups adjusted), search rows, profile and tags. */
  eraseAuthor(authorId: number, at: number): Promise<EraseResult>;
  /** Removes mentions created before `cutoff` (rollups adjusted). */
  purgeBefore(cutoff: number, at: number): Promise<PurgeResult>;
}

/** A stored API key without its secret. */
export interface ApiKeyRecord {
  id: string;
  name: string | null;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface KeyRepository {
  /** Stores a new key's salted hash; `secret` is never stored. */
  create(input: { id: string; name: string | null; scopes: string[]; secret: string }, at: number): Promise<ApiKeyRecord>;
  /** The key when the token's secret matches and it is not revoked. */
  verify(id: string, secret: string, at: number): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string, at: number): Promise<boolean>;
}

export type { ProfileSource, ComputedProfile };
