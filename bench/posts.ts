/**
 * Deterministic synthetic short posts for the benchmark, built from templates and slot words
 * written for it (not taken from any dataset).
 */

const ZH = {
  templates: [
    '{s}{v}{a}，{d}{a2}', '{d}{a}！{e}', '外卖{v}{a}，但是{a2}', '这家{s}{d}{a}，下次还来', '{s}一般般，{d}{a2}了',
    '难道{s}不{a}吗？', '虽然有点{a2}，不过{a}', '{s}{d}{a}{e}', '第一次点，{s}{a}，{a2}', '{e}{s}真的{a}',
  ],
  s: ['味道', '包装', '配送', '米饭', '汤', '小哥', '店家', '分量', '价格', '口感', '饮料', '炸鸡'],
  v: ['送得', '做得', '来得', '感觉'],
  a: ['好吃', '很快', '不错', '新鲜', '难吃', '太慢', '凉了', '满意', '实惠', '一般'],
  a2: ['偏咸', '有点贵', '量少', '很香', '划算', '油腻', '热乎', '踩雷'],
  d: ['很', '非常', '有点', '特别', '超级', '不太'],
  e: ['[哈哈]', '[怒]', '[泪]', '👍', '😡', '', '', ''],
};

const EN = {
  templates: [
    'the {s} was {d} {a}', '{s} is {a} but the {s2} is {a2}', 'not {a} at all {e}', '{d} {a} {s}, would order again',
    "honestly the {s} wasn't {a}", '{e} {s} {a}!!', 'meh {s}, {a2} {s2}', 'love the {s} lol {e}', 'worst {s} ever, {a2}',
    'the {s} arrived today, looks {a}',
  ],
  s: ['battery', 'screen', 'delivery', 'food', 'service', 'app', 'update', 'price', 'camera', 'support', 'pizza', 'driver'],
  s2: ['packaging', 'sound', 'staff', 'fries', 'design'],
  a: ['great', 'good', 'terrible', 'slow', 'amazing', 'ok', 'awful', 'decent', 'fine', 'broken'],
  a2: ['overpriced', 'cold', 'fast', 'buggy', 'tasty', 'cheap', 'lovely'],
  d: ['very', 'really', 'kinda', 'super', 'not', 'so'],
  e: [':)', ':(', '😍', '🙄', '👍', '', '', ''],
};

/** A small LCG so the posts are identical on every run. */
function createRandom(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

/** Generates `count` short posts in `lang`, numbered so texts are not all identical. */
export function generatePosts(lang: 'zh' | 'en', count: number, seed = 42): string[] {
  const spec: Record<string, string[]> = lang === 'zh' ? ZH : EN;
  const pick = createRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const template = spec.templates[pick(spec.templates.length)];
    const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => spec[slot][pick(spec[slot].length)]);
    out.push(i % 5 === 0 ? `${text} #${i % 97}` : text);
  }
  return out;
}
