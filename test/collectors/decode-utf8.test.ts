import { describe, expect, it } from 'vitest';
import { decodeUtf8File } from '../../src/collectors/decode-utf8.js';

// "太难吃了" in GBK: bytes that are not valid UTF-8.
const GBK_LINE = Buffer.from([0x32, 0x2c, 0xcc, 0xab, 0xc4, 0xd1, 0xb3, 0xd4, 0xc1, 0xcb]);

describe('decodeUtf8File', () => {
  it('passes valid UTF-8 through unchanged', () => {
    expect(decodeUtf8File(Buffer.from('id,text\n1,好吃\n'), 'a.csv')).toEqual({ text: 'id,text\n1,好吃\n', skipped: [] });
  });

  it('blanks and names each line that is not UTF-8 in an otherwise UTF-8 file, keeping the other line numbers', () => {
    const bytes = Buffer.concat([Buffer.from('id,text\n1,好吃\n'), GBK_LINE, Buffer.from('\n3,ok\n')]);
    const decoded = decodeUtf8File(bytes, 'mixed.csv');
    expect(decoded.text).toBe('id,text\n1,好吃\n\n3,ok\n');
    expect(decoded.skipped).toHaveLength(1);
    expect(decoded.skipped[0].line).toBe(3);
    expect(decoded.skipped[0].reason).toMatch(/not valid UTF-8.*iconv -f GBK -t UTF-8 mixed\.csv > mixed-utf8\.csv/);
  });

  it('skips each line that is not UTF-8 even when no line holds UTF-8 beyond ASCII, keeping the ASCII rows', () => {
    const bytes = Buffer.concat([Buffer.from('id,text\n'), GBK_LINE, Buffer.from('\n3,ok\n'), GBK_LINE]);
    const decoded = decodeUtf8File(bytes, 'gbk.csv');
    expect(decoded.text).toBe('id,text\n\n3,ok\n');
    expect(decoded.skipped.map((s) => s.line)).toEqual([2, 4]);
    expect(decoded.skipped[0].reason).toMatch(/not valid UTF-8.*iconv -f GBK -t UTF-8 gbk\.csv > gbk-utf8\.csv/);
  });
});
