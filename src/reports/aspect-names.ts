/**
 * Display names of the aspect categories of `lexicons/aspects/{zh,en}.tsv`. The lexicon has only
 * snake_case ids (`after_sales`), which read as code inside a Chinese sentence; these are the
 * words a brand manager uses for them.
 */
import type { DigestLang } from '../domain.js';

const ZH: Readonly<Record<string, string>> = Object.freeze({
  price: '价格', quality: '质量', delivery: '物流配送', customer_service: '客服', packaging: '包装',
  taste: '口味', appearance: '外观', performance: '性能', battery: '电池续航', camera: '拍照',
  screen: '屏幕', usability: '易用性', hygiene: '卫生', portion: '分量', waiting: '等待时间',
  ambience: '环境', after_sales: '售后', comfort: '舒适性', space: '空间', power: '动力',
  fuel_economy: '油耗', noise: '噪音', handling: '操控', safety: '安全', features: '配置',
  interior: '内饰', sound: '音质', software: '系统软件', connectivity: '网络连接',
});

/**
 * The aspect's name in the language: the Chinese word, or the id with spaces in English. An id the
 * table does not know (a category added to the lexicon later) falls back to the English form.
 *
 * @example
 * aspectName('after_sales', 'zh'); // "售后"
 * aspectName('after_sales', 'en'); // "after sales"
 */
export function aspectName(aspect: string, lang: DigestLang): string {
  return (lang === 'zh' ? ZH[aspect] : undefined) ?? aspect.replace(/_/g, ' ');
}

/** Every category id with a Chinese name (the tests check it against the lexicon). */
export const NAMED_ASPECTS: readonly string[] = Object.freeze(Object.keys(ZH));
