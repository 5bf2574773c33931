import type { AlertDraft } from '../analytics/alerts/explain.js';
import type { AlertType } from '../analytics/alerts/types.js';

/**
 * A fixed, fictional alert for `koubei alerts test --channel NAME`: every section filled, one
 * Chinese and two English samples, so a team sees the full card on its platform.
 */
export function sampleAlert(now: Date, baseUrl: string): AlertDraft & { id: number; type: AlertType } {
  const to = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const from = new Date(to.getTime() - 3_600_000);
  const base = baseUrl.replace(/\/+$/, '');
  return {
    id: 0,
    brandId: 'sample',
    brandName: 'SampleBrand',
    type: 'crisis_terms',
    severity: 'critical',
    signals: [
      {
        type: 'crisis_terms', key: 'sample:crisis_terms', severity: 'critical', metric: 'crisis_mentions', observed: 14, baseline: null,
        stats: { minCount: 3, windowMinutes: 60, 'term:food poisoning': 9, 'term:食物中毒': 5 }, terms: ['food poisoning', '食物中毒'], mentionIds: [1, 2, 3],
      },
      {
        type: 'volume_spike', key: 'sample:volume_spike', severity: 'warning', metric: 'volume', observed: 41, baseline: 3,
        stats: { trailingMedian: 2, trailingWindows: 24, zTrailing: 19.7, seasonalMedian: 3, seasonalDays: 2, zSeasonal: 15.4, ratio: 13.67, windowMinutes: 60, zThreshold: 4, minVolume: 10 },
        terms: [], mentionIds: [1, 2, 3],
      },
    ],
    window: { from: from.toISOString(), to: to.toISOString() },
    topThemes: [{ theme: 'food poisoning', count: 9 }, { theme: '退款', count: 6 }, { theme: 'refund', count: 4 }],
    samples: [
      { id: 1, text: '昨天在 SampleBrand 点的外卖，全家拉肚子，申请退款被拒。(sample text)', url: 'https://example.com/sample/1', author: 'sample_user_zh', followers: 58000, createdAt: from.toISOString(), sentiment: 'neg' },
      { id: 2, text: 'Ordered from SampleBrand last night and the whole office got food poisoning. (sample text)', url: 'https://example.com/sample/2', author: 'sample_user_en', followers: 320, createdAt: from.toISOString(), sentiment: 'neg' },
      { id: 3, text: '@everyone SampleBrand support hung up on me twice. (sample text; mentions are not pinged)', url: 'https://example.com/sample/3', author: 'sample_user_3', followers: 12, createdAt: from.toISOString(), sentiment: 'neg' },
    ],
    apiUrl: `${base}/api/alerts`,
    dashboardUrl: `${base}/`,
    createdAt: now.toISOString(),
  };
}
