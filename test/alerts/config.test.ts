import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { COLLECTORS } from '../../src/runtime.js';
import { loadCrisisLexicon } from '../../src/alerts/lexicon.js';
import { compileCrisisLexicon, matchCrisisTerms } from '../../src/analytics/alerts/crisis-terms.js';

const dirs: string[] = [];
function load(file: object, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-alerts-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(file));
  return loadConfig({ env, collectors: COLLECTORS, cwd: dir });
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('alerts config', () => {
  it('defaults to every detector for every brand and no channels', () => {
    const config = load({ demo: true });
    expect(config.alerts?.channels).toEqual([]);
    expect(config.alerts?.rules.map((r) => `${r.brand}:${r.type}`)).toEqual([
      '*:volume_spike', '*:negative_spike', '*:sentiment_drop', '*:crisis_terms', '*:influential_negative', '*:emerging_theme',
    ]);
  });

  it('resolves {"env": NAME} secrets and applies rule defaults', () => {
    const config = load(
      {
        demo: true,
        alerts: {
          channels: [{ id: 'ops', type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: { env: 'DING_SECRET' }, lang: 'zh' }],
          rules: [{ brand: 'freshbee', type: 'crisis_terms', channels: ['ops'] }],
          baseUrl: 'https://koubei.example.com',
        },
      },
      { DING_SECRET: 'SECabc' },
    );
    expect(config.alerts?.channels[0].secret).toBe('SECabc');
    expect(config.alerts?.rules[0]).toMatchObject({ enabled: true, cooldownMinutes: 120, thresholds: {} });
  });

  it('names the bad field: unknown channel type, unknown channel reference, unknown brand', () => {
    expect(() => load({ demo: true, alerts: { channels: [{ id: 'x', type: 'pager', url: 'https://x.test' }] } })).toThrow(/alerts\.channels\.0\.type/);
    expect(() => load({ demo: true, alerts: { rules: [{ brand: '*', type: 'volume_spike', channels: ['nope'] }] } })).toThrow(/alerts\.rules\[0\]\.channels: unknown channel "nope"/);
    expect(() => load({ demo: true, alerts: { rules: [{ brand: 'ghost', type: 'volume_spike' }] } })).toThrow(/unknown brand "ghost"/);
    const quiet = { start: '23:00', end: '07:00', timezone: 'Asia/Shangai' };
    expect(() => load({ demo: true, alerts: { rules: [{ brand: '*', type: 'crisis_terms', quietHours: quiet }] } })).toThrow(
      /alerts\.rules\.0\.quietHours\.timezone: unknown time zone "Asia\/Shangai"/,
    );
    expect(() => load({ demo: true, digest: { schedule: 'daily', quietHours: quiet } })).toThrow(/digest\.quietHours\.timezone: unknown time zone "Asia\/Shangai"/);
  });
});

describe('crisis lexicon (project file)', () => {
  it('loads the listed Chinese and English crisis terms', () => {
    const lexicon = loadCrisisLexicon();
    for (const term of ['投诉', '曝光', '维权', '召回', '食物中毒', '起诉', '315', '避雷', '拉肚子']) expect(lexicon.zh).toContain(term);
    for (const term of ['lawsuit', 'recall', 'boycott', 'food poisoning', 'data breach']) expect(lexicon.en).toContain(term);
    const patterns = compileCrisisLexicon(lexicon);
    expect(matchCrisisTerms('全家食物中毒，已经打了12315投诉', patterns)).toEqual(expect.arrayContaining(['食物中毒', '12315', '投诉']));
    expect(matchCrisisTerms('Thinking about a class action over the data breach', patterns)).toEqual(['class action', 'data breach']);
  });
});
