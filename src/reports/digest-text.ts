/**
 * Text of the periodic digest, in the digest's language: the title, one block per brand and the
 * dashboard link. Shared by every chat channel, the CLI and the report tests.
 */
import type { Digest, DigestBrand, DigestLang } from '../domain.js';
import { aspectName } from './aspect-names.js';

const signed = (value: number, digits = 2) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
/** A value that may be missing (no mentions to compute it from): "n/a", never a made-up 0. */
const signedOr = (value: number | null, missing: string) => (value === null ? missing : signed(value));

const WORDS = {
  en: { daily: 'Daily', weekly: 'Weekly', title: 'word-of-mouth digest', mentions: 'mentions', vs: 'vs', net: 'net', neg: 'negative', themes: 'themes', new: 'new', firstSeen: 'new', na: 'n/a', worst: 'falling', open: 'Dashboard', report: 'report', none: 'no mentions', sep: ', ' },
  zh: { daily: '每日', weekly: '每周', title: '口碑简报', mentions: '条提及', vs: '上期', net: '净情感', neg: '负面', themes: '话题', new: '新话题', firstSeen: '上期无提及', na: '无数据', worst: '下滑', open: '查看看板', report: '报告', none: '无提及', sep: '、' },
} as const;

/** "Daily word-of-mouth digest · 2026-11-20 09:00 – 2026-11-21 09:00 UTC" in the digest's language. */
export function digestTitle(digest: Digest): string {
  const w = WORDS[digest.lang];
  const clock = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return `${w[digest.period]}${digest.lang === 'en' ? ' ' : ''}${w.title} · ${clock(digest.from)} – ${clock(digest.to)} UTC`;
}

/** One brand's lines: headline numbers, then themes and the falling aspect when there are any (no link). */
export function digestBrandLines(b: DigestBrand, lang: DigestLang): string[] {
  const w = WORDS[lang];
  // Against an empty baseline there is no rate of change: the volume is new, not +∞ %.
  const volume = b.volumePct === null ? (lang === 'zh' ? w.firstSeen : `${w.vs} 0, ${w.firstSeen}`) : `${w.vs} ${b.baselineVolume}, ${signed(b.volumePct * 100, 1)}%`;
  const lines = [`${b.brandName}: ${b.volume} ${w.mentions} (${volume}) · ${w.net} ${signedOr(b.netSentiment, w.na)} (${signedOr(b.netChange, w.na)}) · ${w.neg} ${b.neg}`];
  if (b.volume === 0) lines.push(w.none);
  if (b.topThemes.length) lines.push(`${w.themes}: ${b.topThemes.join(w.sep)}${b.newThemes.length ? ` · ${w.new}: ${b.newThemes.join(w.sep)}` : ''}`);
  if (b.worstAspect) lines.push(`${w.worst}: ${aspectName(b.worstAspect.aspect, lang)} ${signed(b.worstAspect.change)}`);
  return lines;
}

/** Plain text for any chat channel: a title line, one block per brand, and the dashboard link. */
export function renderDigestText(digest: Digest): string {
  const w = WORDS[digest.lang];
  const lines = [digestTitle(digest), ''];
  for (const b of digest.brands) {
    const [head, ...rest] = digestBrandLines(b, digest.lang);
    lines.push(`■ ${head}`, ...rest.map((line) => `  ${line}`), `  ${w.report}: ${b.reportUrl}`);
  }
  lines.push('', `${w.open}: ${digest.link}`);
  return `${lines.join('\n')}\n`;
}
