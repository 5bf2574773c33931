import { describe, expect, it } from 'vitest';
import { applyAlertState, type AlertState } from '../../src/analytics/alerts/alert-state.js';
import { compileCrisisLexicon, detectCrisisTerms, matchCrisisTerms } from '../../src/analytics/alerts/crisis-terms.js';
import { evaluateBrand } from '../../src/analytics/alerts/evaluate.js';
import { DEFAULT_ALERT_RULES, DEFAULT_THRESHOLDS, resolveRules, type AlertRule } from '../../src/analytics/alerts/rules.js';
import { detectVolumeSpike } from '../../src/analytics/alerts/volume-spike.js';
import { detectInfluentialNegative } from '../../src/analytics/alerts/influential.js';
import { detectSentimentDrop } from '../../src/analytics/alerts/sentiment-drop.js';
import { detectEmergingThemes } from '../../src/analytics/alerts/emerging-theme.js';
import type { AlertMention, Signal } from '../../src/analytics/alerts/types.js';
import { burst, CYCLE, dailyCycle, DAY, HOUR, snapshotAt, T0, type SynthPost } from './synthetic.js';

const LEXICON = compileCrisisLexicon({ zh: ['食物中毒', '投诉', '315', '12315'], en: ['food poisoning', 'recall', 'lawsuit'] });
const RULES = resolveRules(DEFAULT_ALERT_RULES, 'acme');

/** Evaluates every 15 minutes from `from` to `to`, carrying alert state like the job does. */
function run(posts: SynthPost[], from: number, to: number, rules = RULES): { at: number; fired: Signal[] }[] {
  const states = new Map<string, AlertState>();
  const evaluated = rules.map((r) => ({ key: `acme:${r.type}`, brandId: 'acme', type: r.type, cooldownMinutes: r.cooldownMinutes, resolveAfterMinutes: 60 }));
  const out: { at: number; fired: Signal[] }[] = [];
  for (let now = from; now <= to; now += 15 * 60_000) {
    const signals = evaluateBrand(snapshotAt(posts, now), rules, LEXICON);
    const decision = applyAlertState({ signals, evaluated, states, now });
    for (const state of decision.states) states.set(state.key, state);
    if (decision.fired.length) out.push({ at: now, fired: decision.fired });
  }
  return out;
}

describe('volume spike', () => {
  it('stays silent over two days of an ordinary daily cycle (lunch and dinner peaks included)', () => {
    const posts = dailyCycle(9);
    expect(run(posts, T0 + 7 * DAY, T0 + 9 * DAY)).toEqual([]);
  });

  it('fires exactly one alert for a real burst and resolves after it', () => {
    const burstAt = T0 + 8 * DAY + 15 * HOUR; // mid-afternoon, a normally quiet-ish hour
    const posts = [...dailyCycle(9), ...burst(burstAt, 40)];
    const alerts = run(posts, T0 + 7 * DAY, T0 + 9 * DAY);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].at).toBeGreaterThan(burstAt);
    expect(alerts[0].at).toBeLessThanOrEqual(burstAt + HOUR);
    const types = alerts[0].fired.map((s) => s.type);
    expect(types).toContain('volume_spike');
    expect(types).toContain('negative_spike');
    const spike = alerts[0].fired.find((s) => s.type === 'volume_spike')!;
    expect(spike.stats.zSeasonal).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.zScore);
    expect(spike.stats.zTrailing).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.zScore);
  });

  it('needs both baselines to agree: a lunch-sized hour at night is not enough when yesterday had the same', () => {
    const posts = dailyCycle(9);
    const now = T0 + 8 * DAY + 13 * HOUR;
    const result = detectVolumeSpike(snapshotAt(posts, now).series, 'volume', DEFAULT_THRESHOLDS);
    expect(result.observed).toBeGreaterThanOrEqual(CYCLE[12] - 1);
    expect(result.fired).toBe(false);
  });

  it('does not fire below the minimum volume, however quiet the brand usually is', () => {
    const sparse: SynthPost[] = Array.from({ length: 8 * 4 }, (_, i) => ({ at: T0 + i * 6 * HOUR, sentiment: 'pos', text: 'ok', themes: ['x'], followers: 1 }));
    const posts = [...sparse, ...burst(T0 + 8 * DAY + 10 * HOUR, 6)];
    const result = detectVolumeSpike(snapshotAt(posts, T0 + 8 * DAY + 11 * HOUR).series, 'volume', DEFAULT_THRESHOLDS);
    expect(result.zTrailing).toBeGreaterThan(DEFAULT_THRESHOLDS.zScore);
    expect(result.fired).toBe(false);
  });

  it('uses the trailing baseline alone on a fresh install with no previous days', () => {
    const posts = [...dailyCycle(1), ...burst(T0 + 23 * HOUR, 30)];
    const result = detectVolumeSpike(snapshotAt(posts, T0 + DAY).series, 'volume', DEFAULT_THRESHOLDS);
    expect(result.seasonal).toBeNull();
    expect(result.fired).toBe(true);
  });
});

describe('cooldown and de-duplication', () => {
  const signal: Signal = { type: 'volume_spike', key: 'acme:volume_spike', severity: 'warning', metric: 'volume', observed: 40, baseline: 3, stats: {}, terms: [], mentionIds: [] };
  const evaluated = [{ key: signal.key, brandId: 'acme', type: signal.type, cooldownMinutes: 120, resolveAfterMinutes: 30 }];
  const step = (states: Map<string, AlertState>, signals: Signal[], now: number) => {
    const d = applyAlertState({ signals, evaluated, states, now });
    d.states.forEach((s) => states.set(s.key, s));
    return d.fired.length;
  };

  it('does not re-alert an ongoing incident, re-fires a resolved one only after the cooldown', () => {
    const states = new Map<string, AlertState>();
    const at = (minutes: number) => T0 + minutes * 60_000;
    expect(step(states, [signal], at(0))).toBe(1);
    expect(step(states, [signal], at(15))).toBe(0); // ongoing
    expect(step(states, [], at(30))).toBe(0); // a dip shorter than resolveAfter: still the same incident
    expect(states.get(signal.key)?.active).toBe(true);
    expect(step(states, [], at(45))).toBe(0); // unseen for 30 min: resolved
    expect(states.get(signal.key)?.active).toBe(false);
    expect(step(states, [signal], at(60))).toBe(0); // back within the cooldown: suppressed, now active
    expect(step(states, [signal], at(180))).toBe(0); // still that incident, though the cooldown is over
    expect(step(states, [], at(215))).toBe(0); // resolved
    expect(step(states, [signal], at(220))).toBe(1); // a new incident after the cooldown
  });

  it('sends one message per severity level of a brand incident: lesser new signals are absorbed', () => {
    const make = (type: Signal['type'], severity: Signal['severity']): Signal => ({ ...signal, type, key: `acme:${type}`, severity });
    const rules = (['crisis_terms', 'volume_spike', 'emerging_theme'] as const).map((type) => ({
      key: `acme:${type}`, brandId: 'acme', type, cooldownMinutes: 120, resolveAfterMinutes: 30,
    }));
    const states = new Map<string, AlertState>();
    const run = (signals: Signal[], now: number) => {
      const d = applyAlertState({ signals, evaluated: rules, states, now });
      d.states.forEach((s) => states.set(s.key, s));
      return d.fired.map((s) => s.type);
    };
    const crisis = make('crisis_terms', 'warning');
    expect(run([crisis], T0)).toEqual(['crisis_terms']);
    expect(run([crisis, make('volume_spike', 'critical')], T0 + 15 * 60_000)).toEqual(['volume_spike']); // escalation
    expect(run([crisis, make('volume_spike', 'critical'), make('emerging_theme', 'info')], T0 + 30 * 60_000)).toEqual([]); // absorbed
    expect(run([make('crisis_terms', 'critical'), make('volume_spike', 'critical')], T0 + 45 * 60_000)).toEqual([]); // already critical
  });

  it('does not let a rule that is no longer evaluated hold an incident open', () => {
    const crisis: AlertState = {
      key: 'acme:crisis_terms', brandId: 'acme', type: 'crisis_terms', active: true, severity: 'critical', lastFiredAt: T0, lastSeenAt: T0, resolvedAt: null,
    };
    const states = new Map([[crisis.key, crisis]]);
    // crisis_terms was switched off: only the volume rule is evaluated a day later.
    const d = applyAlertState({ signals: [signal], evaluated, states, now: T0 + DAY });
    expect(d.fired.map((s) => s.type)).toEqual(['volume_spike']);
    expect(d.states.find((s) => s.key === crisis.key)).toMatchObject({ active: false, resolvedAt: T0 + DAY });
  });
});

describe('sentiment drop', () => {
  it('fires when net sentiment falls significantly at normal volume', () => {
    const now = T0 + 8 * DAY + 13 * HOUR;
    const posts = [...dailyCycle(8), ...burst(now - HOUR, 12, { negShare: 1 })];
    const result = detectSentimentDrop(snapshotAt(posts, now).series, DEFAULT_THRESHOLDS);
    expect(result.baselineNet).toBeGreaterThan(0.3);
    expect(result.recentNet).toBeLessThan(-0.5);
    expect(result.fired).toBe(true);
  });

  it('does not fire for an ordinary hour or for a few negative posts', () => {
    const now = T0 + 8 * DAY + 13 * HOUR;
    expect(detectSentimentDrop(snapshotAt(dailyCycle(9), now).series, DEFAULT_THRESHOLDS).fired).toBe(false);
    const night = T0 + 8 * DAY + 4 * HOUR; // 04:00, usually silent
    const few = [...dailyCycle(8), ...burst(night - HOUR, 4, { negShare: 1 })];
    const result = detectSentimentDrop(snapshotAt(few, night).series, DEFAULT_THRESHOLDS);
    expect(result.recentNet).toBe(-1);
    expect(result.fired).toBe(false);
  });
});

describe('crisis terms', () => {
  const mention = (id: number, text: string, sentiment: AlertMention['sentiment'] = 'neg', duplicateOf: number | null = null): AlertMention => ({
    id, text, simplified: text, sentiment, confidence: 0.9, negativeWords: sentiment === 'neg' ? ['差'] : [], duplicateOf, url: null, createdAt: '2026-03-01T00:00:00Z', themes: [], author: null,
  });

  it('matches Chinese substrings, English words and numbers on their own only', () => {
    expect(matchCrisisTerms('吃完拉肚子，怀疑食物中毒，打12315投诉', LEXICON)).toEqual(['食物中毒', '投诉', '12315']);
    expect(matchCrisisTerms('315见吧', LEXICON)).toEqual(['315']);
    expect(matchCrisisTerms('手机才3150元', LEXICON)).toEqual([]);
    expect(matchCrisisTerms('Possible FOOD  POISONING, considering a lawsuit', LEXICON)).toEqual(['food poisoning', 'lawsuit']);
    expect(matchCrisisTerms('I recalled the order number', LEXICON)).toEqual([]);
  });

  it('counts negative, non-repost mentions against the threshold', () => {
    const t = { ...DEFAULT_THRESHOLDS, minCount: 3 };
    const base = [mention(1, '食物中毒了'), mention(2, 'food poisoning again'), mention(3, 'no food poisoning, loved it', 'pos'), mention(4, '转发：食物中毒了', 'neg', 1)];
    expect(detectCrisisTerms(base, LEXICON, t)).toMatchObject({ fired: false, count: 2, mentionIds: [1, 2, 4] });
    const more = [...base, mention(5, '准备起诉，先投诉')];
    expect(detectCrisisTerms(more, LEXICON, t)).toMatchObject({ fired: true, count: 3 });
  });
});

describe('influential negative and emerging theme', () => {
  it('fires on one negative post from a large account, not on a positive one', () => {
    const now = T0 + 8 * DAY + 10 * HOUR;
    const base = dailyCycle(8);
    const positive = [...base, { at: now - 10 * 60_000, sentiment: 'pos' as const, text: 'love it', themes: ['taste'], followers: 900_000 }];
    expect(evaluateBrand(snapshotAt(positive, now), RULES, LEXICON).map((s) => s.type)).not.toContain('influential_negative');
    const negative = [...base, { at: now - 10 * 60_000, sentiment: 'neg' as const, text: 'awful', themes: ['taste'], followers: 900_000 }];
    const signal = evaluateBrand(snapshotAt(negative, now), RULES, LEXICON).find((s) => s.type === 'influential_negative');
    expect(signal).toMatchObject({ observed: 900_000, severity: 'critical' });
  });

  it('does not page on a large account whose post is negative only by learned priors, without negative words', () => {
    const post: AlertMention = {
      id: 1, text: '听说鲜蜂外卖要试点无人机配送？', simplified: '听说鲜蜂外卖要试点无人机配送？', url: null, createdAt: '2026-03-01T00:00:00Z', sentiment: 'neg', confidence: 0.83,
      negativeWords: [], themes: [], author: { handle: 'kol', followers: 326_000 }, duplicateOf: null,
    };
    expect(detectInfluentialNegative([post], DEFAULT_THRESHOLDS).fired).toBe(false);
    expect(detectInfluentialNegative([{ ...post, negativeWords: ['拉肚子'] }], DEFAULT_THRESHOLDS).fired).toBe(true);
  });

  it('reports a theme that grows sharply from nothing, not a common one', () => {
    const now = T0 + 8 * DAY + 16 * HOUR;
    const posts = [...dailyCycle(8), ...burst(now - 40 * 60_000, 6, { negShare: 0.5, themes: ['spoiled', 'delivery'], minutes: 30 })];
    const signal = evaluateBrand(snapshotAt(posts, now), RULES, LEXICON).find((s) => s.type === 'emerging_theme');
    expect(signal?.terms).toEqual(['spoiled']);
  });
});

describe('rules', () => {
  it('lets a brand rule override the wildcard and drops disabled rules', () => {
    const rules: AlertRule[] = [
      ...DEFAULT_ALERT_RULES,
      { brand: 'acme', type: 'volume_spike', enabled: true, thresholds: { minVolume: 50 }, cooldownMinutes: 30 },
      { brand: 'acme', type: 'emerging_theme', enabled: false, thresholds: {}, cooldownMinutes: 30 },
    ];
    const resolved = resolveRules(rules, 'acme');
    expect(resolved.find((r) => r.type === 'volume_spike')?.thresholds.minVolume).toBe(50);
    expect(resolved.map((r) => r.type)).not.toContain('emerging_theme');
    expect(resolveRules(rules, 'other').find((r) => r.type === 'volume_spike')?.thresholds.minVolume).toBe(DEFAULT_THRESHOLDS.minVolume);
  });
});

describe('emerging theme and case variants', () => {
  const mention = (id: number, theme: string): AlertMention => ({
    id, text: theme, simplified: theme, url: null, createdAt: '2026-03-01T00:00:00Z', sentiment: 'neg', confidence: 0.8,
    negativeWords: [], themes: [theme], author: null, duplicateOf: null,
  });
  const input = (baseline: Map<string, number>) => ({
    recentMentions: [1, 2, 3, 4, 5, 6].map((id) => mention(id, id % 2 ? 'Café' : 'café')),
    baselineThemes: baseline, baselineMentions: 200, baselineWindows: 96, ignore: [],
  });

  it('counts the baseline under the folded key, so a theme the baseline spelled otherwise is not new', () => {
    // SQLite's lower() leaves É alone: the store hands over "cafÉ" for "CAFÉ".
    expect(detectEmergingThemes(input(new Map([['cafÉ', 40]])), DEFAULT_THRESHOLDS)).toEqual([]);
    expect(detectEmergingThemes(input(new Map([['Café', 40]])), DEFAULT_THRESHOLDS)).toEqual([]);
    expect(detectEmergingThemes(input(new Map()), DEFAULT_THRESHOLDS).map((t) => [t.theme, t.recentCount])).toEqual([['café', 6]]);
  });

  it('finds nothing new against a baseline too small to show what is usual (a brand\'s first posts)', () => {
    expect(detectEmergingThemes({ ...input(new Map()), baselineMentions: 0 }, DEFAULT_THRESHOLDS)).toEqual([]);
    expect(detectEmergingThemes({ ...input(new Map()), baselineMentions: 19 }, DEFAULT_THRESHOLDS)).toEqual([]);
    expect(detectEmergingThemes({ ...input(new Map()), baselineMentions: 20 }, DEFAULT_THRESHOLDS)).toHaveLength(1);
  });
});
