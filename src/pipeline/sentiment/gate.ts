/**
 * When a post is called neutral. Neutral is a judgement, not a default: the neutrality model must
 * be confident AND the polarity model unsure AND the post short enough. Posts written in a social
 * style (@mentions, #hashtags — tweets, Weibo) get their own thresholds, tuned on sets with real
 * neutral labels, because review-style texts are almost always polar and social posts often not.
 */
export interface GateThresholds {
  /** P(neutral) above which a post may be neutral. */
  threshold: number;
  /** |2·P(pos) − 1| below which a pos-leaning post may be neutral. */
  margin: number;
  /** The same for a neg-leaning post. */
  negMargin: number;
  maxTokens: number;
  /**
   * |rule score| (−1…1) from which a post whose lexicon terms lean the same way as the polarity model
   * is never neutral: clear, agreeing evidence ("delivery was great") is not "little evidence".
   * Infinity (a missing param) never fires.
   */
  veto: number;
}

export interface NeutralGate extends GateThresholds {
  /** Thresholds for social-style posts; without them the main ones apply. */
  social?: GateThresholds;
}

/** Whether a post is neutral under `gate`; `rule` is the signed rule score (`normalizeRuleScore`). */
export function isNeutral(gate: NeutralGate, pNeu: number, pPos: number, tokens: number, social: boolean, rule = 0): boolean {
  if (tokens === 0) return true;
  const g = social && gate.social ? gate.social : gate;
  const lean = 2 * pPos - 1;
  if (Math.abs(rule) >= g.veto && rule * lean > 0) return false;
  return pNeu > g.threshold && (lean >= 0 ? lean < g.margin : -lean < g.negMargin) && tokens <= g.maxTokens;
}

/** The gate stored as flat model params (`threshold`, …, `socialThreshold`, …); missing keys never fire. */
export function gateFromParams(p: Readonly<Record<string, number>>): NeutralGate {
  const main = thresholds(p, '');
  return p.socialThreshold === undefined ? main : { ...main, social: thresholds(p, 'social') };
}

/** The inverse of `gateFromParams` (a veto that never fires is left out: JSON has no Infinity). */
export function gateToParams(g: NeutralGate): Record<string, number> {
  const { social, veto, ...rest } = g;
  const main = { ...rest, ...finite('veto', veto) };
  if (!social) return main;
  return {
    ...main,
    socialThreshold: social.threshold,
    socialMargin: social.margin,
    socialNegMargin: social.negMargin,
    socialMaxTokens: social.maxTokens,
    ...finite('socialVeto', social.veto),
  };
}

const finite = (key: string, value: number): Record<string, number> => (Number.isFinite(value) ? { [key]: value } : {});

function thresholds(p: Readonly<Record<string, number>>, prefix: '' | 'social'): GateThresholds {
  const key = (name: string): string => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
  const margin = p[key('margin')] ?? 2;
  return {
    threshold: p[key('threshold')] ?? 0.5,
    margin,
    negMargin: p[key('negMargin')] ?? margin,
    maxTokens: p[key('maxTokens')] ?? Number.MAX_SAFE_INTEGER,
    veto: p[key('veto')] ?? Infinity,
  };
}
