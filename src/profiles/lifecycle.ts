import type { PreparedMention } from './prepare.js';
import { viewFor } from './brand-roles.js';
import type { BrandLifecycle, LifecycleStage, LifecycleTransition } from './types.js';

/** What one mention says about the author's stage with a brand. */
type Signal = { kind: 'exit' | 'risk' | 'prospect' | 'new' | 'positive' | 'negative' | 'neutral'; cue: string };

function signalOf(m: PreparedMention): Signal {
  if (m.cues.exit && m.sentiment !== 'pos') return { kind: 'exit', cue: `cue(${m.cues.exit})` };
  if (m.cues.risk) return { kind: 'risk', cue: `cue(${m.cues.risk})` };
  // Asking comes first: "考虑入手" is a prospect even though "入手" is purchase talk.
  if (m.cues.prospect) return { kind: 'prospect', cue: `cue(${m.cues.prospect})` };
  if (m.cues.new) return { kind: 'new', cue: `cue(${m.cues.new})` };
  if (m.sentiment === 'pos') return { kind: 'positive', cue: 'positive-mention' };
  if (m.sentiment === 'neg') return { kind: 'negative', cue: 'negative-mention' };
  return { kind: 'neutral', cue: 'neutral-mention' };
}

/**
 * The stage after one mention. prospect (asks, considers) → new (first purchase talk) → active
 * (keeps using) → at risk (risk cue, or two negatives in a row) → lost (says they left); a
 * positive mention after at risk or lost brings the author back to active (recovery, win-back).
 * Existing customers asking questions stay where they are.
 */
export function nextStage(stage: LifecycleStage | null, signal: Signal['kind'], negativeStreak: number): LifecycleStage | null {
  switch (signal) {
    case 'exit':
      return 'lost';
    case 'risk':
      return stage === 'lost' ? 'lost' : 'at_risk';
    case 'prospect':
      return stage === null ? 'prospect' : stage;
    case 'new':
      return stage === null || stage === 'prospect' || stage === 'lost' ? 'new' : stage;
    case 'positive':
      return stage === null ? 'active' : stage === 'prospect' ? 'new' : stage === 'new' ? 'new' : 'active';
    case 'negative':
      if (stage === null || stage === 'prospect') return 'at_risk';
      if (stage === 'lost') return 'lost';
      return negativeStreak >= 2 || stage === 'new' ? 'at_risk' : stage;
    case 'neutral':
      return stage;
  }
}

const DAY_MS = 86_400_000;

/**
 * Replays each brand's mentions in time order through `nextStage`. A new customer who keeps
 * posting without complaint for more than a day becomes active.
 */
export function brandLifecycles(mentions: readonly PreparedMention[], aliases: ReadonlyMap<string, readonly string[]> = new Map()): BrandLifecycle[] {
  const brands = [...new Set(mentions.filter((m) => !m.sensitive).flatMap((m) => m.brands))].sort();
  const result: BrandLifecycle[] = [];
  for (const brandId of brands) {
    let stage: LifecycleStage | null = null;
    let since = 0;
    let streak = 0;
    const transitions: LifecycleTransition[] = [];
    for (const m of mentions.filter((x) => !x.sensitive && x.brands.includes(brandId)).map((x) => viewFor(x, brandId, aliases))) {
      const signal = signalOf(m);
      streak = m.sentiment === 'neg' ? streak + 1 : 0;
      let next = nextStage(stage, signal.kind, streak);
      let reason = streak >= 2 && signal.kind === 'negative' ? 'negative-streak' : signal.cue;
      if (next === 'new' && stage === 'new' && signal.kind === 'positive' && m.createdAt - since > DAY_MS) (next = 'active'), (reason = 'repeat-use');
      if (next !== null && next !== stage) {
        transitions.push({ from: stage, to: next, at: m.createdAt, mentionId: m.id, reason });
        stage = next;
        since = m.createdAt;
      }
    }
    if (stage) result.push({ brandId, stage, since, transitions });
  }
  return result;
}
