import { expect, it } from 'vitest';
import type { AspectCount, MentionInput, TermCount } from '../../src/store/types.js';
import { describeStores, makeInput, makePost } from '../helpers/store.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 18);
const TERMS = ['battery', 'delivery', 'taste', 'slow'];

/** 300 mentions at random hours over six days, with random terms, aspects and brands. */
function seed(): MentionInput[] {
  let s = 11;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: 300 }, (_, i) => {
    const createdAt = START + Math.floor(random() * 144 * HOUR) + Math.floor(random() * HOUR);
    const input = makeInput(
      makePost({ externalId: `p${i}`, text: `post ${i}`, createdAt: new Date(createdAt).toISOString() }),
      (['pos', 'neu', 'neg'] as const)[Math.floor(random() * 3)],
      random() < 0.6 ? ['freshbee'] : [],
    );
    input.analysis.keywords = TERMS.filter(() => random() < 0.4);
    input.analysis.themes = input.analysis.keywords;
    input.analysis.aspects = ['price', 'service'].filter(() => random() < 0.5).map((aspect) => ({ aspect, term: aspect, label: random() < 0.5 ? 'pos' : 'neg', score: random() < 0.5 ? 0.5 : -0.25 }));
    return input;
  });
}

const inPeriod = (i: MentionInput, from: number, to: number, brandId?: string): boolean => {
  const t = Date.parse(i.post.createdAt);
  return t >= from && t < to && (!brandId || i.brandIds.includes(brandId));
};

/** Term counts recomputed from the inputs, ordered like the store (mentions desc, then term). */
function expectedTerms(inputs: MentionInput[], from: number, to: number, brandId?: string): { total: number; terms: TermCount[] } {
  const kept = inputs.filter((i) => inPeriod(i, from, to, brandId));
  const terms = TERMS.map((term) => {
    const withTerm = kept.filter((i) => i.analysis.keywords.includes(term));
    const count = (label: string) => withTerm.filter((i) => i.analysis.sentiment.label === label).length;
    return { term, mentions: withTerm.length, pos: count('pos'), neu: count('neu'), neg: count('neg') };
  });
  terms.sort((a, b) => b.mentions - a.mentions || a.term.localeCompare(b.term));
  return { total: kept.length, terms: terms.filter((t) => t.mentions > 0) };
}

function expectedAspects(inputs: MentionInput[], from: number, to: number, brandId?: string): Omit<AspectCount, 'bucket'>[] {
  const opinions = inputs.filter((i) => inPeriod(i, from, to, brandId)).flatMap((i) => i.analysis.aspects);
  return ['price', 'service'].map((aspect) => {
    const of = opinions.filter((o) => o.aspect === aspect);
    const count = (label: string) => of.filter((o) => o.label === label).length;
    const meanScore = of.reduce((sum, o) => sum + o.score, 0) / of.length;
    return { aspect, mentions: of.length, pos: count('pos'), neu: count('neu'), neg: count('neg'), meanScore };
  });
}

describeStores('term and aspect counts over long periods', (open) => {
  it('count exactly the period asked for, not whole UTC days around it', async () => {
    const { store } = await open();
    const inputs = seed();
    await store.saveMentions(inputs);
    const periods = [
      [START + 18 * HOUR + 1_234, START + 78 * HOUR + 99],
      [START + 30 * HOUR, START + 120 * HOUR],
      [START + 24 * HOUR, START + 72 * HOUR],
      [START + 5 * HOUR, START + 53 * HOUR + 30 * 60_000],
    ];
    for (const [from, to] of periods) {
      for (const brandId of [undefined, 'freshbee']) {
        expect(await store.termCounts({ from, to, brandId, limit: 10 })).toEqual(expectedTerms(inputs, from, to, brandId));
        const totals = await store.aspectCounts({ from, to, brandId });
        const expected = expectedAspects(inputs, from, to, brandId);
        expect(totals.map(({ meanScore, ...rest }) => ({ ...rest, meanScore: Number(meanScore.toFixed(9)) }))).toEqual(
          expected.map((e) => ({ ...e, bucket: null, meanScore: Number(e.meanScore.toFixed(9)) })),
        );
        const daily = await store.aspectCounts({ from, to, brandId, interval: 'day' });
        for (const { aspect, mentions } of expected) {
          expect(daily.filter((d) => d.aspect === aspect).reduce((sum, d) => sum + d.mentions, 0)).toBe(mentions);
        }
      }
    }
  });

  it('leave out deleted mentions in the partial end days', async () => {
    const { store } = await open();
    const inputs = seed();
    await store.saveMentions(inputs);
    const from = START + 18 * HOUR;
    const to = START + 90 * HOUR;
    const edge = inputs.find((i) => inPeriod(i, from, START + 24 * HOUR) && i.analysis.keywords.length > 0)!;
    await store.markDeleted('test', [edge.post.externalId], Date.now());
    const rest = inputs.filter((i) => i !== edge);
    expect(await store.termCounts({ from, to, limit: 10 })).toEqual(expectedTerms(rest, from, to));
  });
});
