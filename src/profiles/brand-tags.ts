import { decayWeight } from './decay.js';
import { toTag } from './interest-tags.js';
import type { PreparedMention } from './prepare.js';
import { brandRole, viewFor } from './brand-roles.js';
import type { ComputedTag } from './types.js';

export interface BrandTagOptions {
  now: number;
  halfLifeDays: number;
  /** Brand id → competitor brand ids (from the brand config). */
  competitors: ReadonlyMap<string, readonly string[]>;
  /** Brand id → names and aliases, to tell the brand switched to from the one left. */
  aliases: ReadonlyMap<string, readonly string[]>;
}

type Hit = { mention: PreparedMention; cue: string; p: number };
const SIGN = { pos: 1, neu: 0, neg: -1 } as const;
// Net sentiment exactly at ±0.5 (three positive and three neutral posts) must land on the same side every time.
const NET_EPSILON = 1e-9;

/**
 * Tags about the author's relationship to each brand they mention: promoter / detractor from the
 * decayed sentiment history, loyal, churn risk and competitor user; plus complaint-prone about the
 * person. Sensitive mentions are skipped.
 */
export function brandTags(all: readonly PreparedMention[], options: BrandTagOptions): ComputedTag[] {
  const mentions = all.filter((m) => !m.sensitive);
  const weight = (m: PreparedMention) => decayWeight(options.now - m.createdAt, options.halfLifeDays);
  const brands = [...new Set(mentions.flatMap((m) => m.brands))].sort();
  const tags: ComputedTag[] = [];
  const push = (tag: string, brandId: string, hits: Hit[]) => hits.length && tags.push(toTag(tag, brandId, strongestPerPost(hits)));
  for (const brand of brands) {
    const about = mentions.filter((m) => m.brands.includes(brand)).map((m) => viewFor(m, brand, options.aliases));
    const history = sentimentHistory(about, netSentiment(about, options.halfLifeDays), weight);
    push('promoter', brand, history.promoter);
    push('detractor', brand, history.detractor);
    push('loyal', brand, loyalHits(about, weight));
    const seen = mentions.map((m) => (m.brands.includes(brand) ? viewFor(m, brand, options.aliases) : m));
    push('churn_risk', brand, churnHits(brand, seen, options.competitors.get(brand) ?? [], weight));
  }
  for (const [brand, rivals] of options.competitors) {
    const seen = sinceLeaving(brand, rivals, mentions, options.aliases).map((m) => viewFor(m, brand, options.aliases));
    push('competitor_user', brand, competitorHits(brand, rivals, seen, weight));
  }
  push('complaint_prone', '', complaintHits(mentions, weight));
  return tags;
}

/** Each post counts once in a tag's noisy-OR and evidence, with its strongest cue (the first of equals). */
function strongestPerPost(hits: Hit[]): Hit[] {
  const best = new Map<number, Hit>();
  for (const h of hits) if ((best.get(h.mention.id)?.p ?? -1) < h.p) best.set(h.mention.id, h);
  return hits.filter((h) => best.get(h.mention.id) === h);
}

/**
 * Net sentiment in [-1, 1], each mention weighted by its decay relative to the newest one. The ratio
 * of two decay weights does not depend on when the rebuild runs, so neither does net: weighting from
 * `now` gave the same posts a net of 0.5 ± 1 ulp depending on the minute, and promoter flipped.
 */
function netSentiment(about: PreparedMention[], halfLifeDays: number): number {
  const newest = Math.max(...about.map((m) => m.createdAt));
  const weights = about.map((m) => decayWeight(newest - m.createdAt, halfLifeDays));
  const total = weights.reduce((s, w) => s + w, 0);
  return total ? about.reduce((s, m, i) => s + weights[i] * SIGN[m.sentiment], 0) / total : 0;
}

/** Promoter: ≥2 positive mentions and a decayed net sentiment ≥ 0.5; detractor mirrors it (a complaint or exit cue counts as a second negative). */
function sentimentHistory(about: PreparedMention[], net: number, weight: (m: PreparedMention) => number): { promoter: Hit[]; detractor: Hit[] } {
  const pos = about.filter((m) => m.sentiment === 'pos');
  const neg = about.filter((m) => m.sentiment === 'neg');
  const last = about[about.length - 1];
  const hits = (list: PreparedMention[], label: string) => list.map((m) => ({ mention: m, cue: `${label}(net ${net.toFixed(2)})`, p: 0.5 * weight(m) * Math.abs(net) }));
  const backed = neg.some((m) => m.cues.complaint || m.cues.exit);
  // One negative mention backed by a complaint or exit cue weighs as much as two plain ones.
  const single = (m: PreparedMention) => [{ mention: m, cue: (m.cues.complaint ?? m.cues.exit)!, p: 0.75 * weight(m) * Math.abs(net) }];
  return {
    promoter: pos.length >= 2 && net >= 0.5 - NET_EPSILON && last?.sentiment !== 'neg' ? hits(pos, 'positive-history') : [],
    detractor: net > -0.5 + NET_EPSILON ? [] : neg.length >= 2 ? hits(neg, 'negative-history') : neg.length === 1 && backed ? single(neg[0]) : [],
  };
}

/** Loyal: a loyalty cue ("third year", "回购") in a non-negative mention, or ≥3 non-negative mentions on ≥2 days. */
function loyalHits(about: PreparedMention[], weight: (m: PreparedMention) => number): Hit[] {
  if (about.some((m) => m.cues.exit)) return [];
  const cued = about.filter((m) => m.cues.loyal && m.sentiment !== 'neg').map((m) => ({ mention: m, cue: m.cues.loyal!, p: 0.7 * weight(m) }));
  if (cued.length) return cued;
  const fine = about.filter((m) => m.sentiment !== 'neg');
  const days = new Set(fine.map((m) => Math.floor(m.createdAt / 86_400_000)));
  const lastNeg = about[about.length - 1]?.sentiment === 'neg';
  return fine.length >= 3 && days.size >= 2 && !lastNeg ? fine.map((m) => ({ mention: m, cue: 'repeat-mentions', p: 0.3 * weight(m) })) : [];
}

/**
 * Churn risk: exit or risk cues about the brand, a turn from positive to two negatives in a row, or
 * praise of a competitor after talking about the brand. Signals before the latest clean positive
 * mention of the brand are ignored: the author came back.
 */
function churnHits(brand: string, mentions: PreparedMention[], rivals: readonly string[], weight: (m: PreparedMention) => number): Hit[] {
  const about = mentions.filter((m) => m.brands.includes(brand));
  if (!about.length) return [];
  const clean = about.filter((m) => m.sentiment === 'pos' && !m.cues.exit && !m.cues.risk).pop();
  const after = (m: PreparedMention) => !clean || m.createdAt > clean.createdAt;
  const hits: Hit[] = [];
  for (const m of about.filter(after)) {
    if (m.cues.exit && m.sentiment !== 'pos') hits.push({ mention: m, cue: m.cues.exit, p: 0.8 * weight(m) });
    else if (m.cues.risk) hits.push({ mention: m, cue: m.cues.risk, p: 0.6 * weight(m) });
  }
  const lastTwo = about.slice(-2);
  if (lastTwo.length === 2 && lastTwo.every((m) => m.sentiment === 'neg') && about.slice(0, -2).some((m) => m.sentiment === 'pos')) {
    hits.push({ mention: lastTwo[1], cue: 'negative-trend', p: 0.6 * weight(lastTwo[1]) });
  }
  const firstAbout = about[0].createdAt;
  for (const m of mentions) {
    const praisesRival = m.sentiment === 'pos' && m.createdAt > firstAbout && after(m) && m.brands.some((b) => rivals.includes(b));
    if (praisesRival && !m.brands.includes(brand)) hits.push({ mention: m, cue: 'competitor-praise', p: 0.35 * weight(m) });
  }
  return hits.sort((a, b) => a.mention.createdAt - b.mention.createdAt);
}

/**
 * Mentions of rivals the author has not left since: a later exit from a rival, or a switch to `brand`,
 * ends what they said about it before ("FreshBee was my go-to" then "switched to SwiftEats").
 */
function sinceLeaving(brand: string, rivals: readonly string[], mentions: PreparedMention[], aliases: BrandTagOptions['aliases']): PreparedMention[] {
  const left = new Map(rivals.map((r) => [r, mentions.findLastIndex((m) => leaves(m, r, brand, aliases))]));
  return mentions.filter((m, i) => rivals.some((r) => m.brands.includes(r) && i > left.get(r)!));
}

/** Whether `m` ends the author's use of `rival`: they switched to `brand`, or left the rival (an exit cue the lifecycle reads as lost). */
function leaves(m: PreparedMention, rival: string, brand: string, aliases: BrandTagOptions['aliases']): boolean {
  if (brandRole(m, brand, aliases) === 'target') return true;
  // "Switched to SwiftEats" on a happy post about the brand alone, as competitorHits reads it for a rival.
  if (!m.brands.includes(rival)) return m.brands.length === 1 && m.brands[0] === brand && m.sentiment === 'pos' && m.cues.exit !== undefined;
  // With both named, an exit cue may be about either; only the switch word says who was left.
  if (m.brands.includes(brand)) return brandRole(m, rival, aliases) === 'left';
  const view = viewFor(m, rival, aliases);
  return view.cues.exit !== undefined && view.sentiment !== 'pos';
}

/** Competitor user: uses a rival (two positive mentions, or a usage cue), or says they switched to it. */
function competitorHits(brand: string, rivals: readonly string[], mentions: PreparedMention[], weight: (m: PreparedMention) => number): Hit[] {
  const ofRival = mentions.filter((m) => m.brands.some((b) => rivals.includes(b)));
  const switched = ofRival.filter((m) => m.brands.includes(brand) && m.cues.exit).map((m) => ({ mention: m, cue: m.cues.exit!, p: 0.7 * weight(m) }));
  const solo = ofRival.filter((m) => !m.brands.includes(brand) && m.sentiment !== 'neg');
  // "Switched to SwiftEats" on a happy post about the rival alone is usage talk too.
  const usage = (m: PreparedMention) => m.cues.loyal ?? m.cues.new ?? (m.sentiment === 'pos' ? m.cues.exit : undefined);
  const cued = solo.filter((m) => usage(m)).map((m) => ({ mention: m, cue: usage(m)!, p: 0.6 * weight(m) }));
  const positive = solo.filter((m) => m.sentiment === 'pos');
  const repeat = positive.length >= 2 ? positive.map((m) => ({ mention: m, cue: 'uses-competitor', p: 0.4 * weight(m) })) : [];
  return [...switched, ...cued, ...repeat].sort((a, b) => a.mention.createdAt - b.mention.createdAt);
}

/** Complaint-prone: complaint cues in ≥2 negative mentions, or ≥3 negatives making up ≥60% of what they post. */
function complaintHits(mentions: PreparedMention[], weight: (m: PreparedMention) => number): Hit[] {
  const negative = mentions.filter((m) => m.sentiment === 'neg');
  const cued = negative.filter((m) => m.cues.complaint);
  if (cued.length >= 2) return cued.map((m) => ({ mention: m, cue: m.cues.complaint!, p: 0.5 * weight(m) }));
  if (negative.length >= 3 && negative.length / mentions.length >= 0.6) return negative.map((m) => ({ mention: m, cue: 'mostly-negative', p: 0.3 * weight(m) }));
  return [];
}
