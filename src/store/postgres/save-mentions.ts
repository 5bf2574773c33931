import type pg from 'pg';
import type { MentionInput, SaveResult } from '../types.js';
import { query, queryOne } from './pool.js';
import { loadContribution, RollupDelta } from './rollups.js';
import { lockBrands } from './lock-brands.js';
import { replaceAspectRowsPg } from './mention-aspects.js';

interface ExistingRow {
  id: number;
  source_id: string;
  external_id: string;
  content_hash: string;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  rating: number | null;
}

const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/**
 * Saves one batch inside the caller's transaction, with the SQLite backend's semantics: upsert by
 * (source, external id), near-duplicate linking by content hash, derived rows replaced when the text
 * changed, rollups adjusted by old-out/new-in. Safe with concurrent workers:
 * - every content hash of the batch is advisory-locked up front (sorted), so two workers cannot both
 *   store the "first copy" of the same text;
 * - existing rows are locked `FOR UPDATE` up front in id order before their old contribution is read;
 * - a post inserted by another worker meanwhile is caught by `ON CONFLICT DO NOTHING` and updated instead;
 * - the brands it links are looked up and held FOR SHARE once, up front (`lockBrands`), and links to
 *   brands no longer in `brands` are dropped: queue workers match with brands they re-read only every
 *   few seconds (`queue/brand-refresh.ts`), and `mention_brands` has no foreign key that would refuse them.
 */
export async function saveMentionBatch(client: pg.PoolClient, items: MentionInput[]): Promise<SaveResult> {
  const result: SaveResult = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
  const hashes = [...new Set(items.filter((i) => i.dedupe).map((i) => i.contentHash))];
  if (hashes.length) {
    await client.query(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended('koubei:hash:' || h, 0) AS k
      FROM unnest($1::text[]) h ORDER BY k) s`, [hashes]);
  }
  const existing = await lockExisting(client, items);
  const live = await lockBrands(client, [...existing.values()].map((row) => row.id), items.flatMap((item) => item.brandIds));
  const delta = new RollupDelta();
  for (const item of items) await saveOne(client, { ...item, brandIds: item.brandIds.filter((id) => live.has(id)) }, existing, delta, result);
  await delta.flush(client);
  return result;
}

async function lockExisting(client: pg.PoolClient, items: MentionInput[]): Promise<Map<string, ExistingRow>> {
  const rows = await query<ExistingRow>(client, `
    SELECT id, source_id, external_id, content_hash, likes, replies, reposts, rating FROM mentions
    WHERE (source_id, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY id FOR UPDATE`,
  [items.map((i) => i.post.source), items.map((i) => i.post.externalId)]);
  return new Map(rows.map((r) => [keyOf(r.source_id, r.external_id), r]));
}

async function saveOne(client: pg.PoolClient, item: MentionInput, existing: Map<string, ExistingRow>, delta: RollupDelta, result: SaveResult): Promise<void> {
  const { post } = item;
  const createdAt = Date.parse(post.createdAt);
  const authorId = post.author
    ? (await queryOne<{ id: number }>(client, `
        INSERT INTO authors (platform, platform_id, handle, name, followers, first_seen, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $6)
        ON CONFLICT (platform, platform_id) DO UPDATE SET
          handle = coalesce(excluded.handle, authors.handle), name = coalesce(excluded.name, authors.name),
          followers = coalesce(excluded.followers, authors.followers),
          first_seen = least(authors.first_seen, excluded.first_seen), last_seen = greatest(authors.last_seen, excluded.last_seen)
        RETURNING id`,
      [item.platform, post.author.id, post.author.handle ?? null, post.author.name ?? null, post.author.followers ?? null, createdAt],
      'koubei_upsert_author'))!.id
    : null;
  const row = {
    url: post.url ?? null, authorId, title: post.title ?? null, text: post.text, lang: item.analysis.lang, contentHash: item.contentHash,
    likes: post.engagement?.likes ?? null, replies: post.engagement?.replies ?? null, reposts: post.engagement?.reposts ?? null,
    rating: post.engagement?.rating ?? null,
  };
  const key = keyOf(post.source, post.externalId);
  let old = existing.get(key);
  if (!old) {
    const original = item.dedupe
      ? await queryOne<{ id: number }>(client, `SELECT id FROM mentions WHERE content_hash = $1 AND duplicate_of IS NULL AND deleted_at IS NULL
          ORDER BY created_at, id LIMIT 1`, [item.contentHash], 'koubei_find_original')
      : undefined;
    const inserted = await queryOne<{ id: number }>(client, `
      INSERT INTO mentions (source_id, external_id, url, author_id, title, text, lang, created_at, collected_at,
        content_hash, duplicate_of, likes, replies, reposts, rating, tokens)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (source_id, external_id) DO NOTHING RETURNING id`,
    [post.source, post.externalId, row.url, authorId, row.title, row.text, row.lang, createdAt, item.collectedAt, row.contentHash,
      original?.id ?? null, row.likes, row.replies, row.reposts, row.rating, item.searchTokens.join(' ')], 'koubei_insert_mention');
    if (inserted) {
      await writeDerived(client, inserted.id, item);
      delta.apply(await loadContribution(client, inserted.id), 1);
      existing.set(key, { id: inserted.id, source_id: post.source, external_id: post.externalId, content_hash: row.contentHash,
        likes: row.likes, replies: row.replies, reposts: row.reposts, rating: row.rating });
      result.inserted += 1;
      if (original) result.duplicates += 1;
      return;
    }
    // Another worker committed the same post after our up-front lock: lock it now and update it.
    old = (await lockExisting(client, [item])).get(key)!;
  }
  if (isUnchanged(old, row)) {
    result.unchanged += 1;
    return;
  }
  delta.apply(await loadContribution(client, old.id), -1);
  const textChanged = old.content_hash !== row.contentHash;
  await client.query(`
    UPDATE mentions SET url = $2, author_id = $3, title = $4, text = $5, lang = $6, content_hash = $7, likes = $8, replies = $9,
      reposts = $10, rating = $11, tokens = CASE WHEN $12 THEN $13 ELSE tokens END WHERE id = $1`,
  [old.id, row.url, authorId, row.title, row.text, row.lang, row.contentHash, row.likes, row.replies, row.reposts, row.rating,
    textChanged, item.searchTokens.join(' ')]);
  if (textChanged) await writeDerived(client, old.id, item);
  delta.apply(await loadContribution(client, old.id), 1);
  existing.set(key, { ...old, content_hash: row.contentHash, likes: row.likes, replies: row.replies, reposts: row.reposts, rating: row.rating });
  result.updated += 1;
}

/** Analysis, brand links, terms and aspects of a mention, replaced as a whole. */
async function writeDerived(client: pg.PoolClient, id: number, item: MentionInput): Promise<void> {
  const { analysis } = item;
  await client.query(`
    INSERT INTO analyses (mention_id, sentiment, score, confidence, explanation, emotion, emotion_confidence, keywords, themes, aspects, analysed_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (mention_id) DO UPDATE SET sentiment = excluded.sentiment, score = excluded.score, confidence = excluded.confidence,
      explanation = excluded.explanation, emotion = excluded.emotion, emotion_confidence = excluded.emotion_confidence,
      keywords = excluded.keywords, themes = excluded.themes, aspects = excluded.aspects, analysed_at = excluded.analysed_at`,
  [id, analysis.sentiment.label, analysis.sentiment.score, analysis.sentiment.confidence, JSON.stringify(analysis.sentiment.explanation),
    analysis.emotion.label, analysis.emotion.confidence, JSON.stringify(analysis.keywords), JSON.stringify(analysis.themes),
    JSON.stringify(analysis.aspects), item.collectedAt]);
  // Separate DELETE and INSERT: in one statement (a DELETE in a WITH) both would see the old rows.
  await client.query('DELETE FROM mention_brands WHERE mention_id = $1', [id]);
  await client.query('INSERT INTO mention_brands (mention_id, brand_id) SELECT DISTINCT $1::bigint, b FROM unnest($2::text[]) b',
    [id, item.brandIds]);
  await client.query('DELETE FROM mention_terms WHERE mention_id = $1', [id]);
  await client.query('INSERT INTO mention_terms (mention_id, term) SELECT DISTINCT $1::bigint, t FROM unnest($2::text[]) t',
    [id, [...analysis.themes, ...analysis.keywords]]);
  await replaceAspectRowsPg(client, id, analysis.aspects);
}

function isUnchanged(existing: ExistingRow, row: { contentHash: string; likes: number | null; replies: number | null; reposts: number | null; rating: number | null }): boolean {
  return existing.content_hash === row.contentHash && existing.likes === row.likes && existing.replies === row.replies &&
    existing.reposts === row.reposts && existing.rating === row.rating;
}
