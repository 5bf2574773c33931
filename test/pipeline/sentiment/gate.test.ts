import { describe, expect, it } from 'vitest';
import { gateFromParams, gateToParams, isNeutral, type NeutralGate } from '../../../src/pipeline/sentiment/gate.js';

const gate: NeutralGate = {
  threshold: 0.5,
  margin: 0.8,
  negMargin: 0.4,
  maxTokens: 60,
  social: { threshold: 0.3, margin: 0.8, negMargin: 0.8, maxTokens: 40 },
};

describe('neutral gate', () => {
  it.each([
    // [P(neutral), P(pos), tokens, social, neutral?]
    [0.6, 0.55, 10, false, true], // confident neutral, polarity unsure
    [0.4, 0.55, 10, false, false], // the neutrality model is not confident enough
    [0.6, 0.95, 10, false, false], // clearly positive (lean 0.9 ≥ margin 0.8)
    [0.6, 0.25, 10, false, false], // leaning negative by 0.5 ≥ negMargin 0.4: negative posts need less to stay polar
    [0.6, 0.35, 10, false, true], // leaning negative by 0.3 < 0.4
    [0.6, 0.55, 61, false, false], // long posts are not neutral
    [0.35, 0.25, 10, true, true], // social posts: lower threshold, wider negative margin
    [0.35, 0.25, 41, true, false], // … and a shorter length cap
    [0, 0.9, 0, false, true], // nothing to score
  ])('pNeu %f, pPos %f, %i tokens, social %s → neutral %s', (pNeu, pPos, tokens, social, neutral) => {
    expect(isNeutral(gate, pNeu, pPos, tokens, social)).toBe(neutral);
  });

  it('uses the main thresholds for social posts when the model has no social gate', () => {
    const { social: _, ...main } = gate;
    expect(isNeutral(main, 0.35, 0.55, 10, true)).toBe(false);
    expect(isNeutral(main, 0.6, 0.55, 10, true)).toBe(true);
  });

  it('round-trips through the flat params stored in a model file', () => {
    expect(gateFromParams(gateToParams(gate))).toEqual(gate);
  });

  it('reads a model without negMargin as using the same margin both ways', () => {
    expect(gateFromParams({ threshold: 0.3, margin: 0.8, maxTokens: 60 })).toEqual({ threshold: 0.3, margin: 0.8, negMargin: 0.8, maxTokens: 60 });
  });
});
