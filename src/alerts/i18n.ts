import type { AlertType, Severity, Signal } from '../analytics/alerts/types.js';

/** Languages alert messages are written in (per channel). */
export type MessageLang = 'zh' | 'en';

/** Fixed labels of an alert message. */
export interface Labels {
  severity: Record<Severity, string>;
  type: Record<AlertType, string>;
  signals: string;
  themes: string;
  samples: string;
  window: string;
  open: string;
  api: string;
  followers: string;
  none: string;
  test: string;
}

export const LABELS: Record<MessageLang, Labels> = {
  en: {
    severity: { info: 'Info', warning: 'Warning', critical: 'Critical' },
    type: {
      volume_spike: 'volume spike',
      negative_spike: 'negative spike',
      sentiment_drop: 'sentiment drop',
      crisis_terms: 'crisis terms',
      influential_negative: 'influential negative post',
      emerging_theme: 'emerging theme',
    },
    signals: 'What we measured',
    themes: 'Top themes in the window',
    samples: 'Sample mentions',
    window: 'Window',
    open: 'Open in koubei',
    api: 'API',
    followers: 'followers',
    none: 'none',
    test: 'TEST — sample alert, no action needed',
  },
  zh: {
    severity: { info: '提示', warning: '警告', critical: '严重' },
    type: {
      volume_spike: '声量激增',
      negative_spike: '负面激增',
      sentiment_drop: '情感下滑',
      crisis_terms: '危机词',
      influential_negative: '大V负面',
      emerging_theme: '新话题',
    },
    signals: '监测依据',
    themes: '窗口内热门话题',
    samples: '示例帖子',
    window: '时间窗口',
    open: '在 koubei 中查看',
    api: 'API',
    followers: '粉丝',
    none: '无',
    test: '测试消息——示例告警，无需处理',
  },
};

const hours = (s: Signal) => Math.round(((s.stats.trailingWindows ?? 0) * (s.stats.windowMinutes ?? 60)) / 60);

function spikeEn(s: Signal, noun: string): string {
  const seasonal = s.stats.seasonalDays
    ? `median ${s.stats.seasonalMedian} at this time on the previous ${s.stats.seasonalDays} day(s) and `
    : '';
  const z = s.stats.seasonalDays ? `${s.stats.zSeasonal} / ${s.stats.zTrailing}` : `${s.stats.zTrailing}`;
  return `${s.observed} ${noun} in the last ${s.stats.windowMinutes} min vs ${seasonal}median ${s.stats.trailingMedian} per window over the last ${hours(s)} h (robust z = ${z}, ${s.stats.ratio}× baseline).`;
}

function spikeZh(s: Signal, noun: string): string {
  const seasonal = s.stats.seasonalDays ? `前 ${s.stats.seasonalDays} 天同一时段中位数 ${s.stats.seasonalMedian}，` : '';
  const z = s.stats.seasonalDays ? `${s.stats.zSeasonal} / ${s.stats.zTrailing}` : `${s.stats.zTrailing}`;
  return `近 ${s.stats.windowMinutes} 分钟${noun} ${s.observed} 条；对比：${seasonal}过去 ${hours(s)} 小时每窗口中位数 ${s.stats.trailingMedian}（稳健 z = ${z}，为基线的 ${s.stats.ratio} 倍）。`;
}

/**
 * One sentence per signal: what was measured, against which baseline, with the numbers.
 *
 * @example
 * describeSignal(signal, 'zh'); // "近 60 分钟提及 41 条；对比：…"
 */
export function describeSignal(s: Signal, lang: MessageLang): string {
  const terms = s.terms.join(lang === 'zh' ? '、' : ', ');
  const en = lang === 'en';
  switch (s.type) {
    case 'volume_spike':
      return en ? spikeEn(s, 'mentions') : spikeZh(s, '提及');
    case 'negative_spike':
      return en ? spikeEn(s, 'negative mentions') : spikeZh(s, '负面提及');
    case 'sentiment_drop':
      return en
        ? `Net sentiment ${s.stats.recentNet} in the last ${s.stats.windowMinutes} min vs ${s.stats.baselineNet} before (${s.stats.recentVolume} vs ${s.stats.baselineVolume} mentions, z = ${s.stats.z}).`
        : `近 ${s.stats.windowMinutes} 分钟净情感 ${s.stats.recentNet}，此前为 ${s.stats.baselineNet}（${s.stats.recentVolume} 条对比 ${s.stats.baselineVolume} 条，z = ${s.stats.z}）。`;
    case 'crisis_terms':
      return en
        ? `${s.observed} negative mentions with crisis terms in the last ${s.stats.windowMinutes} min (threshold ${s.stats.minCount}): ${terms}.`
        : `近 ${s.stats.windowMinutes} 分钟含危机词的负面提及 ${s.observed} 条（阈值 ${s.stats.minCount}）：${terms}。`;
    case 'influential_negative':
      return en
        ? `${s.stats.posts} negative post(s) from accounts with ≥ ${s.stats.minFollowers} followers: ${terms}.`
        : `粉丝 ≥ ${s.stats.minFollowers} 的账号发布负面内容 ${s.stats.posts} 条：${terms}。`;
    case 'emerging_theme':
      return en
        ? `New themes absent from the baseline: ${s.terms.map((t) => `${t} (${s.stats[`theme:${t}`]})`).join(', ')}.`
        : `基线中未出现的新话题：${s.terms.map((t) => `${t}（${s.stats[`theme:${t}`]}）`).join('、')}。`;
  }
}
