/** Minimal types for the `sentiment` (AFINN-165) package, as koubei uses it. */
declare module 'sentiment' {
  interface AnalysisResult {
    score: number;
    comparative: number;
    calculation: Array<Record<string, number>>;
    tokens: string[];
    words: string[];
    positive: string[];
    negative: string[];
  }
  class Sentiment {
    constructor(options?: Record<string, unknown>);
    /** Never pass `extras`: it mutates the cached lexicon (see STYLE.md rule 5). */
    analyze(phrase: string, options?: { language?: string }): AnalysisResult;
  }
  export default Sentiment;
}
