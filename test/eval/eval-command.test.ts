import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalCommand } from '../../src/cli/commands/eval.js';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr, stdin: new PassThrough(), isTTY: false }, out: () => out, err: () => err };
}

describe('koubei eval', () => {
  it('prints JSON metrics with --json, with AFINN and VADER on English files', async () => {
    const c = capture();
    const file = fileURLToPath(new URL('../fixtures/sentiment-en.jsonl', import.meta.url));
    expect(await evalCommand.run(['--data', file, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.rows).toBe(60);
    expect(report.systems.map((s: { system: string }) => s.system)).toEqual(['koubei', 'afinn (sentiment)', 'vader (vader-sentiment)']);
    expect(report.systems[0].metrics.confusion.pos).toBeDefined();
  });

  it('prints a table for emotion on a mixed file', async () => {
    const c = capture();
    const file = fileURLToPath(new URL('../fixtures/emotion-mini.jsonl', import.meta.url));
    expect(await evalCommand.run(['--data', file, '--task', 'emotion'], c.io)).toBe(0);
    expect(c.out()).toMatch(/accuracy/);
    expect(c.out()).toMatch(/confusion/);
  });

  it('fails with a usage message when --data is missing', async () => {
    const c = capture();
    expect(await evalCommand.run([], c.io)).toBe(2);
    expect(c.err()).toMatch(/--data/);
  });
});
