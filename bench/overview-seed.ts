/**
 * The data of `npm run bench:overview`: `count` synthetic mentions over the 90 days before `end`, by
 * 200,000 authors, for 10 brands (Zipf-like: brand0 the biggest, ~28 %), 60 % zh, three keywords and
 * one aspect opinion each, written straight into a SQLite store. The PostgreSQL run copies this same
 * file (bench/overview-pg.ts), so both backends are timed on identical rows.
 */
import { openDb } from '../src/store/db.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';

export const DAYS = 90;
export const BRANDS = Array.from({ length: 10 }, (_, i) => `brand${i}`);
const WORDS = ['delivery', 'price', 'taste', 'refund', 'battery', 'screen', '外卖', '价格', '好吃', '客服', '物流', '电池', 'camera', 'service', 'late', 'cold'];
const ASPECTS = ['delivery', 'price', 'taste', 'battery', 'service'];
const LABELS = ['pos', 'neu', 'neg'] as const;
const AUTHORS = 200_000;
const BATCH = 50_000;

/**
 * Search tokens of a seeded mention, read back from its text (`<brand> <3 words> post <id>`): what the
 * seeder indexes in SQLite's FTS5, and what the PostgreSQL copy stores in `mentions.tokens`.
 */
export const seededTokens = ({ text }: { text: string }): string[] => text.split(' ').slice(0, -1);

/**
 * Seeds `count` mentions into a new SQLite file at `dbPath` (deterministic for a given `end`).
 * Straight SQL into the tables saveMentions fills (as bench/store.ts does): saveMentions manages
 * ~15k rows/s here, too slow for a million. Rollups are then rebuilt by the store itself.
 */
export async function seedSqlite(dbPath: string, count: number, end: number): Promise<void> {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const db = openDb(dbPath);
  const store = createSqliteStore(db);
  await store.upsertBrands(BRANDS.map((id, i) => ({ id, name: id, aliases: [], competitors: BRANDS.filter((_, j) => j !== i).slice(0, 3) })));
  const insert = {
    author: db.prepare("INSERT INTO authors (id, platform, platform_id, first_seen, last_seen) VALUES (?, 'perf', ?, 0, 0)"),
    mention: db.prepare(`INSERT INTO mentions (id, source_id, external_id, author_id, text, lang, created_at, collected_at, content_hash, likes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`),
    analysis: db.prepare(`INSERT INTO analyses (mention_id, sentiment, score, confidence, explanation, emotion, emotion_confidence, keywords, themes, aspects, analysed_at)
      VALUES (?, ?, ?, 0.8, '{"terms":[]}', 'neutral', 0, ?, ?, '[]', 0)`),
    brand: db.prepare('INSERT INTO mention_brands (mention_id, brand_id) VALUES (?, ?)'),
    term: db.prepare('INSERT OR IGNORE INTO mention_terms (mention_id, term) VALUES (?, ?)'),
    aspect: db.prepare('INSERT INTO mention_aspects (mention_id, aspect, label, score) VALUES (?, ?, ?, ?)'),
    search: db.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)'),
  };
  db.transaction(() => {
    for (let id = 1; id <= AUTHORS; id++) insert.author.run(id, `u${id}`);
  })();
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
      const brand = BRANDS[Math.min(BRANDS.length - 1, Math.floor(-Math.log(random()) * 3))];
      const label = pick(LABELS);
      const score = label === 'pos' ? 0.6 : label === 'neg' ? -0.6 : 0;
      const created = end - Math.floor(random() * DAYS * 86_400_000);
      const text = `${brand} ${words.join(' ')} post ${id}`;
      insert.mention.run(id, 'perf', `p${id}`, 1 + (id % AUTHORS), text, random() < 0.6 ? 'zh' : 'en', created, created, `h${id}`);
      insert.analysis.run(id, label, score, JSON.stringify(words), JSON.stringify(words));
      insert.brand.run(id, brand);
      for (const word of words) insert.term.run(id, word);
      insert.aspect.run(id, pick(ASPECTS), label, score);
      insert.search.run(id, seededTokens({ text }).join(' '));
    }
  });
  for (let i = 1; i <= count; i += BATCH) {
    batch(i, Math.min(count + 1, i + BATCH));
    process.stderr.write(`\rseeded ${Math.min(count, i + BATCH - 1).toLocaleString('en')}/${count.toLocaleString('en')}`);
  }
  process.stderr.write('\n');
  await store.rebuildRollups();
  await store.close();
}
