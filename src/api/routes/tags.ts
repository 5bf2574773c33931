import { Hono } from 'hono';
import { z } from 'zod';
import { loadTaxonomy } from '../../resources/taxonomy.js';
import type { ExportRow, ProfileRepository } from '../../store/profile-types.js';
import type { ApiDeps } from '../deps.js';
import { parseInput } from '../validate.js';

export const ChangesQuery = z.object({
  cursor: z.string().regex(/^\d*$/, 'expected a value returned as nextCursor').optional().meta({ description: 'nextCursor from the previous call; omit to start from the beginning' }),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const ExportQuery = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

const CSV_COLUMNS = ['profile_id', 'authors', 'tag', 'brand', 'confidence', 'first_seen', 'last_seen', 'updated_at'] as const;
const iso = (ms: number) => new Date(ms).toISOString();

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportLine(row: ExportRow, format: 'jsonl' | 'csv'): string {
  const record = { profileId: row.profileId, authors: row.authors ? row.authors.split('|') : [], tag: row.tag, brand: row.brandId || null, confidence: row.confidence, firstSeen: iso(row.firstSeen), lastSeen: iso(row.lastSeen), updatedAt: iso(row.updatedAt) };
  if (format === 'jsonl') return JSON.stringify(record);
  return [row.profileId, row.authors ?? '', row.tag, row.brandId, row.confidence, record.firstSeen, record.lastSeen, record.updatedAt].map(csvCell).join(',');
}

/** Every stored tag, read in keyset pages so memory stays flat per page. */
async function* allTags(store: Pick<ProfileRepository, 'exportTags'>): AsyncGenerator<ExportRow> {
  let after: ExportRow | null = null;
  for (;;) {
    const rows: ExportRow[] = await store.exportTags(after, 1000);
    yield* rows;
    if (rows.length < 1000) return;
    after = rows[rows.length - 1];
  }
}

/**
 * `/api/tags`: the taxonomy, the change feed and a full export. The feed pages by a monotonic
 * sequence number: `nextCursor` is the last seq returned (or the cursor given, when nothing is new),
 * so a client that stores it never misses or repeats a change.
 */
export function tagsRoutes(deps: ApiDeps): Hono {
  return new Hono()
    .get('/', (c) => {
      const taxonomy = loadTaxonomy();
      return c.json({ version: taxonomy.version, items: [...taxonomy.tags].map(([id, t]) => ({ id, ...t })) });
    })
    .get('/changes', async (c) => {
      const query = parseInput(ChangesQuery, c.req.query(), 'query');
      const after = Number(query.cursor || 0);
      const rows = await deps.store.profiles.changes(after, query.limit + 1);
      const items = rows.slice(0, query.limit).map((r) => ({ ...r, brand: r.brandId || null, at: iso(r.at) }));
      const last = items[items.length - 1];
      return c.json({ items, nextCursor: String(last ? last.seq : after), hasMore: rows.length > query.limit });
    })
    .get('/export', async (c) => {
      const { format } = parseInput(ExportQuery, c.req.query(), 'query');
      const lines: string[] = format === 'csv' ? [CSV_COLUMNS.join(',')] : [];
      for await (const row of allTags(deps.store.profiles)) lines.push(exportLine(row, format));
      const body = lines.length ? `${lines.join('\n')}\n` : '';
      c.header('Content-Disposition', `attachment; filename="koubei-tags.${format}"`);
      return c.body(body, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' });
    });
}
