import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import type { SentimentLabel } from '../domain.js';

/** A reference scorer run side by side with koubei on English rows. */
export interface Baseline {
  name: string;
  label(text: string): SentimentLabel;
}

/** AFINN via the `sentiment` package: score > 0 pos, < 0 neg, 0 neu. */
export function createAfinnBaseline(): Baseline {
  const afinn = new Sentiment();
  return {
    name: 'afinn (sentiment)',
    label: (text) => {
      const score = afinn.analyze(text).score;
      return score > 0 ? 'pos' : score < 0 ? 'neg' : 'neu';
    },
  };
}

/** VADER via `vader-sentiment` with its documented thresholds (compound ≥ 0.05 pos, ≤ −0.05 neg). */
export function createVaderBaseline(): Baseline {
  return {
    name: 'vader (vader-sentiment)',
    label: (text) => {
      const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      return c >= 0.05 ? 'pos' : c <= -0.05 ? 'neg' : 'neu';
    },
  };
}
