import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { MentionInput, SaveResult } from '../types.js';
import type { RollupMaintainer } from './rollups.js';
import { createReplaceAspectRows } from './mention-aspects.js';

interface ExistingRow {
  id: number;
  content_hash: string;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  rating: number | null;
}

/**
 * Builds the batch upsert: one transaction per batch, upsert by (source, external id), near-duplicate
 * linking by content hash, analysis/brands/search/term rows replaced when the text changed, and the
 * rollups adjusted by the difference (old contribution out, new one in). Links to brands no longer in
 * `brands` are dropped: queue workers match with brands they re-read only every few seconds
 * (`queue/brand-refresh.ts`), and `mention_brands` has no foreign key that would refuse them.
 */
export function createSaveMentions(db: Db, rollups: RollupMaintainer): (items: MentionInput[]) => SaveResult {
  const upsertAuthor = db.prepare(`
    INSERT INTO authors (platform, platform_id, handle, name, followers, first_seen, last_seen)
    VALUES (@platform, @platformId, @handle, @name, @followers, @seen, @seen)
    ON CONFLICT (platform, platform_id) DO UPDATE SET
      handle = coalesce(excluded.handle, handle), name = coalesce(excluded.name, name),
      followers = coalesce(excluded.followers, followers),
      first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)
    RETURNING id`);
  const findExisting = db.prepare(
    'SELECT id, content_hash, likes, replies, reposts, rating FROM mentions WHERE source_id = ? AND external_id = ?',
  );
  const findOriginal = db.prepare(
    'SELECT id FROM mentions WHERE content_hash = ? AND duplicate_of IS NULL AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1',
  );
  const insertMention = db.prepare(`
    INSERT INTO mentions (source_id, external_id, url, author_id, title, text, lang, created_at, collected_at,
      content_hash, duplicate_of, likes, replies, reposts, rating)
    VALUES (@sourceId, @externalId, @url, @authorId, @title, @text, @lang, @createdAt, @collectedAt,
      @contentHash, @duplicateOf, @likes, @replies, @reposts, @rating)`);
  const updateMention = db.prepare(`
    UPDATE mentions SET url = @url, author_id = @authorId, title = @title, text = @text, lang = @lang,
      content_hash = @contentHash, likes = @likes, replies = @replies, reposts = @reposts, rating = @rating
    WHERE id = @id`);
  const upsertAnalysis = db.prepare(`
    INSERT OR REPLACE INTO analyses (mention_id, sentiment, score, confidence, explanation, emotion,
      emotion_confidence, keywords, themes, aspects, analysed_at)
    VALUES (@id, @sentiment, @score, @confidence, @explanation, @emotion, @emotionConfidence, @keywords,
      @themes, @aspects, @analysedAt)`);
  const deleteBrands = db.prepare('DELETE FROM mention_brands WHERE mention_id = ?');
  const insertBrand = db.prepare('INSERT OR IGNORE INTO mention_brands (mention_id, brand_id) VALUES (?, ?)');
  // One lookup per batch rather than per link; SQLite's single writer keeps its answer true until COMMIT.
  const liveBrands = db.prepare('SELECT id FROM brands WHERE id IN (SELECT value FROM json_each(?))').pluck();
  const deleteSearch = db.prepare('DELETE FROM mention_search WHERE rowid = ?');
  const insertSearch = db.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)');
  const deleteTerms = db.prepare('DELETE FROM mention_terms WHERE mention_id = ?');
  const insertTerm = db.prepare('INSERT OR IGNORE INTO mention_terms (mention_id, term) VALUES (?, ?)');
  const replaceAspectRows = createReplaceAspectRows(db);

  function writeDerived(id: number, item: MentionInput, live: ReadonlySet<string>): void {
    const { analysis } = item;
    upsertAnalysis.run({
      id,
      sentiment: analysis.sentiment.label,
      score: analysis.sentiment.score,
      confidence: analysis.sentiment.confidence,
      explanation: JSON.stringify(analysis.sentiment.explanation),
      emotion: analysis.emotion.label,
      emotionConfidence: analysis.emotion.confidence,
      keywords: JSON.stringify(analysis.keywords),
      themes: JSON.stringify(analysis.themes),
      aspects: JSON.stringify(analysis.aspects),
      analysedAt: item.collectedAt,
    });
    deleteBrands.run(id);
    for (const brandId of item.brandIds) if (live.has(brandId)) insertBrand.run(id, brandId);
    deleteSearch.run(id);
    insertSearch.run(id, item.searchTokens.join(' '));
    deleteTerms.run(id);
    for (const term of new Set([...analysis.themes, ...analysis.keywords])) insertTerm.run(id, term);
    replaceAspectRows(id, analysis.aspects);
  }

  function saveOne(item: MentionInput, live: ReadonlySet<string>, result: SaveResult): void {
    const { post } = item;
    const createdAt = Date.parse(post.createdAt);
    const authorId = post.author
      ? (upsertAuthor.get({
          platform: item.platform,
          platformId: post.author.id,
          handle: post.author.handle ?? null,
          name: post.author.name ?? null,
          followers: post.author.followers ?? null,
          seen: createdAt,
        }) as { id: number }).id
      : null;
    const row = {
      sourceId: post.source,
      externalId: post.externalId,
      url: post.url ?? null,
      authorId,
      title: post.title ?? null,
      text: post.text,
      lang: item.analysis.lang,
      createdAt,
      collectedAt: item.collectedAt,
      contentHash: item.contentHash,
      likes: post.engagement?.likes ?? null,
      replies: post.engagement?.replies ?? null,
      reposts: post.engagement?.reposts ?? null,
      rating: post.engagement?.rating ?? null,
    };
    const existing = findExisting.get(post.source, post.externalId) as ExistingRow | undefined;
    if (!existing) {
      const original = item.dedupe ? (findOriginal.get(item.contentHash) as { id: number } | undefined) : undefined;
      const id = Number(insertMention.run({ ...row, duplicateOf: original?.id ?? null }).lastInsertRowid);
      writeDerived(id, item, live);
      rollups.apply(rollups.load(id), 1);
      result.inserted += 1;
      if (original) result.duplicates += 1;
      return;
    }
    if (isUnchanged(existing, row)) {
      result.unchanged += 1;
      return;
    }
    rollups.apply(rollups.load(existing.id), -1);
    updateMention.run({ ...row, id: existing.id });
    if (existing.content_hash !== row.contentHash) writeDerived(existing.id, item, live);
    rollups.apply(rollups.load(existing.id), 1);
    result.updated += 1;
  }

  const saveBatch = writeTransaction(db, (items: MentionInput[]) => {
    const result: SaveResult = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
    const named = [...new Set(items.flatMap((item) => item.brandIds))];
    const live = new Set(named.length ? (liveBrands.all(JSON.stringify(named)) as string[]) : []);
    for (const item of items) saveOne(item, live, result);
    return result;
  });
  return (items) => saveBatch(items);
}

function isUnchanged(existing: ExistingRow, row: Omit<ExistingRow, 'id' | 'content_hash'> & { contentHash: string }): boolean {
  return (
    existing.content_hash === row.contentHash &&
    existing.likes === row.likes &&
    existing.replies === row.replies &&
    existing.reposts === row.reposts &&
    existing.rating === row.rating
  );
}
