import type { AspectOpinion, Doc, SentimentResult } from '../../domain.js';
import type { AspectLexicon } from '../aspects/lexicon.js';
import { splitClauses, type Clause } from '../aspects/clauses.js';
import { cueCategories, keepInContext, matchEn, matchZh, type AspectMatch } from '../aspects/match.js';
import { maskTerms, maskTexts, type MaskTexts } from '../aspects/mask.js';
import type { AspectNames } from '../aspects/names.js';
import { tokenMaskOf } from '../sentiment/name-mask.js';
import type { SentimentScorers } from './sentiment.js';
import type { PipelineComponent } from '../types.js';

/** The compiled aspect lexicons, one per analysed language (see `src/resources/aspects.ts`). */
export interface AspectLexicons {
  zh: AspectLexicon;
  en: AspectLexicon;
}

export interface AspectResources {
  lexicons: AspectLexicons;
  /** The same scorers the `sentiment` component uses; each aspect's clause is scored with them. */
  scorers: SentimentScorers;
  /** Brand names, whose words name no aspect (外卖 in 鲜蜂外卖); none when left out. */
  names?: AspectNames;
}

/**
 * Aspect-based sentiment: finds aspect terms of the lexicon (token n-grams for en; substrings for
 * zh, so terms the segmenter split are still found), and gives each aspect the sentiment of the
 * clause that mentions it. Clauses come from the doc's own tokens (see `splitClauses`). One
 * opinion per category per clause, carrying its longest term. A clause that names an aspect but
 * holds no sentiment evidence borrows the next clause when that one names no aspect
 * ("电池，很耐用", "the screen, however, is dim"). A `context` term counts only next to another
 * term or a cue of its category in the post (曝光, "photos" next to "phone"), a `masked` term
 * (食品安全) does not vote on its own clause's polarity, nor on the post reading a neutral clause
 * falls back on, and a term inside a brand name (外卖 in 鲜蜂外卖) names no aspect, unless a
 * brand word of its clause judges it (鲜蜂外卖太慢了 is delivery).
 *
 * @example
 * const aspects = createAspects({ lexicons: res.aspects, scorers });
 * aspects.run(doc).aspects; // 菜很好吃，但是配送太慢 → [{aspect:'taste',…,label:'pos'}, {aspect:'delivery',…,label:'neg'}]
 */
export function createAspects(resources: AspectResources): PipelineComponent {
  return {
    name: 'aspects',
    requires: ['simplified', 'lang', 'tokens', 'sentiment'],
    assigns: ['aspects'],
    run: (doc) => ({ aspects: doc.lang === 'zh' || doc.lang === 'en' ? findAspects(doc, doc.lang, resources) : [] }),
  };
}

function findAspects(doc: Doc, lang: 'zh' | 'en', resources: AspectResources): AspectOpinion[] {
  const tokens = doc.tokens!;
  const text = doc.simplified!;
  const lex = resources.lexicons[lang];
  let lowered = text.toLowerCase();
  if (lang === 'en') lowered = lowered.replace(/’/g, "'");
  else if (lowered.length !== text.length) lowered = text;
  const texts = maskTexts(text, lowered, lang);
  const clauses = splitClauses(tokens, text, lang === 'en' ? lowered : text, lex.breaks);
  const names = lang === 'zh' ? resources.names?.zh(lowered, text) : resources.names?.en(tokens);
  const perClause = keepInContext(
    clauses.map((c) => (lang === 'zh' ? matchZh(lex, lowered, c.start, c.end, tokens, c.from, c.to, names) : matchEn(lex, tokens, c.from, c.to, names))),
    () => cueCategories(lex, lowered, tokens, names),
  );
  const out: AspectOpinion[] = [];
  let aspectClauses = 0;
  for (const m of perClause) if (m.length > 0) aspectClauses++;
  const score = resources.scorers[lang];
  // Brand-name words carry no lexicon sentiment in a clause either (as in the post's score).
  const inName = aspectClauses > 0 && names ? tokenMaskOf(lang, tokens, lowered, names) : null;
  const post = postReading(doc, perClause, score, texts, inName);
  for (let c = 0; c < clauses.length; c++) {
    const matches = perClause[c];
    if (matches.length === 0) continue;
    let span = clauses[c];
    const masked = matches.filter((m) => m.kind === 'masked');
    let sentiment = scoreSpan(doc, span, score, masked, texts, inName);
    if (sentiment.label === 'neu' && c + 1 < clauses.length && perClause[c + 1].length === 0) {
      span = { from: span.from, to: clauses[c + 1].to, start: span.start, end: clauses[c + 1].end };
      sentiment = scoreSpan(doc, span, score, masked, texts, inName);
    }
    // A lone aspect in a neutral clause takes the post's sentiment ("I had the pasta. Amazing!").
    if (sentiment.label === 'neu' && aspectClauses === 1) sentiment = post;
    else if (isWeakAgainst(sentiment, post)) sentiment = post;
    const label = sentiment.label === 'neu' ? 'neu' : (lexiconLabel(sentiment) ?? sentiment.label);
    for (const m of mostSpecific(matches)) {
      out.push({ aspect: m.category, term: m.term, label, score: sentiment.score });
    }
  }
  return out;
}

/**
 * |score| below which a clause's polar reading, when no opinion word backs it, yields to a polar
 * post. Chosen on the tune rows of `scripts/eval-aspects.ts`: polarity accuracy rose from 0.08 up
 * to 0.25 and stayed flat to 0.5.
 */
const WEAK_CLAUSE_SCORE = 0.25;

/**
 * Whether the clause leans against the post only on learned n-gram priors, and weakly: in a
 * food-poisoning post, 全家食物中毒 reads +0.08 because 全家 and 食物 lean positive. Short clauses
 * often carry no opinion word, and the model was trained on whole posts.
 */
function isWeakAgainst(clause: SentimentResult, post: SentimentResult): boolean {
  if (clause.label === 'neu' || post.label === 'neu' || clause.label === post.label) return false;
  return Math.abs(clause.score) < WEAK_CLAUSE_SCORE && lexiconLabel(clause) === undefined;
}

/** Summed lexicon weight (rule terms, not learned n-grams) that makes a clause's opinion words decisive. */
const OPINION_WORD_WEIGHT = 0.6;

/**
 * When a polar clause's opinion words clearly lean the other way ("配送不慢" scored negative), the
 * words win: the learned model was trained on whole posts, and in a short clause its n-gram priors
 * (a bare 不, a category word like 外卖) can outweigh the words that carry the opinion. Neutral
 * clauses are left alone: turning them polar cost 5 points of 3-class accuracy on the car-forum set.
 * Returns undefined when the lexicon has no clear verdict, so the scorer's label stands.
 */
function lexiconLabel(sentiment: SentimentResult): AspectOpinion['label'] | undefined {
  let sum = 0;
  for (const term of sentiment.explanation.terms) if (!term.rules?.includes('learned')) sum += term.weight;
  return sum >= OPINION_WORD_WEIGHT ? 'pos' : sum <= -OPINION_WORD_WEIGHT ? 'neg' : undefined;
}

/**
 * What a clause falls back on: the post's sentiment, read without the post's `masked` terms when
 * it has any. The post score heard the praise word ("support is a bot" reads pos through
 * "support"), so falling back on it would let the masked term vote after all.
 */
function postReading(
  doc: Doc,
  perClause: readonly AspectMatch[][],
  score: SentimentScorers['zh'],
  texts: MaskTexts,
  inName: Uint8Array | null,
): SentimentResult {
  const masked = perClause.flat().filter((m) => m.kind === 'masked');
  if (masked.length === 0) return doc.sentiment!;
  return scoreSpan(doc, { from: 0, to: doc.tokens!.length, start: 0, end: texts.text.length }, score, masked, texts, inName);
}

/**
 * The clause's sentiment, read without its `masked` terms (see `maskTerms`). A clause covering the
 * whole post, with nothing masked, reuses the post's result.
 */
function scoreSpan(
  doc: Doc,
  span: Clause,
  score: SentimentScorers['zh'],
  masked: AspectMatch[],
  texts: MaskTexts,
  inName: Uint8Array | null = null,
): SentimentResult {
  const tokens = doc.tokens!;
  if (masked.length > 0) return score(maskTerms(texts, tokens, span, masked, doc.lang === 'en' ? 'en' : 'zh', inName), { explain: false });
  if (span.from === 0 && span.to === tokens.length) return doc.sentiment!;
  // Only the label, score and rule terms of a clause are read: its learned terms are not named.
  const simplified = texts.text.slice(span.start, span.end);
  return score({ simplified, tokens: tokens.slice(span.from, span.to), inName: inName?.subarray(span.from, span.to) }, { explain: false });
}

/** One match per category: the longest term, the earliest on ties. */
function mostSpecific(matches: AspectMatch[]): AspectMatch[] {
  if (matches.length === 1) return matches;
  const best = new Map<string, AspectMatch>();
  for (const m of matches) {
    const prev = best.get(m.category);
    if (!prev || m.term.length > prev.term.length) best.set(m.category, m);
  }
  return [...best.values()];
}
