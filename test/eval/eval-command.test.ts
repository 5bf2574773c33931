import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalCommand } from '../../src/cli/commands/eval.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/cli.js';

/** Writes `content` to `name` in a fresh temp directory and returns its path. */
function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'koubei-eval-')), name);
  writeFileSync(file, content);
  return file;
}

describe('koubei eval', () => {
  it('prints JSON metrics with --json, with AFINN and VADER on English files', async () => {
    const c = captureIo();
    const file = fileURLToPath(new URL('../fixtures/sentiment-en.jsonl', import.meta.url));
    expect(await evalCommand.run(['--data', file, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.rows).toBe(60);
    expect(report.systems.map((s: { system: string }) => s.system)).toEqual(['koubei', 'afinn (sentiment)', 'vader (vader-sentiment)']);
    expect(report.systems[0].metrics.confusion.pos).toBeDefined();
  });

  it('prints a table for emotion on a mixed file', async () => {
    const c = captureIo();
    const file = fileURLToPath(new URL('../fixtures/emotion-mini.jsonl', import.meta.url));
    expect(await evalCommand.run(['--data', file, '--task', 'emotion'], c.io)).toBe(0);
    expect(c.out()).toMatch(/accuracy/);
    expect(c.out()).toMatch(/confusion/);
  });

  it('refuses a missing --data as a usage error (exit 2)', async () => {
    const c = captureIo();
    expect(await main(['eval'], { ...c.io, env: {} })).toBe(2);
    expect(c.err()).toBe('koubei eval: --data FILE.jsonl is required (usage: koubei eval --data FILE.jsonl [--task sentiment|emotion] [--json])\n');
  });

  it('--help prints the usage once and the label synonyms', async () => {
    const c = captureIo();
    expect(await main(['eval', '--help'], { ...c.io, env: {} })).toBe(0);
    expect(c.out()).toMatch(/^usage: koubei eval --data/);
    expect(c.out()).not.toContain('usage: usage:');
    expect(c.out()).toContain('positive, negative and neutral');
  });

  it('skips malformed lines and unknown labels, naming them, and reads label synonyms in any case', async () => {
    const c = captureIo();
    const file = tempFile('mixed.jsonl', [
      '{"text":"Great service, super friendly staff","label":"POS"}',
      '{"text":"Terrible food, never again","label":"negative"}',
      '{oops',
      '{"text":"It arrived on Tuesday","label":"Neutral"}',
      '{"label":"pos"}',
      '{"text":"so so","label":"mixed"}',
    ].join('\n'));
    expect(await evalCommand.run(['--data', file, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.rows).toBe(3);
    expect(report.unreadable.count).toBe(3);
    expect(report.unreadable.first.map((s: { line: number }) => s.line)).toEqual([3, 5, 6]);
    expect(c.err()).toContain('eval: skipped 3 unreadable lines of');
    expect(c.err()).toMatch(/mixed\.jsonl:3: not valid JSON/);
    expect(c.err()).toMatch(/mixed\.jsonl:6: unknown label "mixed"/);
  });

  it('counts the unreadable lines in the header it prints, as stderr does', async () => {
    const c = captureIo();
    const file = tempFile('unreadable.jsonl', ['{"text":"Great service","label":"pos"}', '{oops', '{"label":"pos"}', '{"text":"meh","label":"mixed"}', '{"text":"no label"}'].join('\n'));
    expect(await evalCommand.run(['--data', file], c.io)).toBe(0);
    expect(c.err()).toContain('eval: skipped 3 unreadable lines of');
    expect(c.out().split('\n')[0]).toBe(`${file}: 1 row with a sentiment label (skipped: 3 unreadable lines, 1 row without one; detected en 1)`);
  });

  it('reads a file starting with a UTF-8 byte-order mark', async () => {
    const c = captureIo();
    const file = tempFile('bom.jsonl', '\uFEFF{"text":"Great service, super friendly staff","label":"pos"}\n{"text":"Terrible food, never again","label":"neg"}\n');
    expect(await evalCommand.run(['--data', file, '--json'], c.io)).toBe(0);
    expect(c.err()).toBe('');
    expect(JSON.parse(c.out())).toMatchObject({ rows: 2, unreadable: { count: 0 } });
  });

  it('scores the English-only baselines on the English rows alone, and koubei on those too, saying how many', async () => {
    const file = tempFile('mixed-lang.jsonl', [
      '{"text":"Great service, super friendly staff","label":"pos"}',
      '{"text":"Terrible food, never again","label":"neg"}',
      '{"text":"It arrived on Tuesday","label":"neu"}',
      '{"text":"这家店的菜太难吃了，服务员态度也很差","label":"neg"}',
    ].join('\n'));
    const json = captureIo();
    expect(await evalCommand.run(['--data', file, '--json'], json.io)).toBe(0);
    const systems = JSON.parse(json.out()).systems.map((s: { system: string; metrics: { n: number } }) => [s.system, s.metrics.n]);
    expect(systems).toEqual([['koubei', 4], ['koubei (en rows)', 3], ['afinn (sentiment)', 3], ['vader (vader-sentiment)', 3]]);
    const text = captureIo();
    expect(await evalCommand.run(['--data', file], text.io)).toBe(0);
    expect(text.out()).toMatch(/^afinn \(sentiment\) +3 /m);
    expect(text.out()).toContain('AFINN and VADER are English-only: they are scored on the 3 rows detected as English');
  });

  it('says a file has no emotion labels with the right article', async () => {
    const c = captureIo();
    const file = tempFile('none.jsonl', '{"text":"hello","label":"pos"}\n');
    expect(await main(['eval', '--data', file, '--task', 'emotion'], { ...c.io, env: {} })).toBe(1);
    expect(c.err()).toContain(`koubei eval: no rows in ${file} carry an emotion label`);
  });
});
