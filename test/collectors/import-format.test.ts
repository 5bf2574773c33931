import { describe, expect, it } from 'vitest';
import { detectFormat, parseImport } from '../../src/collectors/import-format.js';
import { readCsv } from '../../src/collectors/csv.js';

const now = new Date('2026-11-22T00:00:00Z');

describe('parseImport: CSV', () => {
  it('maps columns, keeps good rows and records a broken row with its line number', () => {
    const csv = [
      'post_id,content,user,time,stars',
      '1,"Great coffee, friendly staff",amy,2026-11-20T08:00:00Z,5',
      '2,"He said ""meh""",bob,2026-11-20T09:00:00Z',
      '3,"多行\n评论：味道不错",cat,2026-11-20T10:00:00Z,4',
      '4,,dan,2026-11-20T11:00:00Z,3',
    ].join('\r\n');
    const result = parseImport(csv, {
      format: 'csv',
      source: 'crm',
      now,
      columns: { id: 'post_id', text: 'content', author: 'user', created_at: 'time', rating: 'stars' },
    });
    expect(result.posts.map((p) => [p.externalId, p.text, p.author?.id, p.engagement?.rating])).toEqual([
      ['1', 'Great coffee, friendly staff', 'amy', 5],
      ['3', '多行\n评论：味道不错', 'cat', 4],
    ]);
    expect(result.skipped).toEqual([
      { line: 3, reason: 'expected 5 columns, found 4' },
      { line: 6, reason: '"text" is empty' },
    ]);
  });

  it('skips only the row with an unterminated quote and reads the rows after it', () => {
    const result = parseImport('id,text\n1,fine\n2,"never closed\n3,kept', { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => p.text)).toEqual(['fine', 'kept']);
    expect(result.skipped).toEqual([{ line: 3, reason: 'CSV: unterminated quoted field starting on line 3' }]);
  });

  it('does not let a broken quote swallow the next row through that row\'s own opening quote', () => {
    const csv = 'id,text,author\n1,"ok",amy\n2,"broken quote,bob\n3,"next row",carl\n4,last,dan\n';
    const result = parseImport(csv, { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => [p.externalId, p.text])).toEqual([['1', 'ok'], ['3', 'next row'], ['4', 'last']]);
    expect(result.skipped).toEqual([{ line: 3, reason: 'CSV: unterminated quoted field starting on line 3' }]);
  });

  it('reads a multi-line quoted field whose last line holds a comma and a digit as one row', () => {
    const result = parseImport('id,text,author\n1,"Great phone\nprice was 1,299",amy\n', { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => [p.externalId, p.text, p.author?.id])).toEqual([['1', 'Great phone\nprice was 1,299', 'amy']]);
    expect(result.skipped).toEqual([]);
  });

  it('reads a multi-line quoted field ending in a digit as one row when it is the first column', () => {
    const result = parseImport('text,id\n"Loved it.\nRated 5",a1\n', { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => [p.externalId, p.text])).toEqual([['a1', 'Loved it.\nRated 5']]);
    expect(result.skipped).toEqual([]);
  });

  it('reads a multi-line quoted field ending in a digit as one row in a single-column file', () => {
    const result = parseImport('text\n"Loved it.\nWould rate 10"', { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => p.text)).toEqual(['Loved it.\nWould rate 10']);
    expect(result.skipped).toEqual([]);
  });

  it('reads an unbalanced quote closed by a later inch mark the RFC 4180 way, joining the rows (README: accepted limit)', () => {
    const result = parseImport('id,text,author\n1,"broken 12,x\n2,a 12",bob\n', { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => [p.externalId, p.text, p.author?.id])).toEqual([['1', 'broken 12,x\n2,a 12', 'bob']]);
    expect(result.skipped).toEqual([]);
  });

  it('still reads a multi-line quoted field as one row when its last line has commas or ends in a number', () => {
    const csv = 'id,text,author\n1,"Great food, nice.\nService slow, though.",amy\n2,"Order total:\n42",bob\n3,ok,cat\n';
    const result = parseImport(csv, { format: 'csv', source: 'f', now });
    expect(result.posts.map((p) => [p.externalId, p.text, p.author?.id])).toEqual([
      ['1', 'Great food, nice.\nService slow, though.', 'amy'],
      ['2', 'Order total:\n42', 'bob'],
      ['3', 'ok', 'cat'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('numbers records after a multi-line quoted field and a broken one by their physical lines', () => {
    const records = [...readCsv('a,"x\r\ny"\r\nb,"open\r\nc,d\r\n')];
    expect(records).toEqual([
      { line: 1, fields: ['a', 'x\r\ny'] },
      { line: 3, problem: 'CSV: unterminated quoted field starting on line 3' },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('reads quoted fields with doubled quotes and embedded newlines', () => {
    expect([...readCsv('a,"b ""x""\nc",d\n')]).toEqual([{ line: 1, fields: ['a', 'b "x"\nc', 'd'] }]);
  });
});

describe('parseImport: JSON lines', () => {
  it('reports malformed and text-less lines by number and ignores unknown fields', () => {
    const body = ['{"id":"a","text":"ok one","extra":{"x":1}}', '{not json', '{"id":"c"}', '', '{"text":"no id","created_at":1763600000}'].join('\n');
    const result = parseImport(body, { format: 'jsonl', source: 'push', now });
    expect(result.posts.map((p) => p.text)).toEqual(['ok one', 'no id']);
    expect(result.posts[1].createdAt).toBe('2025-11-20T00:53:20.000Z');
    expect(result.skipped.map((s) => [s.line, s.reason.slice(0, 20)])).toEqual([
      [2, 'malformed JSON: Expe'],
      [3, 'missing "text" (expe'],
    ]);
  });

  it('gives a post without id the same stable id on every import', () => {
    const line = '{"text":"same text","author":"zoe"}';
    const first = parseImport(line, { format: 'jsonl', source: 's', now });
    const second = parseImport(line, { format: 'jsonl', source: 's', now: new Date('2027-01-01') });
    expect(first.posts[0].externalId).toBe(second.posts[0].externalId);
  });

  it('refuses a malformed JSON array as a whole, naming the line of the error', () => {
    const array = ['[', '{"id":"1","text":"fine"},', '{"id":"2","text":"broken"', ']'].join('\n');
    expect(() => parseImport(array, { format: 'json', source: 's', now })).toThrow(/^malformed JSON array at line 4: /);
    expect(() => parseImport('[\n{"id":"1","text":"cut off"},\n', { format: 'json', source: 's', now })).toThrow(/^malformed JSON array at line 3: Unexpected end/);
    // V8 gives no position for a bad token, only the text around it, over several lines.
    const badToken = ['[', '{"id":"1","text":"fine"},', '{"id":"2","text":tru},', '{"id":"3","text":"x"}', ']'].join('\n');
    expect(() => parseImport(badToken, { format: 'json', source: 's', now })).toThrow(/^malformed JSON array: [^\n]*is not valid JSON$/);
  });

  it('rejects an invalid date with the value it found', () => {
    const result = parseImport('{"text":"x","created_at":"yesterday-ish"}', { format: 'jsonl', source: 's', now });
    expect(result.skipped[0].reason).toContain('yesterday-ish');
  });

  it('keeps a post whose optional fields are null or counts written the way people write them', () => {
    const body = [
      '{"id":"1","text":"送餐太慢了","title":null,"likes":null,"url":null,"author":{"id":"u1","followers":null}}',
      '{"id":"2","text":"很好吃","likes":"1,234","reposts":"1.13万","replies":"32.3k","rating":"★★★★☆"}',
      '{"id":"3","text":"odd counts","likes":"N/A","rating":"five"}',
      '{"id":"5","text":"halves","likes":3.7,"rating":"4.5","author":{"id":"u5","followers":"1.13万"}}',
      '{"id":"4","text":null}',
    ].join('\n');
    const result = parseImport(body, { format: 'jsonl', source: 's', now });
    expect(result.posts.map((p) => [p.externalId, p.title, p.author?.id, p.engagement])).toEqual([
      ['1', undefined, 'u1', undefined],
      ['2', undefined, undefined, { likes: 1234, reposts: 11300, replies: 32300, rating: 4 }],
      ['3', undefined, undefined, undefined],
      ['5', undefined, 'u5', { likes: 4, rating: 4.5 }],
    ]);
    expect(result.posts[3].author?.followers).toBe(11300);
    expect(result.skipped).toEqual([{ line: 5, reason: 'missing "text" (expected a string)' }]);
  });

  it('reads dates the same on every host and refuses digit strings that are no date', () => {
    const row = (created: string | number) => parseImport(JSON.stringify({ text: 'x', created_at: created }), { format: 'jsonl', source: 's', now });
    const at = (created: string | number) => row(created).posts[0]?.createdAt;
    expect(at('2025-06-10 12:00:00')).toBe('2025-06-10T12:00:00.000Z');
    expect(at('2025-06-10T12:00:00+08:00')).toBe('2025-06-10T04:00:00.000Z');
    expect(at('Tue, 10 Jun 2025 04:00:00 +0800')).toBe('2025-06-09T20:00:00.000Z');
    expect(at('2025/06/10 12:00')).toBe('2025-06-10T12:00:00.000Z');
    expect(at('20250610')).toBe('2025-06-10T00:00:00.000Z');
    expect(at(20250610)).toBe('2025-06-10T00:00:00.000Z');
    expect(at('1749556800')).toBe('2025-06-10T12:00:00.000Z');
    for (const bad of ['2025', 2025, '20251340', '2025-02-30', 1e300, -1e20, '99999999999999999']) {
      expect(row(bad).skipped[0].reason, String(bad)).toMatch(/^created_at: expected an ISO date or epoch, found/);
    }
  });

  it('stores the valid posts of a batch when one has a date beyond what a JavaScript date holds', () => {
    const result = parseImport('[{"id":"h5","text":"fine"},{"id":"h6","text":"far","createdAt":1e300}]', { format: 'json', source: 's', now });
    expect(result.posts.map((p) => p.externalId)).toEqual(['h5']);
    expect(result.skipped).toHaveLength(1);
  });

  it('names a skipped element of a pretty-printed JSON array by the line it starts on', () => {
    const array = ['[', '  {', '    "id": "1",', '    "text": "fine"', '  },', '  {', '    "id": "2",', '    "text": ""', '  }', ']'].join('\n');
    expect(parseImport(array, { format: 'json', source: 's', now }).skipped).toEqual([{ line: 6, reason: '"text" is empty' }]);
    expect(parseImport('[{"text":"a"}, {"text":""}]', { format: 'json', source: 's', now }).skipped[0].line).toBe(1);
  });
});

describe('detectFormat', () => {
  it('reads CSV from the extension or content type only, not from a folder name', () => {
    expect(detectFormat('/data/csv-exports/reviews.jsonl', '{"text":"a"}')).toBe('jsonl');
    expect(detectFormat('/data/reviews.CSV', 'text\na')).toBe('csv');
    expect(detectFormat('text/csv; charset=utf-8', 'text\na')).toBe('csv');
    expect(detectFormat('application/json', '[{"text":"a"}]')).toBe('json');
  });
});
