// Every UI string in both languages, in one place. Data (posts, themes, names) is never translated.
import { ASPECT_NAMES } from './aspect-names.js';

const STRINGS = {
  en: {
    'nav.overview': 'Overview', 'nav.mentions': 'Mentions', 'nav.alerts': 'Alerts', 'nav.customers': 'Customers', 'nav.sources': 'Sources',
    brand: 'Brand', range: 'Range', 'range.1': '24 h', 'range.3': '3 days', 'range.7': '7 days', 'range.30': '30 days', allBrands: 'All brands',
    switchLang: '中文', loading: 'Loading…', error: 'Could not load', none: 'None', report: 'Printable report', csv: 'CSV export',
    'sources.ok': 'sources ok', 'sources.degraded': 'degraded',
    'ov.volume': 'Volume', 'ov.net': 'Net sentiment', 'ov.split': 'Sentiment split', 'ov.sov': 'Share of voice',
    'ov.themes': 'Top themes', 'ov.rising': 'Rising themes', 'ov.aspects': 'Aspect sentiment', 'ov.alerts': 'Latest alerts',
    'ov.volumeChart': 'Mentions over time', 'ov.netChart': 'Net sentiment over time', mentions: 'mentions',
    pos: 'Positive', neu: 'Neutral', neg: 'Negative', aspect: 'Aspect', net: 'Net', share: 'Share',
    'm.search': 'Search / 搜索', 'm.anySentiment': 'Any sentiment', 'm.anyLang': 'Any language', 'm.filter': 'Filter',
    'm.more': 'More', 'm.empty': 'No mentions match.', 'm.why': 'Why', 'm.unknownAuthor': 'unknown author', 'm.lean': 'lean',
    'm.leanHint': 'The score is the polarity lean of the words; the post was judged neutral overall (weak or mixed signals).', 'm.source': 'Source',
    'a.notConfigured': 'Alerts are not configured on this server yet (no /api/alerts).', 'a.history': 'Alert history',
    'a.rules': 'Rule settings', 'a.channels': 'Channels', 'a.empty': 'No alerts yet.', 'a.delivery': 'Delivery',
    'a.failedOnly': 'Failed deliveries only', 'a.origin': 'Rules from', 'a.rulesMissing': 'Rule settings are not available (no /api/alert-rules).',
    'a.time': 'Time', 'a.severity': 'Severity', 'a.signals': 'Signals', 'a.enabled': 'on', 'a.disabled': 'off', 'a.cooldown': 'cooldown',
    'c.expr': 'Tag expression', 'c.exprHint': 'e.g. price_sensitive AND parenting AND NOT detractor', 'c.minConf': 'Min. confidence',
    'c.run': 'Count', 'c.count': 'Authors in segment', 'c.samples': 'Sample profiles', 'c.evidence': 'Evidence',
    'c.notAvailable': 'Customer segments are not available on this server yet (no /api/segments).', 'c.empty': 'No authors match.',
    's.id': 'Source', 's.type': 'Type', 's.health': 'Health', 's.lastRun': 'Last run', 's.nextRun': 'Next run', 's.fetched': 'Fetched',
    's.inserted': 'New', 's.failures': 'Failures in a row', 's.error': 'Last error', 's.healthy': 'healthy', 's.unhealthy': 'unhealthy',
    'r.title': 'Sentiment report', 'r.period': 'Period', 'r.baseline': 'Baseline', 'r.change': 'Change', 'r.newThemes': 'New in top themes',
    'a.type': 'Type', 'a.thresholds': 'Thresholds',
    'type.volume_spike': 'volume spike', 'type.negative_spike': 'negative spike', 'type.sentiment_drop': 'sentiment drop',
    'type.crisis_terms': 'crisis terms', 'type.influential_negative': 'influential negative post', 'type.emerging_theme': 'emerging theme',
    'r.print': 'Print', 'r.metric': 'Metric', 'r.current': 'Current', 'r.pickBrand': 'Choose a brand to build a report.', 'r.new': 'new',
    'auth.button': 'API key', 'auth.label': 'API key', 'auth.save': 'Save', 'auth.forget': 'Forget key now',
    'auth.hint': 'Kept only for this browser session (sessionStorage, not localStorage) and sent as "Authorization: Bearer …". Create one with: koubei keys create --scopes read:trends,read:alerts,read:tags',
    'auth.isSet': 'A key is kept for this browser session. Enter another to replace it, or forget it now.',
    'auth.required': 'This server requires an API key. Enter one with the "API key" button at the top (koubei keys create --scopes read:trends,read:alerts,read:tags).',
    'auth.forbidden': 'The API key lacks the scope this page needs; create one with that scope (the message above names it).',
  },
  zh: {
    'nav.overview': '总览', 'nav.mentions': '提及', 'nav.alerts': '告警', 'nav.customers': '客户', 'nav.sources': '数据源',
    brand: '品牌', range: '时间范围', 'range.1': '24 小时', 'range.3': '3 天', 'range.7': '7 天', 'range.30': '30 天', allBrands: '全部品牌',
    switchLang: 'English', loading: '加载中…', error: '加载失败', none: '无', report: '可打印报告', csv: '导出 CSV',
    'sources.ok': '数据源正常', 'sources.degraded': '异常',
    'ov.volume': '声量', 'ov.net': '净情感', 'ov.split': '情感分布', 'ov.sov': '声量份额',
    'ov.themes': '热门话题', 'ov.rising': '上升话题', 'ov.aspects': '属性情感', 'ov.alerts': '最新告警',
    'ov.volumeChart': '声量趋势', 'ov.netChart': '净情感趋势', mentions: '条提及',
    pos: '正面', neu: '中性', neg: '负面', aspect: '属性', net: '净值', share: '份额',
    'm.search': '搜索 / Search', 'm.anySentiment': '全部情感', 'm.anyLang': '全部语言', 'm.filter': '筛选',
    'm.more': '更多', 'm.empty': '没有符合条件的提及。', 'm.why': '依据', 'm.unknownAuthor': '未知作者', 'm.lean': '倾向',
    'm.leanHint': '分数是词语的情感倾向；整体判断为中性（信号较弱或正负混合）。', 'm.source': '来源',
    'a.notConfigured': '此服务器尚未配置告警（没有 /api/alerts）。', 'a.history': '告警历史',
    'a.rules': '规则设置', 'a.channels': '通知渠道', 'a.empty': '暂无告警。', 'a.delivery': '推送状态',
    'a.failedOnly': '只看推送失败', 'a.origin': '规则来源', 'a.rulesMissing': '规则设置不可用（没有 /api/alert-rules）。',
    'a.time': '时间', 'a.severity': '级别', 'a.signals': '信号', 'a.enabled': '开', 'a.disabled': '关', 'a.cooldown': '冷却',
    'c.expr': '标签表达式', 'c.exprHint': '例如 price_sensitive AND parenting AND NOT detractor', 'c.minConf': '最低置信度',
    'c.run': '统计', 'c.count': '人群人数', 'c.samples': '示例画像', 'c.evidence': '依据',
    'c.notAvailable': '此服务器尚未提供客户分群（没有 /api/segments）。', 'c.empty': '没有符合条件的作者。',
    's.id': '数据源', 's.type': '类型', 's.health': '状态', 's.lastRun': '上次运行', 's.nextRun': '下次运行', 's.fetched': '抓取',
    's.inserted': '新增', 's.failures': '连续失败', 's.error': '最近错误', 's.healthy': '正常', 's.unhealthy': '异常',
    'r.title': '口碑报告', 'r.period': '时间段', 'r.baseline': '对比基线', 'r.change': '变化', 'r.newThemes': '新进热门话题',
    'a.type': '类型', 'a.thresholds': '阈值',
    'type.volume_spike': '声量激增', 'type.negative_spike': '负面激增', 'type.sentiment_drop': '情感下滑',
    'type.crisis_terms': '危机词', 'type.influential_negative': '大V负面', 'type.emerging_theme': '新话题',
    'r.print': '打印', 'r.metric': '指标', 'r.current': '本期', 'r.pickBrand': '请选择品牌以生成报告。', 'r.new': '上期无提及',
    'auth.button': 'API 密钥', 'auth.label': 'API 密钥', 'auth.save': '保存', 'auth.forget': '立即清除密钥',
    'auth.hint': '只在本次浏览器会话中保存（sessionStorage，而非 localStorage），以 "Authorization: Bearer …" 发送。创建密钥：koubei keys create --scopes read:trends,read:alerts,read:tags',
    'auth.isSet': '本次浏览器会话已保存密钥。输入新密钥可替换，或立即清除。',
    'auth.required': '此服务器要求 API 密钥。请点击顶部的“API 密钥”按钮输入（koubei keys create --scopes read:trends,read:alerts,read:tags）。',
    'auth.forbidden': '该 API 密钥缺少此页面所需的权限范围；请创建带该权限的密钥（上面的消息写明了所需范围）。',
  },
};

const STORAGE_KEY = 'koubei.lang';

/** The switch wins; otherwise the browser's language (any zh-* → Chinese), else English. */
function detect() {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  return /^zh\b/i.test(langs[0]) ? 'zh' : 'en';
}

let current = detect();

export const lang = () => current;

/** Looks a key up; a missing key shows itself, so gaps are visible instead of blank. */
export function t(key) {
  return STRINGS[current][key] ?? STRINGS.en[key] ?? key;
}

export function setLang(next) {
  current = next === 'zh' ? 'zh' : 'en';
  globalThis.localStorage?.setItem(STORAGE_KEY, current);
  applyStatic();
}

/** Fills every element marked `data-i18n` (text) or `data-i18n-placeholder`. */
export function applyStatic(root = document) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}

/**
 * An aspect category by name (售后 / "after sales"), not its lexicon id `after_sales`. The server
 * writes the table from the digest's; an id it does not know yet reads as words in either language.
 */
export function aspectName(id) {
  return ASPECT_NAMES[current][id] ?? id.replace(/_/g, ' ');
}

/** Dates in the UI language, in the viewer's time zone. */
export function formatTime(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export { STRINGS };
