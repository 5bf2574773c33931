import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, main } from '../../src/cli/main.js';
import { integerOption, UsageError } from '../../src/cli/options.js';
import { NotFoundError } from '../../src/errors.js';
import { captureIo } from '../helpers/cli.js';

async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-cli-errors-'));
  const { io, out, err } = captureIo();
  const env = { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_DEMO: 'false', KOUBEI_CONFIG: join(dir, 'none.json') };
  const code = await main(argv, { ...io, env });
  return { code, stdout: out(), stderr: err() };
}

describe('cli errors', () => {
  it.each([
    [['alerts', 'list', '--limit', 'abc'], '--limit: expected an integer from 1 to 10000, found "abc"'],
    [['alerts', 'list', '--limit', '1.5'], '--limit: expected an integer from 1 to 10000, found "1.5"'],
    [['alerts', 'list', '--limit=-1'], '--limit: expected an integer from 1 to 10000, found "-1"'],
    [['purge', '--days', '-5'], "Option '--days' argument is ambiguous."],
    [['purge', '--days=0'], '--days: expected a positive integer, found "0"'],
    [['serve', '--port', '70000'], '--port: expected an integer from 0 to 65535, found "70000"'],
    [['ingest', 'x.csv', '--bogus'], "Unknown option '--bogus'"],
    [['sources', '--json'], "Unknown option '--json'"],
    [['sources', 'extra'], "Unexpected argument 'extra'"],
    [['rematch', '--bogus'], "Unknown option '--bogus'"],
    [['migrate', '--bogus'], "Unknown option '--bogus'"],
    [['scheduler', '--bogus'], "Unknown option '--bogus'"],
    [['alerts', 'check', '--bogus'], "Unknown option '--bogus'"],
    [['alerts', 'test'], '--channel ID is required for alerts test'],
  ])('%j is a one-line usage error with exit code 2', async (argv, message) => {
    const result = await runMain(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/\(usage: koubei \w+/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints typed and file-system errors as their message (exit 1), and hides an unexpected stack unless debugging', () => {
    expect(describeFailure(new NotFoundError('no brand "x"'), false)).toEqual({ message: 'no brand "x"', code: 1 });
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/nope'"), { code: 'ENOENT', syscall: 'open' });
    expect(describeFailure(enoent, false)).toEqual({ message: "ENOENT: no such file or directory, open '/nope'", code: 1 });
    const bug = new TypeError('x is undefined');
    expect(describeFailure(bug, false)).toEqual({ message: 'x is undefined (TypeError; LOG_LEVEL=debug prints the stack trace)', code: 1 });
    expect(describeFailure(bug, true).message).toContain('\n    at ');
  });

  it('says a mistyped --brand is unknown instead of "no alerts yet", and says when there are no API keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-cli-brand-'));
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: false, brands: [{ id: 'acme', name: 'Acme' }] }));
    const env = { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_CONFIG: join(dir, 'koubei.config.json') };
    const alerts = captureIo();
    expect(await main(['alerts', 'list', '--brand', 'nope'], { ...alerts.io, env })).toBe(1);
    expect(alerts.err()).toContain('brand "nope" not found (known: acme)');
    const keys = captureIo();
    expect(await main(['keys', 'list'], { ...keys.io, env })).toBe(0);
    expect(keys.out()).toBe('no API keys yet (koubei keys create --scopes …)\n');
  });

  it('integerOption accepts integers in range and names the flag otherwise', () => {
    expect(integerOption(undefined, '--n')).toBeUndefined();
    expect(integerOption('20', '--n')).toBe(20);
    expect(integerOption('0', '--port', { min: 0, max: 65_535 })).toBe(0);
    for (const bad of ['abc', '1.5', '-1', '', '1e3', '0x10']) expect(() => integerOption(bad, '--n')).toThrow(UsageError);
  });
});
