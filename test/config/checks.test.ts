import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { COLLECTORS } from '../../src/runtime.js';
import { loadSegmenters } from '../../src/resources/segmenters.js';

const dirs: string[] = [];
function load(file: object, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-config-checks-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(file));
  return loadConfig({ env, collectors: COLLECTORS, cwd: dir });
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const brand = (id: string, extra: object = {}) => ({ id, name: id.toUpperCase(), ...extra });

describe('config checks at start', () => {
  it('names the brand whose query does not parse', () => {
    expect(() => load({ brands: [brand('a'), brand('b', { query: '(x OR' })] })).toThrow(/brands\[1\] \("b"\): query: expected a word, phrase or "\(" at the end/);
  });

  it('rejects a brand competing with itself, and accepts a competitor only the store may know (added through the API)', () => {
    expect(() => load({ brands: [brand('a', { competitors: ['a'] })] })).toThrow(/a brand cannot be its own competitor/);
    expect(load({ brands: [brand('a', { competitors: ['api-brand'] })] }).brands[0].competitors).toEqual(['api-brand']);
  });

  it('rejects an unknown time zone with the field that set it', () => {
    expect(() => load({ timezone: 'Mars/Olympus' })).toThrow(/timezone: unknown time zone "Mars\/Olympus"/);
    expect(() => load({}, { TZ_KOUBEI: 'Nowhere/Land' })).toThrow(/TZ_KOUBEI: unknown time zone/);
    expect(load({ timezone: 'Asia/Shanghai' }).timezone).toBe('Asia/Shanghai');
  });

  it('caps brand aliases so one brand cannot bloat the dictionary loaded at every start', () => {
    const aliases = Array.from({ length: 201 }, (_, i) => `alias${i}`);
    expect(() => load({ brands: [brand('a', { aliases })] })).toThrow(/aliases/);
  });
});

describe('jieba user words', () => {
  it('loads a very long word list without overflowing the call stack', () => {
    const words = Array.from({ length: 200_000 }, (_, i) => `词${i.toString(36)}`);
    expect(loadSegmenters({ extraWords: words }).zh('我买了词abc')).toContain('词abc');
  });
});

describe('demo config', () => {
  it('checks demoSchedule even while the demo is off', () => {
    expect(() => load({ demo: false, demoSchedule: 'nope' })).toThrow(/demoSchedule: expected a cron expression, found "nope"/);
    expect(() => load({ demo: true, demoSchedule: 'nope' })).toThrow(/demoSchedule: expected a cron expression/);
  });
});

describe('profiles config', () => {
  it('refuses a misspelt tag in enabledTags instead of switching every other tag off', () => {
    expect(() => load({ profiles: { enabledTags: ['parenting', 'price_sensitiv'] } })).toThrow(/profiles\.enabledTags\.1: unknown tag "price_sensitiv" \(known: fitness, /);
    expect(load({ profiles: { enabledTags: ['parenting', 'pets'] } }).profiles?.enabledTags).toEqual(['parenting', 'pets']);
  });
});
