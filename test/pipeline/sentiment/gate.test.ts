import { describe, expect, it } from 'vitest';
import { gateFromParams, gateToParams, isNeutral, type NeutralGate } from '../../../src/pipeline/sentiment/gate.js';

const gate: NeutralGate = {
  threshold: 0.5,
  margin: 0.8,
  negMargin: 0.4,
  maxTokens: 60,
  veto: 0.5,
  social: { threshold: 0.3, margin: 0.8, negMargin: 0.8, maxTokens: 40, veto: Infinity },
};

describe('neutral gate', () => {
  it.each([
    // [P(neutral), P(pos), tokens, social, rule score, neutral?]
    [0.6, 0.55, 10, false, 0, true], // confident neutral, polarity unsure
    [0.4, 0.55, 10, false, 0, false], // the neutrality model is not confident enough
    [0.6, 0.95, 10, false, 0, false], // clearly positive (lean 0.9 ≥ margin 0.8)
    [0.6, 0.25, 10, false, 0, false], // leaning negative by 0.5 ≥ negMargin 0.4: negative posts need less to stay polar
    [0.6, 0.35, 10, false, 0, true], // leaning negative by 0.3 < 0.4
    [0.6, 0.55, 61, false, 0, false], // long posts are not neutral
    [0.35, 0.25, 10, true, 0, true], // social posts: lower threshold, wider negative margin
    [0.35, 0.25, 41, true, 0, false], // … and a shorter length cap
    [0, 0.9, 0, false, 0, true], // nothing to score
    [0.6, 0.55, 10, false, 0.6, false], // lexicon evidence (0.6 ≥ veto 0.5) agrees with the lean: polar
    [0.6, 0.45, 10, false, -0.5, false], // … also negative evidence with a negative lean
    [0.6, 0.55, 10, false, -0.6, true], // evidence against the lean is balanced, not clear: may be neutral
    [0.6, 0.55, 10, false, 0.4, true], // too little evidence to veto
    [0.35, 0.55, 10, true, 0.9, true], // the social gate has no veto
  ])('pNeu %f, pPos %f, %i tokens, social %s, rule %f → neutral %s', (pNeu, pPos, tokens, social, rule, neutral) => {
    expect(isNeutral(gate, pNeu, pPos, tokens, social, rule)).toBe(neutral);
  });

  it('uses the main thresholds for social posts when the model has no social gate', () => {
    const { social: _, ...main } = gate;
    expect(isNeutral(main, 0.35, 0.55, 10, true)).toBe(false);
    expect(isNeutral(main, 0.6, 0.55, 10, true)).toBe(true);
  });

  it('round-trips through the flat params stored in a model file', () => {
    expect(gateFromParams(gateToParams(gate))).toEqual(gate);
  });

  it('reads a model without negMargin as using the same margin both ways, and without veto as never vetoing', () => {
    expect(gateFromParams({ threshold: 0.3, margin: 0.8, maxTokens: 60 })).toEqual({ threshold: 0.3, margin: 0.8, negMargin: 0.8, maxTokens: 60, veto: Infinity });
  });
});
