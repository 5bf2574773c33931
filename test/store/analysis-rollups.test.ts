import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { RECOUNT_ASPECTS_SQL, RECOUNT_TERMS_SQL } from '../../src/store/sqlite/analysis-rollups.js';
import { brandRecords, makeInput, makePost } from '../helpers/store.js';

const TERMS = ['battery', 'delivery', 'taste', 'slow', '客服'];

describe('term and aspect rollups (SQLite)', () => {
  it('stay equal to a recount after inserts, text changes, deletes and brand removal', async () => {
    const db = openDb(':memory:');
    const store = createSqliteStore(db);
    await store.upsertBrands(brandRecords('freshbee', 'stellar'));
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let step = 0; step < 400; step++) {
      const externalId = `p${Math.floor(random() * 50)}`;
      if (random() < 0.15) {
        await store.markDeleted('test', [externalId], Date.now());
        continue;
      }
      const input = makeInput(
        makePost({ externalId, text: `text ${Math.floor(random() * 4)} for ${externalId}`, createdAt: new Date(Date.UTC(2026, 10, 20) + Math.floor(random() * 96) * 3_600_000).toISOString() }),
        (['pos', 'neu', 'neg'] as const)[Math.floor(random() * 3)],
        random() < 0.5 ? ['freshbee'] : ['freshbee', 'stellar'],
      );
      input.analysis.keywords = TERMS.filter(() => random() < 0.4);
      input.analysis.themes = input.analysis.keywords;
      input.analysis.aspects = ['price', 'delivery'].filter(() => random() < 0.5).map((aspect) => ({ aspect, term: aspect, label: random() < 0.5 ? 'pos' : 'neg', score: 0.5 }));
      await store.saveMentions([input]);
    }
    await store.deleteBrand('stellar');
    const sorted = (sql: string) => db.prepare(`SELECT * FROM (${sql}) ORDER BY 1, 2, 3`).raw().all();
    const incremental = sorted('SELECT * FROM term_rollups');
    expect(incremental.length).toBeGreaterThan(20);
    expect(incremental).toEqual(sorted(RECOUNT_TERMS_SQL));
    const aspects = sorted('SELECT * FROM aspect_rollups');
    expect(aspects.length).toBeGreaterThan(10);
    expect(aspects).toEqual(sorted(RECOUNT_ASPECTS_SQL));
  });

  it('serve term counts over long periods from whole UTC days', async () => {
    const store = createSqliteStore(openDb(':memory:'));
    await store.upsertBrands(brandRecords('freshbee'));
    const inputs = [0, 1, 2, 3].map((day) => {
      const input = makeInput(makePost({ externalId: `d${day}`, text: `day ${day} post`, createdAt: new Date(Date.UTC(2026, 10, 20 + day, 12)).toISOString() }), 'neg', ['freshbee']);
      input.analysis.keywords = ['recall'];
      input.analysis.themes = ['recall'];
      return input;
    });
    await store.saveMentions(inputs);
    const counts = await store.termCounts({ brandId: 'freshbee', from: Date.UTC(2026, 10, 20, 18), to: Date.UTC(2026, 10, 23, 6), limit: 5 });
    expect(counts).toEqual({ total: 4, terms: [{ term: 'recall', mentions: 4, pos: 0, neu: 0, neg: 4 }] });
    const short = await store.termCounts({ brandId: 'freshbee', from: Date.UTC(2026, 10, 21, 0), to: Date.UTC(2026, 10, 22, 0), limit: 5 });
    expect(short.terms[0].mentions).toBe(1);
  });
});
