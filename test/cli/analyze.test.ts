import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('koubei analyze', () => {
  it('writes exactly one JSON line per input line to stdout, and nothing else', async () => {
    const input = [
      JSON.stringify({ id: 'z1', text: '这家店的菜太难吃了，服务员态度也很差' }),
      JSON.stringify({ id: 'e1', text: 'Absolutely love the new update, battery lasts all day!' }),
      '{"id": "broken"',
      JSON.stringify({ id: 'no-text', body: 'x' }),
      JSON.stringify({ id: 't1', text: '這家餐廳的服務態度真好，下次還會再來' }),
      JSON.stringify({ id: 'emoji', text: '😡😡😡' }),
      JSON.stringify({ id: 'mixed', text: 'iPhone 的拍照真的太强了 amazing' }),
    ].join('\n');
    const result = await runCli(['analyze'], { input });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const out = lines.map((line) => JSON.parse(line));
    expect(out.map((o) => o.id ?? null)).toEqual(['z1', 'e1', null, 'no-text', 't1', 'emoji', 'mixed']);
    expect(out[0]).toMatchObject({ lang: 'zh', sentiment: { label: 'neg' } });
    expect(out[1]).toMatchObject({ lang: 'en', sentiment: { label: 'pos' } });
    expect(out[2]).toMatchObject({ line: 3, error: expect.stringContaining('malformed JSON') });
    expect(out[3]).toMatchObject({ line: 4, error: expect.stringContaining('text') });
    expect(out[4]).toMatchObject({ lang: 'zh', sentiment: { label: 'pos' } });
    for (const o of [out[0], out[1], out[4], out[5], out[6]]) {
      expect(o.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(o.sentiment.score).toBeLessThanOrEqual(1);
      expect(Array.isArray(o.themes)).toBe(true);
      expect(o.emotion).toHaveProperty('label');
    }
  });

  it('analyses each TEXT argument as its own post', async () => {
    const result = await runCli(['analyze', 'I love it', '讨厌']);
    const out = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(out).toMatchObject([{ id: 1, lang: 'en', sentiment: { label: 'pos' } }, { id: 2, lang: 'zh', sentiment: { label: 'neg' } }]);
  });

  it('reads --input and writes --output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-analyze-'));
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify({ id: 7, text: 'meh' })}\n`);
    const result = await runCli(['analyze', '--input', join(dir, 'in.jsonl'), '--output', join(dir, 'out.jsonl')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.jsonl'), 'utf8'))).toMatchObject({ id: 7, sentiment: { label: expect.any(String) } });
  });

  it.each([
    ['--input', true],
    ['stdin', false],
  ])('fails with one line naming an --output path that cannot be written (input from %s)', async (_from, fromFile) => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-analyze-'));
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify({ id: 1, text: 'meh' })}\n`);
    const output = join(dir, 'missing-dir', 'out.jsonl');
    const input = fromFile ? ['--input', join(dir, 'in.jsonl')] : [];
    const result = await runCli(['analyze', ...input, '--output', output], { input: fromFile ? '' : readFileSync(join(dir, 'in.jsonl'), 'utf8') });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`koubei analyze: ENOENT: no such file or directory, open '${output}'\n`);
  });

  it('answers a blank line between posts with an error object, so output lines pair with input lines, and ignores blank lines at the end', async () => {
    const input = `${JSON.stringify({ id: 'a', text: 'I love it' })}\n\n   \n${JSON.stringify({ id: 'd', text: '讨厌' })}\n\n`;
    const result = await runCli(['analyze'], { input });
    expect(result.code).toBe(0);
    const out = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(out).toMatchObject([
      { id: 'a' },
      { line: 2, error: expect.stringContaining('empty line') },
      { line: 3, error: expect.stringContaining('empty line') },
      { id: 'd' },
    ]);
    expect(out).toHaveLength(4);
  });

  it('reads a file starting with a UTF-8 byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-analyze-'));
    writeFileSync(join(dir, 'bom.jsonl'), `\uFEFF${JSON.stringify({ id: 1, text: 'I love it' })}\n${JSON.stringify({ id: 2, text: '讨厌' })}\n`);
    const result = await runCli(['analyze', '--input', join(dir, 'bom.jsonl')]);
    const out = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(out).toMatchObject([{ id: 1, sentiment: { label: 'pos' } }, { id: 2, sentiment: { label: 'neg' } }]);
  });
});

describe('koubei analyze with a configuration', () => {
  const configured = (config: unknown): Record<string, string> => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-analyze-config-'));
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(config));
    return { KOUBEI_CONFIG: join(dir, 'koubei.config.json'), KOUBEI_DB: join(dir, 'k.db') };
  };
  const analyzeOne = async (text: string, env: Record<string, string>) => JSON.parse((await runCli(['analyze', text], { env })).stdout);
  const termsOf = (o: { sentiment: { explanation: { terms: { text: string }[] } } }) => o.sentiment.explanation.terms.map((t) => t.text);

  it('reads the configured brands as names, as the stored analysis does', async () => {
    const text = 'Swift Eats came today';
    const unbranded = await analyzeOne(text, configured({ demo: false }));
    expect(unbranded.aspects).toMatchObject([{ aspect: 'taste', term: 'eats' }]);
    expect(termsOf(unbranded)).toContain('swift');
    const branded = await analyzeOne(text, configured({ demo: false, brands: [{ id: 'swifteats', name: 'SwiftEats', aliases: ['Swift Eats'] }] }));
    expect(branded.aspects).toEqual([]);
    expect(termsOf(branded)).not.toContain('swift');
  });

  it('reads only the brands: a secret another block needs does not stop it, and no file means no (demo) brands', async () => {
    const channel = { id: 'ops', type: 'slack', url: { env: 'KOUBEI_TEST_UNSET_WEBHOOK' } };
    const brand = { id: 'swifteats', name: 'Swift Eats', aliases: [], query: { env: 'KOUBEI_TEST_BRAND_QUERY' } };
    const env = { ...configured({ brands: [brand], alerts: { channels: [channel] } }), KOUBEI_TEST_BRAND_QUERY: '"Swift Eats"' };
    const withSecret = await runCli(['analyze', 'Swift Eats came today'], { env });
    expect(withSecret.code).toBe(0);
    expect(JSON.parse(withSecret.stdout).aspects).toEqual([]);
    const noFile = await runCli(['analyze', 'Swift Eats came today'], { cwd: mkdtempSync(join(tmpdir(), 'koubei-analyze-nofile-')), env: { KOUBEI_CONFIG: '' } });
    expect(JSON.parse(noFile.stdout).aspects).toMatchObject([{ aspect: 'taste', term: 'eats' }]);
  });

  it('fails on broken brands in the configuration with one line naming the field', async () => {
    const result = await runCli(['analyze', 'I love it'], { env: configured({ brands: [{ id: 'acme' }] }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^koubei analyze: \S+koubei\.config\.json: brands\.0\.name: .+\n$/);
  });
});
