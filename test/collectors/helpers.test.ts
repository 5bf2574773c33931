import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { compareNumericIds, decodeCursor, encodeCursor, rememberIds } from '../../src/collectors/cursor.js';
import { decodeBody, redactUrl } from '../../src/collectors/fetch-body.js';
import { declaredLang } from '../../src/collectors/declared-lang.js';
import { matchesKeywords } from '../../src/collectors/keywords.js';
import { toIsoUtc, tryIsoUtc } from '../../src/collectors/time.js';
import { z } from 'zod';

describe('cursor helpers', () => {
  const schema = z.object({ since: z.number() });

  it('round-trips a JSON cursor and treats missing ones as a first run', () => {
    expect(decodeCursor(encodeCursor({ since: 5 }), schema)).toEqual({ since: 5 });
    expect(decodeCursor(null, schema)).toBeNull();
  });

  it('logs and ignores unreadable or outdated cursors instead of failing every run', () => {
    const warnings: string[] = [];
    const log = { info: () => {}, error: () => {}, warn: (msg: string) => void warnings.push(msg) };
    expect(decodeCursor('{"since":', schema, log)).toBeNull();
    expect(decodeCursor('{"since":"yesterday"}', schema, log)).toBeNull();
    expect(warnings).toHaveLength(2);
  });

  it('remembers distinct ids newest first, capped', () => {
    expect(rememberIds(['c', 'b'], ['b', 'a'], 3)).toEqual(['c', 'b', 'a']);
    expect(rememberIds(['d', 'c'], ['b', 'a'], 3)).toEqual(['d', 'c', 'b']);
  });

  it('compares snowflake ids beyond 2^53 exactly', () => {
    expect(compareNumericIds('114650000000000003', '114650000000000002')).toBe(1);
    expect(compareNumericIds('99', '100')).toBe(-1);
    expect(compareNumericIds('7', '7')).toBe(0);
  });
});

describe('time helpers', () => {
  it.each([
    ['Tue, 10 Jun 2025 12:30:00 +0800', '2025-06-10T04:30:00.000Z'],
    ['2025-06-10T04:12:33-07:00', '2025-06-10T11:12:33.000Z'],
    ['2025-06-10T11:50:01.123Z', '2025-06-10T11:50:01.123Z'],
    [1749556800, '2025-06-10T12:00:00.000Z'],
    // Without an offset: UTC on every host, not the host's zone.
    ['2025-06-10 12:00:00', '2025-06-10T12:00:00.000Z'],
    ['Tue, 10 Jun 2025 12:00:00', '2025-06-10T12:00:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(toIsoUtc(input, 'date')).toBe(iso);
  });

  it('names the field of an unreadable date', () => {
    expect(() => toIsoUtc('last Tuesday', 'pubDate')).toThrow(ParseError);
    expect(() => toIsoUtc('last Tuesday', 'pubDate')).toThrow('expected a date in pubDate, instead found "last Tuesday"');
    expect(tryIsoUtc('soon')).toBeUndefined();
    expect(() => toIsoUtc(1e300, 'created_utc')).toThrow('expected a date in created_utc');
  });
});

describe('body helpers', () => {
  it('masks credentials in URLs', () => {
    expect(redactUrl('https://x.example/v3?part=snippet&key=AIza123&pageToken=abc')).toBe('https://x.example/v3?part=snippet&key=***&pageToken=abc');
    expect(redactUrl('https://x.example/?access_token=t0k')).toBe('https://x.example/?access_token=***');
  });

  it('decodes by header charset, XML declaration, then UTF-8', () => {
    const gbk = Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好 in GBK
    expect(decodeBody(gbk, 'text/xml; charset=gbk')).toBe('你好');
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GB2312"?><t>'), gbk, Buffer.from('</t>')]);
    expect(decodeBody(declared, 'application/xml')).toBe('<?xml version="1.0" encoding="GB2312"?><t>你好</t>');
    expect(decodeBody(Buffer.from('héllo'), null)).toBe('héllo');
    expect(decodeBody(Buffer.from('ok'), 'text/plain; charset=x-unknown')).toBe('ok');
  });
});

describe('matchesKeywords', () => {
  it('matches case-insensitive substrings, including Chinese, and passes everything without keywords', () => {
    expect(matchesKeywords('我很喜欢 ACME 手机', ['acme'])).toBe(true);
    expect(matchesKeywords('客服太慢', ['客服'])).toBe(true);
    expect(matchesKeywords('unrelated', ['acme'])).toBe(false);
    expect(matchesKeywords('anything', [])).toBe(true);
  });

  it('matches traditional and simplified characters alike, on either side', () => {
    expect(matchesKeywords('鮮蜂外賣又遲到了', ['鲜蜂'])).toBe(true);
    expect(matchesKeywords('鲜蜂外卖又迟到了', ['鮮蜂'])).toBe(true);
  });
});

describe('declaredLang', () => {
  it('keeps the primary subtag of a BCP-47 tag', () => {
    expect(['zh-Hant-TW', 'EN_us', 'ja', '', 'not a tag', null].map(declaredLang)).toEqual(['zh', 'en', 'ja', undefined, undefined, undefined]);
  });
});
